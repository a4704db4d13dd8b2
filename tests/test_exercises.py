"""Do the exercises still do what their READMEs say? Each
tests/exercises/NN-what.patch is one exercise of lesson NN, done: applied
with `patch -p1` to a copy of the kit, then graded with run.py as a student
would (`./run.py -v`, not --exact). Its header (the text before the first
`---` line) says what must happen:

    result: FAIL               lesson NN's status: PASS, FAIL, TIMEOUT or
                               BUILD-ERROR
    expect: some text          must appear in run.py's report of lesson NN
                               (its output, its diff, or its build log),
                               not in what it quotes of expected/ (QUOTED);
                               "..." matches anything
    expect-reference: text     the same, checked only under the toolchain
                               the kit's figures come from
                               (expected/figures-toolchain.txt): a figure
                               another compiler changes
    also: 07 PASS              another lesson that inherits the change, and
                               its status (the README's ripple note)
    kind: preservation         the exercise makes a bug of this kind: it is
                               one of the faults too (test_faults.py: its
                               lesson must fail on behaviour...), checked on
                               this run, not graded again as a copy in
                               tests/faults/

The exercises with a stated result that cannot be checked this way (those
read in gdb, or that ask for a prediction only) say so in their README."""

import concurrent.futures
import os
import re

import pytest

from conftest import (KIT, apply, graded, lesson_of, reference_toolchain,
                      seeded_copy, verdicts)
from test_faults import EXERCISE_FAULTS, fails_as_a_fault
from grader.reports import lesson_lines

EXERCISES = os.path.join(KIT, "tests", "exercises")
PATCHES = sorted(p for p in os.listdir(EXERCISES) if p.endswith(".patch")) \
    if os.path.isdir(EXERCISES) else []
STATUS = re.compile(r"^(PASS|FAIL|TIMEOUT|BUILD-ERROR|MISSING) +(\d\d)-\S+", re.M)


def header(patch):
    """{'result': 'FAIL', 'expect': [...], 'also': {'07': 'PASS'}}"""
    with open(os.path.join(EXERCISES, patch), encoding="utf-8") as f:
        text = f.read().split("\n--- ", 1)[0]
    h = {"result": None, "expect": [], "expect-reference": [], "also": {}}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        value = value.strip()
        if key == "result":
            h["result"] = value
        elif key in ("expect", "expect-reference"):
            h[key].append(value)
        elif key == "also":
            lesson, status = value.split()
            h["also"][lesson] = status
    return h


def reports(out):
    """{lesson number: (status, its part of run.py's report)}"""
    found = {}
    marks = list(STATUS.finditer(out))
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(out)
        # "FAIL 02-name  5.2 s: TIMEOUT, ...": the kind of failure
        kind = re.match(r"[^\n]*?s: (TIMEOUT|BUILD-ERROR)\b", out[m.start():end])
        found[m.group(2)] = (kind.group(1) if kind else m.group(1),
                             out[m.start():end])
    return found


def run(patch, base):
    h = header(patch)
    lessons = [lesson_of(n) or n for n in [patch[:2]] + sorted(h["also"])]
    tree = seeded_copy(os.path.join(base, patch[:-len(".patch")]), lessons)
    problem = apply(os.path.join(EXERCISES, patch), tree)
    if problem:
        return None, "the patch does not apply: " + problem, {}
    # run.py's report of each lesson, as `./run.py -v` prints it
    results = graded(tree, lessons)
    out = "\n".join(lesson_lines(r, True) for r in results)
    # and each lesson's (status, why), as test_faults judges a fault's
    return reports(out), out, verdicts(results)


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    base = str(tmp_path_factory.mktemp("exercises"))
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        futures = {p: pool.submit(run, p, base) for p in PATCHES}
        return {p: f.result() for p, f in futures.items()}


# What run.py's report quotes from expected/, not from the run
# (grader/compare.py): the first difference's "expected: '...'", the
# diff's lines of expected/ alone ("   58       -text"), the expected line
# an order problem names, and the kit's own figures. An expect: line must
# be met by what the run did: once, "lesson 02 done: 4 exceptions taken"
# was met by the diff's expected line while the run printed 5.
QUOTED = [re.compile(r"^\s*expected: ['\"].*$", re.M),
          re.compile(r"^[ >]*\d+ {7}-.*$", re.M),
          re.compile(r"(?<=the hypervisor's line )(['\"]).*?\1(?= comes )"),
          re.compile(r"\(expected: after \d+ of them\)"),
          re.compile(r"; the kit prints [^)\n]*(?=\))"),
          re.compile(r"(?<=is not the kit's own )\S+(?= \(exact figures\))")]


def run_said(report):
    """The report without what it quotes of expected/ (QUOTED)."""
    for quoted in QUOTED:
        report = quoted.sub("", report)
    return report


def matches(expect, text):
    pattern = ".*?".join(re.escape(p) for p in expect.split("..."))
    return re.search(pattern, run_said(text)) is not None


@pytest.mark.parametrize("patch", PATCHES)
def test_exercise(patch, results):
    h = header(patch)
    assert h["result"], "%s: no 'result:' line in its header" % patch
    found, out, _ = results[patch]
    assert found is not None, "%s: %s" % (patch, out)
    lesson = patch[:2]
    assert lesson in found, "%s: run.py gave no result for lesson %s:\n%s" % (patch, lesson, out)
    status, report = found[lesson]
    assert status == h["result"], "%s: lesson %s is %s, the README says %s:\n%s" \
        % (patch, lesson, status, h["result"], report)
    reference = reference_toolchain()
    for expect in h["expect"] + (h["expect-reference"] if reference else []):
        assert matches(expect, report), \
            "%s: the README says the run shows\n    %s\nbut it did not:\n%s" \
            % (patch, expect, report)
    for other, want in h["also"].items():
        got = found.get(other, ("NO-RESULT", out))
        assert got[0] == want, "%s: lesson %s is %s, the README's ripple note " \
            "says %s:\n%s" % (patch, other, got[0], want, got[1])


@pytest.mark.parametrize("patch", EXERCISE_FAULTS)
def test_an_exercise_that_names_a_kind_fails_as_a_fault(patch, results):
    """An exercise whose header says `kind: NAME` is one of the faults
    (test_faults.py): its lesson must fail as a fault's must, on
    behaviour. Checked on the exercise's own run; test_faults checks that
    the lesson passes without it."""
    found, out, judged = results[patch]
    assert found is not None, "%s: %s" % (patch, out)
    fails_as_a_fault(patch, *judged.get(lesson_of(patch), ("NO-RESULT", out)))


@pytest.mark.parametrize("expect, report, met", [
    # the diff: a line of expected/ alone is not the run's, an added one is
    ("4 exceptions", "   58       -done: 4 exceptions\n         63 +done: 5 exceptions", False),
    ("5 exceptions", "   58       -done: 4 exceptions\n         63 +done: 5 exceptions", True),
    ("resuming", "   47    47    expected: resuming at ELR_EL2 + 4", True),
    ("4. brk", "  expected: \"4. brk, it's\"\n  actual:   'exception'", False),
    ("lesson 07 done", "the hypervisor's line 'lesson 07 done' comes after 2 of "
                       "[a]'s lines (expected: after 1 of them)", False),
    ("the kit prints 4", "figure 1: 5 (rule: at most 4; the kit prints 4)", False),
    ("own 78", "figure 1: 79 is not the kit's own 78 (exact figures)", False),
    ("79 is not", "figure 1: 79 is not the kit's own 78 (exact figures)", True),
])
def test_an_expect_is_met_by_the_run_not_by_expected(expect, report, met):
    assert matches(expect, report) == met
