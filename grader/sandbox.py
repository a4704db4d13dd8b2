"""sandbox.py: run a student's build and boot where it can harm nothing.

Grading runs untrusted code: a student's C is compiled (and a compiler can
be told to run programs), and their image runs in QEMU. Each such command
runs under Debian's bubblewrap (`bwrap`) and `prlimit`:

  - new user, PID, IPC, network, UTS and cgroup namespaces: no network, no
    view of other processes, and when the command ends every process it
    started ends with it (the PID namespace dies with its first process);
    --die-with-parent: they end with run.py, too
  - the file system read-only: the system's programs (/usr) and nothing of
    the grader's home or of other students; the student's own scratch copy
    is the one writable place, and /tmp is a fresh, empty tmpfs
  - limits: CPU seconds, the size of any file written, address space, and
    the number of processes

When bwrap is missing or cannot make its namespaces (some containers
forbid user namespaces), run.py says so in one line and grades nothing,
unless told --no-sandbox.
"""

import os
import shutil
import subprocess

# Limits for one step (a build, or a boot). Generous for the kit's own
# lessons: a lesson builds in seconds, in under 200 MB, writing files of a
# few MB; QEMU for one lesson maps about 1 GB of address space.
CPU_SECONDS = 600
FILE_BYTES = 256 << 20
ADDRESS_SPACE = 4 << 30
PROCESSES = 256
TMP_BYTES = 64 << 20    # the sandbox's /tmp, a tmpfs: memory, so bounded

HOW_TO = ("install Debian's bubblewrap package (make deps does), and allow "
          "unprivileged user namespaces (sysctl kernel.unprivileged_userns_"
          "clone=1, or user.max_user_namespaces > 0); or grade with "
          "--no-sandbox, on a throwaway machine")


def _system_binds():
    """The read-only part: the system's programs and their libraries. With
    a merged /usr (Debian 12 and 13), /bin, /lib... are links into it."""
    args = ["--ro-bind", "/usr", "/usr"]
    for top in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = "/" + top
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    for path in ("/etc/ld.so.cache", "/etc/alternatives"):
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    return args


def wrap(argv, workdir, writable=True, files=(), cpu_seconds=CPU_SECONDS):
    """argv, to be run in the sandbox with workdir (a scratch copy) as the
    working directory: the only writable one for a build, read-only for a
    boot (writable=False: lessons 01 and 02 boot with semihosting, through
    which an image can run commands on the host, here in the sandbox).
    files: (path outside, path inside) of single files bound writable, such
    as the file QEMU's stderr goes to (run.py's own, outside the copy)."""
    prlimit = ["prlimit", "--cpu=%d" % cpu_seconds, "--fsize=%d" % FILE_BYTES,
               "--as=%d" % ADDRESS_SPACE, "--nproc=%d" % PROCESSES, "--"]
    bwrap = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session",
             "--cap-drop", "ALL", "--uid", "1000", "--gid", "1000",
             "--hostname", "sandbox", "--clearenv",
             "--setenv", "PATH", "/usr/bin:/bin",
             "--setenv", "HOME", workdir, "--setenv", "LC_ALL", "C.UTF-8"]
    bwrap += _system_binds()
    bwrap += ["--dev", "/dev", "--proc", "/proc",
              "--size", str(TMP_BYTES), "--tmpfs", "/tmp",
              "--bind" if writable else "--ro-bind", workdir, workdir]
    for outside, inside in files:
        bwrap += ["--bind", outside, inside]
    bwrap += ["--chdir", workdir, "--"]
    return prlimit + bwrap + list(argv)


def problem():
    """None if the sandbox works here, else why not (one line)."""
    for tool, package in (("bwrap", "bubblewrap"), ("prlimit", "util-linux")):
        if shutil.which(tool) is None:
            return "no sandbox: %s not found (Debian's %s package): %s" % (
                tool, package, HOW_TO)
    here = os.path.realpath(os.getcwd() if os.path.isdir(os.getcwd()) else "/")
    try:
        proc = subprocess.run(wrap(["true"], here), stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as e:
        return "no sandbox: bwrap did not run: %s: %s" % (e, HOW_TO)
    if proc.returncode != 0:
        said = (proc.stderr.strip().splitlines() or ["exit %d" % proc.returncode])[-1]
        return "no sandbox: bwrap cannot make its namespaces here (%s): %s" % (
            said, HOW_TO)
    return None
