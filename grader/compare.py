"""compare.py: does a lesson's output meet its expected file?

An expected file is what the kit's own lesson prints, with two rules on top
(README.md, "What an expected file says"):

Fields. A figure that a correct hypervisor may change (an instruction count,
a time, how many exits of a kind) is written {{KIT_VALUE RULE}}: the figure
the kit itself prints, and what any output must meet there:

    {{74 <=80}}      at most 80          {{3 2..5}}   from 2 to 5
    {{17 >=1}}       at least 1          {{0.46 any}} any number

Everything outside the braces is exact. Spaces next to a field stretch (one
or more): a column of figures may be padded differently. With exact=True (the kit's own
CI), a field must also equal KIT_VALUE, unless KIT_VALUE is written ~N: a
figure of software the kit downloads rather than builds (lesson 08's Debian
kernel, which changes with Debian's updates), held to its rule only.

Sources. A line that starts with "[name] " was printed by guest `name`;
a line that starts with white space goes on with the source of the line
before it; every other line is the hypervisor's. Each source's lines are
compared in order, exactly. Across sources only the orderings the lesson
guarantees are checked: a hypervisor line keeps its place among a guest's
lines when it names that guest, when there is only one guest, or when it
stands before every guest line or after every guest line.
"""

import difflib
import re

HYPERVISOR = "hypervisor"
NUMBER = r"-?\d+(?:\.\d+)?"
FIELD = re.compile(r"\{\{(.*?)\}\}")
FIELD_BODY = re.compile(r"\s*(~?)(%s)\s+(any|<=\s*%s|>=\s*%s|%s\s*\.\.\s*%s)\s*$"
                        % ((NUMBER,) * 5))
TAG = re.compile(r"\[([^\]\s]+)\] ")
MAX_DIFF_LINES = 200


class ExpectedError(Exception):
    """The expected file itself is malformed: one line, names the line."""


class Field:
    def __init__(self, value, rule, pinned=True):
        self.value = value                  # the kit's figure, as printed
        self.pinned = pinned                # False: ~KIT_VALUE, not exact
        self.rule = re.sub(r"\s+", "", rule)

    def meets(self, text):
        """None if the figure `text` meets the rule, else why not."""
        x = float(text)
        r = self.rule
        if r == "any":
            return None
        if r.startswith("<="):
            ok, words = x <= float(r[2:]), "at most %s" % r[2:]
        elif r.startswith(">="):
            ok, words = x >= float(r[2:]), "at least %s" % r[2:]
        else:
            low, high = r.split("..")
            ok, words = float(low) <= x <= float(high), \
                "from %s to %s" % (low, high)
        return None if ok else "%s is not %s" % (text, words)

    def describe(self):
        return {"any": "any number"}.get(self.rule, self.rule)


class Line:
    """One line of an expected file (a pattern) or of an output."""

    def __init__(self, number, text, source):
        self.number = number        # 1-based, in its file or output
        self.text = text
        self.source = source
        self.fields = []
        self.regex = None           # expected lines with fields only

    def shown(self):
        """The line as the kit prints it: each field is its KIT_VALUE."""
        if not self.fields:
            return self.text
        values = iter(self.fields)
        return FIELD.sub(lambda m: next(values).value, self.text)


def source_of(text, previous):
    m = TAG.match(text)
    if m:
        return m.group(1)
    if text[:1] in (" ", "\t"):
        return previous
    return HYPERVISOR


def split_lines(text):
    lines, source = [], HYPERVISOR
    for i, line in enumerate(text.splitlines()):
        source = source_of(line, source)
        lines.append(Line(i + 1, line, source))
    return lines


def parse_expected(text, name="expected"):
    """Lines of an expected file, fields compiled; ExpectedError if a
    field is malformed."""
    lines = split_lines(text)
    for line in lines:
        if "{{" not in line.text and "}}" not in line.text:
            continue
        pattern, last = "", 0
        for m in FIELD.finditer(line.text):
            body = FIELD_BODY.match(m.group(1))
            if not body:
                raise ExpectedError(
                    "%s line %d: %r is not a field {{VALUE RULE}} (RULE: "
                    "any, <=N, >=N or A..B)" % (name, line.number, m.group(0)))
            line.fields.append(Field(body.group(2), body.group(3),
                                     not body.group(1)))
            before = line.text[last:m.start()]
            pattern += re.escape(before.rstrip(" ")) + (" +" if before.endswith(" ") else "")
            pattern += "(%s)" % NUMBER
            last = m.end()
            after = line.text[last:]
            if after.startswith(" "):
                pattern += " +"
                last += len(after) - len(after.lstrip(" "))
        rest = line.text[last:]
        if "{{" in rest or "}}" in rest:
            raise ExpectedError("%s line %d: an unclosed field" % (name, line.number))
        line.regex = re.compile(pattern + re.escape(rest) + r"\Z")
    return lines


def match(exp, act, exact):
    """None if the output line meets the expected line, else why not: a
    short phrase ('text differs', or the field and its rule)."""
    if not exp.fields:
        return None if exp.text == act.text else "text differs"
    m = exp.regex.match(act.text)
    if not m:
        return "text differs"
    for i, (field, got) in enumerate(zip(exp.fields, m.groups())):
        why = field.meets(got)
        if why is None and exact and field.pinned and got != field.value:
            why = "%s is not the kit's own %s (exact figures)" % (got, field.value)
        if why:
            return "figure %d: %s (rule: %s; the kit prints %s)" % (
                i + 1, why, field.describe(), field.value)
    return None


class Verdict:
    """What the comparison found: ok, the first difference in words, a
    diff, and the score (checks met, checks in all)."""

    def __init__(self):
        self.ok = True
        self.why = ""
        self.detail = ""
        self.met = 0
        self.checks = 0


def align(exp, act, exact):
    """The longest in-order pairing of expected and output lines that
    match: [(i, j)], by dynamic programming (outputs are short).

    The lines that match from the top, each with the line of the same
    index, are paired first, as they are: the walk below would pair them
    the same (where exp[i] matches act[j], best[i][j] is best[i + 1][j + 1]
    + 1, since one line less on one side loses at most one pair), and the
    table below them depends only on the lines below. A passing output
    then costs a match a line, not one for every two lines."""
    top = 0
    while top < min(len(exp), len(act)) and \
            match(exp[top], act[top], exact) is None:
        top += 1
    pairs = [(k, k) for k in range(top)]
    exp, act = exp[top:], act[top:]
    n, m = len(exp), len(act)
    ok = [[match(exp[i], act[j], exact) is None for j in range(m)] for i in range(n)]
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1],
                             best[i + 1][j + 1] + 1 if ok[i][j] else 0)
    i, j = 0, 0
    while i < n and j < m:
        if ok[i][j] and best[i][j] == best[i + 1][j + 1] + 1:
            pairs.append((top + i, top + j))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def by_source(lines):
    groups = {}
    for line in lines:
        groups.setdefault(line.source, []).append(line)
    return groups


def compare(expected_text, output, exact=False, name="expected"):
    """Compare an output with an expected file's text; a Verdict."""
    exp_all = parse_expected(expected_text, name)
    act_all = split_lines(output)
    v = Verdict()
    exp_src, act_src = by_source(exp_all), by_source(act_all)
    guests = [s for s in exp_src if s != HYPERVISOR]
    first = None            # (expected line number, why, diff)
    for source, exp in exp_src.items():
        act = act_src.get(source, [])
        pairs = align(exp, act, exact)
        v.met += len(pairs)
        v.checks += len(exp)
        if len(pairs) == len(exp) == len(act):
            continue
        diff_text = source_diff(exp, act, pairs, source, len(exp_src) > 1, name)
        k = next((k for k, (i, j) in enumerate(pairs) if i != k or j != k),
                 len(pairs))
        e = exp[k] if k < len(exp) else None
        a = act[k] if k < len(act) else None
        why = describe(e, a, source, len(exp_src) > 1, exact, name)
        at = e.number if e else len(exp_all) + 1
        if first is None or at < first[0]:
            first = (at, why, diff_text)
    for source, act in act_src.items():       # a source the kit never has
        if source not in exp_src:
            v.checks += 1
            why = "the output has lines from [%s], a source %s does not " \
                  "have: first: %r" % (source, name, act[0].text)
            at = len(exp_all) + 1
            if first is None or at < first[0]:
                first = (at, why, "")
    v.checks += 1           # the order across sources: met only if the
    if first is None:       # sources match, so that it can be checked
        order = order_problem(exp_all, act_all, guests)
        if order:
            first = (0, order, "")
        else:
            v.met += 1
    if output and not output.endswith("\n") and expected_text.endswith("\n"):
        v.checks += 1
        if first is None:
            first = (0, "the lines are the same; the output does not end in "
                        "a newline", "")
    if first is not None:
        v.ok, v.why, v.detail = False, first[1], first[2]
    return v


def describe(e, a, source, several, exact, name):
    """The first difference of one source, in words: a first line, then
    the expected and the actual line."""
    whose = "" if not several else \
        " in the hypervisor's lines" if source == HYPERVISOR else \
        " in [%s]'s lines" % source
    if e is None:
        return "the output has more than %s%s: output line %d: %r" % (
            name, whose, a.number, a.text)
    where = "%s line %d%s" % (name, e.number, whose)
    if a is None:
        return "the output ends before %s\n  expected: %r" % (where, e.shown())
    why = match(e, a, exact)
    if why and why != "text differs":
        return "the output does not meet %s: %s\n  expected: %r\n" \
               "  actual:   %r (output line %d)" % (where, why, e.text,
                                                   a.text, a.number)
    return "the output differs from %s\n  expected: %r\n" \
           "  actual:   %r (output line %d)" % (where, e.shown(), a.text,
                                               a.number)


def order_problem(exp_all, act_all, guests):
    """Each source matched; now the orderings across sources that the
    lesson guarantees. None, or the first one broken, in words."""
    def positions(lines):
        """For each line: (source, index within its source)."""
        seen, out = {}, []
        for line in lines:
            k = seen.get(line.source, 0)
            seen[line.source] = k + 1
            out.append((line.source, k))
        return out

    def guest_lines_before(lines, index):
        """For each guest: how many of its lines come before lines[index]."""
        counts = dict.fromkeys(guests, 0)
        for line in lines[:index]:
            if line.source in counts:
                counts[line.source] += 1
        return counts

    guest_at = [i for i, l in enumerate(exp_all) if l.source != HYPERVISOR]
    if not guest_at:
        return None
    act_index = {}
    for i, key in enumerate(positions(act_all)):
        act_index[key] = i
    head = None
    for i, (line, key) in enumerate(zip(exp_all, positions(exp_all))):
        if line.source != HYPERVISOR:
            continue
        text = line.text if not line.text[:1].isspace() else head
        if not line.text[:1].isspace():
            head = line.text
        bound = [g for g in guests
                 if len(guests) == 1 or i < guest_at[0] or i > guest_at[-1]
                 or re.search(r"\b%s\b" % re.escape(g), text or "")]
        if not bound:
            continue
        want = guest_lines_before(exp_all, i)
        got = guest_lines_before(act_all, act_index[key])
        for g in bound:
            if want[g] != got[g]:
                return ("the hypervisor's line %r comes %s of [%s]'s lines "
                        "(expected: after %d of them)"
                        % (line.text, "after %d" % got[g], g, want[g]))
    return None


def source_diff(exp, act, pairs, source, several, name):
    """A unified diff of one source's lines: an output line that meets its
    expected line is shown as equal; each line carries its number in the
    expected file and in the output; '>' marks the first difference."""
    shown = [e.shown() for e in exp]
    for i, j in pairs:
        shown[i] = act[j].text
    a_text = [a.text for a in act]
    matcher = difflib.SequenceMatcher(None, shown, a_text, autojunk=False)
    groups = list(matcher.get_grouped_opcodes(3))
    if not groups:
        return ""
    head = ["--- %s%s" % (name, ", [%s]'s lines" % source
                           if several and source != HYPERVISOR
                           else ", the hypervisor's lines" if several else ""),
            "+++ actual output"]
    first = None
    out = []
    for group in groups:
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        out.append("@@ -%s +%s @@" % (span(i1, i2), span(j1, j2)))
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                out += ["  %5d %5d  %s" % (exp[a1 + k].number, act[b1 + k].number,
                                           shown[a1 + k]) for k in range(a2 - a1)]
                continue
            mark = ">" if first is None else " "
            first = first or (a1, b1)
            out += ["%s %5d       -%s" % (mark if k == a1 else " ", exp[k].number,
                                          exp[k].text) for k in range(a1, a2)]
            out += ["%s       %5d +%s" % (mark if k == b1 else " ", act[k].number,
                                          a_text[k]) for k in range(b1, b2)]
    lines = head + out
    if len(lines) > MAX_DIFF_LINES:
        cut = len(lines) - MAX_DIFF_LINES
        lines = lines[:MAX_DIFF_LINES] + ["... (%d more lines of diff)" % cut]
    return "\n".join(lines)


def span(start, end):
    count = end - start
    return "%d,%d" % (start + 1 if count else start, count)


def render(expected_text):
    """The expected file as the kit prints it (fields -> KIT_VALUE)."""
    return "".join(l.shown() + "\n" for l in parse_expected(expected_text))


def updated(expected_text, output):
    """The expected file rewritten from a new output of the kit's lesson,
    keeping its fields: a line that still meets its expected line keeps
    its rules, with the new figures as KIT_VALUEs; any other line is taken
    as printed (its fields, if it needs any, are the author's to add)."""
    exp, act = parse_expected(expected_text), split_lines(output)
    pairs = dict((j, i) for i, j in align(exp, act, False))
    out = []
    for j, a in enumerate(act):
        e = exp[pairs[j]] if j in pairs else None
        if e is None or not e.fields:
            out.append(a.text)
            continue
        figures = iter(e.regex.match(a.text).groups())
        fields = iter(e.fields)
        def field(m):
            f = next(fields)
            return "{{%s%s %s}}" % ("" if f.pinned else "~", next(figures), f.rule)
        out.append(FIELD.sub(field, e.text))
    return "".join(l + "\n" for l in out)
