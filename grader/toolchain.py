"""toolchain.py: which compiler and QEMU a run uses, and whether they are
the toolchain the kit's own figures were measured with."""

import os
import re
import subprocess

KIT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFERENCE = os.path.join(KIT, "expected", "figures-toolchain.txt")


def _first_line(argv):
    try:
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return ""
    return (proc.stdout.strip().splitlines() or [""])[0]


def versions(cross="aarch64-linux-gnu-", qemu="qemu-system-aarch64"):
    """{"gcc": "12.2.0", "qemu": "7.2.22"}; "" where a tool does not say."""
    gcc = _first_line([cross + "gcc", "-dumpfullversion"])
    m = re.search(r"version (\d+(?:\.\d+)+)", _first_line([qemu, "--version"]))
    return {"gcc": gcc, "qemu": m.group(1) if m else ""}


def reference():
    """{"gcc": "12", "qemu": "7.2"} from expected/figures-toolchain.txt."""
    ref = {}
    with open(REFERENCE, encoding="utf-8") as f:
        for line in f:
            words = line.split("#", 1)[0].split()
            if len(words) == 2:
                ref[words[0]] = words[1]
    return ref


def is_reference(found):
    """Do the versions found start with the reference's (gcc 12 matches
    12.2.0, qemu 7.2 matches 7.2.22)?"""
    ref = reference()
    return all(found.get(tool, "") == want
               or found.get(tool, "").startswith(want + ".")
               for tool, want in ref.items())
