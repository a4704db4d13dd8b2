"""lesson.py: one lesson of one tree: build it, boot it, judge it."""

import contextlib
import os
import re
import shlex
import threading
import time

from grader import KIT, boot, compare, procs, sandbox, scratch, toolchain, watch

TAIL_LINES = 15          # lines of output shown for a timeout or build error
# Lessons that run longer than --timeout allows the others: lesson 08 boots
# Debian's kernel (330 million guest instructions: about 4 s on an idle
# machine, 20 s and more on a busy one), so it gets this many times it.
TIMEOUT_SCALE = {"08-linux-guest": 12}
# A boot that completes this many instructions without powering off is
# stopped (grader/watch.py): a loop that never ends is killed within a
# second (lessons 01-05, when it prints nothing: 0.4-0.5 s of QEMU's CPU in
# all for a tight loop, past the limit at the first question; 0.55-0.76 s
# for a trap loop, 50-60 million a CPU second: 0.65-1.1 s with a limit of
# 50 million), a few
# seconds (06, 07; lesson 08 is not watched, below), not at the timeout. Three
# times and more what the kit's own lessons complete, poison boots and
# test guests (tests/hostile/) included: 01-05 at most 10.0 million (05
# with the sleeper, which lesson 05's 10 ms deadline ends; 4.5 million
# without, 5.4 with lesson 04's guest built at -O0), 06 100 million (with the
# spinner, stopped by lesson 06's 100 ms budget; 4.5 million without), 07
# 200 million (greedy, spinner; 99 million without), 08 645 million
# (Debian 13's Linux to power-off; Debian 12's: 364 million; not watched,
# below). A correct
# hypervisor slower than the kit's stays far inside: its guests' work is
# the same.
# Lesson 08 (Linux, 4 s of CPU) is not watched (None): its boots would be
# asked questions for most of their run (watch.QUIET_CPU), and it was
# always reliable without.
INSTRUCTION_LIMIT = {"06-virtual-interrupts": 300 * 10**6,
                     "07-multi-guest": 600 * 10**6,
                     "08-linux-guest": None}
DEFAULT_INSTRUCTION_LIMIT = 35 * 10**6
# The least progress of a boot that is not stuck: instructions completed in
# watch.STUCK_CPU (0.2) seconds of QEMU's CPU, the UART printing less than
# watch.PRINTED_LEAST. Lessons
# 01-07 complete 7 million and more in that time (lesson 05 with the
# sleeper test guest, a trap at every wfi; the kit's own lessons 50
# million a CPU second and more), an exception taken at a vector that
# holds an undefined instruction again and again 0.2 million, one whose
# handler's first store faults (lesson 02 after lesson 01's exercise 6)
# 0.4-0.55 million: 1 million tells them apart, with room for a host five
# times slower. (Linux has slow stretches, 15 million in half a
# second with Debian 13's kernel on QEMU 10.0: were lesson 08 watched, 1.)
LEAST_PROGRESS = {"08-linux-guest": 1}
DEFAULT_LEAST_PROGRESS = 1000000


def timeout_of(lesson, opts):
    return opts.timeout * TIMEOUT_SCALE.get(lesson, 1)


def limit_of(lesson):
    return INSTRUCTION_LIMIT.get(lesson, DEFAULT_INSTRUCTION_LIMIT)


def least_of(lesson):
    return LEAST_PROGRESS.get(lesson, DEFAULT_LEAST_PROGRESS)


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
        self.build_seconds = 0.0  # of which building (the rest: booting)
        self.met = 0             # checks the output meets (the score),
        self.checks = 0          # of this many (0: it never ran)
        self.limit = ""          # the sandbox's limit that stopped it

    def fail(self, status, why, detail=""):
        self.status, self.why, self.detail = status, why, detail

    def score(self):
        """Partial credit, 0-100: the share of the lesson's checks met."""
        return 100 if self.status == "PASS" else \
            self.met * 100 // self.checks if self.checks else 0

    def as_dict(self):
        return {"lesson": self.lesson, "status": self.status, "why": self.why,
                "score": self.score(), "checks_met": self.met,
                "checks": self.checks, "limit": self.limit,
                "detail": self.detail, "seconds": round(self.seconds, 3),
                "build_seconds": round(self.build_seconds, 3),
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


def make(root, lesson, timeout, *targets, wrap=None):
    argv = ["make", "-s", "--no-print-directory", "-C",
            os.path.join(root, "lessons", lesson)] + list(targets) \
        + toolchain.MAKE_VARS
    return procs.run_cmd(wrap(argv) if wrap else argv, timeout)


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


# The poison boot (README "The poison boot"): the same lesson, linked to
# start at common/poison/poison.S, which fills every register the kit must
# initialise with junk first; built into build/NN-name+poison/.
POISON = ("POISON=1",)


def build(root, lesson, timeout, poison=False, wrap=None):
    """Build lesson at root (its poison boot's image if poison): (exit
    status, or None after a timeout, the log). The kit's own lesson is
    built by the kit's make, which prints its QEMU command in the same run
    (built-qemu-cmd): qemu_argv() then needs no make of its own."""
    options = POISON if poison else ()
    if root != KIT or wrap:
        # A copy: its image only (make image), no listings to read.
        return make(root, lesson, timeout, "image", *options, wrap=wrap)
    # The poison image without its listings (built-image-qemu-cmd): the
    # READMEs send people to the plain image's, and nothing reads these.
    goal = "built-image-qemu-cmd" if poison else "built-qemu-cmd"
    status, text = make(KIT, lesson, timeout, goal, *options)
    if status != 0:
        return status, text
    log, line = command_line(text)
    with _qemu_lock:
        _qemu_cmd.setdefault((lesson, poison), (shlex.split(line), text))
    return status, log


def command_line(text):
    """make's output ends with the QEMU command it echoed: (the rest, that
    line). make's own warnings may come after it ("make: warning:  Clock
    skew detected", when a file is dated in the future): they are not it."""
    lines = text.rstrip("\n").split("\n")
    for i in range(len(lines) - 1, -1, -1):
        if not re.match(r"make(\[\d+\])?: ", lines[i]):
            return "\n".join(lines[:i] + lines[i + 1:]), lines[i]
    return text, ""


def qemu_argv(root, lesson, opts, poison=False):
    """The QEMU command for lesson at root: always the kit's own, from the
    kit's build files (never from a student's make), with the kit's
    build/ replaced by root's, where the lesson was built. Cached per
    lesson: it does not depend on the tree."""
    key = (lesson, poison)
    with _qemu_lock:
        if key not in _qemu_cmd:
            status, text = make(KIT, lesson, 60, "qemu-cmd",
                                *(POISON if poison else ()))
            line = command_line(text)[1]
            _qemu_cmd[key] = (shlex.split(line) if status == 0 else None, text)
        argv, text = _qemu_cmd[key]
    if argv is None:
        raise ValueError("the kit's make qemu-cmd failed: %s" % tail(text, 3))
    kit_build = os.path.join(KIT, "build", "")
    return [a.replace(kit_build, os.path.join(root, "build", "")) for a in argv]


_qemu_cmd = {}
_qemu_lock = threading.Lock()
_no_lock = contextlib.nullcontext()


def run_lesson(root, lesson, opts, sandboxed=False, build_lock=None):
    """Build and boot lessons/LESSON of the tree at root; compare its output
    with this kit's expected/ (never the tree's own). sandboxed: root is a
    student's scratch copy, built and booted in the sandbox. build_lock:
    held while building, so that one tree's lessons are built one at a
    time (they share build/obj; in separate PID namespaces, two builds'
    temporary files, named by PID, would collide), and booted in parallel."""
    r = Result(lesson)
    start = time.monotonic()
    wrap = (lambda argv: sandbox.wrap(argv, root)) if sandboxed else None
    try:
        if not os.path.isfile(os.path.join(root, "lessons", lesson, "Makefile")):
            r.fail("MISSING", "lessons/%s/Makefile is missing" % lesson)
            return r
        with build_lock or _no_lock:
            started = time.monotonic()
            status, r.build_log = build(root, lesson, opts.build_timeout, wrap=wrap)
            r.build_seconds = time.monotonic() - started
        if status is None:
            r.fail("TIMEOUT", "the build did not finish in %g s: killed"
                   % opts.build_timeout, tail(r.build_log))
            return r
        if status != 0:
            r.fail("BUILD-ERROR", "the build failed", tail(r.build_log, 30))
            return r
        if not boot_and_check(r, root, opts, sandboxed):
            return r
        if r.status == "PASS" and getattr(opts, "poison", False):
            poisoned(r, root, opts, sandboxed, wrap, build_lock or _no_lock)
        return r
    finally:
        r.seconds = time.monotonic() - start
        if sandboxed and r.status != "PASS":
            stopped(r, root)


def stopped(r, root):
    """If one of the sandbox's limits stopped the lesson, say which, first:
    the student then knows it was their tree that asked too much."""
    r.limit = sandbox.limit_reached(r.build_log + "\n" + r.qemu_stderr,
                                    scratch.full(root))
    if r.limit:
        r.why = "stopped by the sandbox's limit on %s; %s" % (r.limit, r.why)


def boot_and_check(r, root, opts, sandboxed, poison=False):
    """Boot r.lesson as built at root and judge its output into r. False
    if QEMU could not be started (r says why)."""
    name = r.lesson + ("+poison" if poison else "")
    try:
        argv = qemu_argv(root, r.lesson, opts, poison)
        if getattr(opts, "private", None) and root != KIT:
            # A student's copy: QEMU's stderr goes to a file of run.py's
            # own, outside the copy (bound into the read-only sandbox),
            # so that no student can make it a link or a FIFO.
            err = os.path.join(opts.private, "%s-%s.err"
                               % (os.path.basename(root), name))
            os.close(os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
            if sandboxed:
                os.chown(err, *sandbox.ids())
            inside = "/tmp/qemu-stderr.txt" if sandboxed else err
            r.output, status, r.qemu_stderr = boot.boot(
                argv, timeout_of(r.lesson, opts), err, stderr_inside=inside,
                limit=limit_of(r.lesson), least=least_of(r.lesson),
                wrap=(lambda a: sandbox.wrap(a, root, writable=False,
                                             files=[(err, inside)]))
                if sandboxed else None)
        else:
            err = os.path.join(root, "build", name, "qemu-stderr.txt")
            os.makedirs(os.path.dirname(err), exist_ok=True)
            r.output, status, r.qemu_stderr = boot.boot(
                argv, timeout_of(r.lesson, opts), err, limit=limit_of(r.lesson),
                least=least_of(r.lesson))
    except ValueError as e:
        r.fail("BUILD-ERROR", "cannot start QEMU: %s" % e)
        return False
    if isinstance(status, int):
        r.exit_status = status
    check(r, status, opts)
    if r.status != "PASS" and r.qemu_stderr.strip():
        r.detail += "\nQEMU said on stderr:\n" + r.qemu_stderr.rstrip()
    r.output = bounded(r.output)
    return True


def poisoned(r, root, opts, sandboxed, wrap, build_lock):
    """A lesson that passed, booted again with every register junk at
    reset (the poison boot): it must pass again. If not, r fails, saying
    so first: the bug is a missing initialisation."""
    p = Result(r.lesson)
    with build_lock:
        status, p.build_log = build(root, r.lesson, opts.build_timeout,
                                    poison=True, wrap=wrap)
    if status != 0:
        p.fail("TIMEOUT" if status is None else "BUILD-ERROR",
               "the build failed", tail(p.build_log, 30))
    else:
        boot_and_check(p, root, opts, sandboxed, poison=True)
    if p.status != "PASS":
        r.fail(p.status, "under the poison boot (every register junk at "
               "reset, README \"The poison boot\"): " + p.why, p.detail)
        r.met = min(r.met, p.met) if p.checks else 0
        r.output, r.qemu_stderr = p.output, p.qemu_stderr
        r.exit_status = p.exit_status


def bounded(text, head=procs.HEAD, tail_bytes=procs.TAIL):
    """Once compared, an output is kept as its head and tail only: a class
    of lessons that each print 1 MiB must not fill run.py's memory."""
    if len(text) <= head + tail_bytes:
        return text
    return "%s\n[... %d characters left out ...]\n%s" % (
        text[:head], len(text) - head - tail_bytes, text[-tail_bytes:])


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
               % timeout_of(r.lesson, opts), tail(r.output) or "(it printed nothing)")
    elif status == "stuck":
        least = least_of(r.lesson)
        r.fail("TIMEOUT", "stuck: %s in %g s of QEMU's CPU time (a wfi that "
               "nothing will wake, or an exception taken again and again at "
               "its vector): killed; its last lines:" % (
                   "no instruction completed" if least <= 1 else
                   "fewer than %g million instructions completed" % (least / 1e6),
                   watch.STUCK_CPU),
               tail(r.output) or "(it printed nothing)")
    elif status == "silent":
        r.fail("TIMEOUT", "stuck: QEMU did not answer run.py's question for "
               "%g s of its CPU time: killed; its last lines:" % watch.STUCK_CPU,
               tail(r.output) or "(it printed nothing)")
    elif status == "runaway":
        r.fail("TIMEOUT", "still running after %d million instructions, the "
               "limit for lesson %s (a loop that never ends? a trap handler "
               "that does not advance ELR_EL2 runs the same instruction "
               "forever): killed; its last lines:"
               % (limit_of(r.lesson) // 10**6, r.lesson[:2]),
               tail(r.output) or "(it printed nothing)")
    elif status == "overflow":
        r.fail("FAIL", "printed more than %d KiB: killed; its last lines:"
               % (boot.MAX_OUTPUT >> 10), tail(r.output))
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
