"""boot.py: QEMU under a pseudo-terminal, its UART read with a bound.

Only the UART reaches the pty: QEMU's own diagnostics go to a file, so that
a warning QEMU prints as it powers off (for example "icount sleep disabled
and no active timers" when no timer is armed) is never taken for the
lesson's output. A failure report shows their head and tail.

QEMU is started by subprocess (fork and exec in C, no Python code between
them) on a pty from os.openpty(): run.py -j and the tests boot from
threads, and a fork that runs Python in the child of a threaded process
(pty.fork, which pexpect uses) may deadlock there; Python 3.12 and later
warn about it."""

import os
import re
import select
import subprocess
import termios
import time

from grader import procs

MAX_OUTPUT = 1 << 20     # a lesson printing more than this is killed


def normalize(raw):
    """The pty turns the guest's \\r\\n into \\r\\r\\n: make every line end
    in a plain \\n, as in expected/. A \\r anywhere else is the lesson's
    own, and stays (shown escaped in reports)."""
    text = raw.decode("utf-8", errors="replace")
    return re.sub(r"\r+\n", "\n", text)


def boot(argv, timeout, stderr_path, wrap=None, stderr_inside=None):
    """Run QEMU (argv) under a pty until it exits, the timeout passes, or it
    has printed more than MAX_OUTPUT bytes; wrap(argv) puts it in a
    sandbox, where QEMU's stderr goes to stderr_inside (the file
    stderr_path outside, bound there). Return (output, exit status, stderr),
    the status being None after a timeout and "overflow" after too much
    output. Raises ValueError if the command cannot be started."""
    if not argv or procs.stopping():
        raise ValueError("no command")
    # sh execs QEMU in its own place, with stderr sent to the file.
    command = ["/bin/sh", "-c", 'exec "$@" 2>"$0"', stderr_inside or stderr_path] \
        + list(argv)
    if wrap:
        command = wrap(command)
    try:
        master, slave = os.openpty()
    except OSError as e:        # no pty left, or no /dev/ptmx
        raise ValueError("no pseudo-terminal for QEMU: %s" % (e.strerror or e))
    try:
        attrs = termios.tcgetattr(slave)
        attrs[3] &= ~termios.ECHO       # nothing typed comes back as output
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        # A session of its own: the process group procs.kill_group ends.
        child = subprocess.Popen(command, stdin=slave, stdout=slave,
                                 stderr=slave, start_new_session=True)
    except (OSError, subprocess.SubprocessError) as e:
        os.close(master)
        raise ValueError(str(e).splitlines()[0] if str(e) else type(e).__name__)
    finally:
        os.close(slave)     # the child's copies keep the pty open
    procs.track(child.pid)
    chunks, size = [], 0
    deadline = time.monotonic() + timeout
    status = None
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            if not select.select([master], [], [], left)[0]:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:         # EIO: every copy of the slave is closed
                chunk = b""
            if not chunk:
                status = procs.exited(child.pid, deadline)
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_OUTPUT:
                status = "overflow"
                break
    finally:
        procs.kill_group(child.pid)     # all it left in its group, before the reap
        child.kill()
        child.wait()
        os.close(master)
        procs.untrack(child.pid)
    stderr = procs.read_bounded(stderr_path)
    try:
        os.unlink(stderr_path)
    except OSError:
        pass
    return normalize(b"".join(chunks)), status, stderr
