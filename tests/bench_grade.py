#!/usr/bin/python3
"""bench_grade.py: how long does grading a class take, and what does the
sandbox cost?

Makes N copies (default 100) of the kit (lessons 01 to 07 by default) in a
temporary directory, grades them with `run.py --class` in the sandbox, and
prints the wall time against the target (100 students, lessons 01-07, 2
cores: under 5 minutes). Then it grades the first --sample students (default
5) again, sandboxed and with --no-sandbox, and prints what the sandbox
costs a lesson. Not part of `make test`: it measures, it does not judge;
the figures are wall time, so measure on an otherwise idle machine.

    /usr/bin/python3 tests/bench_grade.py [--students N] [--lessons 01 03]
                                          [--sample N] [-j N] [--keep]
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

KIT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = 300.0          # seconds, for 100 students x lessons 01-07 on 2 cores


def make_class(class_dir, students, lessons):
    """students copies of the kit, with only the given lessons."""
    def ignore(directory, names):
        here = os.path.abspath(directory)
        if here == KIT:
            return [n for n in names if n in ("build", ".git", "tests", "run.py")]
        if here == os.path.join(KIT, "lessons"):
            return [n for n in names if n[:2] not in lessons]
        return [n for n in names if n == "__pycache__"]

    first = os.path.join(class_dir, "student001")
    shutil.copytree(KIT, first, ignore=ignore)
    for n in range(2, students + 1):
        shutil.copytree(first, os.path.join(class_dir, "student%03d" % n))


def grade(class_dir, out, lessons, jobs, *options):
    argv = [sys.executable, os.path.join(KIT, "run.py"), "--class", class_dir,
            "--out", out, "-j", str(jobs)] + list(options) + list(lessons)
    start = time.monotonic()
    proc = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    return time.monotonic() - start, proc


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--lessons", nargs="*",
                        default=["01", "02", "03", "04", "05", "06", "07"])
    parser.add_argument("--sample", type=int, default=5,
                        help="students graded again to measure the sandbox")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", action="store_true",
                        help="keep the class and its grades")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="stepvisor-bench-")
    try:
        class_dir = os.path.join(work, "class")
        os.mkdir(class_dir)
        make_class(class_dir, args.students, args.lessons)
        wall, proc = grade(class_dir, os.path.join(work, "grades"),
                           args.lessons, args.jobs)
        print(proc.stdout.rstrip("\n").splitlines()[-1])
        runs = args.students * len(args.lessons)
        print("bench-grade: %d students x %d lessons, sandboxed, -j %d on %d "
              "cores: wall time %.1f s, %.2f s a lesson (target for 100 x 7: "
              "under %.0f s)" % (args.students, len(args.lessons), args.jobs,
                                 os.cpu_count() or 1, wall, wall / runs, TARGET))
        sample = os.path.join(work, "sample")
        os.mkdir(sample)
        for n in range(1, min(args.sample, args.students) + 1):
            os.rename(os.path.join(class_dir, "student%03d" % n),
                      os.path.join(sample, "student%03d" % n))
        walls = {}
        for label, options in (("sandboxed", ()), ("unsandboxed", ("--no-sandbox",))):
            walls[label], _ = grade(sample, os.path.join(work, label),
                                    args.lessons, 1, *options)
        runs = min(args.sample, args.students) * len(args.lessons)
        print("bench-grade: the sandbox costs %.3f s a lesson (-j 1, %d "
              "lessons: %.1f s sandboxed, %.1f s without)" % (
                  (walls["sandboxed"] - walls["unsandboxed"]) / runs, runs,
                  walls["sandboxed"], walls["unsandboxed"]))
        if args.keep:
            print("bench-grade: kept %s" % work)
        return 0 if proc.returncode == 0 else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
