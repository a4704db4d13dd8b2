#!/usr/bin/python3
"""bench.py: Debian's kernel, directly on QEMU and under the hypervisor.

`make bench LESSON=08` (or /usr/bin/python3 lessons/08-linux-guest/bench/bench.py)
boots the same kernel Image, initramfs and device tree twice on the same
QEMU, -icount shift=0 (one instruction = 1 ns, so every count is exact and
the same each run):

  direct      QEMU starts direct.S at EL2, which enters Linux at EL1 as
              the boot protocol says and counts every instruction, at
              every EL, with a PMU counter, until Linux's PSCI SYSTEM_OFF
  hypervisor  lesson 08 built with ALONE=1 (Linux, no counter beside it);
              its table gives the instructions of Linux and of the
              hypervisor from Linux's first instruction to its SYSTEM_OFF

each twice: with /init powering off at once (stepvisor.bench=init on the
command line: the count to /init), and with the lesson's whole /init (the
count to power-off). The device tree is the one the hypervisor writes,
dumped from its memory with gdb before Linux starts. It prints the counts,
their ratio, the wall times and the exits that make up the difference.
"""
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
LESSON = os.path.dirname(HERE)
KIT = os.path.dirname(os.path.dirname(LESSON))
OUT = os.path.join(KIT, "build", "08-linux-guest+alone")
CROSS = os.environ.get("CROSS_COMPILE", "aarch64-linux-gnu-")
QEMU = os.environ.get("QEMU", "qemu-system-aarch64")
BASE_ARGS = "console=ttyAMA0 loglevel=0 cryptomgr.notests"
# Where the guest's pieces are, as the guest sees them (linux.h), and where
# the hypervisor wrote its device tree (LINUX_RAM_PA). The direct run puts
# the tree 1 MiB higher (direct.S): QEMU keeps its own at 0x40000000.
KERNEL, INITRD, DTB_DIRECT, DTB_PA = 0x40200000, 0x44000000, 0x40100000, 0x48000000
TIMEOUT = 300


def die(why):
    sys.exit("bench.py: " + why)


def run(argv, **kw):
    proc = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=TIMEOUT, **kw)
    return proc.returncode, proc.stdout + proc.stderr


def make(*args):
    status, out = run(["make", "-s", "--no-print-directory", "-C", LESSON,
                       "ALONE=1"] + list(args))
    if status:
        die("make %s failed:\n%s" % (" ".join(args), out))
    return out


def timed(argv):
    t = time.monotonic()
    status, out = run(argv)
    return status, out.replace("\r", ""), time.monotonic() - t


def under_hypervisor(append):
    make("APPEND=" + append)
    cmd = make("APPEND=" + append, "qemu-cmd").strip().splitlines()[-1]
    status, out, wall = timed(cmd.split())
    m = re.search(r"^hypervisor: (\d+) of (\d+) instructions", out, re.M)
    # The table (lesson 07's stats.c): a header of column names, then a
    # row per guest; Linux's, by the header's names, whatever columns
    # the table has.
    head = re.search(r"^guest\s+instructions\s+CPU ms\s+(.*)ended$", out, re.M)
    row = re.search(r"^linux\s+(\d+)\s+\d+\s+([\d\s]+?)\s+exit\(0\)$", out, re.M)
    names = head.group(1).split() if head else []
    if status or not m or not row or len(names) != len(row.group(2).split()):
        die("the hypervisor's run did not end as it should:\n" + out[-2000:])
    counts = dict(zip(names, map(int, row.group(2).split())))
    exits = {k: counts[k] for k in ("HVC", "MMIO", "SYS", "WFI", "SMC", "IRQ")}
    devices = re.search(r"^linux: MMIO exits by device: (.*)$", out, re.M)
    return {"all": int(m.group(2)), "hyp": int(m.group(1)),
            "linux": int(row.group(1)), "exits": exits, "wall": wall,
            "devices": devices.group(1) if devices else ""}


def dump_dtb(append):
    """The device tree the hypervisor wrote for this command line."""
    path = os.path.join(OUT, "guest-%d.dtb" % abs(hash(append)))
    cmds = os.path.join(OUT, "dump-dtb.gdb")
    with open(cmds, "w") as f:
        f.write("break sched_start\ncontinue\n"
                "set $p = (unsigned char *) %#x\n"
                "set $size = ($p[4] << 24) | ($p[5] << 16) | ($p[6] << 8) | $p[7]\n"
                "dump binary memory %s %#x %#x + $size\n" % (DTB_PA, path, DTB_PA, DTB_PA))
    port = str(20000 + os.getpid() % 20000)
    make("APPEND=" + append, "gdb", "GDBCMDS=" + cmds, "GDB_PORT=" + port)
    if not os.path.isfile(path):
        die("gdb did not dump the device tree")
    return path


def direct(append):
    stub = os.path.join(OUT, "direct.elf")
    status, out = run([CROSS + "gcc", "-nostdlib", "-static", "-Wl,-Ttext=0x48000000",
                       "-Wl,--build-id=none", "-I", os.path.join(KIT, "common", "include"),
                       "-o", stub, os.path.join(HERE, "direct.S")])
    if status:
        die("direct.S: " + out)
    kernel = os.path.join(KIT, "build", "debian", "vmlinuz")
    argv = [QEMU, "-machine", "virt,virtualization=on,gic-version=3",
            "-cpu", "cortex-a57", "-smp", "1", "-m", "256M", "-nodefaults",
            "-no-reboot", "-icount", "shift=0,sleep=off", "-nographic",
            "-serial", "stdio", "-monitor", "none",
            "-device", "loader,file=%s,cpu-num=0" % stub,
            "-device", "loader,file=%s,addr=%#x,force-raw=on" % (kernel, KERNEL),
            "-device", "loader,file=%s,addr=%#x,force-raw=on" % (
                os.path.join(OUT, "initramfs.bin"), INITRD),
            "-device", "loader,file=%s,addr=%#x,force-raw=on" % (dump_dtb(append), DTB_DIRECT)]
    status, out, wall = timed(argv)
    m = re.search(r"^direct: instructions 0x([0-9a-f]+)$", out, re.M)
    if status or not m:
        die("the direct run did not end as it should:\n" + out[-2000:])
    return {"all": int(m.group(1), 16), "wall": wall}


def main():
    release = open(os.path.join(KIT, "build", "debian", "release")).read().strip()
    print("benchmark: Debian's Linux %s, alone; the same Image, initramfs and "
          "device tree directly on QEMU and under the hypervisor" % release)
    print("(instructions at every EL, the hypervisor's included: exact, "
          "-icount shift=0)\n")
    print("%-14s %14s %14s %7s %9s %9s" % ("", "direct", "hypervisor", "ratio",
                                          "direct s", "hyp s"))
    for point, append in (("to /init", BASE_ARGS + " stepvisor.bench=init"),
                          ("to power-off", BASE_ARGS)):
        h = under_hypervisor(append)
        d = direct(append)
        print("%-14s %14d %14d %6.3fx %9.2f %9.2f" % (
            point, d["all"], h["all"], h["all"] / d["all"], d["wall"], h["wall"]))
    print("\nunder the hypervisor, to power-off: Linux %d instructions, the "
          "hypervisor %d (target: at most 1.05x the direct count)" % (h["linux"], h["hyp"]))
    print("its exits: " + ", ".join("%s %d" % kv for kv in h["exits"].items()))
    if h["devices"]:
        print("MMIO exits by device: " + h["devices"])
    print("the difference: %+d instructions, %+d the hypervisor's own" % (
        h["all"] - d["all"], h["hyp"]))


if __name__ == "__main__":
    main()
