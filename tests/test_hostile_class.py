"""A class that tries to fool, crash or outlive the grader (README,
"Grading a class"). One class of hostile and unlucky trees is graded once,
sandboxed, and each kind of attack is its own test: no unearned PASS, no
classmate touched, nothing left running or on disk, no traceback, bounded
memory, a row for every entry; and correct trees with odd names, future
dates or read-only files pass."""

import csv
import os
import pathlib
import re
import signal
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET

import pytest

from conftest import KIT, NO_SANDBOX, RUN_PY, edit, no_traceback, run_py
from grader import procs, sandbox
from grader.scratch import DISK_BYTES
from grader.reports import csv_cell
from grader.trees import display

L01 = "01-el3-to-el2"
CHANGED, LIMIT = "build files not the kit's", "stopped by a limit"
MAIN01 = "lessons/%s/main.c" % L01
BANNER = 'printf("stepvisor lesson 01: from EL3 to EL2\\n\\n");'
WRONG = 'printf("stepvisor lesson 01: not done yet\\n\\n");'
EXPECTED = os.path.join(KIT, "expected", L01 + ".txt")
ODD = "o'dd $name\tand\nnewline"
NOT_UTF8 = os.fsdecode(b"\xff\xfe-bytes")


def semihost_system(command):
    """C that runs a shell command through semihosting's SYS_SYSTEM: lessons
    01 and 02 boot with semihosting, and QEMU runs the command on the host
    (here: in the sandbox, with the copy read-only)."""
    return r"""{
		static const char cmd[] = "%s";
		u64 block[2] = { (u64)cmd, sizeof(cmd) - 1 };
		register u64 x0 asm("x0") = 0x12;	/* SYS_SYSTEM */
		register u64 x1 asm("x1") = (u64)block;
		asm volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	}
	""" % command


SEMIHOST_SYSTEM = semihost_system("touch ESCAPED; ls ESCAPED; echo semihost-done")
# A fork bomb, through the same door: it tries to have 1000 processes at
# once, and says how far it got (on the UART, which the report shows).
# Its sleeps are this run's own (30 s and a fraction from our PID), so that
# looking for leftovers never finds another test run's on the machine.
BOMB_SLEEP = "sleep 30.%06d" % os.getpid()
FORK_BOMB = semihost_system("i=0; while [ $i -lt 1000 ]; do %s & "
                            "i=$((i+1)); [ $((i %% 32)) = 0 ] && echo spawned $i; done"
                            % BOMB_SLEEP)
# What the meddler leaves running, in its group and out of it (setsid):
# for 30 s, every 0.05 s, it writes the gradebook whenever it is there
# (run.py writes it once, after grading). Its sleeps are this run's own
# (0.05 s and a fraction from our PID), so that a survivor can be looked
# for: in the sandbox the gradebook is not there to write, whether or not
# the loop outlives the boot.
MEDDLE_SLEEP = "sleep 0.05%06d" % os.getpid()
MEDDLE_LATER = ("i=0; while [ $i -lt 600 ]; do [ -e {out}/gradebook.csv ] && "
                "echo meddled > {out}/gradebook.csv; %s; i=$((i+1)); done"
                % MEDDLE_SLEEP)
# A build that writes 10 GB, in many files, each under the file-size
# limit: 40 sources of a few bytes, each assembled into a 250 MB object.
FILLERS, FILLER_BYTES = 40, 250 << 20

pytestmark = pytest.mark.skipif(NO_SANDBOX is not None,
                                reason="no sandbox here: %s" % NO_SANDBOX)


def wrong(tree):
    """The lesson prints the wrong banner: only a cheat could pass it."""
    edit(tree, MAIN01, BANNER, WRONG)


def write(tree, path, text, mode=None):
    full = os.path.join(tree, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)
    if mode is not None:
        os.chmod(full, mode)


def build_class(root, student, out, scratch):
    """{row name: what it tests}; the trees are made under root, to be
    graded into out with their copies under scratch."""
    k = str(root)
    made = {}

    t = student("gnumakefile", k)          # make reads GNUmakefile first
    wrong(t)
    write(t, "lessons/%s/GNUmakefile" % L01,
          "all:\n\t@true\nqemu-cmd:\n\t@echo cat %s\n" % EXPECTED)
    made["gnumakefile"] = "unearned"
    t = student("buildmk", k)               # a build.mk that prints the answer
    wrong(t)
    edit(t, "common/build.mk", "qemu-cmd:\n\t@echo $(QEMU_CMD)",
         "qemu-cmd:\n\t@echo cat %s" % EXPECTED)
    made["buildmk"] = "unearned"
    t = student("lessons-link", k)          # lessons/ is the kit's own
    subprocess.run(["rm", "-rf", os.path.join(t, "lessons")], check=True)
    os.symlink(os.path.join(KIT, "lessons"), os.path.join(t, "lessons"))
    made["lessons-link"] = "unearned"
    t = student("lesson-link", k)           # one lesson is a classmate's
    subprocess.run(["rm", "-rf", os.path.join(t, "lessons", L01)], check=True)
    os.symlink(os.path.join(k, "gnumakefile", "lessons", L01),
               os.path.join(t, "lessons", L01))
    made["lesson-link"] = "unearned"
    t = student("shell-name", k)            # a name the shell would run
    wrong(t)
    write(t, "lessons/%s/x;touch ${HOME}PWNED;.c" % L01, "int x;\n")
    made["shell-name"] = "unearned"
    t = student("gcc-flood", k)             # gcc prints megabytes
    # 4 MB in 200 long diagnostics: as much text as 20000 short ones, in
    # a fraction of a second (GCC spends a millisecond and more on each
    # diagnostic, and looks for a "did you mean" among every name before
    # it: 20000 undeclared names kept it busy past the build's timeout).
    write(t, "lessons/%s/flood.c" % L01,
          "".join("#warning flood %d %s\n" % (i, "x" * 10000) for i in range(200)))
    made["gcc-flood"] = "bounded"
    t = student("escapes", k)               # ESC and a stray CR in the output
    edit(t, MAIN01, BANNER,
         'printf("stepvisor lesson 01: \\033[2J\\033]0;pwned\\007from EL3\\rto EL2\\n\\n");')
    made["escapes"] = "escaped"
    t = student("links-to-devices", k)      # build files that are devices
    os.unlink(os.path.join(t, "common", "hyp.ld"))
    os.symlink("/dev/zero", os.path.join(t, "common", "hyp.ld"))
    os.unlink(os.path.join(t, "lessons", L01, "Makefile"))
    os.symlink("/dev/stdin", os.path.join(t, "lessons", L01, "Makefile"))
    made["links-to-devices"] = "correct"
    t = student("semihost-system", k)       # the image runs host commands
    edit(t, MAIN01, BANNER, SEMIHOST_SYSTEM + BANNER)
    made["semihost-system"] = "escaped-command"
    t = student("shadow-header", k)         # a header first on the path
    write(t, "lessons/%s/print.h" % L01, "#error not the kit's print.h\n")
    made["shadow-header"] = "unearned"
    t = student("climb", k)                 # a link that climbs out and back
    os.rename(os.path.join(t, "lessons", L01), os.path.join(t, "real01"))
    os.symlink("../../climb/real01", os.path.join(t, "lessons", L01))
    write(t, "real01/Makefile", "# the student's own Makefile\ninclude ../common/build.mk\n")
    made["climb"] = "original-untouched"
    t = student("sparse", k)                # a 4 GB hole
    with open(os.path.join(t, "big.bin"), "wb") as f:
        f.truncate(4 << 30)
    os.mkfifo(os.path.join(t, "a-fifo"))
    made["sparse"] = "correct"
    t = student("meddler", k)               # at classmates and the gradebook
    edit(t, MAIN01, BANNER, semihost_system(
        "({later}) >/dev/null 2>&1 & setsid sh -c '{later}' >/dev/null 2>&1 & "
        "for f in {scratch}/*/*/{main} {k}/*/{main}; do echo meddled > $f; done; "
        "echo meddler-done".format(later=MEDDLE_LATER.format(out=out),
                                   scratch=scratch, main=MAIN01, k=k)) + BANNER)
    made["meddler"] = "meddler"
    t = student("fork-bomb", k)             # 1000 processes at once
    edit(t, MAIN01, BANNER, FORK_BOMB + BANNER)
    made["fork-bomb"] = "limit processes"
    t = student("disk-filler", k)           # 10 GB in 40 files
    for n in range(FILLERS):
        write(t, "lessons/%s/fill%02d.S" % (L01, n),
              "\t.data\n\t.fill %d, 1, 0\n" % FILLER_BYTES)
    made["disk-filler"] = "limit disk"
    t = student(ODD, k)                     # a name only a shell could hate
    made[ODD] = "correct"
    t = student("future", k)                # dated in 2100
    for d, _, names in os.walk(t):
        for n in names:
            os.utime(os.path.join(d, n), (4102444800, 4102444800))
    made["future"] = "correct"
    t = student("readonly", k)              # nothing writable
    for d, dirs, names in os.walk(t):
        for n in names:
            os.chmod(os.path.join(d, n), 0o444)
    for d, dirs, names in sorted(os.walk(t), reverse=True):
        os.chmod(d, 0o555)
    made["readonly"] = "correct"
    student(NOT_UTF8, k)                    # a name that is not UTF-8
    made[NOT_UTF8] = "correct"
    write(k, "=HYPERLINK(1).txt", "a plain file\n")   # no tree; CSV formula
    made["=HYPERLINK(1).txt"] = "missing"
    return made


def peak_memory(pid, stop, found):
    """Sample VmHWM (the peak resident size) of pid until stop is set."""
    while not stop.is_set():
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        found[0] = int(line.split()[1]) // 1024
        except OSError:
            pass
        time.sleep(0.05)


def disk_free(path, stop, found):
    """Sample the free space of path's file system until stop is set; the
    lowest seen goes into found[1] (found[0]: before)."""
    while not stop.is_set():
        st = os.statvfs(path)
        found[1] = min(found[1], st.f_bavail * st.f_frsize)
        time.sleep(0.05)


@pytest.fixture(scope="module")
def reachable(tmp_path_factory):
    """A directory for run.py's --scratch that the sandbox's user can reach
    when run.py is root (pytest's own are 0700: sandbox.unreachable)."""
    import shutil
    import tempfile
    path = tempfile.mkdtemp(prefix="stepvisor-test-")
    os.chmod(path, 0o711)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def graded(tmp_path_factory, pristine, reachable):
    import shutil
    base = tmp_path_factory.mktemp("hostile")

    def student(name, parent):
        dest = os.path.join(parent, name)
        shutil.copytree(pristine, dest)
        return dest

    klass = base / "class"
    klass.mkdir()
    scratch = pathlib.Path(reachable) / "scratch"
    scratch.mkdir()
    out = base / "grades"
    made = build_class(klass, student, out, scratch)
    junit = base / "class.xml"
    home_before = set(os.listdir(os.path.expanduser("~")))
    proc = subprocess.Popen([sys.executable, RUN_PY, "--class", str(klass),
                             "--out", str(out), "--scratch", str(scratch),
                             "--junit", str(junit), "--timeout", "10", L01],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    stop, peak = threading.Event(), [0]
    st = os.statvfs(str(scratch))
    free = [st.f_bavail * st.f_frsize] * 2
    samplers = [threading.Thread(target=peak_memory, args=(proc.pid, stop, peak)),
                threading.Thread(target=disk_free, args=(str(scratch), stop, free))]
    for t in samplers:
        t.start()
    stdout, stderr = proc.communicate(timeout=600)
    ended = time.monotonic()
    stop.set()
    for t in samplers:
        t.join()
    with open(out / "gradebook.csv", "rb") as f:
        gradebook = f.read()
    table = list(csv.reader(gradebook.decode("utf-8").splitlines()))
    rows = {r[0]: dict(zip(table[0], r)) for r in table[1:]}
    return {"made": made, "rows": rows, "stdout": stdout.decode("utf-8", "replace"),
            "stderr": stderr.decode("utf-8", "replace"), "status": proc.returncode,
            "scratch": scratch, "out": out, "junit": junit, "peak_mb": peak[0],
            "disk_used": free[0] - free[1], "gradebook": gradebook,
            "klass": klass, "home_before": home_before, "ended": ended}


def row(graded, name):
    """A student's gradebook row, by the name of their directory:
    {column: cell}."""
    return graded["rows"][csv_cell(display(name))]


def report(graded, name):
    reports = graded["out"] / "reports"
    return [(reports / r).read_text() for r in os.listdir(reports)
            if r.startswith(name + "-")][0]


def test_a_row_for_every_entry_and_no_traceback(graded):
    assert "Traceback" not in graded["stdout"] + graded["stderr"], graded["stderr"]
    assert sorted(graded["rows"]) == sorted(csv_cell(display(n)) for n in graded["made"])
    assert row(graded, "=HYPERLINK(1).txt")[L01] == "MISSING"


def test_no_unearned_pass(graded):
    for name, kind in graded["made"].items():
        if kind == "unearned":
            assert row(graded, name)[L01] != "PASS", (name, row(graded, name))
    assert "lessons/%s/GNUmakefile (removed)" % L01 in \
        row(graded, "gnumakefile")[CHANGED]
    assert row(graded, "buildmk")[CHANGED] == "common/build.mk"
    for d, _, names in os.walk(str(graded["klass"])):
        assert not any(n.endswith("PWNED") for n in names), d
    assert not any(n.endswith("PWNED") for n in os.listdir(os.path.expanduser("~")))


def test_an_image_cannot_write_its_copy_nor_leave_through_a_link(graded):
    reports = graded["out"] / "reports"
    text = [(reports / r).read_text() for r in os.listdir(reports)
            if r.startswith("semihost-system")][0]
    assert "semihost-done" in text and "Read-only file system" in text, text
    with open(graded["klass"] / "climb" / "real01" / "Makefile") as f:
        assert f.read().startswith("# the student's own Makefile")


def test_correct_trees_pass_whatever_their_names_dates_and_modes(graded):
    for name, kind in graded["made"].items():
        if kind == "correct":
            assert row(graded, name)[L01] == "PASS", (name, row(graded, name))


def test_everything_read_from_a_student_is_bounded_and_escaped(graded):
    reports = graded["out"] / "reports"
    for report in os.listdir(reports):
        assert os.path.getsize(reports / report) < 512 << 10, report
    flood = [r for r in os.listdir(reports) if r.startswith("gcc-flood")][0]
    text = (reports / flood).read_text()
    assert "bytes left out" in text
    assert "\x1b" not in graded["stdout"] and "\r" not in graded["stdout"]
    escapes = [r for r in os.listdir(reports) if r.startswith("escapes")][0]
    text = (reports / escapes).read_text()
    assert "\x1b" not in text and "\\x1b[2J" in text and "\\x0d" in text
    print("hostile class: %d rows, run.py peaked at %d MB, the scratch "
          "directory's disk lost %d MB at most" % (len(graded["rows"]),
          graded["peak_mb"], graded["disk_used"] >> 20))
    assert graded["peak_mb"] < 200, "run.py peaked at %d MB" % graded["peak_mb"]
    assert "'=HYPERLINK(1).txt" in graded["rows"]      # not a formula
    ET.parse(str(graded["junit"]))          # well-formed, whatever the names


def test_nothing_is_left_behind(graded):
    assert os.listdir(str(graded["scratch"])) == []
    for pattern in (str(graded["scratch"]), "^%s$" % BOMB_SLEEP.replace(".", r"\.")):
        left = subprocess.run(["pgrep", "-f", pattern],
                              capture_output=True, text=True).stdout.split()
        assert left == [], (pattern, left)


def test_a_fork_bomb_is_stopped_by_the_process_limit(graded):
    """1000 processes asked for, at most PROCESSES had, also when run.py is
    root (to whom the kernel applies no process limit: sandbox.ids)."""
    text = report(graded, "fork-bomb")
    spawned = [int(n) for n in re.findall(r"^spawned (\d+)$", text, re.M)]
    assert spawned and max(spawned) < sandbox.PROCESSES, spawned
    assert row(graded, "fork-bomb")[LIMIT] == \
        "01: processes: %d at once in the sandbox" % sandbox.PROCESSES
    assert "stopped by the sandbox's limit on processes" in text


def test_a_build_that_writes_10_gb_is_stopped_by_the_disk_limit(graded):
    """A tree's copy is a tmpfs of its own (scratch.py): the build stops at
    its size, the disk under the scratch directory is not touched."""
    assert row(graded, "disk-filler")[L01] == "BUILD-ERROR"
    assert row(graded, "disk-filler")[LIMIT].startswith(
        "01: disk: %d MiB" % (DISK_BYTES >> 20))
    assert "stopped by the sandbox's limit on disk" in report(graded, "disk-filler")
    assert graded["disk_used"] < 1 << 30, "%d MB written" % (graded["disk_used"] >> 20)
    for name, kind in graded["made"].items():
        if not kind.startswith("limit"):
            assert row(graded, name).get(LIMIT, "") == "", (name, row(graded, name))


# ---- the sandbox itself ------------------------------------------------------------------

@pytest.fixture
def workdir(reachable, tmp_path):
    """An empty directory for a sandboxed step, the sandbox's to write."""
    path = pathlib.Path(reachable) / tmp_path.name
    path.mkdir()
    sandbox.give(str(path))
    return path


def test_a_sandboxed_step_ends_with_everything_it_started(workdir):
    """Three sleeps left behind: in the shell's group, in a session of
    their own (setsid), deaf to SIGHUP (nohup). None is there once the
    step has returned (within 0.2 s: the kernel ends a PID namespace's
    processes as its first one exits; seen gone at the first look).
    Their sleep is this run's own (300 s and a fraction from our PID), so
    that no other test run's is found; /bin/sh is dash, which has no
    exec -a to name them."""
    sleep = "sleep 300.%06d" % os.getpid()
    script = ("%s & setsid %s & nohup %s >/dev/null 2>&1 & echo started"
              % (sleep, sleep, sleep))
    status, text = procs.run_cmd(sandbox.wrap(["sh", "-c", script], str(workdir)), 30)
    assert status == 0 and "started" in text
    pattern = "^%s$" % sleep.replace(".", r"\.")
    deadline = time.monotonic() + 0.2
    while subprocess.run(["pgrep", "-f", pattern]).returncode != 1 \
            and time.monotonic() < deadline:
        time.sleep(0.02)
    left = subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True)
    assert left.returncode == 1, left.stdout.split()


def test_a_sandboxed_step_has_at_most_its_processes(workdir):
    """Also as root: the kernel holds no root process to RLIMIT_NPROC."""
    script = ("i=0; while [ $i -lt 1000 ]; do sleep 30 & i=$((i+1)); echo $i; "
              "done")
    status, text = procs.run_cmd(sandbox.wrap(["sh", "-c", script], str(workdir)), 60)
    counts = [int(l) for l in text.split() if l.isdigit()]
    assert status != 0 and max(counts) < sandbox.PROCESSES, (status, text[-300:])
    assert sandbox.limit_reached(text) == \
        "processes: %d at once in the sandbox" % sandbox.PROCESSES


def test_a_sandboxed_step_writes_only_its_own_copy(reachable, tmp_path):
    mine = pathlib.Path(reachable) / (tmp_path.name + "-mine")
    other = pathlib.Path(reachable) / (tmp_path.name + "-other")
    mine.mkdir()
    other.mkdir()
    sandbox.give(str(mine))
    sandbox.give(str(other))       # the same user's, yet not to be written
    status, text = procs.run_cmd(sandbox.wrap(
        ["sh", "-c", "echo x > %s/f; echo y > %s/f; echo z > /usr/f; "
         "cat /etc/shadow; ls %s" % (mine, other, os.path.expanduser("~"))],
        str(mine)), 30)
    assert (mine / "f").read_text() == "x\n"
    assert not (other / "f").exists()
    assert "root:" not in text


def grading_in(scratch):
    """Is something running in a copy of a tree under scratch?"""
    for pid in os.listdir("/proc"):
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                if os.fsencode(str(scratch) + os.sep) in f.read():
                    return True
        except (OSError, ValueError):
            pass
    return False


def test_sigterm_cleans_up_like_ctrl_c(tmp_path, student, reachable):
    klass = tmp_path / "class"
    klass.mkdir()
    for name in ("a", "b", "c"):
        student(name, klass)
    scratch = pathlib.Path(reachable) / (tmp_path.name + "-scratch")
    scratch.mkdir()
    proc = subprocess.Popen([sys.executable, RUN_PY, "--class", str(klass),
                             "--scratch", str(scratch), "-j", "2"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    # The signal comes in the middle of grading: a tree copied, and a
    # process (make, the compiler, QEMU) running in its copy.
    # (What the loop saw is kept: a make or a compiler seen once may have
    # ended a moment later, before the next one starts.)
    deadline, seen = time.monotonic() + 60, False
    while time.monotonic() < deadline and proc.poll() is None and not seen:
        seen = grading_in(scratch)
        if not seen:
            time.sleep(0.05)
    assert proc.poll() is None, "run.py ended before it was signalled"
    assert seen, "run.py did not start grading in 60 s"
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert b"Traceback" not in err, err
    assert os.listdir(str(scratch)) == []
    assert subprocess.run(["pgrep", "-f", str(scratch)]).returncode == 1


def test_bad_arguments_and_outputs_fail_before_grading(tmp_path, student):
    klass = tmp_path / "class"
    klass.mkdir()
    student("a", klass)
    for args in (["--timeout", "nan"], ["--timeout", "inf"],
                 ["--junit", str(tmp_path / "nowhere" / "x.xml")],
                 ["--out", "/proc/stepvisor-grades"]):
        start = time.monotonic()
        proc = run_py("--class", klass, *args, "01")
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
        assert time.monotonic() - start < 10
        no_traceback(proc)


def test_a_copy_nested_deeper_than_python_recurses_is_removed(tmp_path):
    from grader import copy
    deep = tmp_path / "deep"
    subprocess.run(["mkdir", "-p", str(deep) + "/d" * 1200], check=True)
    os.chmod(deep / "d", 0o555)
    copy.remove(str(deep))
    assert not deep.exists()


def test_qemu_stderr_is_never_read_through_a_link_or_a_fifo(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("hunter2")
    os.symlink(secret, tmp_path / "link")
    os.mkfifo(tmp_path / "fifo")
    assert "hunter2" not in procs.read_bounded(str(tmp_path / "link"))
    assert procs.read_bounded(str(tmp_path / "fifo")).startswith("(not a regular")


def test_no_classmate_and_no_gradebook_is_changed(graded):
    """The meddler's image runs, through semihosting, commands that write
    every classmate's copy and tree it can name at once, and leaves behind
    some that write the gradebook as soon as it is there (MEDDLE_LATER):
    none of it is there to write, and none of those outlives the boot
    (looked for by its command line). The gradebook is read again 1 s
    after grading (last in the file: the tests before it run in that
    second)."""
    assert "meddler-done" in report(graded, "meddler")
    time.sleep(max(0.0, 1 - (time.monotonic() - graded["ended"])))
    left = subprocess.run(["pgrep", "-f", MEDDLE_SLEEP], capture_output=True,
                          text=True).stdout.split()
    assert not left, "the meddler's loops outlived its boot: pids %s" % left
    assert b"meddled" not in graded["gradebook"]
    with open(graded["out"] / "gradebook.csv", "rb") as f:
        assert f.read() == graded["gradebook"]
    for d, _, names in os.walk(str(graded["klass"])):
        for n in names:
            if n == "main.c":
                with open(os.path.join(d, n), "rb") as f:
                    assert f.read() != b"meddled\n", d
