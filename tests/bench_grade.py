#!/usr/bin/python3
"""bench_grade.py: how long does grading a class take?

Makes N copies (default 20) of the kit's lessons 01 to 03 in a temporary
directory, grades them with `run.py --class`, and prints the wall time.
The target on a 2-core machine: under 20 s for 20 students. Not part of
`make test`: it measures, it does not judge.

    /usr/bin/python3 tests/bench_grade.py [--students N] [-j N] [--keep]
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

KIT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LESSONS = ("01", "02", "03")
TARGET = 20.0


def make_class(class_dir, students):
    """students copies of the kit, with only lessons 01 to 03."""
    def ignore(directory, names):
        here = os.path.abspath(directory)
        if here == KIT:
            return [n for n in names if n in ("build", ".git", "tests", "run.py")]
        if here == os.path.join(KIT, "lessons"):
            return [n for n in names if n[:2] not in LESSONS]
        return [n for n in names if n == "__pycache__"]

    first = os.path.join(class_dir, "student01")
    shutil.copytree(KIT, first, ignore=ignore)
    for n in range(2, students + 1):
        shutil.copytree(first, os.path.join(class_dir, "student%02d" % n))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", action="store_true",
                        help="keep the class and its grades")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="stepvisor-bench-")
    try:
        class_dir = os.path.join(work, "class")
        os.mkdir(class_dir)
        make_class(class_dir, args.students)
        argv = [sys.executable, os.path.join(KIT, "run.py"), "--class", class_dir,
                "--out", os.path.join(work, "grades"), "-j", str(args.jobs)]
        start = time.monotonic()
        proc = subprocess.run(argv + list(LESSONS), stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
        wall = time.monotonic() - start
        print(proc.stdout.rstrip("\n"))
        print("bench-grade: %d students x %d lessons, -j %d on %d cores: "
              "wall time %.1f s (target: under %.0f s)"
              % (args.students, len(LESSONS), args.jobs, os.cpu_count() or 1,
                 wall, TARGET))
        if args.keep:
            print("bench-grade: kept %s" % work)
        return 0 if proc.returncode == 0 else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
