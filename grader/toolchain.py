"""toolchain.py: which compiler and QEMU a run uses, and whether they are
the toolchain the kit's own figures were measured with."""

import os
import re
import shutil
import subprocess

from grader import KIT, UsageError
from grader.procs import run_cmd

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


# Which cross compiler and QEMU build and boot the lessons: the kit's
# defaults (common/tools.mk), CROSS_COMPILE and QEMU from the environment,
# or --cross-compile and --qemu. Every make run.py starts gets them on its
# command line, so a student's tree is built with the same tools. Their
# versions head every report: an instructor comparing two machines needs
# them (GCC 12 and GCC 14 compile the same C to different instructions).

MAKE_VARS = []      # CROSS_COMPILE=... QEMU=..., for every make run.py runs
DEBIAN_PACKAGES = {  # the kit's default commands: the Debian package of each
    "make": "make",
    "aarch64-linux-gnu-gcc": "gcc-aarch64-linux-gnu",
    "aarch64-linux-gnu-objdump": "binutils-aarch64-linux-gnu",
    "qemu-system-aarch64": "qemu-system-arm",
}


def older(version, minimum):
    """Is "6.2.0" older than "7.2"? Compares major and minor numbers."""
    def key(v):
        return tuple(int(p) if p.isdigit() else 0 for p in v.split(".")[:2])
    return key(version) < key(minimum)


def find_toolchain(args):
    """Find the tools, their versions, and QEMU's minimum; set MAKE_VARS.
    UsageError (one line) when a tool is missing or QEMU is too old."""
    if shutil.which("make") is None:
        raise UsageError("make not found: it is in Debian's make package")
    if args.cross_compile is not None:
        MAKE_VARS.append("CROSS_COMPILE=" + args.cross_compile)
    if args.qemu is not None:
        MAKE_VARS.append("QEMU=" + args.qemu)
    if not first_lesson():
        raise UsageError("%s has no lessons/NN-name/ to ask for the tools" % KIT)
    status, text = run_cmd(["make", "-s", "--no-print-directory", "-C",
                            os.path.join(KIT, "lessons", first_lesson()),
                            "toolchain"] + MAKE_VARS, 60)
    tools = dict(l.split(" ", 1) for l in text.splitlines() if " " in l)
    if status != 0 or not {"cc", "objdump", "qemu", "qemu-min"} <= set(tools):
        raise UsageError("make toolchain failed: %s"
                         % (text.strip().splitlines() or ["?"])[-1])
    for key, option in (("cc", "--cross-compile"), ("objdump", "--cross-compile"),
                        ("qemu", "--qemu")):
        tool = tools[key]
        if shutil.which(tool) is None:
            if tool in DEBIAN_PACKAGES:
                raise UsageError("%s not found: it is in Debian's %s package "
                                 "(make deps installs it)"
                                 % (tool, DEBIAN_PACKAGES[tool]))
            raise UsageError("%s not found (from %s, or the environment)"
                             % (tool, option))
    found = versions(tools["cc"][:-len("gcc")], tools["qemu"])
    info = {"qemu": tools["qemu"], "qemu_version": found["qemu"],
            "qemu_min": tools["qemu-min"], "cc": tools["cc"],
            "gcc_version": found["gcc"]}
    if not info["qemu_version"]:
        raise UsageError("%s --version does not say which QEMU it is" % tools["qemu"])
    if older(info["qemu_version"], info["qemu_min"]):
        raise UsageError("%s is QEMU %s; the kit needs QEMU %s or newer"
                         % (tools["qemu"], info["qemu_version"], info["qemu_min"]))
    return info


def toolchain_line(info):
    return "toolchain: QEMU %s (%s), GCC %s (%s)" % (
        info["qemu_version"], info["qemu"], info["gcc_version"] or "?", info["cc"])


def first_lesson():
    root = os.path.join(KIT, "lessons")
    names = sorted(d for d in os.listdir(root) if d[:2].isdigit()) \
        if os.path.isdir(root) else []
    return names[0] if names else ""
