#!/usr/bin/env python3
"""run.py: build each stepvisor lesson, boot it in QEMU, and compare what it
prints on its UART with expected/NN-name.txt. It also grades students'
copies of the kit.

The kit's own lessons:
    ./run.py                 every lesson
    ./run.py 02 03           some lessons (a number or a full name)
    ./run.py -v 03           also print the whole output of each lesson
    ./run.py --timeout 30    seconds a lesson may run before it is killed
    ./run.py -j 4            lessons run in parallel (default: every core)
    ./run.py --update 03     rewrite expected/03-*.txt from a run of lesson
                             03, after showing the diff (for kit authors)

Other tools than Debian's (README, "Platforms"):
    ./run.py --cross-compile aarch64-elf- --qemu /opt/homebrew/bin/qemu-system-aarch64
(or CROSS_COMPILE and QEMU in the environment, as for make). The first line
names the QEMU and GCC used, with their versions; a QEMU older than the
kit's minimum (QEMU_MIN in common/tools.mk) is refused.

One line per lesson, PASS or FAIL with the seconds it took, the reason and
details indented below a failure, and as the last line "N passed, N failed".
Lines come in lesson order, also with -j. The exit status is 0 only when
every lesson passed, 1 when one failed, 2 for a usage error or a missing
tool.

A lesson passes when it builds, QEMU stops by itself (the lesson powers the
machine off) with status 0, and the output is byte for byte the expected
one. The QEMU command line comes from the lesson's Makefile (`make
qemu-cmd`), the one place it is defined. A failure shows a diff of the
expected output against the actual one: a unified diff in which each line
carries its number in the expected file and in the output, and '>' marks
the first difference; --verbose adds the whole output.

Grading students' copies of the kit:
    ./run.py --tree DIR [LESSONS]   grade one copy
    ./run.py --class DIR [LESSONS]  grade every immediate subdirectory of
                                    DIR (one student's copy each; names
                                    starting with '.' are skipped)

The lessons and expected outputs are always this kit's: a student's own
lessons beyond the kit's and their copy of expected/ are ignored. Each tree
is copied, without its build/ and .git/, into a scratch directory (a new
temporary directory, removed afterwards; --scratch DIR puts it under DIR and
--keep keeps it) and built there, so the student's tree is left untouched.
A lesson's status is one of
    PASS         it built, stopped by itself, and printed the expected text
    FAIL         it printed something else (or more than 1 MiB: killed),
                 or QEMU exited with an error
    TIMEOUT      it did not stop within --timeout seconds (or its build did
                 not finish within --build-timeout): killed, its last lines
                 are shown
    BUILD-ERROR  its build (or `make qemu-cmd`) failed
    MISSING      the tree has no such lesson, or is no copy of the kit
A tree that is missing, broken or cannot be copied is reported as such; it
never stops the grading of the other trees. --tree prints the usual lines;
--class prints one line per student ("name  passed/total  what failed"),
then where the files went and the wall time. Either way the last line is
"N passed, N failed" over all lessons graded, and the exit status is 0 only
when all passed.

--class writes, into --out DIR (default: the class directory's path with
"-grades" appended, e.g. class/ -> class-grades/):
    gradebook.csv       a header row "student,<lesson>...,total,qemu,gcc",
                        then one row per student: the status of each
                        lesson, total = the number of lessons passed, and
                        the tools graded with ("QEMU 7.2.22", "GCC 12.2.0")
    reports/NAME.txt    per student: the tree, a line per lesson, notes
                        (e.g. build files that differ from the kit's), then
                        for every lesson its build log and, for a failure,
                        the reason, the diff or last lines, and the output

--junit FILE writes JUnit XML: a testsuite per tree, a testcase per lesson
(FAIL and TIMEOUT are <failure>, BUILD-ERROR and MISSING are <error>),
the toolchain as each testsuite's <properties>.
--json prints a JSON summary on stdout (the human-readable lines then go to
stderr): {"toolchain": {"qemu", "qemu_version", "qemu_min", "cc",
"gcc_version"}, "passed", "failed", "seconds",
"lessons", "trees": [{"name",
"path", "problem", "notes", "passed", "failed", "results": [{"lesson",
"status", "why", "detail", "seconds", "exit_status", "build_log",
"output"}]}]}.

SECURITY: grading runs untrusted code. Building a student's tree runs the
student's Makefiles, and "booting" runs whatever command their Makefile
prints: either can do anything the user running run.py can do. The scratch
copy protects the student's tree from the build, not your machine from the
student. Grade in a throwaway VM or container, or as an unprivileged user
that owns nothing else, never as yourself or as root. For example, with a
user "grader" that can read the class and write only /srv/grading:
    sudo -u grader ./run.py --class /srv/class --out /srv/grading/grades \
        --scratch /srv/grading
The build files of a student's tree are theirs too, so a student can fake a
pass: the report lists build files that differ from the kit's.
"""

import argparse
import concurrent.futures
import csv
import difflib
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

KIT = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, KIT)
from grader import compare, toolchain  # noqa: E402

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

TAIL_LINES = 15          # lines of output shown for a timeout or build error
MAX_OUTPUT = 1 << 20     # a lesson printing more than this is killed
NOT_COPIED = ("build", ".git")   # top-level names left out of a scratch copy
BUILD_FILES = ("common/build.mk", "common/hyp.ld")   # and lessons/*/Makefile
FAILURE_TYPES = {"FAIL": "failure", "TIMEOUT": "failure",
                 "BUILD-ERROR": "error", "MISSING": "error"}

EPILOG = """\
statuses: PASS, FAIL, TIMEOUT, BUILD-ERROR, MISSING (a lesson or tree that
is not there). --class writes OUT/gradebook.csv (student,<lesson>...,total,
qemu,gcc; total = lessons passed) and OUT/reports/STUDENT.txt (build logs, and the
diff and output of every failure). Trees are copied without build/ and
.git/ into a scratch directory and built there; expected outputs are always
this kit's. Exit status: 0 all passed, 1 something failed, 2 usage error.

SECURITY: grading runs untrusted code: a student's Makefile and QEMU
command run with your rights. Grade in a throwaway VM or container, or as
an unprivileged user. See the docstring at the top of run.py for details.
"""


class UsageError(Exception):
    """A mistake on the command line or in the environment: one line, exit 2."""


# ---- child processes ------------------------------------------------------------
# Every build and QEMU run is a process group of its own, so that a timeout
# or Ctrl-C kills it with all its children.

_children = set()
_children_lock = threading.Lock()
_stopping = threading.Event()


def _track(pid):
    with _children_lock:
        if _stopping.is_set():
            _kill_group(pid)
        _children.add(pid)


def _untrack(pid):
    with _children_lock:
        _children.discard(pid)


def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


def stop_everything():
    """Ctrl-C: kill every running build and QEMU, and start no other."""
    with _children_lock:
        _stopping.set()
        for pid in _children:
            _kill_group(pid)


def run_cmd(argv, timeout):
    """Run argv (stdin empty, stderr into stdout) for at most timeout
    seconds. Return (exit status, or None after a timeout, text)."""
    if _stopping.is_set():
        return 1, "(interrupted)"
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    _track(proc.pid)
    try:
        try:
            out, _ = proc.communicate(timeout=timeout)
            status = proc.returncode
        except subprocess.TimeoutExpired:
            _kill_group(proc.pid)
            try:
                out, _ = proc.communicate(timeout=5)
            except subprocess.TimeoutExpired:   # a child left the group
                proc.kill()
                proc.stdout.close()
                proc.wait()
                out = b""
            status = None
    finally:
        _untrack(proc.pid)
    return status, out.decode("utf-8", errors="replace")


# ---- the toolchain ------------------------------------------------------------------
# Which cross compiler and QEMU build and boot the lessons: the kit's
# defaults (common/tools.mk), CROSS_COMPILE and QEMU from the environment,
# or --cross-compile and --qemu. Every make run.py starts gets them on its
# command line, so a student's tree is built with the same tools. Their
# versions head every report: an instructor comparing two machines needs
# them (GCC 12 and GCC 14 compile the same C to different instructions).

MAKE_VARS = []      # CROSS_COMPILE=... QEMU=..., for every make run.py runs
DEBIAN_PACKAGES = {  # the kit's default commands: the Debian package of each
    "make": "make",
    "aarch64-linux-gnu-gcc": "gcc-aarch64-linux-gnu",
    "aarch64-linux-gnu-objdump": "binutils-aarch64-linux-gnu",
    "qemu-system-aarch64": "qemu-system-arm",
}


def older(version, minimum):
    """Is "6.2.0" older than "7.2"? Compares major and minor numbers."""
    def key(v):
        return tuple(int(p) if p.isdigit() else 0 for p in v.split(".")[:2])
    return key(version) < key(minimum)


def find_toolchain(args):
    """Find the tools, their versions, and QEMU's minimum; set MAKE_VARS.
    UsageError (one line) when a tool is missing or QEMU is too old."""
    if shutil.which("make") is None:
        raise UsageError("make not found: it is in Debian's make package")
    if args.cross_compile is not None:
        MAKE_VARS.append("CROSS_COMPILE=" + args.cross_compile)
    if args.qemu is not None:
        MAKE_VARS.append("QEMU=" + args.qemu)
    status, text = run_cmd(["make", "-s", "--no-print-directory", "-C",
                            os.path.join(KIT, "lessons", lessons_in(KIT)[0]),
                            "toolchain"] + MAKE_VARS, 60)
    tools = dict(l.split(" ", 1) for l in text.splitlines() if " " in l)
    if status != 0 or not {"cc", "objdump", "qemu", "qemu-min"} <= set(tools):
        raise UsageError("make toolchain failed: %s" % tail(text, 1))
    for key, option in (("cc", "--cross-compile"), ("objdump", "--cross-compile"),
                        ("qemu", "--qemu")):
        tool = tools[key]
        if shutil.which(tool) is None:
            if tool in DEBIAN_PACKAGES:
                raise UsageError("%s not found: it is in Debian's %s package "
                                 "(make deps installs it)"
                                 % (tool, DEBIAN_PACKAGES[tool]))
            raise UsageError("%s not found (from %s, or the environment)"
                             % (tool, option))
    found = toolchain.versions(tools["cc"][:-len("gcc")], tools["qemu"])
    info = {"qemu": tools["qemu"], "qemu_version": found["qemu"],
            "qemu_min": tools["qemu-min"], "cc": tools["cc"],
            "gcc_version": found["gcc"]}
    if not info["qemu_version"]:
        raise UsageError("%s --version does not say which QEMU it is" % tools["qemu"])
    if older(info["qemu_version"], info["qemu_min"]):
        raise UsageError("%s is QEMU %s; the kit needs QEMU %s or newer"
                         % (tools["qemu"], info["qemu_version"], info["qemu_min"]))
    return info


def toolchain_line(info):
    return "toolchain: QEMU %s (%s), GCC %s (%s)" % (
        info["qemu_version"], info["qemu"], info["gcc_version"] or "?", info["cc"])


# ---- one lesson -------------------------------------------------------------------

class Result:
    def __init__(self, lesson):
        self.lesson = lesson
        self.status = "PASS"     # PASS, FAIL, TIMEOUT, BUILD-ERROR or MISSING
        self.why = ""            # one line for a failure
        self.detail = ""         # diff, build log tail or last output lines
        self.output = ""         # what the lesson printed
        self.build_log = ""
        self.exit_status = None  # QEMU's, when it stopped by itself
        self.qemu_stderr = ""    # QEMU's own messages: shown, never compared
        self.seconds = 0.0
        self.met = 0             # checks the output meets (the score),
        self.checks = 0          # of this many (0: it never ran)

    def fail(self, status, why, detail=""):
        self.status, self.why, self.detail = status, why, detail

    def score(self):
        """Partial credit, 0-100: the share of the lesson's checks met."""
        return 100 if self.status == "PASS" else \
            self.met * 100 // self.checks if self.checks else 0

    def as_dict(self):
        return {"lesson": self.lesson, "status": self.status, "why": self.why,
                "score": self.score(), "checks_met": self.met,
                "checks": self.checks,
                "detail": self.detail, "seconds": round(self.seconds, 3),
                "exit_status": self.exit_status, "build_log": self.build_log,
                "output": self.output, "qemu_stderr": self.qemu_stderr}


def lessons_in(kit):
    root = os.path.join(kit, "lessons")
    if not os.path.isdir(root):
        return []
    return sorted(d for d in os.listdir(root)
                  if d[:2].isdigit() and d[2:3] == "-"
                  and os.path.isfile(os.path.join(root, d, "Makefile")))


def select(names, available):
    """Map "03" or "03-context-and-hvc" to lesson names, in lesson order;
    None and the name if one is unknown."""
    chosen = []
    for name in names:
        match = [l for l in available if l == name or l.split("-", 1)[0] == name]
        if not match:
            return None, name
        chosen += [m for m in match if m not in chosen]
    return sorted(chosen, key=available.index), None


def tail(text, n=TAIL_LINES):
    lines = text.rstrip("\n").splitlines()
    return "\n".join(lines[-n:])


def normalize(raw):
    """The pty turns the guest's \\r\\n into \\r\\r\\n: make every line end
    in a plain \\n, as in expected/."""
    text = raw.decode("utf-8", errors="replace")
    return text.replace("\r", "")


def make(root, lesson, timeout, *targets):
    return run_cmd(["make", "-s", "--no-print-directory", "-C",
                    os.path.join(root, "lessons", lesson)] + list(targets)
                   + MAKE_VARS, timeout)


def boot(cmd, timeout):
    """Run QEMU under a pty until it exits, the timeout passes, or it has
    printed more than MAX_OUTPUT bytes. Return (output, exit status,
    stderr), the status being None after a timeout and "overflow" after too
    much output. Raises ValueError if the command cannot be started.

    Only the UART reaches the pty: QEMU's own diagnostics go to a file, so
    that a warning QEMU prints as it powers off (for example "icount sleep
    disabled and no active timers" when no timer is armed) is never taken
    for the lesson's output. A failure report shows them."""
    argv = shlex.split(cmd)
    if not argv or _stopping.is_set():
        raise ValueError("no command")
    err = tempfile.NamedTemporaryFile(prefix="stepvisor-qemu-", suffix=".err")
    try:
        # sh execs QEMU in its own place, with stderr sent to the file.
        child = pexpect.spawn("/bin/sh", ["-c", 'exec "$@" 2>"$0"', err.name]
                              + argv, timeout=timeout, echo=False)
    except (pexpect.ExceptionPexpect, OSError) as e:
        err.close()
        raise ValueError(str(e).splitlines()[0] if str(e) else type(e).__name__)
    _track(child.pid)
    # No fixed sleeps when closing (pexpect's are 0.1 s each): after EOF,
    # wait_exit() waits for the exit itself.
    child.delayafterclose = child.ptyproc.delayafterclose = 0
    child.delayafterterminate = child.ptyproc.delayafterterminate = 0
    chunks, size = [], 0
    deadline = time.monotonic() + timeout
    status = None
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                chunk = child.read_nonblocking(65536, timeout=left)
            except pexpect.TIMEOUT:
                break
            except pexpect.EOF:
                status = wait_exit(child, deadline)
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_OUTPUT:
                status = "overflow"
                break
    finally:
        if child.isalive():
            _kill_group(child.pid)
        try:
            child.close(force=True)      # the pty too
        except pexpect.ExceptionPexpect:
            pass
        _untrack(child.pid)
    stderr = err.read().decode("utf-8", errors="replace")
    err.close()
    return normalize(b"".join(chunks)), status, stderr


def wait_exit(child, deadline):
    """The pty is closed: wait for the exit that follows (or the deadline).
    Return the exit status, 128 + the signal, or None if still running."""
    while child.isalive():
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.002)
    if child.exitstatus is not None:
        return child.exitstatus
    return 128 + (child.signalstatus or 0)


_expected = {}
_expected_lock = threading.Lock()


def read_expected(lesson):
    """This kit's expected output: (text, None) or (None, why not). Read
    once per run, so that every tree is graded against the same text even
    if the file changes meanwhile."""
    with _expected_lock:
        if lesson not in _expected:
            _expected[lesson] = _read_expected(lesson)
        return _expected[lesson]


def _read_expected(lesson):
    path = os.path.join(KIT, "expected", lesson + ".txt")
    try:
        with open(path, encoding="utf-8") as f:
            return f.read(), None
    except (OSError, UnicodeDecodeError) as e:
        return None, "no expected output: %s: %s" % (
            os.path.relpath(path), getattr(e, "strerror", None) or e)


def run_lesson(root, lesson, opts):
    """Build and boot lessons/LESSON of the tree at root; compare its output
    with this kit's expected/ (never the tree's own)."""
    r = Result(lesson)
    start = time.monotonic()
    try:
        if not os.path.isfile(os.path.join(root, "lessons", lesson, "Makefile")):
            r.fail("MISSING", "lessons/%s/Makefile is missing" % lesson)
            return r
        status, r.build_log = make(root, lesson, opts.build_timeout)
        if status is None:
            r.fail("TIMEOUT", "the build did not finish in %g s: killed"
                   % opts.build_timeout, tail(r.build_log))
            return r
        if status != 0:
            r.fail("BUILD-ERROR", "the build failed", tail(r.build_log, 30))
            return r
        status, text = make(root, lesson, opts.build_timeout, "qemu-cmd")
        if status != 0:
            r.fail("BUILD-ERROR", "make qemu-cmd failed", tail(text))
            return r
        cmd = (text.strip().splitlines() or [""])[-1]
        try:
            r.output, status, r.qemu_stderr = boot(cmd, opts.timeout)
        except ValueError as e:
            r.fail("BUILD-ERROR", "cannot start the QEMU command %r: %s"
                   % (cmd, e))
            return r
        if isinstance(status, int):
            r.exit_status = status
        check(r, status, opts)
        if r.status != "PASS" and r.qemu_stderr.strip():
            r.detail += "\nQEMU said on stderr:\n" + r.qemu_stderr.rstrip()
        return r
    finally:
        r.seconds = time.monotonic() - start


def lab_lines(output):
    """What a handout's stubs printed (tools/handout/lab.c): "LAB: " lines."""
    return [l[len("LAB: "):] for l in output.splitlines() if l.startswith("LAB: ")]


def check(r, status, opts):
    """Set the verdict and the score of a lesson that ran."""
    expected, why_not = read_expected(r.lesson)
    verdict = None
    if expected is not None:
        try:
            verdict = compare.compare(expected, r.output, opts.exact,
                                      "expected/%s.txt" % r.lesson)
        except compare.ExpectedError as e:
            expected, why_not = None, str(e)
    if verdict:
        # One check per expected line, one for the order across sources,
        # one for a clean end (QEMU stopped by itself with status 0).
        r.checks = verdict.checks + 1
        r.met = verdict.met + (status == 0)
    if status is None:
        r.fail("TIMEOUT", "still running after %g s: killed; its last lines:"
               % opts.timeout, tail(r.output) or "(it printed nothing)")
    elif status == "overflow":
        r.fail("FAIL", "printed more than %d KiB: killed; its last lines:"
               % (MAX_OUTPUT >> 10), tail(r.output))
    elif expected is None:
        r.fail("FAIL", why_not, tail(r.output))
    elif not verdict.ok and lab_lines(r.output):
        # A handout's stub (make handout) said what is still to write.
        lines = lab_lines(r.output)
        r.fail("FAIL", "the lab is not finished: " + lines[0],
               "\n".join(lines[1:] + [verdict.detail]))
    elif not verdict.ok:
        r.fail("FAIL", verdict.why, verdict.detail)
    elif status != 0:
        r.fail("FAIL", "QEMU exited with status %d" % status, tail(r.output))


# ---- trees ------------------------------------------------------------------------

class Tree:
    """A tree to grade: the kit itself (built in place) or a student's copy
    (built in a scratch copy)."""

    def __init__(self, name, source, copy=True):
        self.name = name
        self.source = source         # the tree as given
        self.copy = copy
        self.root = None if copy else source   # where it is built
        self.problem = ""            # why none of its lessons can run
        self.notes = []              # things the instructor should know
        self.results = []
        self._lock = threading.Lock()
        self._prepared = False

    def prepare(self, scratch, lessons):
        """Once, in whichever worker gets there first: check the tree and
        copy it to the scratch directory."""
        with self._lock:
            if not self._prepared:
                self._prepared = True
                try:
                    if self.copy:
                        self._copy(scratch, lessons)
                except Exception as e:     # a tree too strange to copy
                    self.problem = "cannot copy %s: %s: %s" % (
                        self.source, type(e).__name__, e)

    def _copy(self, scratch, lessons):
        src = self.source
        if not os.path.isdir(src):
            self.problem = "no tree: %s is not a directory" % src
            return
        if not os.path.isdir(os.path.join(src, "lessons")):
            self.problem = "no lessons/ directory: %s is not a copy of the kit" % src
            return
        dest = os.path.join(scratch, safe_name(self.name))
        try:
            copy_tree(src, dest, scratch)
        except shutil.Error as e:
            errors = e.args[0] if e.args and isinstance(e.args[0], list) else []
            first = "%s: %s" % (errors[0][0], errors[0][2]) if errors else str(e)
            self.notes.append("could not copy %d file(s), e.g. %s"
                              % (max(len(errors), 1), first))
        except OSError as e:
            self.problem = "cannot copy %s: %s" % (src, e.strerror or e)
            return
        self.root = dest
        changed = changed_build_files(dest, lessons)
        if changed:
            self.notes.append("build files that differ from the kit's "
                              "(the grade relies on them): " + ", ".join(changed))

    def passed(self):
        return sum(r.status == "PASS" for r in self.results)

    def as_dict(self):
        return {"name": self.name, "path": self.source, "problem": self.problem,
                "notes": self.notes, "passed": self.passed(),
                "failed": len(self.results) - self.passed(),
                "results": [r.as_dict() for r in self.results]}


def safe_name(name):
    return name.replace(os.sep, "_").lstrip(".") or "_"


def copy_tree(src, dest, scratch):
    """Copy src to dest without its top-level build/ and .git/: the .d
    files in build/ name the original's absolute paths and would make the
    copy look up to date. Symbolic links stay links: following them could
    copy half the file system (a link to /); the build writes only under
    the copy's build/."""
    src = os.path.realpath(src)
    scratch = os.path.realpath(scratch)

    def ignore(directory, names):
        skip = [n for n in names
                if os.path.realpath(os.path.join(directory, n)) == scratch]
        if os.path.realpath(directory) == src:
            skip += [n for n in names if n in NOT_COPIED]
        return skip

    shutil.copytree(src, dest, symlinks=True, ignore=ignore)


def changed_build_files(root, lessons):
    paths = list(BUILD_FILES) + ["lessons/%s/Makefile" % l for l in lessons]
    return [p for p in paths if same_file(root, p) is False]


def same_file(root, path):
    """True or False, or None when the tree has no such file."""
    try:
        with open(os.path.join(root, path), "rb") as f:
            mine = f.read()
    except OSError:
        return None
    try:
        with open(os.path.join(KIT, path), "rb") as f:
            return f.read() == mine
    except OSError:
        return None


def run_one(tree, lesson, opts):
    """Grade one lesson of one tree. Whatever goes wrong stays in its
    result: one bad tree never stops the grading of the others."""
    try:
        tree.prepare(opts.scratch, opts.lessons)
        if tree.problem:
            r = Result(lesson)
            r.fail("MISSING", tree.problem)
            return r
        r = run_lesson(tree.root, lesson, opts)
    except Exception as e:      # e.g. a file system error in a strange tree
        r = Result(lesson)
        r.fail("BUILD-ERROR", "run.py could not grade it: %s: %s"
               % (type(e).__name__, e))
        return r
    if tree.copy:      # name the student's files as in their own tree
        prefix = os.path.join(tree.root, "")
        r.build_log = r.build_log.replace(prefix, "")
        r.detail = r.detail.replace(prefix, "")
    return r


def grade(trees, opts, on_result, on_tree):
    """Run every lesson of every tree, opts.jobs at a time. Call
    on_result(tree, result) and on_tree(tree) in tree and lesson order, each
    as soon as it and everything before it is done."""
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=opts.jobs)
    try:
        rows = [[pool.submit(run_one, tree, lesson, opts)
                 for lesson in opts.lessons] for tree in trees]
        for tree, row in zip(trees, rows):
            for future in row:
                tree.results.append(future.result())
                on_result(tree, tree.results[-1])
            on_tree(tree)
    except BaseException:
        stop_everything()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


# ---- printing ---------------------------------------------------------------------

def indent(text, prefix="     "):
    return "\n".join(prefix + l for l in text.splitlines())


def lesson_lines(r, verbose):
    """The plain format: "PASS|FAIL name  seconds", details indented."""
    label = "PASS" if r.status == "PASS" else "FAIL"
    why = r.why.splitlines() or [""]
    note = "" if r.status == "PASS" else ": " + (
        r.status + ", " if r.status != "FAIL" else "") + why[0]
    lines = ["%-4s %-24s %6.2f s%s" % (label, r.lesson, r.seconds, note)]
    if r.status != "PASS" and r.checks:
        why.append("score: %d%% (%d of %d checks met)"
                   % (r.score(), r.met, r.checks))
    if why[1:]:
        lines.append(indent("\n".join(why[1:])))
    if r.detail:
        lines.append(indent(r.detail))
    if verbose and r.output:
        lines.append("     --- output of %s ---" % r.lesson)
        lines.append(indent(r.output))
    return "\n".join(lines)


def student_line(tree):
    total = len(tree.results)
    if tree.problem:
        what = tree.problem
    else:
        what = "  ".join("%s %s" % (r.lesson, r.status)
                         for r in tree.results if r.status != "PASS")
    return ("%-24s %d/%d  %s" % (tree.name, tree.passed(), total, what)).rstrip()


def report_text(tree, opts):
    lines = ["stepvisor grade report: %s" % tree.name,
             "tree:      %s" % tree.source,
             "graded:    %s, against the expected outputs of the kit in %s"
             % (time.strftime("%Y-%m-%d %H:%M:%S"), KIT),
             "timeout:   %g s a lesson" % opts.timeout,
             "tools:     " + toolchain_line(opts.toolchain).split(": ", 1)[1],
             "result:    %d of %d lessons passed" % (tree.passed(), len(tree.results))]
    if tree.problem:
        lines.append("problem:   " + tree.problem)
    lines += ["note:      " + n for n in tree.notes]
    lines.append("")
    lines += [("%-24s %-11s %3d%% %6.2f s  %s" % (
        r.lesson, r.status, r.score(), r.seconds,
        r.why.splitlines()[0] if r.why else "")).rstrip()
              for r in tree.results]
    for r in tree.results:
        if r.status == "MISSING" and tree.problem:
            continue
        lines += ["", "==== %s: %s ====" % (r.lesson, r.status)]
        if r.status != "PASS":
            lines += [r.why, r.detail] if r.detail else [r.why]
        lines += ["---- build log ----", r.build_log.rstrip("\n") or "(empty)"]
        if r.status != "PASS" and r.output:
            lines += ["---- output ----", r.output.rstrip("\n")]
    return "\n".join(lines) + "\n"


# ---- files for machines -------------------------------------------------------------

def write_gradebook(path, trees, lessons, info):
    """One row per student. Every row also names the QEMU and GCC it was
    graded with (as "QEMU 7.2.22", text that no spreadsheet takes for a
    number or a date), so gradebooks from two machines can be merged; a
    comment row would be a student to a spreadsheet."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student"] + lessons + ["total"]
                   + ["%s score" % l for l in lessons] + ["score"]
                   + list(TOOLCHAIN_COLUMNS))
        tools = [label % info[key] for label, key in TOOLCHAIN_COLUMNS.values()]
        for tree in trees:
            scores = [r.score() for r in tree.results]
            w.writerow([tree.name] + [r.status for r in tree.results]
                       + [tree.passed()] + scores
                       + [sum(scores) // max(len(scores), 1)] + tools)


TOOLCHAIN_COLUMNS = {"qemu": ("QEMU %s", "qemu_version"),
                     "gcc": ("GCC %s", "gcc_version")}


def xml_text(text):
    """XML 1.0 cannot hold most control characters: show them as \\xNN."""
    return "".join(c if c in "\t\n\r" or (" " <= c <= "\ud7ff")
                   or ("\ue000" <= c <= "\ufffd") or c > "\uffff"
                   else "\\x%02x" % ord(c) for c in text)


def junit_xml(trees, info):
    def counts(results):
        kinds = [FAILURE_TYPES.get(r.status) for r in results]
        return {"tests": str(len(results)),
                "failures": str(kinds.count("failure")),
                "errors": str(kinds.count("error")),
                "time": "%.3f" % sum(r.seconds for r in results)}

    everything = [r for t in trees for r in t.results]
    root = ET.Element("testsuites", name="stepvisor", **counts(everything))
    for tree in trees:
        suite = ET.SubElement(root, "testsuite", name=tree.name,
                              **counts(tree.results))
        props = ET.SubElement(suite, "properties")     # the toolchain used
        for key in sorted(info):
            ET.SubElement(props, "property", name=key, value=xml_text(info[key]))
        for r in tree.results:
            case = ET.SubElement(suite, "testcase", classname=tree.name,
                                 name=r.lesson, time="%.3f" % r.seconds)
            props = ET.SubElement(case, "properties")
            ET.SubElement(props, "property", name="score", value=str(r.score()))
            ET.SubElement(props, "property", name="checks",
                          value="%d/%d" % (r.met, r.checks))
            kind = FAILURE_TYPES.get(r.status)
            if kind:
                node = ET.SubElement(case, kind, type=r.status,
                                     message=xml_text(r.why))
                node.text = xml_text("\n".join(
                    filter(None, [r.detail, r.build_log if r.status ==
                                  "BUILD-ERROR" else ""])))
            if r.output:
                ET.SubElement(case, "system-out").text = xml_text(r.output)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def summary(trees, lessons, seconds, info):
    everything = [r for t in trees for r in t.results]
    passed = sum(r.status == "PASS" for r in everything)
    return {"kit": KIT, "toolchain": info, "lessons": lessons, "passed": passed,
            "failed": len(everything) - passed, "seconds": round(seconds, 3),
            "trees": [t.as_dict() for t in trees]}


def write_file(path, text):
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as e:
        raise UsageError("cannot write %s: %s" % (path, e.strerror or e))


# ---- the modes ----------------------------------------------------------------------

def grade_trees(trees, opts, out, per_lesson):
    """Grade, print, and write what was asked for. Return the exit status."""
    start = time.monotonic()

    def on_result(tree, r):
        if per_lesson:
            print(lesson_lines(r, opts.verbose), file=out, flush=True)

    def on_tree(tree):
        if not per_lesson:
            print(student_line(tree), file=out, flush=True)
            if opts.verbose:
                for r in tree.results:
                    print(indent(lesson_lines(r, True), "    "), file=out)

    for lesson in opts.lessons:     # the expected outputs as they are now
        read_expected(lesson)
    grade(trees, opts, on_result, on_tree)
    seconds = time.monotonic() - start
    if opts.class_dir:
        write_class_files(trees, opts, out)
        print("graded %d students, %d lessons each, in %.1f s (-j %d)"
              % (len(trees), len(opts.lessons), seconds, opts.jobs), file=out)
    if opts.junit:
        write_file(opts.junit, junit_xml(trees, opts.toolchain))
    result = summary(trees, opts.lessons, seconds, opts.toolchain)
    if opts.json:
        print(json.dumps(result, indent=1))
    print("%d passed, %d failed" % (result["passed"], result["failed"]), file=out)
    return 0 if result["failed"] == 0 else 1


def make_reports_dir(out_dir):
    """Before grading: fail now rather than after the whole class."""
    reports = os.path.join(out_dir, "reports")
    try:
        os.makedirs(reports, exist_ok=True)
    except OSError as e:
        raise UsageError("cannot create %s: %s" % (reports, e.strerror or e))
    return reports


def write_class_files(trees, opts, out):
    reports = make_reports_dir(opts.out)
    gradebook = os.path.join(opts.out, "gradebook.csv")
    try:
        write_gradebook(gradebook, trees, opts.lessons, opts.toolchain)
    except OSError as e:
        raise UsageError("cannot write %s: %s" % (gradebook, e.strerror or e))
    for tree in trees:
        write_file(os.path.join(reports, safe_name(tree.name) + ".txt"),
                   report_text(tree, opts))
    print("gradebook: %s" % gradebook, file=out)
    print("reports:   %s%s (one per student)" % (reports, os.sep), file=out)


def class_trees(class_dir, skip):
    """One tree per immediate subdirectory, by name; hidden ones and the
    directories run.py writes to are left out."""
    skip = {os.path.realpath(p) for p in skip if p}
    try:
        names = sorted(os.listdir(class_dir))
    except OSError as e:
        raise UsageError("cannot read %s: %s" % (class_dir, e.strerror or e))
    trees = [Tree(n, os.path.join(class_dir, n)) for n in names
             if not n.startswith(".")
             and os.path.isdir(os.path.join(class_dir, n))
             and os.path.realpath(os.path.join(class_dir, n)) not in skip]
    if not trees:
        raise UsageError("%s has no subdirectories: --class wants one "
                         "directory per student" % class_dir)
    return trees


def update_expected(lesson, opts, out):
    """Rewrite expected/LESSON.txt from a run of the kit's lesson, after
    showing the diff. Only from a run that ended by itself with status 0."""
    r = run_lesson(KIT, lesson, opts)
    if r.exit_status is None or r.exit_status != 0:
        print(lesson_lines(r, opts.verbose), file=out)
        print("run.py: not rewriting expected/%s.txt: the lesson must build "
              "and end by itself with status 0" % lesson, file=out)
        return 1
    path = os.path.join(KIT, "expected", lesson + ".txt")
    old = ""
    if os.path.exists(path):
        old, why_not = read_expected(lesson)
        if old is None:
            raise UsageError(why_not)
    try:
        new = compare.updated(old, r.output)
    except compare.ExpectedError as e:
        raise UsageError(str(e))
    if old == new:
        print("expected/%s.txt is already what the lesson prints" % lesson, file=out)
        return 0
    print("\n".join(difflib.unified_diff(
        old.splitlines(), new.splitlines(), "expected/%s.txt" % lesson,
        "from this run (fields kept)", lineterm="")), file=out, flush=True)
    if not opts.yes and not sys.stdin.isatty():
        print("run.py: not rewriting expected/%s.txt: no terminal to ask at; "
              "read the diff, then run again with -y" % lesson, file=out)
        return 1
    if not opts.yes:
        try:
            answer = input("rewrite expected/%s.txt? [y/N] " % lesson)
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            print("expected/%s.txt left as it was" % lesson, file=out)
            return 1
    write_file(path, new)
    print("rewrote expected/%s.txt" % lesson, file=out)
    return 0


# ---- the command line -------------------------------------------------------------------

def positive(kind):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if value <= 0:
            raise argparse.ArgumentTypeError("%r is not a positive number" % text)
        return value
    return parse


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="run.py", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Build, boot and check stepvisor lessons; grade "
                    "students' copies of the kit.")
    parser.add_argument("lessons", nargs="*", metavar="LESSON",
                        help="lesson number or name (default: every lesson)")
    parser.add_argument("--timeout", type=positive(float), default=20.0,
                        metavar="SECONDS",
                        help="seconds a lesson may run (default: 20)")
    parser.add_argument("--build-timeout", type=positive(float), default=120.0,
                        metavar="SECONDS",
                        help="seconds a lesson's build may take (default: 120)")
    parser.add_argument("--exact", action="store_true",
                        help="figures must also equal the kit's own (the "
                             "kit's CI, with the reference toolchain); "
                             "without it a figure need only meet its rule")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print each lesson's whole output")
    parser.add_argument("-j", "--jobs", type=positive(int), metavar="N",
                        default=os.cpu_count() or 1,
                        help="lessons (and students) run in parallel "
                             "(default: every core, %(default)s here)")
    group = parser.add_mutually_exclusive_group()
    parser.add_argument("--update", metavar="LESSON",
                        help="rewrite this kit's expected output of LESSON "
                             "from a run, showing the diff first (kit "
                             "authors; refused with --tree or --class)")
    group.add_argument("--tree", metavar="DIR",
                       help="grade the student's copy of the kit at DIR")
    group.add_argument("--class", dest="class_dir", metavar="DIR",
                       help="grade every subdirectory of DIR (one student's "
                            "copy each) and write a gradebook")
    parser.add_argument("-y", "--yes", action="store_true",
                        help="--update: rewrite without asking (needed "
                             "when stdin is not a terminal: without it, "
                             "--update shows the diff and refuses)")
    parser.add_argument("--out", metavar="DIR",
                        help="--class: where gradebook.csv and reports/ go "
                             "(default: the class directory + '-grades')")
    parser.add_argument("--scratch", metavar="DIR",
                        help="make the scratch directory for the copies "
                             "under DIR (default: the system's temporary "
                             "directory)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the scratch copies (their path is printed)")
    parser.add_argument("--cross-compile", metavar="PREFIX",
                        help="the cross compiler's prefix, as make's "
                             "CROSS_COMPILE (default: $CROSS_COMPILE, or "
                             "Debian's aarch64-linux-gnu-)")
    parser.add_argument("--qemu", metavar="COMMAND",
                        help="the QEMU to boot lessons with, as make's QEMU "
                             "(default: $QEMU, or qemu-system-aarch64)")
    parser.add_argument("--junit", metavar="FILE",
                        help="write JUnit XML (a testcase per lesson) to FILE")
    parser.add_argument("--json", action="store_true",
                        help="print a JSON summary on stdout; the usual "
                             "lines go to stderr")
    return parser.parse_args(argv)


def check_args(args, available):
    """Turn the arguments into the lessons to run; UsageError if wrong."""
    if args.update and (args.tree or args.class_dir):
        raise UsageError("--update rewrites this kit's expected/ from this "
                         "kit's lesson: it refuses to run against --tree "
                         "or --class")
    if args.update and (args.lessons or args.junit or args.json):
        raise UsageError("--update takes one lesson, and no other lessons, "
                         "--junit or --json")
    if args.out and not args.class_dir:
        raise UsageError("--out goes with --class")
    names = [args.update] if args.update else args.lessons or available
    lessons, unknown = select(names, available)
    if lessons is None:
        raise UsageError("unknown lesson '%s'; the lessons are: %s"
                         % (unknown, " ".join(available)))
    if args.update and len(lessons) != 1:
        raise UsageError("--update takes one lesson")
    for name, path in (("--tree", args.tree), ("--class", args.class_dir),
                       ("--scratch", args.scratch)):
        if path is not None and not os.path.isdir(path):
            raise UsageError("%s %s: no such directory" % (name, path))
    if args.junit and not os.path.isdir(os.path.dirname(os.path.abspath(args.junit))):
        raise UsageError("--junit %s: its directory does not exist" % args.junit)
    return lessons


def run(argv):
    args = parse_args(argv)
    available = lessons_in(KIT)
    args.lessons = check_args(args, available)
    args.toolchain = find_toolchain(args)
    out = sys.stderr if args.json else sys.stdout
    print(toolchain_line(args.toolchain), file=out, flush=True)
    if args.exact:
        found = {"gcc": args.toolchain["gcc_version"],
                 "qemu": args.toolchain["qemu_version"]}
        if not toolchain.is_reference(found):
            args.exact = False
            print("run.py: --exact: figures held to their rules only: this "
                  "toolchain (gcc %s, QEMU %s) is not the one the kit's "
                  "figures come from (expected/figures-toolchain.txt)"
                  % (found["gcc"] or "?", found["qemu"] or "?"), file=out)

    if args.update:
        return update_expected(args.lessons[0], args, out)
    if not args.tree and not args.class_dir:
        args.scratch = None
        return grade_trees([Tree(os.path.basename(KIT), KIT, copy=False)],
                           args, out, per_lesson=True)

    parent = args.scratch or tempfile.gettempdir()
    try:
        args.scratch = os.path.abspath(
            tempfile.mkdtemp(prefix="stepvisor-grade-", dir=parent))
    except OSError as e:
        raise UsageError("cannot make a scratch directory in %s: %s"
                         % (parent, e.strerror or e))
    try:
        if args.tree:
            tree = Tree(os.path.basename(os.path.abspath(args.tree)) or "tree",
                        os.path.abspath(args.tree))
            print("grading %s (built in a scratch copy under %s)"
                  % (tree.source, args.scratch), file=out, flush=True)
            return grade_trees([tree], args, out, per_lesson=True)
        class_dir = os.path.abspath(args.class_dir)
        args.out = os.path.abspath(args.out or class_dir.rstrip(os.sep) + "-grades")
        trees = class_trees(class_dir, [args.out, args.scratch])
        make_reports_dir(args.out)
        print("grading %d students in %s (built in scratch copies under %s)"
              % (len(trees), class_dir, args.scratch), file=out, flush=True)
        return grade_trees(trees, args, out, per_lesson=False)
    finally:
        if args.keep:
            print("scratch copies kept in %s" % args.scratch, file=out)
        else:
            shutil.rmtree(args.scratch, ignore_errors=True)


def main(argv=None):
    try:
        return run(argv)
    except UsageError as e:
        print("run.py: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        stop_everything()
        sys.exit("run.py: interrupted")
    except BrokenPipeError:      # e.g. ./run.py | head: stop quietly
        stop_everything()
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
