#!/usr/bin/python3
"""bench_boot.py: what does the kit's lesson check cost on built images?

First builds the lessons, and the poison boots' images (a run.py
--exact). Then, per lesson, each step run.py takes, alone
and one after the other (the mean of --runs): the build check that also
prints the QEMU command (make built-qemu-cmd), and the boot (QEMU under
grader/boot.py), of the lesson and of its poison boot, in wall and CPU
time. Then `run.py --exact LESSONS` whole, --runs times: its wall time
(best and median) against the target (lessons 01-07 with their poison
boots, built, on 2 cores: under 2 s), and its CPU time (run.py and
everything it started). Not part of `make test`: it measures, it does not
judge. Wall time depends on what else the machine does: the load average is
printed before and after; CPU time depends far less on it. --against DIR
runs another checkout's run.py --exact in turns with this one's (built
first), so that both see the same load: e.g. the commit before a change.

    /usr/bin/python3 tests/bench_boot.py [--lessons 01 07] [--runs N]
                                         [--against DIR]
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

KIT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, KIT)
from grader import boot, lesson  # noqa: E402

TARGET = 2.0        # seconds of wall time for run.py --exact 01-07, built


def cpu():
    """CPU seconds of this process and of every child it has reaped."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def measured(step):
    """(wall, CPU) seconds of step(), and what it returned."""
    wall, used = time.monotonic(), cpu()
    result = step()
    return time.monotonic() - wall, cpu() - used, result


def load():
    return "%.1f" % os.getloadavg()[0]


def steps(name, runs, scratch):
    """Mean (wall, CPU) of each step of one lesson: build check with the
    QEMU command, boot; plain and poison."""
    figures = {}
    for poison in (False, True):
        kind = "poison " if poison else ""
        for _ in range(runs):
            wall, used, (status, log) = measured(
                lambda: lesson.build(KIT, name, 120, poison=poison))
            if status != 0:
                sys.exit("bench-boot: %s: the build failed:\n%s" % (name, log))
            figures.setdefault(kind + "check", []).append((wall, used))
            argv = lesson.qemu_argv(KIT, name, None, poison)
            err = os.path.join(scratch, "qemu-stderr.txt")
            wall, used, (_, status, _) = measured(
                lambda: boot.boot(argv, 60, err))
            if status != 0:
                sys.exit("bench-boot: %s: QEMU exited with %s" % (name, status))
            figures.setdefault(kind + "boot", []).append((wall, used))
    return {k: tuple(statistics.mean(x) for x in zip(*v)) for k, v in figures.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lessons", nargs="*",
                        default=["01", "02", "03", "04", "05", "06", "07"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--against", metavar="DIR",
                        help="another checkout of the kit (an older commit, "
                             "say): its run.py --exact, run in turns with "
                             "this one's, at the same load")
    args = parser.parse_args()
    names, unknown = lesson.select(args.lessons, lesson.lessons_in(KIT))
    if names is None:
        sys.exit("bench-boot: unknown lesson %s" % unknown)
    whole([sys.executable, os.path.join(KIT, "run.py"), "--exact"] + names)

    total = {}
    print("bench-boot: per lesson, each step alone, mean of %d (wall / CPU "
          "seconds):" % args.runs)
    print("  %-24s %13s %13s %13s %13s" % ("lesson", "check", "boot",
                                           "poison check", "poison boot"))
    with tempfile.TemporaryDirectory(prefix="stepvisor-bench-boot-") as scratch:
        for name in names:
            figures = steps(name, args.runs, scratch)
            for k, (wall, used) in figures.items():
                total[k] = (total.get(k, (0, 0))[0] + wall,
                            total.get(k, (0, 0))[1] + used)
            print("  %-24s" % name + "".join(
                " %6.3f/%6.3f" % figures[k] for k in
                ("check", "boot", "poison check", "poison boot")))
    print("  %-24s" % "sum" + "".join(
        " %6.3f/%6.3f" % total[k] for k in
        ("check", "boot", "poison check", "poison boot")))

    # The whole check, and --against's, in turns: both see the same load.
    kits = [KIT] + ([os.path.abspath(args.against)] if args.against else [])
    commands = {k: [sys.executable, os.path.join(k, "run.py"), "--exact"]
                + names for k in kits}
    if args.against:
        whole(commands[kits[1]])            # builds
    before = load()
    walls, cpus = {k: [] for k in kits}, {k: [] for k in kits}
    for _ in range(args.runs):
        for k in kits:
            wall, used, _ = measured(lambda: whole(commands[k]))
            walls[k].append(wall)
            cpus[k].append(used)
    steps_cpu = sum(used for _, used in total.values())
    print("bench-boot: run.py --exact %s (built, poison boots included), %d "
          "runs, -j %d on %d cores, load average %s before, %s after: wall "
          "%.2f s best, %.2f s median (target: under %.0f s); CPU %.2f s "
          "median (the steps above, one after the other: %.2f s)"
          % (" ".join(n[:2] for n in names), args.runs, os.cpu_count() or 1,
             os.cpu_count() or 1, before, load(), min(walls[KIT]),
             statistics.median(walls[KIT]), TARGET,
             statistics.median(cpus[KIT]), steps_cpu))
    for k in kits[1:]:
        print("bench-boot: in turns with it, %s: wall %.2f s best, %.2f s "
              "median; CPU %.2f s median" % (
                  k, min(walls[k]), statistics.median(walls[k]),
                  statistics.median(cpus[k])))
    return 0


def whole(command):
    proc = subprocess.run(command, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit("bench-boot: %s failed:\n%s%s" % (
            " ".join(command), proc.stdout, proc.stderr))


if __name__ == "__main__":
    sys.exit(main())
