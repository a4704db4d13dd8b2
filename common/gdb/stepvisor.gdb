# gdb helpers for stepvisor; `make gdb LESSON=NN` loads this file.
#
#   syndrome [2|3]   decode ESR_ELx, ELR_ELx and FAR_ELx (default EL2)
#   el               the exception level the CPU is at now
#   uart             what the image has printed so far
#
# The seed's debugging tip: a dummy vector entry spins in place, so after an
# unexpected exception, interrupt (Ctrl-C) and type `syndrome 3` or
# `syndrome 2` to read why the CPU got there.

set pagination off
set confirm off

python
import gdb

_uart_log = [None]

def _reg(name):
    try:
        return int(gdb.parse_and_eval("$" + name)) & 0xffffffffffffffff
    except gdb.error:
        return None

def _ec_name(ec):
    # The same table the hypervisor prints from (common/lib/esr.c).
    try:
        s = gdb.parse_and_eval("esr_ec_names[%d]" % ec)
        return s.string() if int(s) else "reserved EC"
    except gdb.error:
        return "(no esr_ec_names in this image)"

class StepvisorAttach(gdb.Command):
    """stepvisor-attach PORT UARTLOG: connect to QEMU's gdb stub."""
    def __init__(self):
        super().__init__("stepvisor-attach", gdb.COMMAND_USER)
    def invoke(self, arg, from_tty):
        port, log = arg.split()
        _uart_log[0] = log
        gdb.execute("target remote localhost:" + port)
        print("stepvisor: attached; try `break hyp_main`, `continue`, "
              "`syndrome`, `el`, `uart`")

class Syndrome(gdb.Command):
    """syndrome [EL]: decode ESR_ELx, ELR_ELx and FAR_ELx (EL 2 by default)."""
    def __init__(self):
        super().__init__("syndrome", gdb.COMMAND_USER)
    def invoke(self, arg, from_tty):
        el = (arg.strip() or "2")
        esr, elr, far = (_reg(r + "_EL" + el) for r in ("ESR", "ELR", "FAR"))
        if esr is None:
            print("ESR_EL%s is not readable here" % el)
            return
        ec, il, iss = (esr >> 26) & 0x3f, (esr >> 25) & 1, esr & 0x1ffffff
        print("ESR_EL%s = 0x%08x: EC 0x%02x %s, IL %d, ISS 0x%07x"
              % (el, esr, ec, _ec_name(ec), il, iss))
        if ec in (0x24, 0x25):
            srt = iss >> 16 & 31
            print("  data abort: ISV %d SAS %d SRT %d (%s) WnR %d DFSC 0x%02x"
                  % (iss >> 24 & 1, iss >> 22 & 3, srt,
                     "xzr" if srt == 31 else "x%d" % srt,
                     iss >> 6 & 1, iss & 0x3f))
        print("ELR_EL%s = 0x%016x" % (el, elr))
        # As common/lib/esr.c's esr_far_valid(): aborts (unless FnV),
        # PC alignment, watchpoints.
        far_valid = (ec in (0x20, 0x21, 0x24, 0x25) and not iss >> 10 & 1) \
            or ec in (0x22, 0x34, 0x35)
        if far_valid:
            print("FAR_EL%s = 0x%016x" % (el, far))
        else:
            print("FAR_EL%s is not valid for this EC" % el)
        gdb.execute("info symbol 0x%x" % elr)

class CurrentEl(gdb.Command):
    """el: the exception level now (from CPSR.M; $CurrentEL is not readable)."""
    def __init__(self):
        super().__init__("el", gdb.COMMAND_USER)
    def invoke(self, arg, from_tty):
        cpsr = _reg("cpsr")
        if cpsr is None:
            # As syndrome: while the CPU runs, or after QEMU powered off,
            # gdb has no registers to read.
            print("CPSR is not readable now: the CPU is running, or QEMU has exited")
            return
        print("EL%d%s" % ((cpsr >> 2) & 3, "h" if cpsr & 1 else "t"))

class Uart(gdb.Command):
    """uart: print what the image has written to its UART so far."""
    def __init__(self):
        super().__init__("uart", gdb.COMMAND_USER)
    def invoke(self, arg, from_tty):
        try:
            print(open(_uart_log[0]).read(), end="")
        except (OSError, TypeError):
            print("(no UART output yet)")

StepvisorAttach(); Syndrome(); CurrentEl(); Uart()
end
