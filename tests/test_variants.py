"""Does grading pass every correct hypervisor? Each tests/variants/NN-what.patch
is a correct implementation that differs from the kit's (more instructions
on a path, another dispatch, another order, another tick phase): applied to
a copy of the kit, every lesson from NN on must still PASS when graded as a
student's tree is (figures held to their rules). And the kit's own figures
stay pinned: under the reference toolchain, `run.py --exact` (make test)
fails a variant whose figures moved.

The variants are graded once, as the instructor grades a class: each a
student's tree, `run.py --class --poison` (in the sandbox, from copies,
with the poison boot), a class for each first lesson NN, graded from NN on
(the lessons before it are the kit's own). Each variant's verdict is its
row of that run, and each class's gradebook is checked as a whole."""

import argparse
import concurrent.futures
import csv
import json
import os
import shutil

import pytest

from conftest import KIT, TEST_ALL, apply, lesson_of, reference_toolchain, run_py
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
# The classes: {first lesson: its variants}.
CLASSES = {}
for _p in PATCHES:
    CLASSES.setdefault(lesson_of(_p), []).append(_p)


def graded_from(first):
    return [l for l in LESSONS if l >= first]


def name(patch):
    return patch[:-len(".patch")]


def grade_class(base, first, pristine):
    """The variants whose first lesson is first, as a class graded from
    it: {"applied": {patch: None or why it did not apply}, "json": run.py's
    --json, "proc": the finished run.py, "out": its --out directory}."""
    trees = base / ("class-" + first[:2])
    trees.mkdir()
    applied = {}
    for patch in CLASSES[first]:
        tree = str(trees / name(patch))
        shutil.copytree(pristine, tree)
        applied[patch] = apply(os.path.join(VARIANTS, patch), tree)
        if applied[patch]:
            shutil.rmtree(tree)   # its own test says why; the others go on
    out = base / ("grades-" + first[:2])
    proc = run_py("--class", trees, "--out", out, "--poison", "--json",
                  *[l[:2] for l in graded_from(first)], timeout=1200)
    try:
        graded = json.loads(proc.stdout)
    except ValueError:
        graded = None
    return {"applied": applied, "json": graded, "proc": proc, "out": out}


@pytest.fixture(scope="module")
def classes(tmp_path_factory, pristine):
    """Each class graded once: {first lesson: grade_class()}. Two at a
    time: run.py grades a class on every core, but a small class (one or
    two trees, from lesson 05 on) cannot keep them busy, and its lesson 07
    ends it on one core; beside the largest class (graded from 03, the
    most lessons, first) the small ones fill that core instead."""
    base = tmp_path_factory.mktemp("variants")
    largest = sorted(CLASSES, key=lambda f: (-len(CLASSES[f]) * len(graded_from(f)), f))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {first: pool.submit(grade_class, base, first, pristine)
                   for first in largest}
        return {first: f.result() for first, f in futures.items()}


def results(classes, patch):
    """{lesson: Result as a dict} of the variant's row in its class's run."""
    klass = classes[lesson_of(patch)]
    assert klass["json"], "run.py --class wrote no JSON:\n%s%s" % (
        klass["proc"].stdout, klass["proc"].stderr)
    tree = [t for t in klass["json"]["trees"] if t["name"] == name(patch)]
    assert len(tree) == 1, "%s has no row of its own: %s" % (
        patch, [t["name"] for t in klass["json"]["trees"]])
    assert not tree[0]["problem"], tree[0]["problem"]
    return {r["lesson"]: r for r in tree[0]["results"]}


def test_there_are_enough_variants():
    assert len(PATCHES) >= 8
    assert {p[:2] for p in PATCHES} >= {"03", "05", "06", "07"}


@pytest.mark.parametrize("patch", PATCHES)
def test_a_correct_variant_passes_every_lesson(patch, classes):
    problem = classes[lesson_of(patch)]["applied"][patch]
    assert problem is None, "%s does not apply: %s" % (patch, problem)
    found = results(classes, patch)
    # its lesson, and every later one
    assert sorted(found) == graded_from(lesson_of(patch)), found.keys()
    failed = {l: r for l, r in found.items() if r["status"] != "PASS"}
    assert not failed, "%s is correct, but grading failed it:\n%s" % (
        patch, "\n".join("%s: %s %s\n%s" % (l, r["status"], r["why"], r["detail"])
                         for l, r in failed.items()))


def test_the_kits_own_figures_stay_pinned(classes):
    """Judged again from the class run's own output of the variant's
    lesson 03, as `run.py --exact` judges (lesson.check() with exact):
    the variant passed its figures' rules, but they are not the kit's."""
    if not reference_toolchain():
        pytest.skip("the kit's figures are pinned under the reference "
                    "toolchain only (expected/figures-toolchain.txt)")
    ran = results(classes, PINNED)[lesson_of(PINNED)]
    assert ran["status"] == "PASS" and ran["exit_status"] == 0, ran
    r = lesson.Result(ran["lesson"])
    r.output = ran["output"]
    lesson.check(r, ran["exit_status"], argparse.Namespace(exact=True, timeout=10))
    assert r.status == "FAIL" and "is not the kit's own" in r.why, r.why


@pytest.mark.parametrize("first", sorted(CLASSES))
def test_a_class_of_correct_variants_passes_when_graded(first, classes):
    """The instructor's view: the gradebook has a row for each variant,
    and every lesson of every tree passed; run.py says so by its status."""
    klass = classes[first]
    proc = klass["proc"]
    assert proc.returncode == 0, proc.stderr    # (stdout: the JSON)
    assert "Traceback" not in proc.stderr, proc.stderr
    with open(klass["out"] / "gradebook.csv", newline="") as f:
        table = list(csv.reader(f))
    header, rows, lessons = table[0], table[1:], graded_from(first)
    assert header[1:1 + len(lessons)] == lessons, header
    assert sorted(r[0] for r in rows) == [name(p) for p in CLASSES[first]], rows
    assert all(set(r[1:1 + len(lessons)]) == {"PASS"} for r in rows), rows
