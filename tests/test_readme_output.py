"""Each lesson README shows the lesson's output ("What the output means")
in a block that begins `stepvisor lesson NN`: a self-learner reads it
beside the code, so it must be what the kit's lesson prints, figures and
all. It is checked against the lesson's expected file as the kit prints it
(every field shown as the kit's own figure): line by line from the top. A
line of the block that begins with `...` stands for one or more lines the
README leaves out at that place (the rest of the line says what, for the
reader); the block may stop before the output does (a README that shows the
output in parts, explained between them)."""

import glob
import os
import re

import pytest

from conftest import KIT
from grader import compare

BLOCK = re.compile(r"^```[^\n]*\n(stepvisor lesson .*?)^```", re.S | re.M)
LESSONS = sorted(os.path.basename(d)
                 for d in glob.glob(os.path.join(KIT, "lessons", "[0-9][0-9]-*")))


def readme_block(lesson):
    with open(os.path.join(KIT, "lessons", lesson, "README.md"),
              encoding="utf-8") as f:
        m = BLOCK.search(f.read())
    assert m, "lessons/%s/README.md shows no output block beginning " \
              "'stepvisor lesson'" % lesson
    return m.group(1).splitlines()


def kit_output(lesson):
    with open(os.path.join(KIT, "expected", lesson + ".txt"),
              encoding="utf-8") as f:
        return compare.render(f.read()).splitlines()


def first_difference(shown, output):
    """None if `shown` (the README's lines, `...` skipping) is the output
    from its top; else what differs, in words."""
    j = 0
    skipping = False
    for i, line in enumerate(shown):
        if line.lstrip().startswith("..."):
            if skipping or j >= len(output):
                return "README line %d: '...' with nothing left to stand " \
                       "for" % (i + 1)
            skipping, j = True, j + 1
            continue
        if skipping:
            while j < len(output) and output[j] != line:
                j += 1
            skipping = False
        if j >= len(output):
            return "README line %d %r: the output has no such line (here)" \
                   % (i + 1, line)
        if output[j] != line:
            return "README line %d of the block:\n  README: %r\n  " \
                   "lesson: %r (output line %d)" % (i + 1, line, output[j], j + 1)
        j += 1
    return None


@pytest.mark.parametrize("lesson", LESSONS)
def test_readme_shows_what_the_lesson_prints(lesson):
    why = first_difference(readme_block(lesson), kit_output(lesson))
    assert why is None, "lessons/%s/README.md, its output block, is not " \
        "what the lesson prints (expected/%s.txt):\n%s" % (lesson, lesson, why)


def test_the_check_sees_a_stale_readme():
    output = ["stepvisor lesson 99: x", "", "a 1", "b 2", "c 3", "done"]
    assert first_difference(output, output) is None
    assert first_difference(output[:3], output) is None          # a part
    assert first_difference(["stepvisor lesson 99: x", "...", "c 3",
                             "done"], output) is None
    assert "README line 3" in first_difference(
        ["stepvisor lesson 99: x", "", "a 7"], output)            # a figure
    assert first_difference(["stepvisor lesson 99: x", "", "a 1", "c 3"],
                            output)                               # a gap
    assert first_difference(["stepvisor lesson 99: x", "...", "z"], output)
    assert first_difference(output + ["more"], output)
