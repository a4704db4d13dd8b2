"""cli.py: run.py's command line and its modes: the kit's own lessons,
--update, --tree and --class (see run.py's docstring for the user's view)."""

import argparse
import difflib
import json
import os
import signal
import sys
import tempfile
import time

from grader import KIT, UsageError, compare, copy, sandbox, scratch, toolchain
from grader import trees as trees_mod
from grader.lesson import build, lessons_in, read_expected, run_lesson, select
from grader.reports import (indent, junit_xml, lesson_lines, report_text,
                            student_line, summary, write_file, write_gradebook)
from grader.trees import Tree

EPILOG = """\
statuses: PASS, FAIL, TIMEOUT, BUILD-ERROR, MISSING (a lesson or tree that
is not there). --class writes OUT/gradebook.csv (student,<lesson>...,total,
qemu,gcc; total = lessons passed) and OUT/reports/STUDENT.txt (build logs, and the
diff and output of every failure). Trees are copied without build/ and
.git/ into a scratch directory and built there; expected outputs are always
this kit's. Exit status: 0 all passed, 1 something failed, 2 usage error.

SECURITY: grading runs untrusted code: a student's Makefile and QEMU
command run with your rights. Grade in a throwaway VM or container, or as
an unprivileged user. See the docstring at the top of run.py for details.
"""


# In OUT/reports: the names of the reports the last grading wrote there.
REPORTS_LIST = ".run.py-reports"


def plural(n, word):
    """'1 student', '3 students'."""
    return "%d %s%s" % (n, word, "" if n == 1 else "s")


def grade_trees(trees, opts, out, per_lesson):
    """Grade, print, and write what was asked for. Return the exit status."""
    start = time.monotonic()

    def on_result(tree, r):
        if per_lesson:
            print(lesson_lines(r, opts.verbose), file=out, flush=True)

    def on_tree(tree):
        if not per_lesson:
            print(student_line(tree), file=out, flush=True)
            if opts.verbose:
                for r in tree.results:
                    print(indent(lesson_lines(r, True), "    "), file=out)

    for lesson in opts.lessons:     # the expected outputs as they are now
        read_expected(lesson)
    trees_mod.grade(trees, opts, on_result, on_tree)
    seconds = time.monotonic() - start
    if opts.class_dir:
        write_class_files(trees, opts, out)
        print("graded %s, %s each, in %.1f s (-j %d)"
              % (plural(len(trees), "student"), plural(len(opts.lessons), "lesson"),
                 seconds, opts.jobs), file=out)
    if opts.junit:
        write_file(opts.junit, junit_xml(trees, opts.toolchain))
    result = summary(trees, opts.lessons, seconds, opts.toolchain)
    if opts.json:
        print(json.dumps(result, indent=1))
    print("%d passed, %d failed" % (result["passed"], result["failed"]), file=out)
    return 0 if result["failed"] == 0 else 1


def make_reports_dir(out_dir):
    """Before grading: fail now rather than after the whole class."""
    reports = os.path.join(out_dir, "reports")
    try:
        os.makedirs(reports, exist_ok=True)
    except OSError as e:
        raise UsageError("cannot create %s: %s" % (reports, e.strerror or e))
    writable(os.path.join(out_dir, "gradebook.csv"))
    return reports


def writable(path):
    """Fail now, before a whole class is graded, if path cannot be written;
    leave no file behind that was not there."""
    existed = os.path.exists(path)
    try:
        with open(path, "a", encoding="utf-8"):
            pass
    except OSError as e:
        raise UsageError("cannot write %s: %s" % (path, e.strerror or e))
    if not existed:
        os.unlink(path)


def write_class_files(trees, opts, out):
    reports = make_reports_dir(opts.out)
    gradebook = os.path.join(opts.out, "gradebook.csv")
    try:
        write_gradebook(gradebook, trees, opts.lessons, opts.toolchain)
    except OSError as e:
        raise UsageError("cannot write %s: %s" % (gradebook, e.strerror or e))
    written = [report_name(tree) for tree in trees]
    for tree, name in zip(trees, written):
        write_file(os.path.join(reports, name), report_text(tree, opts))
    # The reports an earlier grading wrote here (REPORTS_LIST names them)
    # that this one did not (a student since gone, or numbered otherwise):
    # they would be read as this one's. No other file is touched.
    listed = os.path.join(reports, REPORTS_LIST)
    try:
        with open(listed, encoding="utf-8", errors="replace") as f:
            earlier = set(f.read().splitlines())
    except OSError:
        earlier = set()
    gone = sorted(n for n in earlier - set(written)
                  if n and os.sep not in n and not n.startswith("."))
    for name in gone:
        try:
            os.remove(os.path.join(reports, name))
        except OSError:
            pass
    write_file(listed, "".join(n + "\n" for n in written))
    print("gradebook: %s" % gradebook, file=out)
    if gone:
        print("reports:   %s of an earlier grading removed: %s"
              % (plural(len(gone), "report"), " ".join(gone)), file=out)
    print("reports:   %s%s (one per student)" % (reports, os.sep), file=out)


def class_trees(class_dir, skip):
    """One tree per entry of the class directory, by name; hidden ones and
    the directories run.py writes to are left out. An entry that is no
    directory still gets its row: MISSING, and why."""
    skip = {os.path.realpath(p) for p in skip if p}
    try:
        names = sorted(os.listdir(class_dir))
    except OSError as e:
        raise UsageError("cannot read %s: %s" % (class_dir, e.strerror or e))
    names = [n for n in names if not n.startswith(".")
             and os.path.realpath(os.path.join(class_dir, n)) not in skip]
    if not names:
        raise UsageError("%s is empty: --class wants one directory per "
                         "student" % class_dir)
    return [Tree(n, os.path.join(class_dir, n), index=i)
            for i, n in enumerate(names)]


def report_name(tree):
    """A report's file name: the student's name made safe for a file name,
    and their number, so that two names made alike stay apart."""
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in tree.name)
    return "%s-%03d.txt" % (safe.lstrip(".")[:64] or "student", tree.index)


def update_expected(lesson, opts, out):
    """Rewrite expected/LESSON.txt from a run of the kit's lesson, after
    showing the diff. Only from a run that ended by itself with status 0."""
    r = run_lesson(KIT, lesson, opts)
    if r.exit_status is None or r.exit_status != 0:
        print(lesson_lines(r, opts.verbose), file=out)
        print("run.py: not rewriting expected/%s.txt: the lesson must build "
              "and end by itself with status 0" % lesson, file=out)
        return 1
    path = os.path.join(KIT, "expected", lesson + ".txt")
    old = ""
    if os.path.exists(path):
        old, why_not = read_expected(lesson)
        if old is None:
            raise UsageError(why_not)
    try:
        new = compare.updated(old, r.output)
    except compare.ExpectedError as e:
        raise UsageError(str(e))
    if old == new:
        print("expected/%s.txt is already what the lesson prints" % lesson, file=out)
        return 0
    print("\n".join(difflib.unified_diff(
        old.splitlines(), new.splitlines(), "expected/%s.txt" % lesson,
        "from this run (fields kept)", lineterm="")), file=out, flush=True)
    if not opts.yes and not sys.stdin.isatty():
        print("run.py: not rewriting expected/%s.txt: no terminal to ask at; "
              "read the diff, then run again with -y" % lesson, file=out)
        return 1
    if not opts.yes:
        try:
            answer = input("rewrite expected/%s.txt? [y/N] " % lesson)
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            print("expected/%s.txt left as it was" % lesson, file=out)
            return 1
    write_file(path, new)
    print("rewrote expected/%s.txt" % lesson, file=out)
    return 0


def positive(kind):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            value = 0
        if not 0 < value < float("inf"):      # not 0, nan or inf
            raise argparse.ArgumentTypeError("%r is not a positive number" % text)
        return value
    return parse


class Parser(argparse.ArgumentParser):
    def error(self, message):
        """A bad argument: one line (run.py: ...) and exit 2, not usage."""
        raise UsageError("%s (run.py --help has the options)" % message)


def parse_args(argv):
    parser = Parser(
        prog="run.py", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Build, boot and check stepvisor lessons; grade "
                    "students' copies of the kit.")
    parser.add_argument("lessons", nargs="*", metavar="LESSON",
                        help="lesson number or name (default: every lesson)")
    parser.add_argument("--timeout", type=positive(float), default=20.0,
                        metavar="SECONDS",
                        help="seconds a lesson may run (default: 20; lesson 08, Linux, 12 times it)")
    parser.add_argument("--build-timeout", type=positive(float), default=120.0,
                        metavar="SECONDS",
                        help="seconds a lesson's build may take (default: 120)")
    parser.add_argument("--exact", action="store_true",
                        help="figures must also equal the kit's own (the "
                             "kit's CI, with the reference toolchain); "
                             "without it a figure need only meet its rule")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print each lesson's whole output")
    parser.add_argument("-j", "--jobs", type=positive(int), metavar="N",
                        default=os.cpu_count() or 1,
                        help="lessons (and students) run in parallel "
                             "(default: every core, %(default)s here)")
    group = parser.add_mutually_exclusive_group()
    parser.add_argument("--update", metavar="LESSON",
                        help="rewrite this kit's expected output of LESSON "
                             "from a run, showing the diff first (kit "
                             "authors; refused with --tree or --class)")
    group.add_argument("--tree", metavar="DIR",
                       help="grade the student's copy of the kit at DIR")
    group.add_argument("--class", dest="class_dir", metavar="DIR",
                       help="grade every subdirectory of DIR (one student's "
                            "copy each) and write a gradebook")
    parser.add_argument("-y", "--yes", action="store_true",
                        help="--update: rewrite without asking (needed "
                             "when stdin is not a terminal: without it, "
                             "--update shows the diff and refuses)")
    parser.add_argument("--out", metavar="DIR",
                        help="--class: where gradebook.csv and reports/ go "
                             "(default: the class directory + '-grades'); "
                             "reports an earlier grading wrote there and "
                             "this one does not are removed")
    parser.add_argument("--scratch", metavar="DIR",
                        help="make the scratch directory for the copies "
                             "under DIR (default: the system's temporary "
                             "directory)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the scratch copies (their path is printed)")
    parser.add_argument("--cross-compile", metavar="PREFIX",
                        help="the cross compiler's prefix, as make's "
                             "CROSS_COMPILE (default: $CROSS_COMPILE, or "
                             "Debian's aarch64-linux-gnu-)")
    parser.add_argument("--qemu", metavar="COMMAND",
                        help="the QEMU to boot lessons with, as make's QEMU "
                             "(default: $QEMU, or qemu-system-aarch64)")
    parser.add_argument("--no-sandbox", dest="sandbox", action="store_false",
                        help="grade students' trees without the sandbox "
                             "(only on a throwaway machine: their code then "
                             "runs with your rights)")
    parser.add_argument("--poison", dest="poison", action="store_true",
                        default=None,
                        help="boot each lesson that passes a second time, "
                             "with every register junk at reset (README "
                             "\"The poison boot\"); it must pass again. "
                             "Default: on for the kit's own lessons, off "
                             "with --tree and --class")
    parser.add_argument("--no-poison", dest="poison", action="store_false",
                        help="boot each lesson once, from QEMU's reset")
    parser.add_argument("--junit", metavar="FILE",
                        help="write JUnit XML (a testcase per lesson) to FILE")
    parser.add_argument("--json", action="store_true",
                        help="print a JSON summary on stdout; the usual "
                             "lines go to stderr")
    return parser.parse_args(argv)


def check_args(args, available):
    """Turn the arguments into the lessons to run; UsageError if wrong."""
    if args.update and (args.tree or args.class_dir):
        raise UsageError("--update rewrites this kit's expected/ from this "
                         "kit's lesson: it refuses to run against --tree "
                         "or --class")
    if args.update and (args.lessons or args.junit or args.json):
        raise UsageError("--update takes one lesson, and no other lessons, "
                         "--junit or --json")
    if args.out and not args.class_dir:
        raise UsageError("--out goes with --class")
    names = [args.update] if args.update else args.lessons or available
    lessons, unknown = select(names, available)
    if lessons is None:
        raise UsageError("unknown lesson '%s'; the lessons are: %s"
                         % (unknown, " ".join(available)))
    if args.update and len(lessons) != 1:
        raise UsageError("--update takes one lesson")
    for name, path in (("--tree", args.tree), ("--class", args.class_dir),
                       ("--scratch", args.scratch)):
        if path is not None and not os.path.isdir(path):
            raise UsageError("%s %s: no such directory" % (name, path))
    if args.junit:
        writable(args.junit)
    return lessons


def run(argv):
    args = parse_args(argv)
    available = lessons_in(KIT)
    args.lessons = check_args(args, available)
    args.toolchain = toolchain.find_toolchain(args)
    if args.poison is None:
        args.poison = not (args.tree or args.class_dir)
    out = sys.stderr if args.json else sys.stdout
    args.bound_disk = False
    if args.tree or args.class_dir:
        # Before any thread: a mount namespace for the scratch copies' tmpfs.
        why_not = None if args.keep else scratch.enter_namespace()
        args.bound_disk = not args.keep and why_not is None
        if args.sandbox:
            problem = sandbox.problem()
            if problem:
                raise UsageError(problem)
            if why_not:
                raise UsageError("no sandbox: run.py cannot bound a tree's "
                                 "disk: %s: %s" % (why_not, sandbox.HOW_TO))
    print(toolchain.toolchain_line(args.toolchain), file=out, flush=True)
    if args.keep and (args.tree or args.class_dir):
        print("run.py: --keep: the scratch copies are kept on disk, so no "
              "tmpfs bounds the disk a tree may fill", file=out)
    if args.exact:
        found = {"gcc": args.toolchain["gcc_version"],
                 "qemu": args.toolchain["qemu_version"]}
        if not toolchain.is_reference(found):
            args.exact = False
            print("run.py: --exact: figures held to their rules only: this "
                  "toolchain (gcc %s, QEMU %s) is not the one the kit's "
                  "figures come from (expected/figures-toolchain.txt)"
                  % (found["gcc"] or "?", found["qemu"] or "?"), file=out)

    if args.update:
        return update_expected(args.lessons[0], args, out)
    if not args.tree and not args.class_dir:
        args.scratch = args.private = None
        return grade_trees([Tree(os.path.basename(KIT), KIT, copy=False)],
                           args, out, per_lesson=True)
    # The kit's own objects, built first, seed every student's build.
    for lesson in args.lessons:
        build(KIT, lesson, args.build_timeout)
        if args.poison:         # its objects too (common/poison/)
            build(KIT, lesson, args.build_timeout, poison=True)

    parent = args.scratch or tempfile.gettempdir()
    blocked = sandbox.unreachable(parent) if args.sandbox else None
    if blocked:
        raise UsageError("the sandbox runs students' code as uid %d, which "
                         "cannot reach %s (%s is not searchable by others): "
                         "choose another --scratch, such as /tmp"
                         % (sandbox.ids()[0], parent, blocked))
    try:
        args.scratch = os.path.abspath(
            tempfile.mkdtemp(prefix="stepvisor-grade-", dir=parent))
        args.private = os.path.join(args.scratch, "private")
        os.mkdir(args.private, 0o700)
        if args.sandbox and sandbox.ids()[0] != os.geteuid():
            # The sandbox's user passes through, to its copy and its files.
            os.chmod(args.scratch, 0o711)
            os.chmod(args.private, 0o711)
    except OSError as e:
        raise UsageError("cannot make a scratch directory in %s: %s"
                         % (parent, e.strerror or e))
    try:
        if args.tree:
            tree = Tree(os.path.basename(os.path.abspath(args.tree)) or "tree",
                        os.path.abspath(args.tree))
            print("grading %s (built in a scratch copy under %s)"
                  % (tree.source, args.scratch), file=out, flush=True)
            return grade_trees([tree], args, out, per_lesson=True)
        class_dir = os.path.abspath(args.class_dir)
        args.out = os.path.abspath(args.out or class_dir.rstrip(os.sep) + "-grades")
        trees = class_trees(class_dir, [args.out, args.scratch])
        make_reports_dir(args.out)
        print("grading %s in %s (built in scratch copies under %s)"
              % (plural(len(trees), "student"), class_dir, args.scratch),
              file=out, flush=True)
        return grade_trees(trees, args, out, per_lesson=False)
    finally:
        if args.keep:
            print("scratch copies kept in %s" % args.scratch, file=out)
        else:
            try:
                if args.bound_disk:
                    scratch.unmount_all(args.scratch)
                copy.remove(args.scratch)
            except OSError as e:
                print("run.py: could not remove %s: %s" % (args.scratch, e),
                      file=sys.stderr)


def on_signal(signum, frame):
    """SIGTERM and SIGHUP end run.py as Ctrl-C does: every child killed,
    every scratch copy removed."""
    raise KeyboardInterrupt


def main(argv=None):
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGHUP, on_signal)
    try:
        return run(argv)
    except UsageError as e:
        print("run.py: %s" % e, file=sys.stderr)
        return 2
