"""grader: what run.py is made of, one concern a file.

    procs.py     child processes: each in its own group, all killed on a
                 timeout or an interrupt; output read with a bound
    sandbox.py   bubblewrap and prlimit around a student's build and boot
    copy.py      a student's tree copied safely, the kit's build files laid over
    seed.py      the kit's own objects reused where a student's inputs are the kit's
    toolchain.py which compiler and QEMU, their versions, the kit's minimum
    boot.py      QEMU under a pseudo-terminal, its UART read with a bound
    compare.py   an output against an expected file: fields, sources, score
    lesson.py    one lesson of one tree: build, boot, verdict
    trees.py     the trees to grade, and grading them in parallel
    reports.py   what is printed and written: lines, reports, CSV, JUnit, JSON
    cli.py       the command line and its modes
"""

import os

KIT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class UsageError(Exception):
    """A mistake on the command line or in the environment: one line, exit 2."""
