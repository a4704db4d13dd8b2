"""procs.py: child processes. Every build and QEMU run is a process group
of its own (and, for a student's tree, a PID namespace: sandbox.py), so
that a timeout, Ctrl-C, SIGTERM or SIGHUP ends it with all its children.
What a child prints is read with a bound: its head and its tail are kept,
the middle is counted and dropped, so a compiler that prints 250 MB costs
run.py 128 KiB."""

import os
import selectors
import signal
import stat
import subprocess
import threading
import time

HEAD = 64 << 10         # bytes kept from the start of a child's output
TAIL = 64 << 10         # and from its end

_children = set()
_children_lock = threading.Lock()
_stopping = threading.Event()


def track(pid):
    with _children_lock:
        if _stopping.is_set():
            kill_group(pid)
        _children.add(pid)


def untrack(pid):
    with _children_lock:
        _children.discard(pid)


def kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


def stopping():
    return _stopping.is_set()


def stop_everything():
    """Ctrl-C, SIGTERM, SIGHUP: kill every running build and QEMU, and
    start no other."""
    with _children_lock:
        _stopping.set()
        for pid in _children:
            kill_group(pid)


class Bounded:
    """Bytes kept as head + tail, with how many were dropped between."""

    def __init__(self, head=HEAD, tail=TAIL):
        self.head, self.tail = bytearray(), bytearray()
        self.max_head, self.max_tail = head, tail
        self.dropped = 0

    def add(self, data):
        room = self.max_head - len(self.head)
        if room > 0:
            self.head += data[:room]
            data = data[room:]
        self.tail += data
        if len(self.tail) > self.max_tail:
            cut = len(self.tail) - self.max_tail
            self.dropped += cut
            del self.tail[:cut]

    def text(self):
        middle = "" if not self.dropped else \
            "\n[... %d bytes left out ...]\n" % self.dropped
        return (self.head.decode("utf-8", "replace") + middle
                + self.tail.decode("utf-8", "replace"))


def read_bounded(path, head=HEAD, tail=TAIL):
    """A file's head and tail as text (QEMU's stderr), never the whole; and
    only a regular file, never through a link (it could lead anywhere) nor
    from a FIFO (it would block)."""
    b = Bounded(head, tail)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return ""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            return "(not a regular file: not read)"
        with os.fdopen(fd, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            b.add(f.read(head))
            if size > head + tail:
                b.dropped = size - head - tail
                f.seek(size - tail)
            b.tail += f.read(tail)
    except OSError:
        pass
    return b.text()


def run_cmd(argv, timeout, cwd=None):
    """Run argv (stdin empty, stderr into stdout) for at most timeout
    seconds. Return (exit status, or None after a timeout, text); the text
    is bounded (Bounded)."""
    if _stopping.is_set():
        return 1, "(interrupted)"
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    track(proc.pid)
    out = Bounded()
    deadline = time.monotonic() + timeout
    status = None
    try:
        with selectors.DefaultSelector() as sel:
            sel.register(proc.stdout, selectors.EVENT_READ)
            while time.monotonic() < deadline:
                if not sel.select(min(deadline - time.monotonic(), 1.0)):
                    continue
                chunk = os.read(proc.stdout.fileno(), 1 << 16)
                if not chunk:
                    break
                out.add(chunk)
        status = exited(proc.pid, deadline)
    finally:
        kill_group(proc.pid)    # all it left in its group, before the reap
        proc.kill()
        proc.wait()
        proc.stdout.close()
        untrack(proc.pid)
    return status, out.text()


def exited(pid, deadline):
    """Wait until pid exits or the deadline passes, without reaping it (its
    process group stays ours to kill). Its exit status, or None."""
    while True:
        try:
            info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return None
        if info is not None:
            if info.si_code == os.CLD_EXITED:
                return info.si_status
            return 128 + info.si_status
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.005)
