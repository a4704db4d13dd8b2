#!/usr/bin/python3
"""bench_grade.py: how long does grading a class take, and what does the
sandbox cost?

Makes N copies (default 100) of the kit (lessons 01 to 07 by default) in a
temporary directory, grades them with `run.py --class` in the sandbox, and
prints the wall time against the target (100 students, lessons 01-07, 2
cores: under 5 minutes). Then it grades the first --sample students (default
5) again, sandboxed and with --no-sandbox, and prints what the sandbox
costs a lesson. Not part of `make test`: it measures, it does not judge.
Wall time depends on what else the machine does, so it also prints the
load average before and after, and the CPU time grading took (run.py and
every build and QEMU it ran): CPU time a lesson x 700 lessons / the cores
is what 100 x 7 needs on an idle machine, at best; it prints that too.

    /usr/bin/python3 tests/bench_grade.py [--students N] [--lessons 01 03]
                                          [--sample N] [-j N] [--keep]
"""

import argparse
import json
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


class CpuMeter:
    """The CPU time of a process and everything it starts, by a cgroup of
    its own (cgroup v2 cpu.stat, or v1 cpuacct): getrusage cannot see into
    the sandbox, whose processes are reaped inside its PID namespace. Needs
    a writable cgroup file system (root, here); else seconds() is None."""

    def __init__(self):
        self.path, self.file = None, None
        for line in open("/proc/mounts"):
            _, where, kind, options = line.split()[:4]
            if kind == "cgroup2" or (kind == "cgroup" and "cpuacct" in options.split(",")):
                path = os.path.join(where, "stepvisor-bench-%d" % os.getpid())
                try:
                    os.mkdir(path)
                except OSError:
                    continue
                self.path = path
                self.file = "cpu.stat" if kind == "cgroup2" else "cpuacct.usage"
                break

    def enter(self):
        """In the child, before it runs anything (preexec_fn)."""
        if self.path:
            with open(os.path.join(self.path, "cgroup.procs"), "w") as f:
                f.write(str(os.getpid()))

    def seconds(self):
        if not self.path:
            return None
        with open(os.path.join(self.path, self.file)) as f:
            text = f.read()
        if self.file == "cpu.stat":
            return int(text.split("usage_usec")[1].split()[0]) / 1e6
        return int(text) / 1e9

    def close(self):
        if self.path:
            try:
                os.rmdir(self.path)
            except OSError:
                pass


def load():
    return "%.1f" % os.getloadavg()[0]


def grade(class_dir, out, lessons, jobs, *options):
    """Grade; return (wall seconds, CPU seconds, the finished process)."""
    argv = [sys.executable, os.path.join(KIT, "run.py"), "--class", class_dir,
            "--out", out, "-j", str(jobs), "--json"] + list(options) + list(lessons)
    meter = CpuMeter()
    try:
        start = time.monotonic()
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True,
                              preexec_fn=meter.enter)
        return time.monotonic() - start, meter.seconds(), proc
    finally:
        meter.close()


def where_the_time_goes(summary):
    """One line: the mean seconds (wall, in a worker) of a tree's copy and of
    a lesson's build and boot, and the slowest lesson to boot."""
    trees = summary["trees"]
    results = [r for t in trees for r in t["results"]]
    boots = {}
    for r in results:
        boots.setdefault(r["lesson"], []).append(r["seconds"] - r["build_seconds"])
    slowest = max(boots, key=lambda l: sum(boots[l]) / len(boots[l]))
    return ("copy %.2f s a tree; build %.2f s, boot and check %.2f s a lesson "
            "(the longest, %s: %.2f s)" % (
                sum(t["prepare_seconds"] for t in trees) / len(trees),
                sum(r["build_seconds"] for r in results) / len(results),
                sum(r["seconds"] - r["build_seconds"] for r in results) / len(results),
                slowest, sum(boots[slowest]) / len(boots[slowest])))


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
        before = load()
        wall, cpu, proc = grade(class_dir, os.path.join(work, "grades"),
                                args.lessons, args.jobs)
        print(proc.stderr.rstrip("\n").splitlines()[-1])
        summary = json.loads(proc.stdout)
        runs = args.students * len(args.lessons)
        cores = os.cpu_count() or 1
        print("bench-grade: %d students x %d lessons, sandboxed, -j %d on %d "
              "cores, load average %s before, %s after: wall time %.1f s, "
              "%.2f s a lesson (target for 100 x 7: under %.0f s)"
              % (args.students, len(args.lessons), args.jobs, cores, before,
                 load(), wall, wall / runs, TARGET))
        if cpu is None:
            print("bench-grade: CPU time: not measured (no writable cgroup)")
        else:
            print("bench-grade: CPU time %.1f s, %.3f s a lesson: 100 x 7 on %d "
                  "idle cores needs at least %.0f s" % (
                      cpu, cpu / runs, cores, cpu / runs * 700 / cores))
        print("bench-grade: where the time goes, per worker: "
              + where_the_time_goes(summary))
        sample = os.path.join(work, "sample")
        os.mkdir(sample)
        for n in range(1, min(args.sample, args.students) + 1):
            os.rename(os.path.join(class_dir, "student%03d" % n),
                      os.path.join(sample, "student%03d" % n))
        walls, cpus = {}, {}
        for label, options in (("sandboxed", ()), ("unsandboxed", ("--no-sandbox",))):
            walls[label], cpus[label], _ = grade(
                sample, os.path.join(work, label), args.lessons, 1, *options)
        runs = min(args.sample, args.students) * len(args.lessons)
        cpu = "not measured" if None in cpus.values() else \
            "%.3f s" % ((cpus["sandboxed"] - cpus["unsandboxed"]) / runs)
        print("bench-grade: the sandbox costs %.3f s a lesson of wall time, "
              "%s of CPU time (-j 1, %d lessons: %.1f s sandboxed, %.1f s "
              "without; CPU %s s and %s s; load average %s)" % (
                  (walls["sandboxed"] - walls["unsandboxed"]) / runs, cpu, runs,
                  walls["sandboxed"], walls["unsandboxed"],
                  *("?" if c is None else "%.1f" % c
                    for c in (cpus["sandboxed"], cpus["unsandboxed"])), load()))
        if args.keep:
            print("bench-grade: kept %s" % work)
        return 0 if proc.returncode == 0 else 1
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
