"""Are the lesson tests sensitive? Each tests/faults/NN-what.patch is a
deliberate bug: applied with `patch -p1` to a copy of the kit, it must make
run.py fail lesson NN. The copies are graded in parallel, once, and each
fault is then its own test."""

import concurrent.futures
import json
import os
import shutil
import subprocess

import pytest

from conftest import KIT, copy_kit, run_py

FAULTS = os.path.join(KIT, "tests", "faults")
PATCHES = sorted(p for p in os.listdir(FAULTS) if p.endswith(".patch"))
TIMEOUT = "3"          # a faulty lesson that hangs is given this long
                       # (a lesson runs in 0.2 s at most: 15 times that)


def lesson_of(patch):
    """02-elr-not-advanced.patch -> the kit's lesson 02, or None."""
    number = patch[:2]
    lessons = os.listdir(os.path.join(KIT, "lessons"))
    return next((l for l in lessons if l.startswith(number + "-")), None)


def apply(patch, tree):
    """Apply with patch(1), or with git apply where patch is missing.
    Return None, or why it did not apply."""
    path = os.path.join(FAULTS, patch)
    if shutil.which("patch"):
        argv = ["patch", "-p1", "--batch", "--forward", "--silent",
                "-d", tree, "-i", path]
    else:
        argv = ["git", "-C", tree, "apply", "-p1", path]
    proc = subprocess.run(argv, capture_output=True, text=True)
    return None if proc.returncode == 0 else (proc.stdout + proc.stderr).strip()


def seeded_copy(dest):
    """A copy of the kit, with its own run.py, and with the objects the
    kit has already built (make test builds them first): the fault's patch
    then costs an incremental build, as it would in a student's tree. The
    dependency files name the kit's paths; point them at the copy, so that
    a patched header still recompiles everything that includes it."""
    tree = copy_kit(dest, with_runner=True)
    built = os.path.join(KIT, "build", "obj")
    if os.path.isdir(built):
        shutil.copytree(built, os.path.join(tree, "build", "obj"))
        for root, _, names in os.walk(os.path.join(tree, "build", "obj")):
            for name in names:
                if name.endswith(".d"):
                    path = os.path.join(root, name)
                    with open(path, encoding="utf-8") as f:
                        text = f.read()
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(text.replace(KIT + "/", tree + "/"))
    return tree


def grade(tree, lessons):
    """{lesson: (status, why)} from the copy's own run.py; {} if it gave
    none. (Not --tree: that copies the tree again, without its build/.)"""
    proc = run_py("--json", "-j", "1", "--timeout", TIMEOUT, *lessons,
                  runner=os.path.join(tree, "run.py"))
    try:
        results = json.loads(proc.stdout)["trees"][0]["results"]
    except (ValueError, KeyError, IndexError):
        return {}
    return {r["lesson"]: (r["status"], r["why"] + "\n" + r["detail"])
            for r in results}


def check(patch, base):
    """Copy the kit, apply the fault, grade its lesson: (status, why)."""
    lesson = lesson_of(patch)
    if lesson is None:
        return "NO-LESSON", "there is no lesson %s in the kit" % patch[:2]
    tree = seeded_copy(os.path.join(base, patch[:-len(".patch")]))
    problem = apply(patch, tree)
    if problem:
        return "NOT-APPLIED", problem
    return grade(tree, [lesson]).get(lesson, ("NO-RESULT", "run.py gave none"))


def baseline(base):
    """The same lessons without a fault: they must pass, or a fault that
    makes them fail proves nothing."""
    lessons = sorted({lesson_of(p) for p in PATCHES} - {None})
    return grade(seeded_copy(os.path.join(base, "no-fault")), lessons)


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    """{patch: (status, why)}, and under None the baseline's results."""
    base = str(tmp_path_factory.mktemp("faults"))
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        futures = {p: pool.submit(check, p, base) for p in PATCHES}
        futures[None] = pool.submit(baseline, base)
        return {p: f.result() for p, f in futures.items()}


def test_there_are_faults():
    assert PATCHES, "no fault patches in tests/faults"


@pytest.mark.parametrize("patch", PATCHES)
def test_fault_makes_its_lesson_fail(patch, verdicts):
    lesson = lesson_of(patch)
    assert lesson, "%s: there is no lesson %s in the kit" % (patch, patch[:2])
    plain, why = verdicts[None].get(lesson, ("NO-RESULT", ""))
    assert plain == "PASS", \
        "without the fault, lesson %s does not pass (%s): the check proves " \
        "nothing:\n%s" % (lesson, plain, why)
    status, why = verdicts[patch]
    assert status not in ("NO-LESSON", "NOT-APPLIED", "NO-RESULT"), \
        "%s: %s: %s" % (patch, status, why)
    # A fault that breaks the build tests the compiler, not the lesson.
    assert status != "BUILD-ERROR", \
        "%s breaks the build; a fault must build and run wrong:\n%s" % (patch, why)
    assert status in ("FAIL", "TIMEOUT"), \
        "%s went unnoticed: lesson %s still passes" % (patch, lesson_of(patch))
