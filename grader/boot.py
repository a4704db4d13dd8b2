"""boot.py: QEMU under a pseudo-terminal, its UART read with a bound.

Only the UART reaches the pty: QEMU's own diagnostics go to a file, so that
a warning QEMU prints as it powers off (for example "icount sleep disabled
and no active timers" when no timer is armed) is never taken for the
lesson's output. A failure report shows their head and tail."""

import os
import re
import time

import pexpect

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
        child = pexpect.spawn(command[0], command[1:], timeout=timeout, echo=False)
    except (pexpect.ExceptionPexpect, OSError) as e:
        raise ValueError(str(e).splitlines()[0] if str(e) else type(e).__name__)
    procs.track(child.pid)
    # No fixed sleeps when closing (pexpect's are 0.1 s each): after EOF,
    # wait_exit() waits for the exit itself.
    child.delayafterclose = child.ptyproc.delayafterclose = 0
    child.delayafterterminate = child.ptyproc.delayafterterminate = 0
    chunks, size = [], 0
    deadline = time.monotonic() + timeout
    status = None
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                chunk = child.read_nonblocking(65536, timeout=left)
            except pexpect.TIMEOUT:
                break
            except pexpect.EOF:
                status = wait_exit(child, deadline)
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_OUTPUT:
                status = "overflow"
                break
    finally:
        if child.isalive():
            procs.kill_group(child.pid)
        try:
            child.close(force=True)      # the pty too
        except pexpect.ExceptionPexpect:
            pass
        procs.untrack(child.pid)
    stderr = procs.read_bounded(stderr_path)
    try:
        os.unlink(stderr_path)
    except OSError:
        pass
    return normalize(b"".join(chunks)), status, stderr


def wait_exit(child, deadline):
    """The pty is closed: wait for the exit that follows (or the deadline).
    Return the exit status, 128 + the signal, or None if still running."""
    while child.isalive():
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.002)
    if child.exitstatus is not None:
        return child.exitstatus
    return 128 + (child.signalstatus or 0)
