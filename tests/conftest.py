"""Helpers for the tests of run.py: copies of the kit to break on purpose,
and a way to run run.py as a user would."""

import argparse
import compileall
import os
import py_compile
import shutil
import subprocess
import sys
import threading

import pytest

KIT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, KIT)          # grader/, for the tests of the comparison
RUN_PY = os.path.join(KIT, "run.py")
# Left out of every copy: build output (its .d files name this tree's
# paths), git, and the test machinery itself.
NOT_COPIED = {"build", ".git", "tests", ".pytest_cache", "__pycache__"}


# run.py's modules compiled once for the tests' sixty-odd run.py runs
# (test_run, test_handout, test_hostile_class...) and the copies below:
# where PYTHONDONTWRITEBYTECODE is set (as in this kit's development
# sessions), Python never writes grader/__pycache__, and each run.py
# compiled its 14 modules again: 30 ms of its 110. (compileall writes
# whatever that variable says; __pycache__ is in .gitignore, and neither
# a handout nor a student's copy takes it.) Each worker asks; a file
# already up to date is left alone, and each is written whole, by rename.
# (Timestamp checks: with SOURCE_DATE_EPOCH set, compileall would write
# hash-checked files, which it then never finds up to date.)
GRADER = os.path.join(KIT, "grader")
compileall.compile_dir(GRADER, quiet=2,
                       invalidation_mode=py_compile.PycInvalidationMode.TIMESTAMP)


def copy_kit(dest, with_runner=False):
    """A copy of the kit's sources; with run.py when the test needs a kit
    of its own (run.py grades against the expected/ beside it), and then
    with run.py's modules compiled (grader/__pycache__: copied with their
    sources' dates, which Python checks, they stay valid in the copy)."""
    def ignore(directory, names):
        if with_runner and os.path.abspath(directory) == GRADER:
            return []
        if os.path.abspath(directory) != KIT:
            return [n for n in names if n == "__pycache__"]
        skip = set(NOT_COPIED) | ({"run.py"} if not with_runner else set())
        return [n for n in names if n in skip]
    shutil.copytree(KIT, dest, ignore=ignore)
    return str(dest)


# `make test-all` (CI, .ci/run) sets STEPVISOR_TEST_ALL: it also runs what
# is too slow for every `make test` (tests/README.md). Such as a boot of
# Debian's kernel beyond lesson 08's own (run.py's, in make test's first
# stage): make test pays for a Linux lesson's own boots only (issue 12).
TEST_ALL = bool(os.environ.get("STEPVISOR_TEST_ALL"))
boots_linux = pytest.mark.skipif(
    not TEST_ALL, reason="boots Debian's kernel: make test-all (CI) runs it")


# make test runs the test files a worker each, a worker per core and one
# more (pytest-xdist, --dist loadfile: a file's tests, and so its module
# fixture, on one worker). A worker is given its next file as it nears
# the end of the ones it has, in this order: the longest first (their
# wall time with 3 workers on 2 cores, 2026-12-02, two runs: run 20.3-20.8
# s, faults 16.0-16.4, exercises 14.5-15.2, handout 10.0-12.2, boot
# 10.4-10.9, hostile_class 8.4-10.2, variants 7.8-8.3, platforms 5.0-7.2,
# the others 4.1 and less), so that the last to start are short, and no
# worker waits long for the others at the end (the three ended within
# 0.7-1.4 s of each other; test_run, once left to its alphabetical
# place, started last: a core idle for its 11 to 19 s).
# With make test-all the Linux tests boot Debian's kernel: long, so early.
FIRST = ("test_run.py", "test_faults.py", "test_exercises.py",
         "test_handout.py", "test_boot.py", "test_hostile_class.py",
         "test_variants.py", "test_platforms.py", "test_hostile.py",
         "test_gdb_transcripts.py", "test_linux_image.py",
         "test_field_tables.py", "test_frame.py", "test_linux_shell.py",
         "test_erratum.py")
if TEST_ALL:
    LINUX_TESTS = ("test_linux_shell.py", "test_linux_image.py",
                   "test_erratum.py")
    FIRST = FIRST[:3] + LINUX_TESTS + tuple(f for f in FIRST[3:]
                                            if f not in LINUX_TESTS)


def pytest_configure(config):
    """With workers (make test's -n), the test files' assertions are
    rewritten here, once, into pytest's own cache (tests/__pycache__),
    before the workers start: each worker collects every file, and each
    rewrote them all itself (0.45 s of CPU a worker) where
    PYTHONDONTWRITEBYTECODE stopped pytest from keeping them (these
    sessions) or where none were kept yet (a fresh clone). pytest's own
    functions, not a public interface: with a pytest that has them no
    longer, the workers rewrite as before."""
    if hasattr(config, "workerinput") or not getattr(config.option, "numprocesses", None):
        return
    try:
        from _pytest.assertion import rewrite
        state = config.stash[rewrite.assertstate_key]
        here = os.path.dirname(os.path.abspath(__file__))
        for name in sorted(os.listdir(here)):
            if not (name.startswith("test_") or name == "conftest.py") \
                    or not name.endswith(".py"):
                continue
            fn = rewrite.Path(here, name)
            pyc = rewrite.get_cache_dir(fn) / (name[:-3] + rewrite.PYC_TAIL)
            if rewrite._read_pyc(fn, pyc, state.trace) is None \
                    and rewrite.try_makedirs(pyc.parent):
                rewrite._write_pyc(state, *rewrite._rewrite_test(fn, config)[::-1], pyc)
    except Exception:           # the workers rewrite for themselves
        pass


def pytest_collection_modifyitems(items):
    def rank(item):
        name = os.path.basename(str(item.fspath))
        return FIRST.index(name) if name in FIRST else len(FIRST)
    items.sort(key=rank)        # stable: a file's own order stays


def _no_sandbox():
    from grader import sandbox
    return sandbox.problem()


# Grading (--tree, --class) runs in the sandbox. Where none can be made (a
# chroot or a container without user namespaces: run.py refuses there, as
# test_run.py checks), the grading tests grade with --no-sandbox, and the
# tests of the sandbox itself (test_hostile_class.py) are skipped, saying so.
NO_SANDBOX = _no_sandbox()


def run_py(*args, runner=RUN_PY, env=None, timeout=300):
    """Run run.py as a user would; stdin is not a terminal."""
    args = [str(a) for a in args]
    if NO_SANDBOX and ("--tree" in args or "--class" in args):
        args.append("--no-sandbox")
    return subprocess.run([sys.executable, runner] + args,
                          stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, env=env, timeout=timeout)


def edit(tree, path, old, new):
    """Replace old by new in tree/path; the test fails if old is not there."""
    full = os.path.join(tree, path)
    with open(full, encoding="utf-8") as f:
        text = f.read()
    assert old in text, "%s no longer contains %r: update the test" % (path, old)
    with open(full, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def argument_end(text, i, stops=",)"):
    """Where the C argument that starts at text[i] ends: the index of the
    first character of stops outside any parentheses (len(text) if none)."""
    depth = 0
    for j in range(i, len(text)):
        c = text[j]
        if c == "(":
            depth += 1
        elif c == ")" and depth:
            depth -= 1
        elif c in stops and depth == 0:
            return j
    return len(text)


def no_traceback(proc):
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr


@pytest.fixture(scope="session")
def pristine(tmp_path_factory):
    """One copy of the kit's sources, to copy student trees from."""
    return copy_kit(tmp_path_factory.mktemp("pristine") / "kit")


@pytest.fixture
def student(pristine, tmp_path):
    """student(name, parent=None): a fresh student's tree, a copy of the
    kit, by default in this test's temporary directory."""
    def make(name="student", parent=None):
        dest = os.path.join(str(parent or tmp_path), name)
        shutil.copytree(pristine, dest)
        return dest
    return make


# ---- patched copies of the kit: tests/faults/ and tests/variants/ ----------------------

PATCH_TIMEOUT = "10"    # a patched lesson that hangs is given this long:
                        # lesson 07 runs in 1 s on an idle machine, but
                        # make test boots four lessons at once on two
                        # cores, and a shared machine runs more (5 s was
                        # seen too short at a load average of 17)


def lesson_of(patch):
    """02-ec-names-swapped.patch -> the kit's lesson 02, or None."""
    number = patch[:2]
    lessons = os.listdir(os.path.join(KIT, "lessons"))
    return next((l for l in lessons if l.startswith(number + "-")), None)


def apply(path, tree):
    """Apply a patch file with patch(1), or with git apply where patch is
    missing. Return None, or why it did not apply."""
    if shutil.which("patch"):
        argv = ["patch", "-p1", "--batch", "--forward", "--silent",
                "-d", tree, "-i", path]
    else:
        argv = ["git", "-C", tree, "apply", "-p1", path]
    proc = subprocess.run(argv, capture_output=True, text=True)
    return None if proc.returncode == 0 else (proc.stdout + proc.stderr).strip()


def link_debian(tree):
    """Lesson 08's download (Debian's kernel and busybox, build/debian):
    the copy uses the kit's, instead of downloading its own."""
    debian = os.path.join(KIT, "build", "debian")
    if os.path.isdir(debian):
        os.makedirs(os.path.join(tree, "build"), exist_ok=True)
        os.symlink(debian, os.path.join(tree, "build", "debian"))


def _in_the_making(directory, names):
    """The files a compiler is writing while the copy is made: another
    test builds into the kit's build/obj at the same time (test_hostile,
    the Linux tests), and build.mk writes FILE.o.PID.d and FILE.o.PID.tmp
    before it renames them. A copy leaves them out; an object or a
    dependency file appears whole, by rename, or not at all."""
    return [n for n in names if n.endswith(".tmp")
            or n.endswith(".d") and n[:-2].rsplit(".", 1)[-1].isdigit()]


def _copy_if_there(src, dst):
    """shutil.copy2, except that a file renamed away since the directory
    was listed (a temporary file finished by another test's build) is
    not an error: the copy is seeded with whatever is there."""
    try:
        return shutil.copy2(src, dst)
    except FileNotFoundError:
        return dst


_up_to_date = set()
_up_to_date_lock = threading.Lock()


def _kit_built(lesson, *poison):
    """Is the kit's build of lesson's image (POISON=1: its poison image)
    whole and up to date (`make -q image`)? An up-to-date build is never
    written again, so a copy of it is never a file half written by another
    build: a yes is kept for the test process; a no is asked again (make
    test builds the poison images while the tests run). The image, not
    `all`: run.py makes no listings of the poison image (build.mk's
    built-image-qemu-cmd), and with them asked for, the answer was always
    no, asked again for every copy."""
    from grader import lesson as grader_lesson
    key = (lesson,) + poison
    with _up_to_date_lock:
        if key not in _up_to_date:
            status, _ = grader_lesson.make(KIT, lesson, 60, "-q", "image", *poison)
            if status != 0:
                return False
            _up_to_date.add(key)
        return True


# What a lesson's build directory holds that its build needs again only
# if its image is linked again: the image, its map and listings (a patch
# of the lesson links it again in any case), QEMU's and gdb's logs; and
# a temporary (FILE.PID.tmp: one being written, or left by a make that
# was interrupted), which no build reads.
NOT_SEEDED = shutil.ignore_patterns("lesson.*", "*.lst", "*.map", "*.tmp",
                                    "qemu-stderr.txt", "uart.log")


def _seed_lesson(tree, lesson):
    """The guests' images of the kit's build/NN-name (the poison build
    embeds the same ones: build.mk's GUEST_OUT), and lesson 08's blobs of
    build/NN-name+poison, if up to date: a patch that leaves the guests
    alone then compiles what it changed and links the lesson's image only."""
    for suffix, poison in (("", ()), ("+poison", ("POISON=1",))):
        built = os.path.join(KIT, "build", lesson + suffix)
        if os.path.isdir(built) and _kit_built(lesson, *poison):
            shutil.copytree(built, os.path.join(tree, "build", lesson + suffix),
                            ignore=NOT_SEEDED, copy_function=_copy_if_there)


def _build_tree(dest, last):
    """What a build of the lessons up to last needs of the kit: the top
    Makefile, common/ and those lessons (a handout holds no more)."""
    def ignore(directory, names):
        here = os.path.relpath(directory, KIT)
        if here == ".":
            return [n for n in names if n not in ("Makefile", "common", "lessons")]
        if here == "lessons":
            return [n for n in names if n > last]
        return [n for n in names if n == "__pycache__"]
    shutil.copytree(KIT, dest, ignore=ignore)
    return str(dest)


def seeded_copy(dest, lessons=()):
    """A copy of the kit, with its own run.py, and with the objects the
    kit has already built (make test builds them first): the fault's patch
    then costs an incremental build, as it would in a student's tree. The
    dependency files name the kit's paths: the copy's name the copy's, so
    that a patched header still recompiles everything that includes it.
    With lessons (names, as lesson_of gives them), the copy is made to be
    graded by graded(), which reads the kit's expected/ and runs the
    kit's grader: it holds only what their build needs (_build_tree),
    the objects of those lessons and common/, and the guests' images of
    those lessons (_seed_lesson), so that only what the patch changes is
    compiled and linked again."""
    last = max(lessons) if lessons else None
    tree = _build_tree(dest, last) if lessons else copy_kit(dest, with_runner=True)
    for lesson in lessons:
        _seed_lesson(tree, lesson)
    link_debian(tree)
    built = os.path.join(KIT, "build", "obj")

    def ignore(directory, names):
        here = os.path.relpath(directory, built)
        return _in_the_making(directory, names) + (
            [] if not lessons else
            [n for n in names if n not in ("common", "lessons")] if here == "."
            else [n for n in names if n > last] if here == "lessons" else [])

    def copy(src, dst):
        """A dependency file is written with the copy's paths in it."""
        if not src.endswith(".d"):
            return _copy_if_there(src, dst)
        try:
            with open(src, encoding="utf-8") as f:
                text = f.read()
        except FileNotFoundError:
            return dst
        with open(dst, "w", encoding="utf-8") as f:
            f.write(text.replace(KIT + "/", tree + "/"))
        return dst

    if os.path.isdir(built):
        shutil.copytree(built, os.path.join(tree, "build", "obj"),
                        ignore=ignore, copy_function=copy)
    return tree


_tools = {}
_tools_lock = threading.Lock()


def _toolchain():
    """run.py's check of the tools (make toolchain, the versions), once per
    test process instead of once per graded copy."""
    from grader import toolchain
    with _tools_lock:
        if not _tools:
            _tools.update(toolchain.find_toolchain(
                argparse.Namespace(cross_compile=None, qemu=None)))
        return _tools


def reference_toolchain():
    """Are the tools run.py found (_toolchain: the compiler and QEMU the
    copies are built and booted with) the toolchain the kit's own figures
    come from (expected/figures-toolchain.txt)? Asked once per test
    process: a `qemu --version` and a `gcc -dumpfullversion` per test
    cost more than most of what the test checks."""
    from grader import toolchain
    tools = _toolchain()
    return toolchain.is_reference({"gcc": tools["gcc_version"],
                                   "qemu": tools["qemu_version"]})


def graded(tree, lessons, *options):
    """The Results (grader/lesson.py) of grading the copy's lessons, in
    order, as run.py grades the kit's own (`run.py -j 1 --timeout 10
    [--no-poison] LESSON...` in the copy, not --tree: that copies the tree
    again, without its build/): no sandbox, with the poison boot unless
    --no-poison, figures held to their rules (not --exact: a patched copy's
    figures are its own). In this process, with run.py's own code: a
    python and a tool check per copy cost more than a lesson's boot."""
    from grader import lesson
    assert set(options) <= {"--no-poison"}, options
    opts = argparse.Namespace(timeout=float(PATCH_TIMEOUT), build_timeout=120.0,
                              exact=False, poison="--no-poison" not in options,
                              private=None, verbose=True)
    return [lesson.run_lesson(tree, l, opts) for l in lessons]


def verdicts(results):
    """{lesson: (status, why)} of graded()'s Results."""
    return {r.lesson: (r.status, r.why + "\n" + r.detail) for r in results}


def grade(tree, lessons, *options):
    """{lesson: (status, why)} for the copy's lessons (graded())."""
    return verdicts(graded(tree, lessons, *options))


