"""Tests of run.py itself: the plain runs, grading a tree and a class, and
what a student sees when a lesson fails. Each test boots real lessons
(01 and 02 are the quickest), so they are slow-ish: a few seconds in all."""

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

from conftest import (KIT, RUN_PY, apply, boots_linux, edit, no_traceback, run_py,
                      seeded_copy)

L01 = "01-el3-to-el2"
L02 = "02-el2-vectors"
L03 = "03-context-and-hvc"
MAIN01 = "lessons/%s/main.c" % L01
BANNER = 'printf("stepvisor lesson 01: from EL3 to EL2\\n\\n");'


def lines(text):
    return text.rstrip("\n").splitlines()


def snapshot(tree):
    """Every file of a tree with its size and mtime."""
    found = {}
    for directory, _, names in os.walk(tree):
        for n in names:
            st = os.lstat(os.path.join(directory, n))
            found[os.path.relpath(os.path.join(directory, n), tree)] = (
                st.st_size, st.st_mtime_ns)
    return found


# ---- the kit's own lessons ------------------------------------------------------------

def test_plain_run_passes_in_lesson_order(tmp_path):
    kit = seeded_copy(tmp_path / "kit")
    proc = run_py("-j", "3", "03", "01", "02", runner=os.path.join(kit, "run.py"))
    out = lines(proc.stdout)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.fullmatch(r"toolchain: QEMU \d+\.\d+\S* \(\S+\), GCC \d+\S* "
                        r"\(\S+gcc\)", out[0]), out[0]
    assert [l.split()[:2] for l in out[1:-1]] == [
        ["PASS", L01], ["PASS", L02], ["PASS", L03]]
    for l in out[1:-1]:
        assert re.fullmatch(r"PASS \S+ +\d+\.\d\d s", l), l
    assert out[-1] == "3 passed, 0 failed"


def test_a_changed_source_of_the_kit_is_rebuilt_and_graded(tmp_path):
    """run.py builds the kit's lesson and learns its QEMU command in one
    make (built-qemu-cmd): a source changed after a run is still rebuilt
    before the next boot, the poison boot's image too."""
    kit = seeded_copy(tmp_path / "kit")
    runner = os.path.join(kit, "run.py")
    assert run_py("01", runner=runner).returncode == 0
    edit(kit, MAIN01, BANNER, BANNER.replace("lesson 01", "lesson 01 changed"))
    proc = run_py("01", runner=runner)
    assert proc.returncode == 1, proc.stdout
    assert "lesson 01 changed: from EL3 to EL2" in proc.stdout
    assert "poison" not in proc.stdout        # the plain boot failed first
    edit(kit, MAIN01, BANNER.replace("lesson 01", "lesson 01 changed"), BANNER)
    proc = run_py("01", runner=runner)
    assert proc.returncode == 0, proc.stdout
    for image in (L01, L01 + "+poison"):      # both rebuilt since the edit
        assert os.path.getmtime(os.path.join(kit, "build", image, "lesson.elf")) \
            > os.path.getmtime(os.path.join(kit, MAIN01))
    # A source dated in the future (a shared folder, a clock that drifts):
    # make ends with "make: warning:  Clock skew detected", after the QEMU
    # command it echoed; that warning is not the command.
    future = time.time() + 3600
    os.utime(os.path.join(kit, MAIN01), (future, future))
    proc = run_py("01", runner=runner)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_a_removed_source_file_is_linked_out(tmp_path):
    """A file a student added and then removed (an exercise undone with rm
    or git stash -u) leaves every object older than the image: the image
    is still linked again, without that file's code (build.mk's list of
    each image's objects)."""
    kit = seeded_copy(tmp_path / "kit")
    runner = os.path.join(kit, "run.py")
    shout = os.path.join(kit, "lessons", L03, "shout.c")
    with open(shout, "w", encoding="utf-8") as f:
        f.write("void put_guest_byte(char c);\n"
                "void guest_putc(char c)\n{\n"
                "\tput_guest_byte(c >= 'a' && c <= 'z' ? c - 32 : c);\n}\n")
    proc = run_py("--no-poison", "03", runner=runner)
    assert proc.returncode == 1 and "GUEST: HELLO FROM EL1" in proc.stdout, \
        proc.stdout
    os.remove(shout)
    proc = run_py("--no-poison", "03", runner=runner)
    assert proc.returncode == 0, proc.stdout
    # `make clean image` in one make: clean removes the list after make
    # wrote it; the image is still made, and is up to date after.
    lesson = os.path.join(kit, "lessons", L03)
    for args in (["clean", "image"], ["-q", "image"]):
        made = subprocess.run(["make", "-s", "-C", lesson] + args,
                              capture_output=True, text=True, timeout=120)
        assert made.returncode == 0, (args, made.stdout + made.stderr)


def test_unknown_lesson_is_one_line_and_exit_2():
    proc = run_py("99")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(lines(proc.stderr)) == 1
    assert "unknown lesson '99'" in proc.stderr and L01 in proc.stderr
    no_traceback(proc)


def test_missing_tool_names_the_debian_package(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("make", "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-objdump"):
        os.symlink(shutil.which(tool), bin_dir / tool)
    env = dict(os.environ, PATH=str(bin_dir))
    proc = run_py("01", env=env)
    assert proc.returncode == 2
    assert lines(proc.stderr) == [
        "run.py: qemu-system-aarch64 not found: it is in Debian's "
        "qemu-system-arm package (make deps installs it)"]
    no_traceback(proc)


def test_bad_arguments_give_no_traceback(tmp_path):
    for args in (["--tree", tmp_path / "nowhere"], ["--class", tmp_path / "nowhere"],
                 ["--class", tmp_path],          # a class with no students
                 ["--out", tmp_path, "01"], ["-j", "0"], ["--timeout", "soon"],
                 ["--tree", tmp_path, "--class", tmp_path]):
        proc = run_py(*args)
        assert proc.returncode == 2, args
        no_traceback(proc)
        if args[0] == "--tree" and len(args) == 2:   # the first: what it says
            assert lines(proc.stderr) == ["run.py: --tree %s: no such directory"
                                          % (tmp_path / "nowhere")]


# ---- one student's tree ---------------------------------------------------------------------

def test_tree_passes_and_is_left_untouched(student):
    tree = student()
    before = snapshot(tree)
    proc = run_py("--tree", tree, "01")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert lines(proc.stdout)[-1] == "1 passed, 0 failed"
    assert snapshot(tree) == before
    assert not os.path.exists(os.path.join(tree, "build"))


def test_poison_holds_a_tree_to_the_poison_boot_in_the_sandbox(student):
    """--poison with --tree: the poison image is built and booted in the
    sandbox too. A tree that leaves VPIDR_EL2 to QEMU's reset (the fault
    01-vpidr-not-set, whose plain boot passes: test_faults) fails, and
    says it was the poison boot."""
    tree = student()
    assert apply(os.path.join(KIT, "tests", "faults", "01-vpidr-not-set.patch"),
                 tree) is None
    proc = run_py("--tree", tree, "--poison", "01")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    # Its output, not its build: the poison image built and booted there.
    assert re.search(r"^FAIL %s +\d+\.\d\d s: under the poison boot \(.*\): "
                     r"the output differs from expected/%s\.txt line \d+$" % (L01, L01),
                     proc.stdout, re.M), proc.stdout
    assert re.search(r"^ +actual: +'VPIDR_EL2 = .*\(EL1 sees the real CPU\): NO'",
                     proc.stdout, re.M), proc.stdout


@boots_linux
def test_every_lesson_passes_in_the_sandbox_with_the_poison_boot(student):
    """The kit's own tree graded as a student's, every lesson (Linux's
    too), with --poison: each built from scratch and booted twice in the
    sandbox, within its limits. make test grades lessons 01 and 02 in the
    sandbox, and lesson 01's poison boot there."""
    proc = run_py("--tree", student(), "--poison", "--json", timeout=600)
    graded = json.loads(proc.stdout)
    results = graded["trees"][0]["results"]
    assert sorted(r["lesson"] for r in results) == sorted(
        l for l in os.listdir(os.path.join(KIT, "lessons")) if l[:2].isdigit())
    failed = [(r["lesson"], r["status"], r["why"]) for r in results
              if r["status"] != "PASS"]
    assert not failed, failed
    assert proc.returncode == 0, proc.stderr


def test_diff_failure_uses_the_kits_expected_and_marks_the_line(student):
    tree = student()
    edit(tree, MAIN01, BANNER,
         'printf("stepvisor lesson 01: from EL3 to EL2, or so\\n\\n");')
    # The student "fixes" their own expected output: it must not count.
    edit(tree, "expected/%s.txt" % L01, "from EL3 to EL2\n",
         "from EL3 to EL2, or so\n")
    proc = run_py("--tree", tree, "01")
    out = proc.stdout
    assert proc.returncode == 1
    assert re.search(r"^FAIL %s +\d+\.\d\d s: the output differs from "
                     r"expected/%s.txt line 1$" % (L01, L01), out, re.M), out
    assert "expected: 'stepvisor lesson 01: from EL3 to EL2'" in out
    assert "actual:   'stepvisor lesson 01: from EL3 to EL2, or so'" in out
    assert "@@ -1," in out
    # '>' marks the first differing lines; each carries its line number.
    assert re.search(r"^ +> +1 +-stepvisor lesson 01: from EL3 to EL2$", out, re.M), out
    assert re.search(r"^ +> +1 \+stepvisor lesson 01: from EL3 to EL2, or so$",
                     out, re.M), out
    assert lines(out)[-1] == "0 passed, 1 failed"


def test_verbose_shows_the_whole_output(student):
    tree = student()
    edit(tree, MAIN01, BANNER, 'printf("a student was here\\n\\n");')
    proc = run_py("--tree", tree, "-v", "01")
    assert "--- output of %s ---" % L01 in proc.stdout
    assert "     lesson 01 done: powering off through semihosting" in proc.stdout


def test_stale_build_directory_is_not_trusted(tmp_path):
    """The student built, then changed a source file whose mtime is old: a
    copy with build/ would look up to date and pass."""
    tree = seeded_copy(tmp_path / "student")    # its objects: the kit's
    assert os.system("make -s -C %s/lessons/%s >/dev/null" % (tree, L01)) == 0
    edit(tree, MAIN01, BANNER, 'printf("changed after the build\\n\\n");')
    os.utime(os.path.join(tree, MAIN01), (946684800, 946684800))
    proc = run_py("--tree", tree, "01")
    assert proc.returncode == 1
    assert "changed after the build" in proc.stdout


def test_a_hang_is_stopped_and_shows_the_last_lines(student):
    """A loop that never ends: the watch (grader/watch.py) stops it at
    lesson 01's limit of instructions, long before the timeout, and says
    why."""
    tree = student()
    edit(tree, MAIN01, "\tsystem_off(0);", "\tfor (;;)\n\t\t;")
    proc = run_py("--tree", tree, "--timeout", "60", "01")
    out = lines(proc.stdout)
    assert proc.returncode == 1
    assert re.fullmatch(r"FAIL %s +(\d+)\.\d\d s: TIMEOUT, still running after 35 "
                        r"million instructions, the limit for lesson 01 \(.*\): "
                        r"killed; its last lines:" % L01, out[2]), out[2]
    assert int(re.match(r"FAIL \S+ +(\d+)", out[2]).group(1)) < 60
    assert out[-2] == "     lesson 01 done: powering off through semihosting"
    assert out[-1] == "0 passed, 1 failed"


def test_timeout_says_so():
    """A lesson the watch does not stop (its count moves, under its
    limit) is stopped by the timeout: boot() says None (tests/test_boot.py),
    and the report says how long it was given and shows its last lines."""
    from grader import lesson
    r = lesson.Result(L01)
    r.output = "one\ntwo\n"
    lesson.check(r, None, argparse.Namespace(timeout=3.0, exact=False))
    assert (r.status, r.why, r.detail) == (
        "TIMEOUT", "still running after 3 s: killed; its last lines:", "one\ntwo")


def test_build_error_shows_the_compiler(student):
    tree = student()
    edit(tree, MAIN01, BANNER, BANNER.replace(";", ""))
    proc = run_py("--tree", tree, "01", "02")
    out = proc.stdout
    assert proc.returncode == 1
    assert re.search(r"^FAIL %s +\d+\.\d\d s: BUILD-ERROR, the build failed$"
                     % L01, out, re.M), out
    # The compiler's message, naming the file as in the student's tree.
    assert re.search(r"^     lessons/%s/main.c:\d+:\d+: error: expected" % L01,
                     out, re.M), out
    assert re.search(r"^PASS %s " % L02, out, re.M)     # 02 has no main.c of 01
    assert lines(out)[-1] == "1 passed, 1 failed"


def test_missing_lesson_and_missing_tree(student, tmp_path):
    tree = student()
    shutil.rmtree(os.path.join(tree, "lessons", L02))
    proc = run_py("--tree", tree, "01", "02")
    assert re.search(r"^FAIL %s +\d+\.\d\d s: MISSING, lessons/%s/Makefile "
                     r"is missing$" % (L02, L02), proc.stdout, re.M), proc.stdout
    assert lines(proc.stdout)[-1] == "1 passed, 1 failed"
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run_py("--tree", empty, "01")
    assert proc.returncode == 1
    assert "MISSING, no lessons/ directory" in proc.stdout
    no_traceback(proc)


def test_junit_and_json_for_a_tree(student, tmp_path):
    tree = student()
    edit(tree, MAIN01, BANNER, 'printf("\\033[1mbold\\033[0m\\n\\n");')
    junit = tmp_path / "out.xml"
    proc = run_py("--tree", tree, "--junit", junit, "--json", "01", "02")
    assert proc.returncode == 1
    summary = json.loads(proc.stdout)        # stdout holds only the JSON
    assert lines(proc.stderr)[-1] == "1 passed, 1 failed"
    assert (summary["passed"], summary["failed"]) == (1, 1)
    (t,) = summary["trees"]
    assert [(r["lesson"], r["status"]) for r in t["results"]] == [
        (L01, "FAIL"), (L02, "PASS")]
    assert t["results"][1]["exit_status"] == 0
    assert [(r["score"], r["checks_met"], r["checks"]) for r in t["results"]] \
        == [(97, 80, 82), (100, 60, 60)]
    tools = summary["toolchain"]
    assert tools["qemu"] == "qemu-system-aarch64" and tools["qemu_min"]
    assert tools["cc"] == "aarch64-linux-gnu-gcc"
    assert re.fullmatch(r"\d+\.\d+\S*", tools["qemu_version"]), tools
    assert re.fullmatch(r"\d+\.\d+\S*", tools["gcc_version"]), tools
    suite = ET.parse(junit).getroot()        # control characters escaped
    props = {p.get("name"): p.get("value")
             for p in suite.findall("testsuite/properties/property")}
    assert props["qemu_version"] == tools["qemu_version"]
    assert props["gcc_version"] == tools["gcc_version"]
    assert suite.tag == "testsuites"
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    cases = suite.findall("testsuite/testcase")
    assert [c.get("name") for c in cases] == [L01, L02]
    assert cases[0].find("failure").get("type") == "FAIL"
    assert "\\x1b[1mbold" in cases[0].find("system-out").text
    assert cases[1].find("failure") is None
    assert cases[0].find("properties/property[@name='score']").get("value") == "97"


# ---- a class ----------------------------------------------------------------------------

def test_class_of_three_with_one_broken(student, tmp_path):
    klass = tmp_path / "class"
    klass.mkdir()
    student("alice", klass)
    bob = student("bob", klass)
    edit(bob, MAIN01, BANNER, 'printf("hello from bob\\n\\n");')
    carol = student("carol", klass)
    # carol's build.mk is broken: the kit's own is used (and noted), so her
    # lessons build; her boot.S does not assemble.
    with open(os.path.join(carol, "common", "build.mk"), "w") as f:
        f.write("this is not a makefile:::\n")
    with open(os.path.join(carol, "lessons", L01, "boot.S"), "a") as f:
        f.write("\n\tthis is not an instruction\n")
    (klass / ".hidden").mkdir()              # not a student
    (klass / "notes.txt").write_text("not a student\n")   # a row: MISSING
    fifo = os.path.join(bob, "a-fifo")        # a file that cannot be copied
    os.mkfifo(fifo)
    junit = tmp_path / "class.xml"
    # An earlier grading's: dave's report (gone since) is removed; files
    # run.py did not write are left alone, whatever their names.
    old = tmp_path / "class-grades" / "reports"
    old.mkdir(parents=True)
    (old / "dave-004.txt").write_text("an earlier grading\n")
    (old / ".run.py-reports").write_text("alice-000.txt\ndave-004.txt\n")
    (old / "my notes.txt").write_text("the instructor's\n")
    (old / "week-001.txt").write_text("the instructor's\n")

    proc = run_py("--class", klass, "--junit", junit, "01", "02")
    out = lines(proc.stdout)
    assert proc.returncode == 1
    assert re.fullmatch(r"alice +2/2", out[2]), proc.stdout
    assert re.fullmatch(r"bob +1/2  %s FAIL" % L01, out[3])
    assert re.fullmatch(r"carol +0/2  %s BUILD-ERROR  %s BUILD-ERROR"
                        % (L01, L02), out[4])
    assert re.fullmatch(r"notes.txt +0/2  no tree: .*notes.txt is not a "
                        r"directory", out[5]), out[5]
    assert out[-1] == "3 passed, 5 failed"

    grades = str(klass) + "-grades"
    with open(os.path.join(grades, "gradebook.csv"), newline="") as f:
        # Partial credit: bob's lesson 01 meets 80 of its 82 checks (all
        # but the first line), carol's builds meet none.
        rows = list(csv.reader(f))
    assert [row[:-4] for row in rows] == [
        ["student", L01, L02, "total", L01 + " score", L02 + " score",
         "score"],
        ["alice", "PASS", "PASS", "2", "100", "100", "100"],
        ["bob", "FAIL", "PASS", "1", "97", "100", "98"],
        ["carol", "BUILD-ERROR", "BUILD-ERROR", "0", "0", "0", "0"],
        ["notes.txt", "MISSING", "MISSING", "0", "0", "0", "0"]]
    assert rows[0][-4:] == ["qemu", "gcc", "build files not the kit's",
                            "stopped by a limit"]
    for row in rows[1:]:
        assert re.fullmatch(r"QEMU \d+\.\d+\S*", row[-4]), row
        assert re.fullmatch(r"GCC \d+\S*", row[-3]), row
    assert [row[-2:] for row in rows[1:]] == [
        ["", ""], ["", ""], ["common/build.mk", ""], ["", ""]]
    reports = os.path.join(grades, "reports")
    assert sorted(os.listdir(reports)) == [
        ".run.py-reports", "alice-000.txt", "bob-001.txt", "carol-002.txt",
        "my notes.txt", "notes.txt-003.txt", "week-001.txt"]
    assert "reports:   1 report of an earlier grading removed: dave-004.txt" \
        in out, proc.stdout
    bob_report = open(os.path.join(reports, "bob-001.txt")).read()
    assert "the output differs from expected/%s.txt line 1" % L01 in bob_report
    assert re.search(r"^%s +FAIL +97%%" % L01, bob_report, re.M), bob_report
    assert "---- build log ----" in bob_report
    assert "a-fifo: not a regular file" in bob_report
    carol_report = open(os.path.join(reports, "carol-002.txt")).read()
    assert "this is not an instruction" in carol_report
    assert "build files that were not the kit's (the kit's were used): " \
        "common/build.mk" in carol_report

    root = ET.parse(junit).getroot()
    assert [s.get("name") for s in root.findall("testsuite")] == [
        "alice", "bob", "carol", "notes.txt"]
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == (
        "8", "1", "4")
    carol_cases = root.findall("testsuite[@name='carol']/testcase")
    assert [c.find("error").get("type") for c in carol_cases] == [
        "BUILD-ERROR", "BUILD-ERROR"]


def test_class_with_a_student_who_is_no_tree(student, tmp_path):
    klass = tmp_path / "class"
    klass.mkdir()
    student("alice", klass)
    (klass / "dave").mkdir()
    out_dir = tmp_path / "grades"
    proc = run_py("--class", klass, "--out", out_dir, "01")
    assert proc.returncode == 1
    assert re.search(r"^dave +0/1  no lessons/ directory", proc.stdout, re.M)
    with open(out_dir / "gradebook.csv", newline="") as f:
        assert [row[:-4] for row in csv.reader(f)][1:] == [
            ["alice", "PASS", "1", "100", "100"],
            ["dave", "MISSING", "0", "0", "0"]]


# ---- --update -----------------------------------------------------------------------------

def test_update_shows_the_diff_then_rewrites(tmp_path, student):
    kit = seeded_copy(tmp_path / "kit")
    runner = os.path.join(kit, "run.py")
    path = os.path.join(kit, "expected", L01 + ".txt")
    good = open(path).read()
    edit(kit, "expected/%s.txt" % L01, "CurrentEL = EL2\n", "CurrentEL = EL3\n")

    # Without a terminal to ask at, only -y rewrites.
    proc = run_py("--update", "01", runner=runner)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "-CurrentEL = EL3" in proc.stdout and "+CurrentEL = EL2" in proc.stdout
    assert "no terminal to ask at" in lines(proc.stdout)[-1]
    assert "CurrentEL = EL3\n" in open(path).read()

    proc = run_py("--update", "01", "-y", runner=runner)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert lines(proc.stdout)[-1] == "rewrote expected/%s.txt" % L01
    assert open(path).read() == good

    proc = run_py("--update", "01", runner=runner)
    assert "already what the lesson prints" in proc.stdout

    proc = run_py("--update", "01", "--tree", student(), runner=runner)
    assert proc.returncode == 2
    assert "refuses to run against --tree" in proc.stderr
    no_traceback(proc)


def test_update_refuses_a_lesson_that_does_not_end(tmp_path):
    """Killed at its timeout (0.3 s: any would do, it never ends), the
    lesson's output is not written, even with -y (so that the refusal
    seen is this one, not the one for want of a terminal)."""
    kit = seeded_copy(tmp_path / "kit")
    edit(kit, MAIN01, "\tsystem_off(0);", "\tfor (;;)\n\t\t;")
    before = open(os.path.join(kit, "expected", L01 + ".txt")).read()
    proc = run_py("--update", "01", "-y", "--timeout", "0.3",
                  runner=os.path.join(kit, "run.py"))
    assert proc.returncode == 1
    assert "not rewriting" in proc.stdout
    assert "must build and end by itself" in proc.stdout, proc.stdout
    assert open(os.path.join(kit, "expected", L01 + ".txt")).read() == before


def test_help_documents_grading_and_its_risk():
    proc = run_py("--help")
    assert proc.returncode == 0
    for word in ("--tree", "--class", "--junit", "--json", "--update",
                 "gradebook.csv", "untrusted", "BUILD-ERROR"):
        assert word in proc.stdout, word


def test_no_sandbox_is_one_line_and_grades_nothing(student, tmp_path):
    """Without bubblewrap, grading stops before it starts, in one line."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("make", "aarch64-linux-gnu-gcc", "aarch64-linux-gnu-objdump",
                 "qemu-system-aarch64", "prlimit", "sh"):
        os.symlink(shutil.which(tool), bin_dir / tool)
    tree = student()
    env = dict(os.environ, PATH=str(bin_dir))
    proc = subprocess.run([sys.executable, RUN_PY, "--tree", tree, "01"],
                          stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, env=env, timeout=120)
    assert proc.returncode == 2
    assert lines(proc.stderr) == [
        "run.py: no sandbox: bwrap not found (Debian's bubblewrap package): "
        "install Debian's bubblewrap package (make deps does), and allow "
        "unprivileged user namespaces (sysctl kernel.unprivileged_userns_"
        "clone=1, or user.max_user_namespaces > 0); or grade with "
        "--no-sandbox, on a throwaway machine"], proc.stderr
    assert "PASS" not in proc.stdout and "FAIL" not in proc.stdout
