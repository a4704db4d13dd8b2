"""scratch.py: where a student's copy lives while it is graded: a file
system of its own, of bounded size.

RLIMIT_FSIZE bounds each file a build writes, not how many: a tree whose
sources make 40 objects of 250 MB each would write 10 GB. So each
student's scratch copy is a tmpfs of its own, at most DISK_BYTES and
DISK_FILES in all: a build that writes more gets "No space left on
device" (ENOSPC) and fails, and only that student's build does. A tmpfs
holds its files in memory (the kit's lessons, built, take about 10 MB:
the bound is there for a hostile tree), and is gone as soon as it is
unmounted.

Mounting needs a mount namespace of run.py's own: as root, one (the host
does not see the mounts); as another user, a user namespace too, in which
run.py keeps its own uid (the files it writes stay the user's). Either is
entered once, at the start, before run.py starts a thread (unshare(2)
refuses a process with threads), and ends with run.py: no mount outlives
it, not even after a SIGKILL.
"""

import ctypes
import os
import re

DISK_BYTES = 256 << 20      # a tree's copy, its builds and their objects
DISK_FILES = 32768          # files and directories (each costs memory)

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
MS_NOSUID, MS_NODEV, MS_REC, MS_PRIVATE = 0x2, 0x4, 0x4000, 0x40000
MNT_DETACH = 2

_libc = ctypes.CDLL(None, use_errno=True)
_entered = None             # None: not tried; "" entered; else why not


def _check(result, what):
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, "%s: %s" % (what, os.strerror(err)))


def _write(path, text):
    with open(path, "w") as f:
        f.write(text)


def enter_namespace():
    """Make run.py's mounts its own. Return None, or why it cannot (one
    line). Call before any thread starts."""
    global _entered
    if _entered is None:
        try:
            uid, gid = os.geteuid(), os.getegid()
            if uid == 0:
                _check(_libc.unshare(CLONE_NEWNS), "unshare")
            else:
                _check(_libc.unshare(CLONE_NEWUSER | CLONE_NEWNS), "unshare")
                _write("/proc/self/setgroups", "deny")
                _write("/proc/self/uid_map", "%d %d 1" % (uid, uid))
                _write("/proc/self/gid_map", "%d %d 1" % (gid, gid))
            # Nothing mounted here propagates back to the host.
            _check(_libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None),
                   "mount --make-rprivate /")
            _entered = ""
        except OSError as e:
            _entered = "no mount namespace of its own (%s)" % (
                e.strerror or e)
    return _entered or None


def mount(path, uid, gid):
    """A tmpfs of DISK_BYTES at path (an empty directory), its top owned
    by uid:gid. OSError if it cannot be made."""
    if _entered != "":
        raise OSError("no mount namespace of run.py's own")
    options = "size=%d,nr_inodes=%d,mode=0755,uid=%d,gid=%d" % (
        DISK_BYTES, DISK_FILES, uid, gid)
    _check(_libc.mount(b"stepvisor-scratch", os.fsencode(path), b"tmpfs",
                       MS_NOSUID | MS_NODEV, options.encode()),
           "mount tmpfs on %s" % path)


def unmount(path):
    """Drop the tmpfs at path, and with it every file in it. Lazily: a
    process still in it cannot keep it (nor its memory) for long."""
    _check(_libc.umount2(os.fsencode(path), MNT_DETACH), "umount %s" % path)


def unmount_all(under):
    """Drop every mount at or below the directory under (the copies of the
    trees still being graded when run.py was stopped), deepest first."""
    under = os.path.join(os.fsencode(os.path.realpath(under)), b"")
    with open("/proc/self/mountinfo", "rb") as f:     # \ooo for odd bytes
        points = [re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m[1], 8)]),
                         line.split()[4]) for line in f]
    for point in sorted(set(points), key=len, reverse=True):
        if os.path.join(point, b"").startswith(under):
            try:
                unmount(point)
            except OSError:
                pass


def full(path):
    """True if path is a tree's tmpfs with (almost) no room or no file
    left: a build that failed there ran out of its bound."""
    if not os.path.ismount(path):
        return False
    try:
        st = os.statvfs(path)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < (1 << 20) or st.f_favail == 0
