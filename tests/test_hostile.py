"""Nothing passes between guests. Each tests/hostile/NAME/ is a guest
program that attacks the others or the hypervisor (its header says how);
built into lesson 07 with `make HOSTILE=NAME`, it runs beside counter,
primes and rogue. Whatever it does, counter and primes must finish, right
and on time, and the table's figures must be the hypervisor's own. The
runs are made in parallel, once; each check is then its own test."""

import concurrent.futures
import glob
import os
import re
import shutil
import subprocess
import threading

import pytest

from conftest import KIT

HOSTILE = os.path.join(KIT, "tests", "hostile")
NAMES = sorted(n for n in os.listdir(HOSTILE)
               if glob.glob(os.path.join(HOSTILE, n, "*.c")))
def lesson_dir(number):
    return os.path.join(KIT, "lessons", next(
        l for l in os.listdir(os.path.join(KIT, "lessons")) if l.startswith(number + "-")))


LESSON = lesson_dir("07")
# Guests that never end, run alone in lesson 06 (in its guest's place):
# lesson 06's deadline must end the run.
ALONE = ("sleeper", "spinner")
# Guests run alone in lesson 05, where the traps they attack are written,
# and what lesson 05's report must then say.
LESSON05 = {
    "aarch32": r"^\[aarch32\] every AArch32 trap handled as AArch32$",
    "console": r"^\[console\] \\x1b\[1A\\x1b\[2Khypervisor: all guests have ended \(FORGED\)$",
    "mmiobounds": r"^hypervisor: stage-2 abort: mmiobounds read from IPA 0x09000ffe$",
    # A wfi that nothing wakes traps for ever: the deadline ends the run.
    # (A masked spin never traps: only lesson 06's tick can end it.)
    "sleeper": r"^hypervisor: the guest is past its deadline, 10 ms$",
}
TIMEOUT = 30            # seconds; a run takes 2 at most, on a loaded machine

# How each hostile guest itself must end (the table's last column).
ENDS = {
    "aarch32": "exit(0)",
    "console": "exit(0)",
    "debug": "exit(0)",
    "fpsnoop": "exit(0)",
    "greedy": "stopped: budget",
    "mmiobounds": "stopped: stage-2 fault",
    "pmu": "exit(0)",
    "semihost": "exit(0)",
    "sleeper": "stopped: budget",
    "spinner": "stopped: budget",
}

# The latest a counter tick may come after its due time: with six guests
# (lesson 07's five and the hostile one) and a whole 1 ms slice each, a
# woken guest waits at most five slices, 5 ms (one of them yielder's, 20 us
# short, which pays for the switches). The ticks due while counter itself
# masks its interrupts, for 3 ms of its own CPU time, wait for that too:
# shared six ways, it takes up to 18 ms.
LATE_MS = 5
LATE_MASKED_MS = 19
PRIMES_BY_MS = 200      # when primes must have ended (in the lesson alone:
                        # about 92 ms; beside a guest that takes every slice
                        # it is given, about 145 ms)
TICKS = 8               # counter's


def make(*args, lesson=LESSON):
    return subprocess.run(["make", "-s", "--no-print-directory", "-C", lesson]
                          + list(args), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=300)


# A lesson's own guests, as build.mk makes them: each NAME.elf, its flat
# NAME.bin, and NAME.image.o, the object that carries it into the image.
GUEST_IMAGE = re.compile(r"(?!lesson\.).*\.(elf|bin|image\.o)$")


def seed_guests(lesson, hostile):
    """Give the lesson's build with the hostile guest (build/NN-name+NAME)
    the lesson's own guests, as the kit's build of the lesson has them
    (make test builds every lesson first): the same objects linked the
    same way, so make would write the same bytes; it then links only the
    hostile guest and the image. Only from a build that `make -q` finds up
    to date (never written again meanwhile), only where the file is not
    there yet, and each file whole or not at all (copied with its date,
    which make compares, then renamed). Return the build's directory."""
    name = os.path.basename(lesson)
    own = os.path.join(KIT, "build", name)
    into = os.path.join(KIT, "build", "%s+%s" % (name, hostile))
    if not os.path.isdir(own) or make("-q", lesson=lesson).returncode != 0:
        return into
    os.makedirs(into, exist_ok=True)
    for n in os.listdir(own):
        target = os.path.join(into, n)
        if GUEST_IMAGE.match(n) and not os.path.exists(target):
            part = "%s.%d.part" % (target, threading.get_ident())
            shutil.copy2(os.path.join(own, n), part)
            os.replace(part, target)
    return into


def boot(*args, lesson=LESSON):
    """Build a lesson (with args, e.g. HOSTILE=x) and run it: the raw
    UART bytes, or an error string. One make builds it and says the QEMU
    command (its last line). With a hostile guest, it builds the image
    only: not the listing (lesson.lst, for people), which nothing here reads."""
    goal = "all"
    for a in args:
        if a.startswith("HOSTILE="):
            goal = os.path.join(seed_guests(lesson, a[len("HOSTILE="):]), "lesson.elf")
    built = make(*args, goal, "qemu-cmd", lesson=lesson)
    if built.returncode:
        return "BUILD FAILED:\n" + built.stdout + built.stderr
    cmd = built.stdout.strip().splitlines()[-1].split()
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=TIMEOUT)
    except subprocess.TimeoutExpired as e:
        return (e.stdout or b"") + b"\nTIMEOUT: the run did not end by itself\n"
    return proc.stdout


@pytest.fixture(scope="module")
def runs():
    """{NAME: raw output}, and under None the lesson alone."""
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        futures = {n: pool.submit(boot, "HOSTILE=" + n) for n in NAMES}
        futures[None] = pool.submit(boot)
        for n in ALONE:
            futures["06+" + n] = pool.submit(boot, "HOSTILE=" + n,
                                             lesson=lesson_dir("06"))
        for n in LESSON05:
            futures["05+" + n] = pool.submit(boot, "HOSTILE=" + n,
                                             lesson=lesson_dir("05"))
        return {n: f.result() for n, f in futures.items()}


def text(raw):
    if isinstance(raw, str):
        pytest.fail(raw)
    return raw.decode("latin-1").replace("\r\n", "\n")


def table(out):
    """{guest: (instructions, ended)} from the table, and the
    hypervisor's instructions and the total."""
    rows = {}
    for m in re.finditer(r"^(\S+) +(\d+)(?: +\d+){9} +(.+)$", out, re.M):
        rows[m.group(1)] = (int(m.group(2)), m.group(3).strip())
    m = re.search(r"^hypervisor: (\d+) of (\d+) instructions, (\d+)\.(\d+)%", out, re.M)
    assert m, "no hypervisor share line:\n" + out
    return rows, int(m.group(1)), int(m.group(2)), int(m.group(3)) * 100 + int(m.group(4))


def test_every_hostile_guest_has_an_expected_end():
    assert NAMES, "no hostile guests in tests/hostile"
    assert set(NAMES) == set(ENDS), \
        "tests/hostile and ENDS disagree: %s" % sorted(set(NAMES) ^ set(ENDS))


@pytest.mark.parametrize("name", NAMES)
def test_the_others_finish_right_and_on_time(name, runs):
    out = text(runs[name])
    assert "TIMEOUT" not in out, out
    assert "hypervisor: all guests have ended" in out, out
    assert re.search(r"^\[primes\] all counts right; goodbye$", out, re.M), out
    assert re.search(r"^\[counter\] %d ticks" % TICKS, out, re.M), out
    late, bound = [], LATE_MS
    for line in out.splitlines():
        if line.startswith("[counter] IRQs masked"):
            bound = LATE_MASKED_MS
        m = re.match(r"\[counter\] tick \d+: due \d+ ms, (but )?taken (\d+) us "
                     r"(after|before) it$", line)
        if m and (m.group(3) == "before" or int(m.group(2)) > bound * 1000):
            late.append(line)
    assert not late, "counter's ticks late or early beside %s:\n%s" % (name, "\n".join(late))
    rows, _, _, _ = table(out)
    for guest in ("counter", "primes", "vector"):
        assert rows.get(guest, (0, ""))[1] == "exit(0)", out
    assert re.search(r"^\[vector\] \d+ rounds: 0 of \d+ registers changed", out, re.M), out
    m = re.search(r"^hypervisor: primes ended at (\d+) ms", out, re.M)
    assert m and int(m.group(1)) <= PRIMES_BY_MS, \
        "primes did not end by %d ms beside %s:\n%s" % (PRIMES_BY_MS, name, out)


@pytest.mark.parametrize("name", NAMES)
def test_it_ends_as_it_should(name, runs):
    rows, _, _, _ = table(text(runs[name]))
    assert name in rows, "%s is not in the table" % name
    assert rows[name][1] == ENDS[name], text(runs[name])


@pytest.mark.parametrize("name", NAMES)
def test_the_figures_are_the_hypervisors_own(name, runs):
    """The table adds up, the hypervisor's share is its target, and primes
    (which computes the same thing in every run) is billed what it is
    billed without the hostile guest."""
    out = text(runs[name])
    rows, el2, total, share = table(out)
    alone, _, _, _ = table(text(runs[None]))
    billed = sum(i for i, _ in rows.values())
    assert abs(billed + el2 - total) <= total // 1000, \
        "guests %d + hypervisor %d != total %d:\n%s" % (billed, el2, total, out)
    assert share <= 100, "the hypervisor's share is %d.%02d%%:\n%s" % (share // 100, share % 100, out)
    assert abs(rows["primes"][0] - alone["primes"][0]) <= alone["primes"][0] // 100, \
        "primes billed %d instructions, %d without %s" % (
            rows["primes"][0], alone["primes"][0], name)
    m = re.search(r"^world switch: (\d+) instructions.*target: at most (\d+)\)$",
                  out, re.M)
    assert m and 100 <= int(m.group(1)) <= int(m.group(2)), out


@pytest.mark.parametrize("name", NAMES)
def test_every_byte_a_guest_writes_is_tagged(name, runs):
    """No control character but a line end reaches the terminal, and a
    line that a guest forged (marked FORGED) still carries its tag."""
    raw = runs[name]
    if isinstance(raw, str):
        pytest.fail(raw)
    bad = sorted({"0x%02x" % b for b in raw.replace(b"\r\n", b"\n")
                  if b < 0x20 and b != 0x0a or b == 0x7f})
    assert not bad, "control characters in the output: %s" % ", ".join(bad)
    for line in text(raw).splitlines():
        if "FORGED" in line:
            assert line.startswith("[%s] " % name), "an untagged line: %r" % line


def test_semihosting_is_refused_where_guests_run():
    """With -semihosting, a guest's hlt #0xf000 would stop QEMU behind
    the hypervisor: the build refuses it, with one line saying why."""
    for args in (["SEMIHOSTING=yes"], ["HOSTILE=semihost", "SEMIHOSTING=yes"],
                 ["QEMU=qemu-system-aarch64 -semihosting"]):
        proc = make(*args, "qemu-cmd")
        assert proc.returncode != 0, "make %s was not refused:\n%s" % (
            " ".join(args), proc.stdout)
        assert "semihosting is refused" in proc.stderr, proc.stderr
        assert "-semihosting" not in proc.stdout, proc.stdout
    # Lesson 03's guest is linked into the hypervisor's image: refused too.
    lesson03 = os.path.join(os.path.dirname(LESSON), next(
        l for l in os.listdir(os.path.dirname(LESSON)) if l.startswith("03-")))
    proc = make("SEMIHOSTING=yes", "qemu-cmd", lesson=lesson03)
    assert proc.returncode != 0 and "semihosting is refused" in proc.stderr, \
        proc.stdout + proc.stderr


@pytest.mark.parametrize("name", ALONE)
def test_a_guest_alone_that_never_ends_is_stopped(name, runs):
    """Lesson 06 has one guest and a tick: a guest that never ends is
    stopped at its deadline, and the run ends by itself."""
    out = text(runs["06+" + name])
    assert "TIMEOUT" not in out, out
    assert re.search(r"^hypervisor: the guest is past its deadline, \d+ ticks$", out, re.M), out
    assert re.search(r"^lesson 06 done: powering off$", out, re.M), out


@pytest.mark.parametrize("name", sorted(LESSON05))
def test_alone_in_lesson_05(name, runs):
    """Lesson 05 has the traps these guests attack (instruction length,
    AArch32 syndromes, MMIO bounds, the console, a wfi that nothing
    wakes): alone there, each is handled, the run ends, and every byte the
    guest wrote is tagged."""
    raw = runs["05+" + name]
    out = text(raw)
    assert re.search(LESSON05[name], out, re.M), out
    assert re.search(r"^lesson 05 done: powering off$", out, re.M), out
    bad = sorted({"0x%02x" % b for b in raw.replace(b"\r\n", b"\n")
                  if b < 0x20 and b != 0x0a or b == 0x7f})
    assert not bad, "control characters in the output: %s" % ", ".join(bad)
