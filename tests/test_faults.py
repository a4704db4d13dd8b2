"""Are the lesson tests sensitive? Each tests/faults/NN-what.patch is a
deliberate bug: applied with `patch -p1` to a copy of the kit, it must make
run.py fail lesson NN. The copies are graded in parallel, once, and each
fault is then its own test."""

import concurrent.futures
import os

import pytest

from conftest import KIT, apply, grade, lesson_of, seeded_copy

FAULTS = os.path.join(KIT, "tests", "faults")
PATCHES = sorted(p for p in os.listdir(FAULTS) if p.endswith(".patch"))


def check(patch, base):
    """Copy the kit, apply the fault, grade its lesson: (status, why)."""
    lesson = lesson_of(patch)
    if lesson is None:
        return "NO-LESSON", "there is no lesson %s in the kit" % patch[:2]
    tree = seeded_copy(os.path.join(base, patch[:-len(".patch")]))
    problem = apply(os.path.join(FAULTS, patch), tree)
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
    # On behaviour, not on a count: a figure outside its rule alone does
    # not prove the lesson sees the bug (grade behaviour, not bytes).
    assert "does not meet" not in why.splitlines()[0], \
        "%s fails its lesson only on a figure:\n%s" % (patch, why)
