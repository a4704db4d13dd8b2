#!/usr/bin/env python3
"""run.py: build each stepvisor lesson, boot it in QEMU, and compare what it
prints on its UART with expected/NN-name.txt.

    ./run.py              every lesson
    ./run.py 02 03        some lessons (a number or a full name)
    ./run.py -v 03        also print the whole output of each lesson
    ./run.py --timeout 30 seconds a lesson may run before it is killed

One line per lesson, PASS or FAIL with the seconds it took, a unified diff
for each failure, and as the last line "N passed, N failed". The exit status
is 0 only when every lesson passed.

A lesson passes when it builds, QEMU stops by itself (the lesson powers the
machine off) with status 0, and the output is byte for byte the expected
one. The QEMU command line comes from the lesson's Makefile (`make
qemu-cmd`), the one place it is defined.
"""

import argparse
import difflib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

KIT = os.path.dirname(os.path.abspath(__file__))

# Debian's python3 has python3-pexpect; a pyenv python3 first on PATH may
# not. Before giving up, try again under Debian's interpreter.
try:
    import pexpect
except ImportError:
    DEBIAN_PYTHON = "/usr/bin/python3"
    if (os.path.exists(DEBIAN_PYTHON)
            and os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON)
            and not os.environ.get("STEPVISOR_REEXEC")):
        os.environ["STEPVISOR_REEXEC"] = "1"
        os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON] + sys.argv)
    sys.exit("run.py: the Python module pexpect is missing: it is in Debian's "
             "python3-pexpect package (make deps installs it)")

TOOLS = {  # command: the Debian package that has it
    "make": "make",
    "aarch64-linux-gnu-gcc": "gcc-aarch64-linux-gnu",
    "aarch64-linux-gnu-objdump": "binutils-aarch64-linux-gnu",
    "qemu-system-aarch64": "qemu-system-arm",
}
TAIL_LINES = 15          # lines of output shown for a timeout or build error


class Result:
    def __init__(self, lesson):
        self.lesson = lesson
        self.status = "PASS"     # PASS, FAIL, TIMEOUT or BUILD-ERROR
        self.why = ""            # one line for a failure
        self.detail = ""         # diff, build log tail or last output lines
        self.output = ""
        self.qemu_stderr = ""    # QEMU's own messages, shown on failure
        self.seconds = 0.0

    def fail(self, status, why, detail=""):
        self.status, self.why, self.detail = status, why, detail


def lessons_in(kit):
    root = os.path.join(kit, "lessons")
    if not os.path.isdir(root):
        return []
    return sorted(d for d in os.listdir(root)
                  if d[:2].isdigit() and d[2:3] == "-"
                  and os.path.isfile(os.path.join(root, d, "Makefile")))


def select(names, available):
    """Map "03" or "03-context-and-hvc" to lesson names; None if unknown."""
    chosen = []
    for name in names:
        match = [l for l in available if l == name or l.split("-", 1)[0] == name]
        if not match:
            return None, name
        chosen += [m for m in match if m not in chosen]
    return chosen, None


def missing_tool():
    for tool, package in TOOLS.items():
        if shutil.which(tool) is None:
            return "run.py: %s not found: it is in Debian's %s package " \
                   "(make deps installs it)" % (tool, package)
    return None


def tail(text, n=TAIL_LINES):
    lines = text.rstrip("\n").splitlines()
    return "\n".join(lines[-n:])


def normalize(raw):
    """The pty turns the guest's \\r\\n into \\r\\r\\n: make every line end
    in a plain \\n, as in expected/."""
    text = raw.decode("utf-8", errors="replace")
    return text.replace("\r", "")


def build(kit, lesson):
    """Return (ok, log): make's own output, compiler messages included."""
    proc = subprocess.run(["make", "-s", "--no-print-directory", "-C",
                           os.path.join(kit, "lessons", lesson)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL)
    return proc.returncode == 0, proc.stdout.decode("utf-8", errors="replace")


def qemu_command(kit, lesson):
    proc = subprocess.run(["make", "-s", "--no-print-directory", "-C",
                           os.path.join(kit, "lessons", lesson), "qemu-cmd"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL)
    return proc.returncode == 0, proc.stdout.decode().strip()


def boot(cmd, timeout):
    """Run QEMU under a pty until it exits or the timeout passes.
    Return (output, exit status or None on timeout, QEMU's stderr).

    Only the UART reaches the pty: QEMU's own diagnostics go to a file, so
    that a warning QEMU prints as it powers off (for example "icount sleep
    disabled and no active timers" when no timer is armed) is never taken
    for the lesson's output. A failure report shows them."""
    argv = shlex.split(cmd)
    err = tempfile.NamedTemporaryFile(prefix="stepvisor-qemu-", suffix=".err")
    child = pexpect.spawn("/bin/sh", ["-c", 'exec "$@" 2>"$0"', err.name] + argv,
                          timeout=timeout, echo=False)
    child.delayafterclose = 0
    child.delayafterterminate = 0
    chunks = []
    deadline = time.monotonic() + timeout
    status = None
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                chunks.append(child.read_nonblocking(65536, timeout=left))
            except pexpect.TIMEOUT:
                break
            except pexpect.EOF:
                child.close()
                status = child.exitstatus if child.exitstatus is not None \
                    else 128 + (child.signalstatus or 0)
                break
    finally:
        if child.isalive():
            child.terminate(force=True)
    stderr = err.read().decode("utf-8", errors="replace")
    err.close()
    return normalize(b"".join(chunks)), status, stderr


def run_lesson(kit, lesson, expected_dir, timeout):
    r = Result(lesson)
    start = time.monotonic()
    try:
        ok, log = build(kit, lesson)
        if not ok:
            r.fail("BUILD-ERROR", "the build failed", tail(log, 30))
            return r
        ok, cmd = qemu_command(kit, lesson)
        if not ok:
            r.fail("BUILD-ERROR", "make qemu-cmd failed", tail(cmd))
            return r
        expected_path = os.path.join(expected_dir, lesson + ".txt")
        try:
            with open(expected_path, encoding="utf-8") as f:
                expected = f.read()
        except OSError:
            r.fail("FAIL", "no expected output: %s is missing"
                   % os.path.relpath(expected_path))
            return r
        r.output, status, stderr = boot(cmd, timeout)
        if status is None or r.output != expected or status != 0:
            r.qemu_stderr = stderr
        if status is None:
            r.fail("TIMEOUT", "still running after %g s: killed; its last lines:"
                   % timeout, tail(r.output) or "(it printed nothing)")
        elif r.output != expected:
            r.fail("FAIL", "the output differs from %s"
                   % os.path.relpath(expected_path), diff(expected, r.output, lesson))
        elif status != 0:
            r.fail("FAIL", "QEMU exited with status %d" % status, tail(r.output))
        return r
    finally:
        r.seconds = time.monotonic() - start


def diff(expected, actual, lesson):
    """A unified diff, expected against actual, with the first differing
    line named, so that a student sees at once where it goes wrong."""
    exp, act = expected.splitlines(), actual.splitlines()
    first = next((i for i, (a, b) in enumerate(zip(exp, act)) if a != b),
                 min(len(exp), len(act)))
    head = "first difference at line %d:\n  expected: %s\n  actual:   %s\n" % (
        first + 1,
        repr(exp[first]) if first < len(exp) else "(end of output)",
        repr(act[first]) if first < len(act) else "(end of output)")
    body = "\n".join(difflib.unified_diff(
        exp, act, "expected/%s.txt" % lesson, "actual output", lineterm=""))
    return head + body


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="run.py", description="Build, boot and check stepvisor lessons.")
    parser.add_argument("lessons", nargs="*", metavar="LESSON",
                        help="lesson number or name (default: every lesson)")
    parser.add_argument("--timeout", type=float, default=20.0,
                        help="seconds a lesson may run (default: 20)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print each lesson's whole output")
    args = parser.parse_args(argv)

    available = lessons_in(KIT)
    lessons, unknown = select(args.lessons or available, available)
    if lessons is None:
        print("run.py: unknown lesson '%s'; the lessons are: %s"
              % (unknown, " ".join(available)), file=sys.stderr)
        return 2
    problem = missing_tool()
    if problem:
        print(problem, file=sys.stderr)
        return 2

    passed = failed = 0
    for lesson in lessons:
        r = run_lesson(KIT, lesson, os.path.join(KIT, "expected"), args.timeout)
        label = r.status if r.status in ("PASS", "FAIL") else "FAIL"
        note = "" if r.status == "PASS" else ": " + (
            r.status + ", " if r.status != "FAIL" else "") + r.why
        print("%-4s %-24s %6.2f s%s" % (label, lesson, r.seconds, note), flush=True)
        if r.detail:
            print("\n".join("     " + l for l in r.detail.splitlines()), flush=True)
        if r.qemu_stderr.strip():
            print("     QEMU said on stderr:")
            print("\n".join("       " + l for l in r.qemu_stderr.splitlines()), flush=True)
        if args.verbose and r.output:
            print("     --- output of %s ---" % lesson)
            print("\n".join("     " + l for l in r.output.splitlines()), flush=True)
        if r.status == "PASS":
            passed += 1
        else:
            failed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("run.py: interrupted")
