"""The kit meets the targets it states. A line of a lesson's output that
states a target ("target: at most 80", "target: at most 1%") also carries
the kit's own figure, in the expected file as the kit prints it (its
KIT_VALUE: what `run.py --exact` holds the kit's lesson to, or, for a ~N
figure, what Debian's kernel gave when the file was written). That figure
must meet the target its own line states: a kit whose published output
misses its own target (lesson 08's world switch once: 552 instructions,
"target: at most 550", lesson 07's) fails here. A figure's rule in the
file ({{552 <=1000}}) is what a student's hypervisor must meet; the target
is what the kit says it does."""

import glob
import os
import re

import pytest

from conftest import KIT
from grader import compare

NUMBER = r"\d+(?:\.\d+)?"
TARGET = re.compile(r"target: at most (%s)(%%?)" % NUMBER)
# The figure a target is for: the percentage just before it, or else the
# line's first instruction count.
PERCENT = re.compile(r"(%s)%% \(target" % NUMBER)
COUNT = re.compile(r"(%s) instructions" % NUMBER)
EXPECTED = sorted(glob.glob(os.path.join(KIT, "expected", "[0-9][0-9]-*.txt")))


def missed(lines):
    """The lines whose figure misses the target they state, in words; a
    line with a target and no figure this test can find is one too, and so
    is one that says "target" in words this test cannot read."""
    bad = []
    for n, line in enumerate(lines, 1):
        t = TARGET.search(line)
        if len(re.findall("target", line, re.I)) != (1 if t else 0):
            # a target in words this test cannot read, or a second one
            bad.append("line %d states a target this test cannot read "
                       "(it reads 'target: at most N', once): %r" % (n, line))
            continue
        if not t:
            continue
        f = (PERCENT.search(line) if t.group(2) else
             COUNT.search(line, 0, t.start()))
        if not f:
            bad.append("line %d states a target but no figure for it: %r"
                       % (n, line))
        elif float(f.group(1)) > float(t.group(1)):
            bad.append("line %d: %s, target at most %s%s: %r" % (
                n, f.group(1), t.group(1), t.group(2), line))
    return bad


@pytest.mark.parametrize("path", EXPECTED, ids=os.path.basename)
def test_the_kits_figures_meet_their_targets(path):
    with open(path, encoding="utf-8") as f:
        lines = compare.render(f.read()).splitlines()
    bad = missed(lines)
    assert not bad, "%s: the kit's own figure misses its target:\n%s" % (
        os.path.relpath(path, KIT), "\n".join(bad))


def test_the_check_sees_a_missed_target():
    assert EXPECTED, "no expected files"
    assert missed(["x: 78 instructions (target: at most 80)",
                   "y: 0.69% (target: at most 1%, at a 1000 us tick)",
                   "z: 547 instructions (the least of 50; target: at most 550)"]) == []
    assert missed(["world switch: 552 instructions, ... (the least of 17 "
                   "tick switches; target: at most 550)"])
    assert missed(["hypervisor: 5 of 100 instructions, 5.00% (target: at most 1%)"])
    assert missed(["a target: at most 3, and no figure"])
    assert missed(["w: 951 instructions (target: under 550)"])
    assert missed(["w: 951 instructions (Target: under 550)"])
    assert missed(["w: 9 instructions (target: at most 550; target: under 5)"])
    assert missed(["w: 9 instructions (target: at most 550; target: at most 5)"])
