"""Does grading pass every correct hypervisor? Each tests/variants/NN-what.patch
is a correct implementation that differs from the kit's (more instructions
on a path, another dispatch, another order, another tick phase): applied to
a copy of the kit, every lesson from NN on must still PASS when graded as a
student's tree is (figures held to their rules). And the kit's own figures
stay pinned: under the reference toolchain, `run.py --exact` (make test)
fails a variant whose figures moved.

The variants are graded as the faults are (conftest.graded(), in parallel,
once): each in a copy of the kit seeded with its objects (seeded_copy: only
what the variant changes is compiled), with run.py's own code, figures held
to their rules (not --exact). The variant's first lesson, where its change
first runs, is booted from the poison boot too (a variant may change what
the poison boot tests: 06-tick-at-another-phase programs CNTHP, which the
poison boot fills with junk); the later lessons run the same change once
more, each booted once. Grading a class of student trees as a whole (the
sandbox, builds from scratch, the gradebook) is test_run.py's and
test_hostile_class.py's. Graded as classes (run.py --class --poison), the
variants cost 12-14 CPU seconds here; graded so, 8."""

import argparse
import concurrent.futures
import os

import pytest

from conftest import (KIT, TEST_ALL, apply, graded, lesson_of,
                      reference_toolchain, seeded_copy)
from grader import lesson

VARIANTS = os.path.join(KIT, "tests", "variants")
PATCHES = sorted(p for p in os.listdir(VARIANTS) if p.endswith(".patch"))
# A Linux lesson (08) boots Debian's kernel: seconds a boot, and two boots
# (the poison boot) a variant. `make test` checks lessons 01-07 under every
# variant; `make test-all` (CI, .ci/run) adds lesson 08 (tests/README.md).
LINUX = ("08",)
LESSONS = sorted(l for l in os.listdir(os.path.join(KIT, "lessons"))
                 if l[:2].isdigit()
                 and (l[:2] not in LINUX or TEST_ALL))
PINNED = "03-exit-path-costs-more.patch"     # moves every lesson 03 figure


def graded_from(first):
    return [l for l in LESSONS if l >= first]


def grade_variant(base, patch):
    """Copy the kit, apply the variant, grade its lesson (with the poison
    boot) and every later one: (None, {lesson: Result}), or (why it did not
    apply, {})."""
    lessons = graded_from(lesson_of(patch))
    tree = seeded_copy(os.path.join(base, patch[:-len(".patch")]), lessons)
    problem = apply(os.path.join(VARIANTS, patch), tree)
    if problem:
        return problem, {}
    results = graded(tree, lessons[:1]) + graded(tree, lessons[1:], "--no-poison")
    return None, {r.lesson: r for r in results}


@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    """{patch: grade_variant()}, in name order: the costliest first (those
    graded from 03, the most lessons), so that no core waits long for one
    at the end."""
    base = str(tmp_path_factory.mktemp("variants"))
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        futures = {p: pool.submit(grade_variant, base, p) for p in PATCHES}
        return {p: f.result() for p, f in futures.items()}


def test_there_are_enough_variants():
    assert len(PATCHES) >= 8
    assert {p[:2] for p in PATCHES} >= {"03", "05", "06", "07"}


@pytest.mark.parametrize("patch", PATCHES)
def test_a_correct_variant_passes_every_lesson(patch, variants):
    problem, found = variants[patch]
    assert problem is None, "%s does not apply: %s" % (patch, problem)
    # its lesson, and every later one
    assert sorted(found) == graded_from(lesson_of(patch)), found.keys()
    failed = {l: r for l, r in found.items() if r.status != "PASS"}
    assert not failed, "%s is correct, but grading failed it:\n%s" % (
        patch, "\n".join("%s: %s %s\n%s" % (l, r.status, r.why, r.detail)
                         for l, r in failed.items()))


def test_the_kits_own_figures_stay_pinned(variants):
    """Judged again from the variant's own output of lesson 03, as
    `run.py --exact` judges (lesson.check() with exact): the variant
    passed its figures' rules, but they are not the kit's."""
    if not reference_toolchain():
        pytest.skip("the kit's figures are pinned under the reference "
                    "toolchain only (expected/figures-toolchain.txt)")
    ran = variants[PINNED][1][lesson_of(PINNED)]
    assert ran.status == "PASS" and ran.exit_status == 0, (ran.status, ran.why)
    r = lesson.Result(ran.lesson)
    r.output = ran.output
    lesson.check(r, ran.exit_status, argparse.Namespace(exact=True, timeout=10))
    assert r.status == "FAIL" and "is not the kit's own" in r.why, r.why
