"""watch.py: is a booted lesson still getting anywhere?

A lesson that hangs would otherwise cost its whole timeout, and a student
would learn only that it timed out. Hangs are told apart, from
QEMU's own count of the instructions the CPU has completed (under -icount
every instruction counts; QMP's query-replay reports it), against QEMU's
CPU time:

  stuck    fewer than `least` instructions (the lesson's; 1 million for
           lessons 01-07) completed in STUCK_CPU seconds of QEMU's CPU,
           the UART printing less than PRINTED_LEAST meanwhile. The CPU
           waits in wfi for an interrupt that nothing will raise (no
           timer armed: under -icount sleep=off QEMU then spins, "icount
           sleep disabled and no active timers"; the count stands still),
           or takes an exception at its vector again and again (a vector
           whose fetch faults: the count stands still; one that holds an
           undefined instruction: each exception counts one, about a
           million a CPU second; a handler whose first store faults,
           lesson 01's exercise 6 seen from lesson 02: 2.1-2.7 million),
           even printing a dot now and then. Correct lessons 01-07
           complete 35 million and more a CPU second (the kit's own 50
           million; 35 lesson 05 with tests/hostile/sleeper, a guest that
           traps at every wfi). A loop that does nothing but store bytes
           to the UART completes under a million (writing each byte to
           the pty is most of QEMU's time), but prints 80-120 KB a window:
           not stuck, it is ended by boot.py's MAX_OUTPUT (1 MiB).
           (Lesson 08 is not watched: grader/lesson.py.)
  silent   a question unanswered for STUCK_CPU seconds of QEMU's CPU: not
           seen here, a net for a QEMU whose monitor starves.
  runaway  the count passes the lesson's limit: a loop that never ends,
           such as a trap handler that does not advance ELR_EL2, so that
           the guest runs the trapping instruction again and again.

The count moves in steps (QEMU adds to it when its CPU loop returns), a
few milliseconds of a running CPU apart at most here, on QEMU 7.2 and
10.0. (Stopping the CPU for each question would make it exact, but QEMU
7.2 was seen never to exit when a stop came as the guest powered off.)

QEMU is given the monitor as a socket it inherits (-chardev socket,fd=N):
no file to create, so it works in the sandbox too, where QEMU's /tmp is
its own. QEMU's CPU time is read from /proc, summed over the boot's
processes (in the sandbox QEMU is a grandchild of the process we
started). Time alone would not do: on a loaded machine QEMU may get no
CPU for a while, and a count that stands still then means nothing."""

import json
import os
import socket
import time

POLL = 0.1              # seconds between two looks at QEMU's CPU while it
                        # prints (reading /proc costs 0.06-0.12 ms)
FINE_POLL = 0.02        # seconds between two questions, once begun, and
                        # between two looks as the silence nears NO_OUTPUT_CPU
# No question before QEMU has used this much CPU (or its UART has
# printed nothing for NO_OUTPUT_CPU, below). Questions disturb QEMU
# 7.2 and 10.0 now and then: one under way as the guest powers off may
# keep QEMU from exiting or crash it (powered_off), and a make test once
# saw a handout stub's power-off never acted on (QEMU asleep, the lesson
# done, to the timeout). So a correct boot is best never asked: three
# times what the kit's own boots of lessons 01-07 use (the most, lesson
# 07: 0.22-0.32 s of CPU as the load goes, its poison boot the same;
# built at -O0 0.39-0.42 s, 2.4 times; lessons 01-06 0.12 s). A boot that
# hangs and still prints now and then costs this and a fifth of a second
# more (a STUCK_CPU window with less than PRINTED_LEAST of output). (The
# test guests of tests/hostile, which test_hostile boots unwatched, use up
# to 0.42 s: 07 with greedy.)
QUIET_CPU = 1.0
# Or once the UART has printed nothing for this much of QEMU's CPU: a
# hang stops printing, a correct lesson does not. The kit's boots of
# lessons 01-07 (poison boots and -O0 builds too) go 0.02-0.07 s of CPU
# at most without output on an idle machine, 0.11 s under load, nearly
# always QEMU's own start, before the first line: this is three times
# that. The last line to QEMU's exit, where a question is the risk,
# takes 0.025 s at most. So a boot that stops printing (a wfi nothing
# wakes, a vector taken again and again, a trap handler that loops) is
# asked about after about a third of a second: lesson 05 with its wfi
# left untrapped (exercise 05-no-twi), run.py --tree 05 in all: 0.83-0.94
# s of CPU at load 10-13 (1.14-1.41 s with STUCK_CPU 0.5; 1.7-1.9 s before
# NO_OUTPUT_CPU, at load 3-4). Output that comes again stops the
# questions (until QUIET_CPU): a correct lesson with one long stretch
# without output is not asked as it powers off. (A loop that prints
# without pause is stuck only if it prints little: see PRINTED_LEAST.)
NO_OUTPUT_CPU = 0.35
# CPU seconds in which QEMU must show progress, or answer a question.
# In the kit's boots of lessons 01-07 (poison boots, -O0 builds and the
# test guests of tests/hostile too, beside three CPU hogs) the count never
# stood still for more than 0.025 s while the guest ran (0.04 s as QEMU
# starts or powers off), and every window of 0.2 s saw 7 million
# instructions and more (lesson 05 with the sleeper, a trap at each wfi;
# only it and lesson 07's boots with a test guest last that long); asked
# from their start under these rules, 130 boots all passed (2026-12). The
# hangs of tests/ answered each question within 0.015 s.
STUCK_CPU = 0.2
# Bytes the UART must print in a window of STUCK_CPU for the window not to
# be judged stuck, whatever the count. A loop that only stores bytes to
# the UART prints 80-120 KB a window (1 MiB in 1.7-2.5 s of CPU), at
# under a million instructions a CPU second; one that goes through printf
# completes 16 million, and is not stuck by its count. A hang that escapes
# this rule must print 32 KiB a window, and so reaches MAX_OUTPUT within
# 32 windows (6.4 s of CPU); one whose count escapes it is a runaway at
# lessons 01-05's limit within 35 windows (7 s).
PRINTED_LEAST = 32 << 10
START_CPU = 2.0         # the same for its first answer (a QEMU just
                        # started answers within 0.16 s of CPU here)
QUESTION = json.dumps({"execute": "query-replay", "id": "count"}).encode() + b"\n"
MONITOR_ID = "stepvisor-watch"
# What QEMU's monitor sends is short JSON lines. But QEMU does not close
# the socket for the commands that semihosting's SYS_SYSTEM runs (lessons
# 01 and 02), so an image can write into it: anything may come. It must
# cost run.py no more than a line of this size at a time; after a longer
# line, or one that is not JSON, the watch is blind for the rest of the
# run (no question, no verdict: the timeout bounds it). What an image can
# say there ends its own run at most, as SYS_EXIT can.
MAX_LINE = 1 << 16      # bytes of a line not yet ended
SHUTDOWN_GRACE = 2.0    # seconds QEMU is given to exit once the guest powered off


class Watch:
    """The grader's end of QEMU's monitor socket; see the module's text."""

    def __init__(self, limit, least=1):
        self.limit = limit          # instructions; None: no limit
        self.least = least          # instructions per STUCK_CPU: progress
        self.ours, self.theirs = socket.socketpair()
        self.ours.setblocking(False)
        self.pid = None
        self.buffer = b""
        self.next_poll = 0.0
        self.count = None           # the last count QEMU reported
        self.count_at = None        # the count when this window began,
        self.cpu_at_count = None    # and QEMU's CPU seconds then
        self.verdict = None         # None, "stuck", "silent" or "runaway"
        self.open = True
        self.shutdown = None        # when the guest powered off (monotonic)
        self.skipping = False       # dropping a line longer than MAX_LINE
        self.blind = False          # no more questions, no verdict (MAX_LINE)
        self.asking = False         # questions begun (qmp_capabilities sent)
        self.heard = False          # UART output since the last tick
        self.printed = 0            # bytes the UART printed in this window
        self.output_cpu = 0.0       # QEMU's CPU seconds at the last output heard
        self.asked_cpu = None       # QEMU's CPU seconds at an unanswered question

    def options(self):
        """What QEMU's command line gets: the monitor on the inherited socket."""
        return ["-chardev", "socket,id=%s,fd=%d" % (MONITOR_ID, self.theirs.fileno()),
                "-mon", "chardev=%s,mode=control" % MONITOR_ID]

    def fds(self):
        return (self.theirs.fileno(),)

    def started(self, pid):
        """QEMU (or the sandbox around it) runs as pid: our copy of its end
        of the socket is closed, so that its exit is an end of file here."""
        self.pid = pid
        self.theirs.close()
        self.next_poll = time.monotonic()

    def fileno(self):
        return self.ours.fileno()

    def timeout(self, now):
        """Seconds until the next question, or until the grace after a
        power-off ends (for select)."""
        if self.shutdown is not None:
            return max(0.0, self.shutdown + SHUTDOWN_GRACE - now)
        if not self.open:
            return float("inf")
        return max(0.0, self.next_poll - now)

    def tick(self, now):
        """Ask for the count when it is time, if the last question was
        answered; never once the guest has powered off (see powered_off).
        A question unanswered for STUCK_CPU (START_CPU: the first) seconds
        of QEMU's CPU: silent."""
        if not self.open or self.shutdown is not None or now < self.next_poll \
                or self.blind:
            return
        self.next_poll = now + FINE_POLL
        cpu = tree_cpu(self.pid)
        if cpu is not None and self.heard:
            self.output_cpu, self.heard = cpu, False
        if cpu is not None and cpu < QUIET_CPU and cpu - self.output_cpu < NO_OUTPUT_CPU \
                and self.asked_cpu is None:
            # Quiet: not yet, or printing again (NO_OUTPUT_CPU). Look again
            # when QEMU may reach either bound, at a CPU second a second
            # (-icount runs its CPU in one thread), and within POLL at most.
            left = min(QUIET_CPU - cpu, NO_OUTPUT_CPU - (cpu - self.output_cpu))
            self.next_poll = now + min(POLL, max(FINE_POLL, left))
            return
        if not self.asking:
            self.asking = True
            self._send(json.dumps({"execute": "qmp_capabilities"}).encode() + b"\n")
        if self.asked_cpu is None:
            self._send(QUESTION)
            self.asked_cpu = cpu
        elif cpu is not None and cpu - self.asked_cpu >= (
                STUCK_CPU if self.count is not None else START_CPU):
            self.verdict = "silent"

    def output(self, size):
        """The UART printed size bytes: the silence NO_OUTPUT_CPU counts
        starts again at the next tick (reading QEMU's CPU at each chunk
        would cost more), and they count to this window's PRINTED_LEAST."""
        self.heard = True
        self.printed += size

    def readable(self):
        """QEMU answered (or closed its end): read and judge."""
        try:
            data = self.ours.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.open = False
            return
        if self.skipping:           # the rest of a line too long to keep
            if b"\n" not in data:
                return
            data, self.skipping = data.split(b"\n", 1)[1], False
        self.buffer += data
        *lines, self.buffer = self.buffer.split(b"\n")
        if len(self.buffer) > MAX_LINE:
            self.blind = True       # not QEMU's own words: see MAX_LINE
            self.buffer, self.skipping = b"", True
        for line in lines:
            self._answer(line)

    def _answer(self, line):
        try:
            message = json.loads(line)
        except (ValueError, RecursionError):
            self.blind = True       # not QEMU's own words: see MAX_LINE
            return
        if isinstance(message, dict) and message.get("event") == "SHUTDOWN":
            self.shutdown = time.monotonic()
        if not isinstance(message, dict) or message.get("id") != "count":
            return      # the greeting, other events, qmp_capabilities
        if self.blind:
            return
        answer = message.get("return")
        if not isinstance(answer, dict) or not isinstance(answer.get("icount"), int):
            self.open = False       # a QEMU without query-replay: no watch
            return
        count = answer["icount"]
        self.asked_cpu = None
        cpu = tree_cpu(self.pid)
        self.count = count
        if cpu is None:
            return
        if self.cpu_at_count is None:           # the first window
            self.count_at, self.cpu_at_count, self.printed = count, cpu, 0
        elif cpu - self.cpu_at_count >= STUCK_CPU:
            if count - self.count_at < self.least and self.printed < PRINTED_LEAST:
                self.verdict = "stuck"
            self.count_at, self.cpu_at_count, self.printed = count, cpu, 0
        if self.limit is not None and count >= self.limit:
            self.verdict = "runaway"

    def powered_off(self, now):
        """Has the guest powered the machine off (or reset it: -no-reboot
        makes that a power-off too) more than SHUTDOWN_GRACE seconds ago,
        with QEMU still there? Then, as when QEMU dies by a signal after
        SHUTDOWN (boot.py), the guest has done all it asked, and QEMU's exit
        status would have been 0. A question under way as QEMU shuts down
        is what goes wrong: QEMU 7.2 was seen never to exit (4 in 180 boots,
        6 at once), 10.0 to crash (signal 11, once in a make test). Telling
        QEMU to quit instead (-no-shutdown, then quit) left one boot in 600
        paused to the timeout in CI: the SHUTDOWN never reached run.py."""
        return self.shutdown is not None and now - self.shutdown >= SHUTDOWN_GRACE

    def _send(self, data):
        try:
            self.ours.send(data)
        except OSError:
            self.open = False

    def close(self):
        for s in (self.ours, self.theirs):
            try:
                s.close()
            except OSError:
                pass


def tree_cpu(pid):
    """CPU seconds (user + system, all threads) used so far by pid and every
    process below it; None if pid is gone."""
    tick = os.sysconf("SC_CLK_TCK")
    total, todo, seen = 0, [pid], set()
    while todo:
        p = todo.pop()
        if p in seen:
            continue
        seen.add(p)
        try:
            with open("/proc/%d/stat" % p) as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            if p == pid:
                return None
            continue
        try:        # (a kernel without .../children: pid's own CPU only)
            for task in os.listdir("/proc/%d/task" % p):
                with open("/proc/%d/task/%s/children" % (p, task)) as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            pass
    return total / tick
