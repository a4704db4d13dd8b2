"""frame.h's layout checks: the C asserts check each FRAME_* offset against
struct frame; the assembler checks the neighbourhoods kernel_entry and
kernel_exit rely on (x30 and ELR_EL2 as one stp/ldp pair). A layout that
passes the first but breaks the second must stop the build (issue 15: with
`pad` moved before `elr`, every _Static_assert passed and lesson 03 hung)."""

import subprocess

from conftest import copy_kit, edit

FRAME_H = "lessons/03-context-and-hvc/frame.h"


def build_03(tree):
    return subprocess.run(["make", "-s", "LESSON=03"], cwd=tree,
                          stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=120)


def test_pad_before_elr_stops_the_build(tmp_path):
    tree = copy_kit(tmp_path / "kit")
    # Move pad before elr, and update the offsets so the C asserts agree.
    edit(tree, FRAME_H, "\tu64 x[31];\n\tu64 elr;\n\tu64 spsr;\n\tu64 pad;",
         "\tu64 x[31];\n\tu64 pad;\n\tu64 elr;\n\tu64 spsr;")
    edit(tree, FRAME_H, "#define FRAME_ELR\t(31 * 8)", "#define FRAME_ELR\t(32 * 8)")
    edit(tree, FRAME_H, "#define FRAME_SPSR\t(32 * 8)", "#define FRAME_SPSR\t(33 * 8)")
    proc = build_03(tree)
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert "FRAME_ELR must be FRAME_LR + 8" in proc.stderr, proc.stderr
    assert "static assertion failed" not in proc.stderr, proc.stderr
