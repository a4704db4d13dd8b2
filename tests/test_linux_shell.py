"""Lesson 08 beyond its expected output: what a run without input cannot
show. Each boots Debian's kernel (about 5 s on an idle machine).

- The shell: `make run LESSON=08 SH=1` boots to a busybox shell on the
  console, and what is typed there runs: the keys go through the physical
  UART's interrupt to the hypervisor, into Linux's vpl011 receive FIFO, and
  to Linux by a virtual interrupt (vuart.c).
- The restart: `reboot -f` in Linux (PSCI SYSTEM_RESET) restarts Linux
  only: it boots again, and the counter beside it is not disturbed
  (restart.c).

Both boot Debian's kernel: `make test-all` (CI) runs them, `make test`
does not (it boots lesson 08 only as run.py does, plain and poisoned)."""

import os
import subprocess

import pexpect

from conftest import KIT, boots_linux

LESSON = os.path.join(KIT, "lessons", "08-linux-guest")


@boots_linux
def test_typed_commands_run_in_linux():
    built = subprocess.run(["make", "-s", "--no-print-directory", "-C", LESSON,
                            "SH=1", "all", "qemu-cmd"],
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    cmd = built.stdout.strip().splitlines()[-1]
    child = pexpect.spawn(cmd, encoding="utf-8", timeout=300)
    try:
        child.expect("init: a shell: type commands")
        child.expect("# ")
        child.timeout = 60      # booted: each answer comes in well under that
        child.send("echo typed $((6 * 7))\r")
        child.expect("typed 42")
        child.expect("# ")
        # The keys came by the UART's interrupt: Linux counted some.
        child.send("awk '$4 == 33 { print \"uart irqs\", $2 }' /proc/interrupts\r")
        child.expect(r"uart irqs (\d+)")
        assert int(child.match.group(1)) > 0
        child.expect("# ")
        child.send("poweroff -f\r")
        child.expect("hypervisor: linux called PSCI SYSTEM_OFF")
        child.expect("hypervisor: all guests have ended")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0


@boots_linux
def test_reboot_restarts_linux_only():
    append = "console=ttyAMA0 loglevel=0 cryptomgr.notests stepvisor.reboot"
    built = subprocess.run(["make", "-s", "--no-print-directory", "-C", LESSON,
                            "OUT_SUFFIX=reboot", "APPEND=" + append, "all",
                            "qemu-cmd"], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    cmd = built.stdout.strip().splitlines()[-1]
    out = subprocess.run(cmd.split(), stdin=subprocess.DEVNULL,
                         capture_output=True, timeout=600)
    lines = out.stdout.decode("utf-8", "replace").replace("\r", "").splitlines()
    assert out.returncode == 0, "\n".join(lines[-20:])
    order = ["[linux] init: rebooting",
             "hypervisor: linux called PSCI SYSTEM_RESET: restarting it",
             "[linux] init: this is the second boot",
             "[linux] init: primes below 1000: 168",
             "hypervisor: linux called PSCI SYSTEM_OFF"]
    found = [l for l in lines if l in order]
    assert found == order, "\n".join(lines[-30:])
    assert "[counter] 8 ticks, 0 of them before their deadline; goodbye" in lines
    assert sum(l.startswith("[linux] init: hello from Linux") for l in lines) == 2
