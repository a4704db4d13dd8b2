#!/usr/bin/env python3
"""run.py: build each stepvisor lesson, boot it in QEMU, and compare what it
prints on its UART with expected/NN-name.txt. It also grades students'
copies of the kit.

The kit's own lessons:
    ./run.py                 every lesson
    ./run.py 02 03           some lessons (a number or a full name)
    ./run.py -v 03           also print the whole output of each lesson
    ./run.py --timeout 30    seconds a lesson may run before it is killed
    ./run.py -j 4            lessons run in parallel (default: every core)
    ./run.py --update 03     rewrite expected/03-*.txt from a run of lesson
                             03, after showing the diff (for kit authors)

Other tools than Debian's (README, "Platforms"):
    ./run.py --cross-compile aarch64-elf- --qemu /opt/homebrew/bin/qemu-system-aarch64
(or CROSS_COMPILE and QEMU in the environment, as for make). The first line
names the QEMU and GCC used, with their versions; a QEMU older than the
kit's minimum (QEMU_MIN in common/tools.mk) is refused.

One line per lesson, PASS or FAIL with the seconds it took, the reason and
details indented below a failure, and as the last line "N passed, N failed".
Lines come in lesson order, also with -j. The exit status is 0 only when
every lesson passed, 1 when one failed, 2 for a usage error or a missing
tool.

A lesson passes when it builds, QEMU stops by itself (the lesson powers the
machine off) with status 0, and the output is byte for byte the expected
one. The QEMU command line comes from the lesson's Makefile (`make
qemu-cmd`), the one place it is defined. A failure shows a diff of the
expected output against the actual one: a unified diff in which each line
carries its number in the expected file and in the output, and '>' marks
the first difference; --verbose adds the whole output.

Grading students' copies of the kit:
    ./run.py --tree DIR [LESSONS]   grade one copy
    ./run.py --class DIR [LESSONS]  grade every immediate subdirectory of
                                    DIR (one student's copy each; names
                                    starting with '.' are skipped)

The lessons and expected outputs are always this kit's: a student's own
lessons beyond the kit's and their copy of expected/ are ignored. Each tree
is copied, without its build/ and .git/, into a scratch directory (a new
temporary directory, removed afterwards; --scratch DIR puts it under DIR and
--keep keeps it) and built there, so the student's tree is left untouched.
A lesson's status is one of
    PASS         it built, stopped by itself, and printed the expected text
    FAIL         it printed something else (or more than 1 MiB: killed),
                 or QEMU exited with an error
    TIMEOUT      it did not stop within --timeout seconds (or its build did
                 not finish within --build-timeout): killed, its last lines
                 are shown
    BUILD-ERROR  its build (or `make qemu-cmd`) failed
    MISSING      the tree has no such lesson, or is no copy of the kit
A tree that is missing, broken or cannot be copied is reported as such; it
never stops the grading of the other trees. --tree prints the usual lines;
--class prints one line per student ("name  passed/total  what failed"),
then where the files went and the wall time. Either way the last line is
"N passed, N failed" over all lessons graded, and the exit status is 0 only
when all passed.

--class writes, into --out DIR (default: the class directory's path with
"-grades" appended, e.g. class/ -> class-grades/):
    gradebook.csv       a header row "student,<lesson>...,total,qemu,gcc",
                        then one row per student: the status of each
                        lesson, total = the number of lessons passed, and
                        the tools graded with ("QEMU 7.2.22", "GCC 12.2.0")
    reports/NAME.txt    per student: the tree, a line per lesson, notes
                        (e.g. build files that differ from the kit's), then
                        for every lesson its build log and, for a failure,
                        the reason, the diff or last lines, and the output

--junit FILE writes JUnit XML: a testsuite per tree, a testcase per lesson
(FAIL and TIMEOUT are <failure>, BUILD-ERROR and MISSING are <error>),
the toolchain as each testsuite's <properties>.
--json prints a JSON summary on stdout (the human-readable lines then go to
stderr): {"toolchain": {"qemu", "qemu_version", "qemu_min", "cc",
"gcc_version"}, "passed", "failed", "seconds",
"lessons", "trees": [{"name",
"path", "problem", "notes", "passed", "failed", "results": [{"lesson",
"status", "why", "detail", "seconds", "exit_status", "build_log",
"output"}]}]}.

SECURITY: grading runs untrusted code, so each student's tree is copied
safely and built and booted in a sandbox (grader/sandbox.py, README
"Grading a class"): Debian's bubblewrap gives each build and each boot new
user, PID, IPC and network namespaces, a read-only system, the student's
scratch copy as the one writable place, and CPU, file-size, memory and
process limits (as uid 2000000000 when run.py is root: the kernel holds
root to no process limit); every process it starts ends with it. Each
copy is a tmpfs of its own, 256 MiB at most (grader/scratch.py); the
gradebook's last column says which limit stopped a lesson. The copy keeps no
symbolic link that leaves the tree, no device or FIFO, no file over 4 MiB
and no name a shell would expand; the kit's build files are laid over it
(what differed is a gradebook column), and the QEMU command is always the
kit's. When the sandbox cannot be made, run.py says why in one line and
grades nothing; --no-sandbox grades without it, for a throwaway machine.
"""

import os
import sys

KIT = os.path.dirname(os.path.abspath(__file__))

sys.path.insert(0, KIT)
from grader import procs  # noqa: E402  (the rest of run.py: grader/)
from grader.cli import main  # noqa: E402

if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        procs.stop_everything()
        sys.exit("run.py: interrupted")
    except BrokenPipeError:      # e.g. ./run.py | head: stop quietly
        procs.stop_everything()
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
