"""boot.py: QEMU under a pseudo-terminal, its UART read with a bound.

Only the UART reaches the pty: QEMU's own diagnostics go to a file, so that
a warning QEMU prints as it powers off (for example "icount sleep disabled
and no active timers" when no timer is armed) is never taken for the
lesson's output. A failure report shows their head and tail.

QEMU is started by subprocess (fork and exec in C, no Python code between
them) on a pty from os.openpty(): run.py -j and the tests boot from
threads, and a fork that runs Python in the child of a threaded process
(pty.fork, which pexpect uses) may deadlock there; Python 3.12 and later
warn about it.

With a limit, the boot is watched (watch.py): once the UART has printed
nothing for watch.NO_OUTPUT_CPU seconds of QEMU's CPU, or QEMU has used
watch.QUIET_CPU seconds in all, a machine that completes too few
instructions for the CPU QEMU burns, or one that passes the lesson's limit
of instructions, is killed then, not at the timeout."""

import os
import re
import select
import subprocess
import termios
import time

from grader import procs, watch as watching

MAX_OUTPUT = 1 << 20     # a lesson printing more than this is killed
# QEMU writes the UART to the pty a character at a time, so that a reader
# that reads as soon as it can is woken for every few bytes: 340 times for
# lesson 01's 3.5 KB, 900 for lesson 07's 5.6 KB. Waiting this long after
# each read lets the output gather (4 and 23 reads): 2-10 ms less of
# Python's CPU a boot, and make test boots some 300 times. A boot's end is
# seen this much later at most. Only for the first GATHER_UPTO bytes (the
# kit's lessons print 6 KB at most, lesson 08 3.5): past them, output that
# floods is read as fast as it comes, and MAX_OUTPUT ends it as soon as
# before (a lesson 01 that prints in a loop: 4 s; gathering all along,
# 5.8).
GATHER = 0.005
GATHER_UPTO = 1 << 16


def normalize(raw):
    """The pty turns the guest's \\r\\n into \\r\\r\\n: make every line end
    in a plain \\n, as in expected/. A \\r anywhere else is the lesson's
    own, and stays (shown escaped in reports)."""
    text = raw.decode("utf-8", errors="replace")
    return re.sub(r"\r+\n", "\n", text)


def drain(master):
    """What is still in the pty once QEMU will print no more."""
    chunks = []
    while select.select([master], [], [], 0)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return chunks


def boot(argv, timeout, stderr_path, wrap=None, stderr_inside=None,
         limit=None, least=1):
    """Run QEMU (argv) under a pty until it exits, the timeout passes, or it
    has printed more than MAX_OUTPUT bytes; wrap(argv) puts it in a
    sandbox, where QEMU's stderr goes to stderr_inside (the file
    stderr_path outside, bound there). With limit (instructions; True: no
    limit but the watch), QEMU is watched (watch.py) and killed once stuck
    (fewer than least instructions in watch.STUCK_CPU seconds of its CPU,
    less than watch.PRINTED_LEAST printed), silent or past the limit.
    Return (output, exit status, stderr), the status being None after a
    timeout, "overflow" after too much output, "stuck", "silent" or
    "runaway" when the watch stopped it. Raises ValueError if the command
    cannot be started."""
    if not argv or procs.stopping():
        raise ValueError("no command")
    try:
        master, slave = os.openpty()
    except OSError as e:        # no pty left, or no /dev/ptmx
        raise ValueError("no pseudo-terminal for QEMU: %s" % (e.strerror or e))
    watch = None
    if limit is not None:
        watch = watching.Watch(None if limit is True else limit, least)
        argv = list(argv) + watch.options()
    # sh execs QEMU in its own place, with stderr sent to the file.
    command = ["/bin/sh", "-c", 'exec "$@" 2>"$0"', stderr_inside or stderr_path] \
        + list(argv)
    if wrap:
        command = wrap(command)
    try:
        attrs = termios.tcgetattr(slave)
        attrs[3] &= ~termios.ECHO       # nothing typed comes back as output
        termios.tcsetattr(slave, termios.TCSANOW, attrs)
        # A session of its own: the process group procs.kill_group ends.
        child = subprocess.Popen(command, stdin=slave, stdout=slave,
                                 stderr=slave, start_new_session=True,
                                 pass_fds=watch.fds() if watch else ())
    except (OSError, termios.error, subprocess.SubprocessError) as e:
        os.close(master)
        if watch:
            watch.close()
        raise ValueError(str(e).splitlines()[0] if str(e) else type(e).__name__)
    finally:
        os.close(slave)     # the child's copies keep the pty open
    procs.track(child.pid)
    if watch:
        watch.started(child.pid)
    chunks, size = [], 0
    deadline = time.monotonic() + timeout
    status = None
    try:
        while True:
            now = time.monotonic()
            left = deadline - now
            if left <= 0:
                break
            waiting, wait = [master], left
            if watch:
                watch.tick(now)
                if watch.verdict:
                    status = watch.verdict
                    break
                wait = min(left, watch.timeout(now))
                if watch.open:
                    waiting.append(watch)
            ready = select.select(waiting, [], [], wait)[0]
            if watch in ready:
                watch.readable()
                if watch.verdict:
                    status = watch.verdict
                    break
            if watch and master not in ready and watch.powered_off(time.monotonic()):
                chunks += drain(master)
                status = 0
                break
            if master not in ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:         # EIO: every copy of the slave is closed
                chunk = b""
            if not chunk:
                status = procs.exited(child.pid, deadline)
                if watch and watch.shutdown is not None and \
                        isinstance(status, int) and status >= 128:
                    status = 0      # after the guest powered off: QEMU's
                break               # own end (watch.powered_off)
            chunks.append(chunk)
            if watch:
                watch.output(len(chunk))
            size += len(chunk)
            if size > MAX_OUTPUT:
                status = "overflow"
                break
            if size < GATHER_UPTO:
                time.sleep(GATHER)
    finally:
        procs.kill_group(child.pid)     # all it left in its group, before the reap
        child.kill()
        child.wait()
        os.close(master)
        if watch:
            watch.close()
        procs.untrack(child.pid)
    stderr = procs.read_bounded(stderr_path)
    try:
        os.unlink(stderr_path)
    except OSError:
        pass
    return normalize(b"".join(chunks)), status, stderr
