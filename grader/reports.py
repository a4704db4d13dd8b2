"""reports.py: what run.py prints and writes: a line per lesson or per
student, a report per student, the gradebook (CSV), JUnit XML and JSON.

Everything in them that a student's tree decided (names, output, build
logs) is made safe for where it goes: control characters are shown as
\\xNN on a terminal and in reports (an escape sequence in a student's
output must not drive the instructor's terminal), a CSV cell never starts
with = + - @ (a spreadsheet would run it as a formula), XML holds no
character XML 1.0 forbids."""

import csv
import time
import xml.etree.ElementTree as ET

from grader import KIT, UsageError, toolchain
from grader.lesson import TIMEOUT_SCALE
from grader.trees import display

FAILURE_TYPES = {"FAIL": "failure", "TIMEOUT": "failure",
                 "BUILD-ERROR": "error", "MISSING": "error"}


def shown(text):
    """Text safe for a terminal: every control character but the line end
    and the tab as \\xNN (an ESC, a \\r, a backspace)."""
    return "".join(c if c >= " " and not "\x7f" <= c <= "\x9f" or c in "\n\t"
                   else "\\x%02x" % ord(c) for c in text)


def csv_cell(text):
    """A CSV cell no spreadsheet takes for a formula."""
    text = shown(text).replace("\n", " ")
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def indent(text, prefix="     "):
    return "\n".join(prefix + l for l in text.splitlines())


def lesson_lines(r, verbose):
    """The plain format: "PASS|FAIL name  seconds", details indented."""
    label = "PASS" if r.status == "PASS" else "FAIL"
    why = r.why.splitlines() or [""]
    note = "" if r.status == "PASS" else ": " + (
        r.status + ", " if r.status != "FAIL" else "") + why[0]
    lines = ["%-4s %-24s %6.2f s%s" % (label, r.lesson, r.seconds, note)]
    if r.status != "PASS" and r.checks:
        why.append("score: %d%% (%d of %d checks met)"
                   % (r.score(), r.met, r.checks))
    if why[1:]:
        lines.append(indent("\n".join(why[1:])))
    if r.detail:
        lines.append(indent(r.detail))
    if verbose and r.output:
        lines.append("     --- output of %s ---" % r.lesson)
        lines.append(indent(r.output))
    return shown("\n".join(lines))


def student_line(tree):
    total = len(tree.results)
    if tree.problem:
        what = tree.problem
    else:
        what = "  ".join("%s %s" % (r.lesson, r.status)
                         for r in tree.results if r.status != "PASS")
    return shown(("%-24s %d/%d  %s" % (tree.name, tree.passed(), total,
                                       what)).rstrip())


def report_text(tree, opts):
    lines = ["stepvisor grade report: %s" % tree.name,
             "tree:      %s" % display(tree.source),
             "graded:    %s, against the expected outputs of the kit in %s"
             % (time.strftime("%Y-%m-%d %H:%M:%S"), KIT),
             "timeout:   %g s a lesson%s" % (opts.timeout, "".join(
                 " (lesson %s: %g s)" % (l[:2], k * opts.timeout)
                 for l, k in sorted(TIMEOUT_SCALE.items()))),
             "tools:     " + toolchain.toolchain_line(opts.toolchain).split(": ", 1)[1],
             "sandbox:   %s" % ("bubblewrap, with limits" if opts.sandbox
                                else "none (--no-sandbox)"),
             "result:    %d of %d lessons passed" % (tree.passed(), len(tree.results))]
    if tree.problem:
        lines.append("problem:   " + tree.problem)
    lines += ["note:      " + n for n in tree.notes]
    lines.append("")
    lines += [("%-24s %-11s %3d%% %6.2f s  %s" % (
        r.lesson, r.status, r.score(), r.seconds,
        r.why.splitlines()[0] if r.why else "")).rstrip()
              for r in tree.results]
    for r in tree.results:
        if r.status == "MISSING" and tree.problem:
            continue
        lines += ["", "==== %s: %s ====" % (r.lesson, r.status)]
        if r.status != "PASS":
            lines += [r.why, r.detail] if r.detail else [r.why]
        lines += ["---- build log ----", r.build_log.rstrip("\n") or "(empty)"]
        if r.status != "PASS" and r.output:
            lines += ["---- output ----", r.output.rstrip("\n")]
    return shown("\n".join(lines)) + "\n"


def write_gradebook(path, trees, lessons, info):
    """One row per student. Every row also names the QEMU and GCC it was
    graded with (as "QEMU 7.2.22", text that no spreadsheet takes for a
    number or a date), so gradebooks from two machines can be merged; a
    comment row would be a student to a spreadsheet."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["student"] + lessons + ["total"]
                   + ["%s score" % l for l in lessons] + ["score"]
                   + list(TOOLCHAIN_COLUMNS) + ["build files not the kit's",
                                               "stopped by a limit"])
        tools = [label % info[key] for label, key in TOOLCHAIN_COLUMNS.values()]
        for tree in trees:
            scores = [r.score() for r in tree.results]
            w.writerow([csv_cell(tree.name)] + [r.status for r in tree.results]
                       + [tree.passed()] + scores
                       + [sum(scores) // max(len(scores), 1)] + tools
                       + [csv_cell(" ".join(tree.changed)),
                          csv_cell("; ".join("%s: %s" % (r.lesson[:2], r.limit)
                                             for r in tree.results if r.limit))])


TOOLCHAIN_COLUMNS = {"qemu": ("QEMU %s", "qemu_version"),
                     "gcc": ("GCC %s", "gcc_version")}


def xml_text(text):
    """XML 1.0 cannot hold most control characters: show them as \\xNN."""
    return "".join(c if c in "\t\n\r" or (" " <= c <= "\ud7ff")
                   or ("\ue000" <= c <= "\ufffd") or c > "\uffff"
                   else "\\x%02x" % ord(c) for c in text)


def junit_xml(trees, info):
    def counts(results):
        kinds = [FAILURE_TYPES.get(r.status) for r in results]
        return {"tests": str(len(results)),
                "failures": str(kinds.count("failure")),
                "errors": str(kinds.count("error")),
                "time": "%.3f" % sum(r.seconds for r in results)}

    everything = [r for t in trees for r in t.results]
    root = ET.Element("testsuites", name="stepvisor", **counts(everything))
    for tree in trees:
        suite = ET.SubElement(root, "testsuite", name=tree.name,
                              **counts(tree.results))
        props = ET.SubElement(suite, "properties")     # the toolchain used
        for key in sorted(info):
            ET.SubElement(props, "property", name=key, value=xml_text(info[key]))
        for r in tree.results:
            case = ET.SubElement(suite, "testcase", classname=tree.name,
                                 name=r.lesson, time="%.3f" % r.seconds)
            props = ET.SubElement(case, "properties")
            ET.SubElement(props, "property", name="score", value=str(r.score()))
            ET.SubElement(props, "property", name="checks",
                          value="%d/%d" % (r.met, r.checks))
            kind = FAILURE_TYPES.get(r.status)
            if kind:
                node = ET.SubElement(case, kind, type=r.status,
                                     message=xml_text(r.why))
                node.text = xml_text("\n".join(
                    filter(None, [r.detail, r.build_log if r.status ==
                                  "BUILD-ERROR" else ""])))
            if r.output:
                ET.SubElement(case, "system-out").text = xml_text(r.output)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def summary(trees, lessons, seconds, info):
    everything = [r for t in trees for r in t.results]
    passed = sum(r.status == "PASS" for r in everything)
    return {"kit": KIT, "toolchain": info, "lessons": lessons, "passed": passed,
            "failed": len(everything) - passed, "seconds": round(seconds, 3),
            "trees": [t.as_dict() for t in trees]}


def write_file(path, text):
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    except OSError as e:
        raise UsageError("cannot write %s: %s" % (path, e.strerror or e))
