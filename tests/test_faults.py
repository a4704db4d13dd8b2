"""Are the lesson tests sensitive? Each tests/faults/NN-what.patch is a
deliberate bug: applied with `patch -p1` to a copy of the kit, it must make
run.py fail lesson NN. The copies are graded in parallel, once, and each
fault is then its own test. An exercise (tests/exercises/) whose header
names a kind is a fault too, the same bug: test_exercises grades it once,
and checks it as this file checks the others (fails_as_a_fault)."""

import concurrent.futures
import os
import re

import pytest

from conftest import KIT, apply, grade, lesson_of, seeded_copy

FAULTS = os.path.join(KIT, "tests", "faults")
PATCHES = sorted(p for p in os.listdir(FAULTS) if p.endswith(".patch"))
EXERCISES = os.path.join(KIT, "tests", "exercises")

# The kinds of hole a fault tests (issue 12): each fault's description
# names one in a line "kind: NAME".
KINDS = {
    "reset-value": "QEMU's reset values hide a missing initialisation "
                   "(seen only by the poison boot)",
    "unexercised-trap": "a configured trap that no guest exercises",
    "decode-path": "a decoding path the guests never take",
    "switch-state": "switch state that every guest shares the same value of",
    "preservation": "register preservation outside the hypercall path",
    "memory-attributes": "memory attributes and maintenance QEMU does not model",
}
MIN_FAULTS = 20


def kind_of(path):
    """The kind named in a patch's description (before its diff), or None."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith(("---", "diff ")):
                break
            m = re.match(r"kind:\s*(\S+)\s*$", line)
            if m:
                return m.group(1)
    return None


# Exercises that are faults too: an exercise that makes a bug of one of
# the kinds says so with a line "kind: NAME", instead of a copy of its
# diff in faults/ being graded a second time.
EXERCISE_FAULTS = sorted(p for p in os.listdir(EXERCISES) if p.endswith(".patch")
                         and kind_of(os.path.join(EXERCISES, p))) \
    if os.path.isdir(EXERCISES) else []
# Every fault, by name: its patch file.
ALL_FAULTS = dict([(p, os.path.join(FAULTS, p)) for p in PATCHES]
                  + [(p, os.path.join(EXERCISES, p)) for p in EXERCISE_FAULTS])


def fails_as_a_fault(patch, status, why):
    """Does a fault's lesson fail as a fault must make it (status and why:
    its lesson's, as grade() gives them)? Asserted here for faults/, in
    test_exercises for the exercises that are faults."""
    kind = kind_of(ALL_FAULTS[patch])
    assert status not in ("NO-LESSON", "NOT-APPLIED", "NO-RESULT"), \
        "%s: %s: %s" % (patch, status, why)
    # A fault that breaks the build tests the compiler, not the lesson.
    assert status != "BUILD-ERROR", \
        "%s breaks the build; a fault must build and run wrong:\n%s" % (patch, why)
    assert status in ("FAIL", "TIMEOUT"), \
        "%s (kind: %s) went unnoticed: lesson %s still passes" % (
            patch, kind, lesson_of(patch))
    # A fault of the reset-value kind is one QEMU's own reset hides: it
    # must be the poison boot that catches it.
    if kind == "reset-value":
        assert "under the poison boot" in why.splitlines()[0], \
            "%s is of kind reset-value, but was not caught by the poison " \
            "boot (or QEMU's reset does not hide it):\n%s" % (patch, why)
    # On behaviour, not on a count: a figure outside its rule alone does
    # not prove the lesson sees the bug (grade behaviour, not bytes).
    assert "does not meet" not in why.splitlines()[0], \
        "%s fails its lesson only on a figure:\n%s" % (patch, why)


def check(patch, base):
    """Copy the kit, apply the fault, grade its lesson: (status, why)."""
    lesson = lesson_of(patch)
    if lesson is None:
        return "NO-LESSON", "there is no lesson %s in the kit" % patch[:2]
    tree = seeded_copy(os.path.join(base, patch[:-len(".patch")]), [lesson])
    problem = apply(os.path.join(FAULTS, patch), tree)
    if problem:
        return "NOT-APPLIED", problem
    return grade(tree, [lesson]).get(lesson, ("NO-RESULT", "run.py gave none"))


def baseline(base):
    """The same lessons without a fault (the exercises' faults' too): they
    must pass, or a fault that makes them fail proves nothing."""
    lessons = sorted({lesson_of(p) for p in ALL_FAULTS} - {None})
    return grade(seeded_copy(os.path.join(base, "no-fault"), lessons), lessons)


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    """{patch: (status, why)}, and under None the baseline's results."""
    base = str(tmp_path_factory.mktemp("faults"))
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        futures = {p: pool.submit(check, p, base) for p in PATCHES}
        futures[None] = pool.submit(baseline, base)
        return {p: f.result() for p, f in futures.items()}


def test_there_are_faults():
    assert len(ALL_FAULTS) >= MIN_FAULTS, \
        "%d fault patches in tests/faults and tests/exercises; the kit keeps " \
        "at least %d" % (len(ALL_FAULTS), MIN_FAULTS)


@pytest.mark.parametrize("patch", sorted(ALL_FAULTS))
def test_fault_names_its_kind(patch):
    kind = kind_of(ALL_FAULTS[patch])
    assert kind in KINDS, \
        "%s: its description must have a line 'kind: NAME', NAME one of %s" \
        " (found %r)" % (patch, ", ".join(KINDS), kind)


def test_every_kind_has_a_fault():
    covered = {kind_of(path) for path in ALL_FAULTS.values()}
    missing = [k for k in KINDS if k not in covered]
    assert not missing, "no fault in tests/faults of kind: %s" % ", ".join(
        "%s (%s)" % (k, KINDS[k]) for k in missing)


def test_faults_spread_over_the_lessons():
    lessons = sorted({lesson_of(p) for p in ALL_FAULTS} - {None})
    every = sorted(l for l in os.listdir(os.path.join(KIT, "lessons"))
                   if re.match(r"0[1-7]-", l))
    assert set(every) <= set(lessons), \
        "no fault breaks lesson(s) %s" % ", ".join(sorted(set(every) - set(lessons)))


def passes_without(patch, verdicts):
    lesson = lesson_of(patch)
    assert lesson, "%s: there is no lesson %s in the kit" % (patch, patch[:2])
    plain, why = verdicts[None].get(lesson, ("NO-RESULT", ""))
    assert plain == "PASS", \
        "without the fault, lesson %s does not pass (%s): the check proves " \
        "nothing:\n%s" % (lesson, plain, why)


@pytest.mark.parametrize("patch", PATCHES)
def test_fault_makes_its_lesson_fail(patch, verdicts):
    passes_without(patch, verdicts)
    fails_as_a_fault(patch, *verdicts[patch])


@pytest.mark.parametrize("patch", EXERCISE_FAULTS)
def test_an_exercises_fault_is_one_its_lesson_passes_without(patch, verdicts):
    """The exercise's own run (test_exercises) must fail its lesson as a
    fault must; here, the baseline: without it, the lesson passes."""
    passes_without(patch, verdicts)
