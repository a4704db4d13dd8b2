"""Lesson 08 with another kernel: what Debian's kernel does not show.

- tests/bootimage/ is a small program that follows the arm64 Linux boot
  protocol. Booted in Linux's place (`make run LESSON=08 KERNEL=Image`), it
  calls PSCI over smc and over hvc (each call Linux makes, both ways, with
  x4-x17 kept), makes eight SPIs pending at once (twice the four list
  registers: the rest must wait for the underflow maintenance interrupt),
  and checks that the timer's PPI 27 and the UART's SPI 33 are not taken
  while disabled in the redistributor or distributor (or with Group 1 off),
  and are once enabled. It restarts over one conduit and powers off over
  the other. Run with the device tree saying hvc (the lesson's) and smc.
- Debian's kernel with the tree saying smc boots as it does with hvc
  (`make test-all` only, as every boot of Debian's kernel but run.py's).
- KERNEL= that is missing or not an arm64 Image: one line, and make fails;
  an Image the hypervisor cannot boot: its one line, and the run ends.
- A CPU with SVE or pointer authentication (QEMU's -cpu max), or memory
  tagging (virt,mte=on), which the hypervisor neither switches nor hides
  from Linux: its one line, before any of Linux runs. Without them (-cpu
  max,sve=off,sme=off,pauth=off), QEMU 8.2 and later still have the memory
  copy and set instructions (MOPS), which EL3 leaves disabled: refused in
  its line too; QEMU 7.2 has none of them, and the boot image runs there
  as on the Cortex-A57."""

import os
import re
import subprocess

import pytest

from conftest import KIT, _toolchain, boots_linux
from grader.toolchain import older

LESSON = os.path.join(KIT, "lessons", "08-linux-guest")
IMAGE = os.path.join(KIT, "build", "bootimage", "Image")
DEBIAN_KERNEL = os.path.join(KIT, "build", "debian", "vmlinuz")


def make(*args, timeout=600):
    return subprocess.run(["make", "-s", "--no-print-directory"] + list(args),
                          capture_output=True, text=True, timeout=timeout)


def boot(suffix, kernel, append, timeout=300, cpu=None, machine=""):
    """Build lesson 08 apart (build/08-linux-guest+SUFFIX/), boot it with
    this kernel and command line (and QEMU's CPU model cpu in place of the
    kit's, machine's options added to the kit's); return its exit status
    and lines."""
    args = ["-C", LESSON, "OUT_SUFFIX=" + suffix, "KERNEL=" + kernel,
            "APPEND=" + append]
    built = make(*args, "all")
    assert built.returncode == 0, built.stdout + built.stderr
    cmd = make(*args, "qemu-cmd").stdout.strip().splitlines()[-1].split()
    if cpu:
        cmd[cmd.index("-cpu") + 1] = cpu
    cmd[cmd.index("-machine") + 1] += machine
    out = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                         capture_output=True, timeout=timeout)
    text = out.stdout.decode("utf-8", "replace").replace("\r", "")
    return out.returncode, text.splitlines()


@pytest.fixture(scope="module")
def image():
    built = make("-C", os.path.join(KIT, "tests", "bootimage"))
    assert built.returncode == 0, built.stdout + built.stderr
    return IMAGE


def psci_lines(conduit):
    return [
        "[linux] image: psci over %s: VERSION 0x10000, SMCCC_VERSION 0x10001, "
        "MIGRATE_INFO_TYPE 2" % conduit,
        "[linux] image: psci over %s: FEATURES of SMCCC_VERSION 0, "
        "CPU_SUSPEND64 0, SYSTEM_SUSPEND64 -1, SYSTEM_RESET2 -1, SYSTEM_OFF 0"
        % conduit,
        "[linux] image: psci over %s: CPU_ON of itself -4, AFFINITY_INFO of "
        "itself 0, function 0x8400001f -1; x4-x17 kept" % conduit,
    ]


def expected(method):
    other = "smc" if method == "hvc" else "hvc"
    entered = ("[linux] image: entered at EL1, x0 = 0x40000000: a device tree "
               "(magic 0xd00dfeed), psci method %s" % method)
    return ([entered] + psci_lines("smc") + psci_lines("hvc") + [
        "[linux] image: 8 SPIs pending at once (34-41, 41 the highest "
        "priority): 41 taken first; taken once: 34 35 36 37 38 39 40 41",
        "[linux] image: SPI 42 pending, disabled: taken 0 times; enabled: 1",
        "[linux] image: timer PPI 27 asserted 3 ms, disabled in the "
        "redistributor: taken 0 times; then enabled: 1",
        "[linux] image: timer PPI 27 asserted 3 ms, Group 1 off in the "
        "distributor: taken 0 times; then enabled: 1",
        "[linux] image: UART SPI 33 high 3 ms, disabled in the distributor: "
        "taken 0 times; then enabled: 1",
        "[linux] image: SYSTEM_RESET over %s" % method,
        "hypervisor: linux called PSCI SYSTEM_RESET: restarting it",
        entered,
        "[linux] image: booted again; SYSTEM_OFF over %s" % other,
        "hypervisor: linux called PSCI SYSTEM_OFF",
    ])


@pytest.mark.parametrize("method", ["hvc", "smc"])
def test_psci_both_ways_interrupts_and_enables(image, method):
    append = "console=ttyAMA0" + (" stepvisor.psci=smc" if method == "smc" else "")
    status, lines = boot("image-" + method, image, append)
    got = [l for l in lines if l.startswith("[linux] ") or
           l.startswith("hypervisor: linux called")]
    assert got == expected(method), "\n".join(lines[-40:])
    # The counter beside it is not disturbed, and everything ends.
    assert "[counter] 8 ticks, 0 of them before their deadline; goodbye" in lines
    assert "hypervisor: all guests have ended" in lines
    assert status == 0, "\n".join(lines[-20:])


@boots_linux
@pytest.mark.skipif(not os.path.exists(DEBIAN_KERNEL),
                    reason="Debian's kernel is not in build/debian (make fetch)")
def test_linux_boots_with_smc_too():
    status, lines = boot("smc", DEBIAN_KERNEL,
                         "console=ttyAMA0 loglevel=0 cryptomgr.notests "
                         "stepvisor.psci=smc")
    assert "[linux] init: primes below 1000: 168" in lines, "\n".join(lines[-30:])
    assert "hypervisor: linux called PSCI SYSTEM_OFF" in lines
    # Its PSCI calls came by smc this time: the table's HVC and SMC columns.
    row = [l for l in lines if l.startswith("linux ")][-1].split()
    hvc, smc = int(row[3]), int(row[7])
    assert hvc == 0 and smc > 0, row
    assert status == 0


def test_kernel_missing_or_not_an_image(tmp_path):
    # Missing, or no arm64 Image's magic: the lesson's Makefile says so in
    # one line and fails, before QEMU starts.
    text = tmp_path / "not-an-image"
    text.write_text("this is not a kernel\n" * 100)
    for kernel, why in (("/nonexistent/Image", "no such file"),
                        (str(text), 'not an arm64 Linux Image (no "ARM\\x64" '
                                    'magic at offset 0x38)')):
        for goal in ("qemu-cmd", "run"):
            out = make("-C", LESSON, "OUT_SUFFIX=bad", "KERNEL=" + kernel, goal)
            err = out.stderr.strip().splitlines()
            assert out.returncode != 0, out.stdout
            assert len(err) == 1 and ("KERNEL=%s: %s" % (kernel, why)) in err[0], err

    # The magic, but a big-endian kernel: the hypervisor refuses it in one
    # line (linux.c) and the run ends; no guest instruction runs.
    header = bytearray(64)
    header[0x18] = 0x1                                  # flags: big-endian
    header[0x38:0x3c] = b"ARM\x64"
    big = tmp_path / "big-endian"
    big.write_bytes(bytes(header) + bytes(4096))
    status, lines = boot("bad", str(big), "console=ttyAMA0", timeout=60)
    assert lines[-1] == ("hypervisor: linux: KERNEL is not an arm64 Linux "
                         "Image it can boot: it is big-endian (0x1)"), "\n".join(lines)
    assert not [l for l in lines if l.startswith("[")], "\n".join(lines)


NOT_SWITCHED = "neither switches nor hides from Linux"
NOT_ENABLED = "neither enables for Linux nor hides from it"
NO_STATE = "max,sve=off,sme=off,pauth=off"


def refused(lines, has, register, why):
    """Is the run's last line the refusal of a CPU that has `has`, and has
    none of Linux's lines run?"""
    assert re.fullmatch(
        r"hypervisor: linux: not started: this CPU has %s \(%s 0x[0-9a-f]{16}\), "
        r"which this hypervisor %s" % (re.escape(has), register, why),
        lines[-1]), "\n".join(lines)
    assert not [l for l in lines if l.startswith("[linux]")], "\n".join(lines)


@pytest.mark.parametrize("cpu, machine, has, register", [
    ("max", "", "SVE", "ID_AA64PFR0_EL1"),
    ("max,sve=off,sme=off", "", "pointer authentication", "ID_AA64ISAR1_EL1"),
    (NO_STATE, ",mte=on", "memory tagging (MTE)", "ID_AA64PFR1_EL1"),
])
def test_a_cpu_with_state_linux_would_meet_trapped_is_refused(image, cpu, machine,
                                                              has, register):
    status, lines = boot("cpu", image, "console=ttyAMA0", timeout=60, cpu=cpu,
                         machine=machine)
    refused(lines, has, register, NOT_SWITCHED)


def test_a_cpu_without_them_runs_the_boot_image_or_is_refused_for_mops(image):
    """QEMU's max CPU has MOPS from QEMU 8.2 on (Debian 13's 10.0: the CI
    runs it), and there is no property to take it away; QEMU 7.2's has
    none of the refused features, and the boot image runs."""
    status, lines = boot("cpu", image, "console=ttyAMA0", timeout=60,
                         cpu=NO_STATE)
    if older(_toolchain()["qemu_version"], "8.2"):
        assert status == 0 and expected("hvc")[0] in lines, "\n".join(lines)
    else:
        refused(lines, "the memory copy and set instructions (MOPS)",
                "ID_AA64ISAR2_EL1", NOT_ENABLED)
