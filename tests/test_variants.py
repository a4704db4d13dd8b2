"""Does grading pass every correct hypervisor? Each tests/variants/NN-what.patch
is a correct implementation that differs from the kit's (more instructions
on a path, another dispatch, another order, another tick phase): applied to
a copy of the kit, every lesson from NN on must still PASS when graded as a
student's tree is (figures held to their rules). And the kit's own figures
stay pinned: under the reference toolchain, `run.py --exact` (make test)
fails a variant whose figures moved."""

import concurrent.futures
import os

import pytest

from conftest import KIT, apply, grade, lesson_of, seeded_copy
from grader import toolchain

VARIANTS = os.path.join(KIT, "tests", "variants")
PATCHES = sorted(p for p in os.listdir(VARIANTS) if p.endswith(".patch"))
# A Linux lesson (08) boots Debian's kernel: seconds a boot, and two boots
# (the poison boot) a variant. `make test` checks lessons 01-07 under every
# variant; `make test-all` (CI, .ci/run) adds lesson 08 (tests/README.md).
LINUX = ("08",)
LESSONS = sorted(l for l in os.listdir(os.path.join(KIT, "lessons"))
                 if l[:2].isdigit()
                 and (l[:2] not in LINUX or os.environ.get("STEPVISOR_TEST_ALL")))
PINNED = "03-exit-path-costs-more.patch"     # moves every lesson 03 figure


def graded(patch, base, *options, only=None):
    """Apply the variant to a copy of the kit and grade its lesson and every
    later one (or only the lessons `only`): {lesson: (status, why)}, or
    {None: why it did not apply}."""
    tree = seeded_copy(os.path.join(base, patch[:-len(".patch")] + "".join(options)))
    problem = apply(os.path.join(VARIANTS, patch), tree)
    if problem:
        return {None: problem}
    first = lesson_of(patch)
    return grade(tree, only or [l for l in LESSONS if l >= first], *options)


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    base = str(tmp_path_factory.mktemp("variants"))
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        futures = {p: pool.submit(graded, p, base) for p in PATCHES}
        exact = pool.submit(graded, PINNED, base, "--exact",
                            only=[lesson_of(PINNED)])
        found = {p: f.result() for p, f in futures.items()}
        found["exact"] = exact.result()
        return found


def test_there_are_enough_variants():
    assert len(PATCHES) >= 8
    assert {p[:2] for p in PATCHES} >= {"03", "05", "06", "07"}


@pytest.mark.parametrize("patch", PATCHES)
def test_a_correct_variant_passes_every_lesson(patch, verdicts):
    results = verdicts[patch]
    assert None not in results, "%s does not apply: %s" % (patch, results[None])
    first = lesson_of(patch)
    assert sorted(results) == [l for l in LESSONS if l >= first], results
    failed = {l: r for l, r in results.items() if r[0] != "PASS"}
    assert not failed, "%s is correct, but grading failed it:\n%s" % (
        patch, "\n".join("%s: %s %s" % (l, s, why) for l, (s, why) in failed.items()))


def test_the_kits_own_figures_stay_pinned(verdicts):
    if not toolchain.is_reference(toolchain.versions()):
        pytest.skip("the kit's figures are pinned under the reference "
                    "toolchain only (expected/figures-toolchain.txt)")
    status, why = verdicts["exact"]["03-context-and-hvc"]
    assert status == "FAIL" and "is not the kit's own" in why, why


def test_a_class_of_correct_variants_passes_when_graded(tmp_path, pristine):
    """The instructor's view: each variant as a student's tree, graded with
    --class (in the sandbox, from copies): every lesson of every tree
    passes."""
    import csv
    import shutil
    from conftest import run_py
    klass = tmp_path / "class"
    klass.mkdir()
    for patch in PATCHES:
        tree = str(klass / patch[:-len(".patch")])
        shutil.copytree(pristine, tree)
        assert apply(os.path.join(VARIANTS, patch), tree) is None, patch
    lessons = [l[:2] for l in LESSONS if l >= "03"]
    proc = run_py("--class", klass, "--out", tmp_path / "grades", *lessons)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with open(tmp_path / "grades" / "gradebook.csv", newline="") as f:
        rows = list(csv.reader(f))[1:]
    assert len(rows) == len(PATCHES)
    assert all(set(r[1:1 + len(lessons)]) == {"PASS"} for r in rows), rows
