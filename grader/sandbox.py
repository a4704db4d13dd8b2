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
    the number of processes at once (PROCESSES). The kernel counts that
    last one per user and per user namespace, and never holds root to it:
    so prlimit sets the limits inside the sandbox's own user namespace
    (the count is then this step's alone, not every process of the user
    who grades), and when run.py runs as root the sandbox runs as
    SANDBOX_UID, a user no account has, through setpriv (util-linux)
  - the disk a tree's copy may fill: scratch.py (a tmpfs of its own)

When bwrap is missing or cannot make its namespaces (some containers
forbid user namespaces), run.py says so in one line and grades nothing,
unless told --no-sandbox.
"""

import os
import shutil
import subprocess

from grader import scratch

# Limits for one step (a build, or a boot). Generous for the kit's own
# lessons: a lesson builds in seconds, in under 200 MB, writing files of a
# few MB; QEMU for one lesson maps about 1 GB of address space.
CPU_SECONDS = 600
FILE_BYTES = 256 << 20
ADDRESS_SPACE = 4 << 30
PROCESSES = 256
TMP_BYTES = 64 << 20    # the sandbox's /tmp, a tmpfs: memory, so bounded
# When run.py is root, students' code runs as this uid and gid: far above
# the ids Debian gives out (accounts below 60000, nobody 65534, ranges of
# subordinate ids from 100000 up, 65536 each), below 2^31 (some programs
# read an id as signed). It owns the scratch copies, and nothing else.
SANDBOX_UID = 2000000000

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


def ids():
    """(uid, gid) that a sandboxed step runs as: SANDBOX_UID when run.py
    is root (to root the kernel applies no process limit), else run.py's."""
    if os.geteuid() == 0:
        return SANDBOX_UID, SANDBOX_UID
    return os.geteuid(), os.getegid()


def give(path):
    """Make path, and all under it, the sandbox's (for a build to write)."""
    uid, gid = ids()
    if uid != os.geteuid():
        subprocess.run(["chown", "-R", "-h", "%d:%d" % (uid, gid), path],
                       check=True, stdin=subprocess.DEVNULL)


def unreachable(path):
    """None if the sandbox's user can reach path (every directory above
    it searchable), else the first directory it cannot pass."""
    uid, gid = ids()
    if uid == os.geteuid():
        return None
    here = os.path.realpath(path)
    while True:
        try:
            st = os.stat(here)
        except OSError:
            return here
        allowed = (st.st_mode & 0o001) or (st.st_uid == uid and st.st_mode & 0o100) \
            or (st.st_gid == gid and st.st_mode & 0o010)
        if not allowed:
            return here
        if here == "/":
            return None
        here = os.path.dirname(here)


def wrap(argv, workdir, writable=True, files=(), cpu_seconds=CPU_SECONDS):
    """argv, to be run in the sandbox with workdir (a scratch copy) as the
    working directory: the only writable one for a build, read-only for a
    boot (writable=False: lessons 01 and 02 boot with semihosting, through
    which an image can run commands on the host, here in the sandbox).
    files: (path outside, path inside) of single files bound writable, such
    as the file QEMU's stderr goes to (run.py's own, outside the copy)."""
    prlimit = ["prlimit", "--cpu=%d" % cpu_seconds, "--fsize=%d" % FILE_BYTES,
               "--as=%d" % ADDRESS_SPACE, "--nproc=%d" % PROCESSES, "--"]
    uid, gid = ids()
    setpriv = [] if uid == os.geteuid() else [
        "setpriv", "--reuid=%d" % uid, "--regid=%d" % gid, "--clear-groups", "--"]
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
    return setpriv + bwrap + prlimit + list(argv)


def problem():
    """None if the sandbox works here, else why not (one line)."""
    for tool, package in (("bwrap", "bubblewrap"), ("prlimit", "util-linux"),
                          ("setpriv", "util-linux")):
        if shutil.which(tool) is None:
            return "no sandbox: %s not found (Debian's %s package): %s" % (
                tool, package, HOW_TO)
    try:
        proc = subprocess.run(wrap(["true"], "/usr", writable=False),
                              stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as e:
        return "no sandbox: bwrap did not run: %s: %s" % (e, HOW_TO)
    if proc.returncode != 0:
        said = (proc.stderr.strip().splitlines() or ["exit %d" % proc.returncode])[-1]
        return "no sandbox: bwrap cannot make its namespaces here (%s): %s" % (
            said, HOW_TO)
    return None


# What a step says when one of the limits above stops it: the kernel's
# own words (strerror, strsignal; dash says "Cannot fork"), as make, the
# compilers, QEMU and the shell print them on stderr.
LIMIT_SIGNS = (
    ("processes", ("Resource temporarily unavailable", "Cannot fork")),
    ("disk", ("No space left on device", "Disk quota exceeded")),
    ("file size", ("File size limit exceeded",)),
    ("CPU time", ("CPU time limit exceeded",)),
    ("memory", ("Cannot allocate memory", "out of memory",
                "virtual memory exhausted")),
)


def limit_reached(stderr, disk_full=False):
    """Which limit stopped a step that failed, as one line, or "": from
    what its tools said on stderr (stderr), and whether the tree's scratch
    file system is full (scratch.full)."""
    said = {name for name, signs in LIMIT_SIGNS
            if any(sign in stderr for sign in signs)}
    if disk_full:
        said.add("disk")
    told = {
        "processes": "processes: %d at once in the sandbox" % PROCESSES,
        "disk": "disk: %d MiB and %d files for a tree's copy and its builds, "
                "%d MiB in /tmp" % (scratch.DISK_BYTES >> 20, scratch.DISK_FILES,
                                    TMP_BYTES >> 20),
        "file size": "file size: %d MiB a file" % (FILE_BYTES >> 20),
        "CPU time": "CPU time: %d s a step" % CPU_SECONDS,
        "memory": "memory: %d GiB of address space a process"
                  % (ADDRESS_SPACE >> 30),
    }
    return "; ".join(told[name] for name, _ in LIMIT_SIGNS if name in said)
