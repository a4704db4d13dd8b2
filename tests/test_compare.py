"""The comparison itself (grader/compare.py), on small texts: fields and
their rules, exact figures, sources and the orderings across them, the
score, and a malformed expected file. No QEMU: these take milliseconds."""

import re

import pytest

from conftest import KIT  # noqa: F401  (puts the kit on sys.path)
from grader.compare import ExpectedError, compare, render, updated

EXPECTED = "round trip: {{74 <=80}} instructions\nshare {{0.46 <=1}}%\n"


def test_a_figure_within_its_rule_passes():
    assert compare(EXPECTED, "round trip: 74 instructions\nshare 0.46%\n").ok
    assert compare(EXPECTED, "round trip: 80 instructions\nshare 0.99%\n").ok


def test_a_figure_past_its_rule_fails_and_says_which():
    v = compare(EXPECTED, "round trip: 95 instructions\nshare 0.46%\n",
                name="expected/03.txt")
    assert not v.ok
    assert v.why.splitlines()[0] == (
        "the output does not meet expected/03.txt line 1: figure 1: 95 is "
        "not at most 80 (rule: <=80; the kit prints 74)")
    assert (v.met, v.checks) == (1, 3)      # 2 lines + the order check


def test_exact_holds_figures_to_the_kits_own():
    out = "round trip: 75 instructions\nshare 0.46%\n"
    assert compare(EXPECTED, out).ok
    v = compare(EXPECTED, out, exact=True)
    assert not v.ok and "75 is not the kit's own 74" in v.why


def test_a_downloaded_figure_is_held_to_its_rule_only():
    """~N: a figure of Debian's kernel (lesson 08), which the kit does not
    build: --exact holds it to its rule, not to the kit's own figure."""
    exp = "linux {{~325294263 >=1000}} instructions, {{74 <=80}}\n"
    assert compare(exp, "linux 400000000 instructions, 74\n", exact=True).ok
    assert not compare(exp, "linux 999 instructions, 74\n", exact=True).ok
    assert not compare(exp, "linux 400000000 instructions, 75\n", exact=True).ok
    assert updated(exp, "linux 5000 instructions, 70\n") == \
        "linux {{~5000 >=1000}} instructions, {{70 <=80}}\n"


def test_text_around_a_field_is_exact_and_padding_stretches():
    exp = "counter {{3010342 any}}     1  exit(0)\n"
    assert compare(exp, "counter 99     1  exit(0)\n").ok
    assert compare(exp, "counter      123456789 1  exit(0)\n").ok
    assert not compare(exp, "counter 99     2  exit(0)\n").ok
    assert not compare(exp, "counter 99     1  exit(1)\n").ok
    assert not compare(exp, "counter x     1  exit(0)\n").ok


@pytest.mark.parametrize("rule,good,bad", [
    ("any", "-5", "x"), ("<=80", "80", "81"), (">=2", "2", "1"),
    ("2..5", "5", "6"), ("2..5", "2", "1.5")])
def test_rules(rule, good, bad):
    exp = "n = {{3 %s}}\n" % rule
    assert compare(exp, "n = %s\n" % good).ok
    assert not compare(exp, "n = %s\n" % bad).ok


def test_a_malformed_field_names_its_line():
    with pytest.raises(ExpectedError, match=re.escape("line 2: '{{74}}' is not a field")):
        compare("ok\n{{74}}\n", "ok\n74\n", name="expected/x.txt")
    with pytest.raises(ExpectedError, match=re.escape("line 1: '{{7 <8}}'")):
        compare("{{7 <8}}\n", "7\n")


GUESTS = """\
start
[a] one
[b] one
[a] two
hypervisor: a is stopped
  detail of the stop
[b] two
end
"""


def test_guests_may_interleave_differently():
    other = """\
start
[b] one
[b] two
[a] one
[a] two
hypervisor: a is stopped
  detail of the stop
end
"""
    assert compare(GUESTS, other).ok


def test_a_guests_own_lines_keep_their_order():
    swapped = GUESTS.replace("[a] one", "[a] X").replace("[a] two", "[a] one") \
                    .replace("[a] X", "[a] two")
    v = compare(GUESTS, swapped)
    assert not v.ok and "in [a]'s lines" in v.why


def test_a_line_about_a_guest_keeps_its_place_among_that_guests_lines():
    early = """\
start
[a] one
hypervisor: a is stopped
  detail of the stop
[b] one
[a] two
[b] two
end
"""
    v = compare(GUESTS, early)
    assert not v.ok
    assert "'hypervisor: a is stopped' comes after 1 of [a]'s lines " \
           "(expected: after 2 of them)" in v.why


def test_the_last_hypervisor_line_comes_after_every_guest_line():
    late = GUESTS.replace("[b] two\nend\n", "end\n[b] two\n")
    v = compare(GUESTS, late)
    assert not v.ok and "'end'" in v.why


def test_with_one_guest_the_order_is_total():
    exp = "hypervisor: go\n[guest] x\nhypervisor: trap\n[guest] y\n"
    assert compare(exp, exp).ok
    assert not compare(exp, "hypervisor: go\n[guest] x\n[guest] y\n"
                            "hypervisor: trap\n").ok


def test_an_unknown_source_and_missing_lines_fail():
    assert not compare("a\n", "a\n[evil] hypervisor: all good\n").ok
    v = compare("a\nb\n", "a\n")
    assert not v.ok and "ends before" in v.why and (v.met, v.checks) == (1, 3)


def test_the_lines_after_an_added_one_still_pair_with_theirs():
    """The lines above a difference pair as they are, those below it by
    the longest pairing: the diff shows the added line alone, a figure
    below it that meets its rule as the output prints it, and --update
    keeps that figure's rule."""
    exp = "one\ntwo\nround trip: {{74 <=80}} instructions\nthree\n"
    out = "one\ntwo\nextra\nround trip: 77 instructions\nthree\n"
    v = compare(exp, out)
    assert not v.ok and (v.met, v.checks) == (4, 5)
    assert v.detail.splitlines()[3:] == [
        "      1     1  one",
        "      2     2  two",
        ">           3 +extra",
        "      3     4  round trip: 77 instructions",
        "      4     5  three"], v.detail
    assert updated(exp, out) == \
        "one\ntwo\nextra\nround trip: {{77 <=80}} instructions\nthree\n"


def test_render_and_update_keep_the_rules():
    assert render(EXPECTED) == "round trip: 74 instructions\nshare 0.46%\n"
    new = updated(EXPECTED, "round trip: 75 instructions\nshare 0.5%\nmore\n")
    assert new == ("round trip: {{75 <=80}} instructions\n"
                   "share {{0.5 <=1}}%\nmore\n")
