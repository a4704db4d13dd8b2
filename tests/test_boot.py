"""Tests of grader/boot.py, QEMU's runner, with small shell commands in
QEMU's place: the pty's line ends, the exit status, QEMU's stderr kept
apart, and the bounds (the timeout, the output limit) that end a run with
every process it started. Quick: no lesson is built or booted."""

import json
import os
import select
import subprocess
import sys
import threading
import time

import pytest

from conftest import KIT
from grader import boot, watch


def sh(script):
    return ["/bin/sh", "-c", script]


def run(tmp_path, argv, timeout=10, **kw):
    return boot.boot(argv, timeout, str(tmp_path / "qemu-stderr.txt"), **kw)


def gone(pid, seconds=5):
    """Has pid ended (within seconds: a SIGKILL takes effect soon after
    kill() returns)? A zombie has ended."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with open("/proc/%d/stat" % pid) as f:
                if f.read().rsplit(")", 1)[1].split()[0] in "ZX":
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.01)
    return False


def test_output_lines_end_in_a_plain_newline(tmp_path):
    output, status, stderr = run(tmp_path, sh(r"printf 'one\r\ntwo\nthree\r'"))
    assert (output, status, stderr) == ("one\ntwo\nthree\r", 0, "")


def test_exit_status_and_signal(tmp_path):
    assert run(tmp_path, sh("echo x; exit 3"))[1] == 3
    assert run(tmp_path, sh("kill -TERM $$"))[1] == 128 + 15


def test_stderr_goes_to_the_file_not_the_output(tmp_path):
    output, status, stderr = run(tmp_path, sh("echo uart; echo qemu says >&2"))
    assert (output, status, stderr) == ("uart\n", 0, "qemu says\n")
    assert not (tmp_path / "qemu-stderr.txt").exists()


def test_wrap_runs_the_command_inside_and_stderr_inside(tmp_path):
    inside = str(tmp_path / "inside.txt")

    def wrap(argv):      # a stand-in for the sandbox: moves the file after
        return sh('f=$1; shift; "$@"; s=$?; mv "$0" "$f"; exit $s') + [
            inside, str(tmp_path / "qemu-stderr.txt")] + argv
    output, status, stderr = run(tmp_path, sh("echo in; echo err >&2; exit 4"),
                                 wrap=wrap, stderr_inside=inside)
    assert (output, status, stderr) == ("in\n", 4, "err\n")


def test_timeout_kills_the_whole_group(tmp_path):
    pidfile = tmp_path / "pid"
    start = time.monotonic()
    output, status, _ = run(tmp_path, sh("sleep 60 & echo $! > %s; echo started; "
                                         "wait" % pidfile), timeout=0.5)
    assert time.monotonic() - start < 5
    assert (output, status) == ("started\n", None)
    assert gone(int(pidfile.read_text()))


def test_too_much_output_is_killed(tmp_path):
    start = time.monotonic()
    output, status, _ = run(tmp_path, sh("while :; do echo 0123456789abcdef; done"))
    assert status == "overflow"
    assert boot.MAX_OUTPUT * 0.9 < len(output) < boot.MAX_OUTPUT + (1 << 17)
    assert time.monotonic() - start < 10


def test_a_command_that_cannot_start_is_a_value_error(tmp_path):
    with pytest.raises(ValueError, match="no-such-sandbox"):
        run(tmp_path, ["true"], wrap=lambda argv: ["/no-such-sandbox"] + argv)
    with pytest.raises(ValueError):
        run(tmp_path, [])


def test_no_pty_left_is_a_value_error(tmp_path, monkeypatch):
    """Out of pseudo-terminals (or no /dev/ptmx in a container): one
    line saying so, as for a command that cannot start, never a traceback."""
    def no_pty():
        raise OSError(24, "Too many open files")
    monkeypatch.setattr(os, "openpty", no_pty)
    with pytest.raises(ValueError, match="no pseudo-terminal"):
        boot.boot(["true"], 5, str(tmp_path / "err"))


def test_boots_from_threads_never_fork_python_code(tmp_path):
    """Python 3.12+ warns (DeprecationWarning) when a threaded process
    forks with Python code in the child (pty.fork, os.forkpty): with the
    warning an error, and os.fork and os.forkpty refused (an audit hook,
    so that older Pythons see them too), boots from threads must work."""
    script = (
        "import sys, threading; sys.path.insert(0, %r)\n"
        "def hook(event, args):\n"
        "    if event in ('os.fork', 'os.forkpty'):\n"
        "        raise RuntimeError(event + ': Python code after a fork')\n"
        "sys.addaudithook(hook)\n"
        "from grader import boot\n"
        "out = []\n"
        "def one(n):\n"
        "    out.append(boot.boot(['/bin/sh', '-c', 'echo hi'], 10,\n"
        "                         '%s/err%%d' %% n))\n"
        "ts = [threading.Thread(target=one, args=(n,)) for n in range(4)]\n"
        "[t.start() for t in ts]; [t.join() for t in ts]\n"
        "assert out == [('hi\\n', 0, '')] * 4, out\n" % (KIT, tmp_path))
    proc = subprocess.run([sys.executable, "-W", "error", "-X", "dev", "-c", script],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr


# ---- the watch (grader/watch.py): QEMU stand-ins that speak QMP -------------------
# A stand-in finds its end of the monitor socket in the options the watch
# adds (-chardev socket,...,fd=N) and answers every query-replay with the
# count that COUNT (a Python expression in n, the question's number)
# gives, after BEFORE (Python statements: print, spin, exit...); AFTER
# (statements) runs after each answer. It burns BUSY seconds of CPU for
# each answer: a tenth of the watch's STUCK window below, so that a window
# spans about ten answers.
BUSY = 0.005
FAKE_QEMU = r'''
import json, os, re, sys, time
fd = int(re.search(r"fd=(\d+)", " ".join(sys.argv)).group(1))
out = os.fdopen(fd, "w", buffering=1)
out.write(json.dumps({"QMP": {}}) + "\n")
%s
n = 0
for line in os.fdopen(os.dup(fd)):
    question = json.loads(line)
    if question.get("id") == "count":
        n += 1
        end = time.process_time() + %s
        while time.process_time() < end:
            pass                    # QEMU busy: it burns CPU between answers
        out.write(json.dumps({"return": {"icount": %s, "mode": "none"},
                              "id": "count"}) + "\n")
%s
    else:
        out.write(json.dumps({"return": {}}) + "\n")
'''


@pytest.fixture(autouse=True)
def asked_at_once(request, monkeypatch):
    """The stand-ins burn little CPU: the watch asks them at once (not
    after watch.QUIET_CPU), but in the test of that quiet itself. These
    tests are of the watch's rules, not of its constants' values: it looks
    and asks every 10 ms (watch.POLL, watch.FINE_POLL), and judges a
    window of 0.05 s of CPU (watch.STUCK_CPU: five clock ticks of /proc,
    ten answers of a stand-in; watch.PRINTED_LEAST: 100 bytes), so that a
    test sees several windows in a fraction of a second and of CPU."""
    if "quiet" not in request.node.name:
        monkeypatch.setattr(watch, "QUIET_CPU", 0)
    monkeypatch.setattr(watch, "POLL", 0.01)
    monkeypatch.setattr(watch, "FINE_POLL", 0.01)
    monkeypatch.setattr(watch, "STUCK_CPU", 0.05)
    monkeypatch.setattr(watch, "PRINTED_LEAST", 100)


def test_a_quick_boot_is_left_quiet(tmp_path):
    """Under watch.QUIET_CPU of CPU, QEMU hears nothing on its monitor
    (in 0.2 s: twenty of the watch's ticks). It prints nothing, but it
    sleeps: it uses far less than watch.NO_OUTPUT_CPU of CPU either."""
    before = ("import select\n"
              "time.sleep(0.2)\n"
              "print('asked' if select.select([fd], [], [], 0)[0] else 'quiet', flush=True)\n"
              "sys.exit(0)")
    output, status, _ = run(tmp_path, fake_qemu(before), timeout=30, limit=True)
    assert (output, status) == ("quiet\n", 0)


# A stand-in that answers the watch's questions as they come (a count that
# moves), through phases of (CPU seconds, a dot printed every so many CPU
# seconds or never (0), whether the phase ends at its first question,
# whether it answers); its last lines are the number of questions each
# phase heard, and the CPU seconds into each phase of its first (-1: none).
PHASES = r"""
import select
print('up', flush=True)
heard, first, pending = [], [], b''
for burn, every, until_asked, answers in %r:
    heard.append(0)
    first.append(-1)
    start = end = mark = time.process_time()
    end, mark = end + burn, mark - every    # a phase that prints starts so
    while time.process_time() < end and not (until_asked and heard[-1]):
        while select.select([fd], [], [], 0)[0]:
            pending += os.read(fd, 65536)
            *lines, pending = pending.split(b'\n')
            for line in lines:
                question = json.loads(line)
                if question.get('id') != 'count':
                    out.write(json.dumps({'return': {}}) + '\n')
                    continue
                heard[-1] += 1
                if first[-1] < 0:
                    first[-1] = round(time.process_time() - start, 3)
                if answers:
                    out.write(json.dumps({'return': {'icount': 10**6 * sum(heard),
                        'mode': 'none'}, 'id': 'count'}) + '\n')
        if every and time.process_time() - mark >= every:
            print('.', end='', flush=True)
            mark = time.process_time()
print('\nheard', *heard, flush=True)
print('first', *first, flush=True)
sys.exit(0)
"""


def phased(tmp_path, monkeypatch, *phases):
    """Run the PHASES stand-in, the watch asking after 0.1 s of CPU without
    output (watch.NO_OUTPUT_CPU), QUIET_CPU out of reach: (output, status)."""
    monkeypatch.setattr(watch, "QUIET_CPU", 30)
    monkeypatch.setattr(watch, "NO_OUTPUT_CPU", 0.1)
    output, status, _ = run(tmp_path, fake_qemu(PHASES % (phases,)),
                            timeout=30, limit=True)
    return output, status


def heard(tmp_path, monkeypatch, *phases):
    """([questions heard in each phase], [CPU seconds into each phase of
    its first question, -1 for none]) of a stand-in that ends by itself."""
    output, status = phased(tmp_path, monkeypatch, *phases)
    assert status == 0 and output.startswith("up\n"), output
    counts, firsts = output.splitlines()[-2:]
    assert counts.split()[0] == "heard" and firsts.split()[0] == "first", output
    return [int(n) for n in counts.split()[1:]], [float(t) for t in firsts.split()[1:]]


def test_a_quiet_uart_is_asked_before_the_quiet_cpu(tmp_path, monkeypatch):
    """A boot that stops printing is asked once it has printed nothing for
    watch.NO_OUTPUT_CPU seconds of its CPU (0.1 here), long before
    watch.QUIET_CPU: 0.1-0.2 s into its silence (checked: 0.05-0.5 s, on a
    loaded machine too, the watch reading QEMU's CPU in clock ticks of 10
    ms; the phase ends at the question, or at 2 s)."""
    counts, firsts = heard(tmp_path, monkeypatch, (2, 0, True, True))
    assert counts == [1] and 0.05 <= firsts[0] < 0.5, (counts, firsts)


def test_a_quiet_uart_is_asked_soon_however_rare_the_looks(tmp_path, monkeypatch):
    """While QEMU prints, the watch looks at its CPU every watch.POLL (2 s
    here); as the silence nears watch.NO_OUTPUT_CPU (0.1 s), sooner (QEMU
    uses at most about a CPU second a second), so the question still comes
    0.1-0.2 s of CPU into the silence (checked: under 0.35 s), not at the
    next look (1 s and more)."""
    monkeypatch.setattr(watch, "POLL", 2.0)
    counts, firsts = heard(tmp_path, monkeypatch, (3, 0, True, True))
    assert counts == [1] and 0.05 <= firsts[0] < 0.35, (counts, firsts)


def test_a_boot_that_keeps_printing_is_left_quiet(tmp_path, monkeypatch):
    """Output every 0.02 s of CPU: never watch.NO_OUTPUT_CPU without it, so
    no question before watch.QUIET_CPU."""
    counts, _ = heard(tmp_path, monkeypatch, (0.4, 0.02, False, True))
    assert counts == [0]


def test_output_again_stops_the_questions(tmp_path, monkeypatch):
    """Asked while it printed nothing; once it prints again, asked no more
    (one question may be under way as the output comes)."""
    (silent, printing), _ = heard(tmp_path, monkeypatch, (0.4, 0, False, True),
                                  (0.6, 0.02, False, True))
    assert silent >= 1 and printing <= 1, (silent, printing)


def test_a_question_unanswered_as_output_comes_again_is_still_judged(
        tmp_path, monkeypatch):
    """A QEMU that answers once, stops answering (a question under way),
    then prints again: silent after watch.STUCK_CPU of CPU, not left
    unjudged until QUIET_CPU because the output came back."""
    output, status = phased(tmp_path, monkeypatch, (2, 0, True, True),
                            (2, 0, True, False), (2, 0.02, False, False))
    assert status == "silent", (output, status)


# What a stand-in writes when its guest powers off.
SHUTDOWN = "out.write(json.dumps({'event': 'SHUTDOWN', 'data': {'guest': True}}) + '\\n')\n"


def fake_qemu(before="", count="n", after=""):
    after = "".join("        %s\n" % line for line in after.splitlines())
    return [sys.executable, "-c", FAKE_QEMU % (before, BUSY, count, after)]


def test_a_stuck_machine_is_stopped_at_once(tmp_path):
    """Its count stands still while it burns CPU: stopped after about
    watch.STUCK_CPU seconds of CPU, not at the timeout."""
    start = time.monotonic()
    output, status, _ = run(tmp_path, fake_qemu("print('up', flush=True)", "7"),
                            timeout=30, limit=True)
    assert (output, status) == ("up\n", "stuck")
    assert time.monotonic() - start < 10


def test_questions_once_begun_come_every_fine_poll(tmp_path, monkeypatch):
    """Once it asks, the watch asks every watch.FINE_POLL (10 ms), not
    every watch.POLL (made 1 s here): the stuck stand-in, ten answers a
    window, is stopped within a few tenths of a second, not ten seconds."""
    monkeypatch.setattr(watch, "POLL", 1.0)
    start = time.monotonic()
    output, status, _ = run(tmp_path, fake_qemu("print('up', flush=True)", "7"),
                            timeout=30, limit=True)
    assert (output, status) == ("up\n", "stuck")
    assert time.monotonic() - start < 5


def test_a_count_that_stands_still_as_the_uart_prints_is_not_stuck(tmp_path):
    """No window in which the UART printed watch.PRINTED_LEAST bytes is
    judged stuck: a loop that only stores bytes to the UART completes
    under a million instructions a CPU second, and boot.MAX_OUTPUT ends
    it. Here the count stands still and 40 bytes come after each answer
    (400 a window): six windows, then the stand-in ends by itself."""
    output, status, _ = run(tmp_path, fake_qemu(
        count="7", after="print('.' * 39, flush=True)\nif n == 60: sys.exit(0)"),
        timeout=30, limit=True)
    assert (output, status) == (("." * 39 + "\n") * 60, 0)


def test_a_hang_that_prints_a_little_now_and_then_is_stuck(tmp_path):
    """A dot every few answers (every so many exceptions of a storm) is
    not progress: less than watch.PRINTED_LEAST a window, the count still."""
    output, status, _ = run(tmp_path, fake_qemu(
        count="7", after="if n % 3 == 0: print('.', flush=True)"),
        timeout=30, limit=True)
    assert status == "stuck", (status, len(output))


def test_a_boot_that_printed_then_hangs_is_stuck(tmp_path):
    """What a window printed counts for that window only: a boot that
    printed for a few windows of questions, then stands still silent, is
    stuck in the next one."""
    output, status, _ = run(tmp_path, fake_qemu(
        count="7", after="if n <= 30: print('.' * 39, flush=True)"),
        timeout=30, limit=True)
    assert (output, status) == (("." * 39 + "\n") * 30, "stuck")


def test_a_machine_that_stops_answering_is_silent(tmp_path):
    """A QEMU whose monitor stops answering while it burns CPU (not seen
    with a real QEMU: watch.py keeps it as a net): it answers the
    handshake and one question, then spins."""
    before = ("into = os.fdopen(os.dup(fd))\n"
              "into.readline(); out.write(json.dumps({'return': {}}) + '\\n')\n"
              "into.readline(); out.write(json.dumps({'return': {'icount': 1},"
              " 'id': 'count'}) + '\\n')\n"
              "while True: pass")
    start = time.monotonic()
    output, status, _ = run(tmp_path, fake_qemu(before), timeout=30, limit=True)
    assert status == "silent"
    assert time.monotonic() - start < 10


def test_a_machine_too_slow_to_be_getting_anywhere_is_stuck(tmp_path):
    """An exception taken again and again at a vector that holds an
    undefined instruction: each counts one, about a million in a CPU
    second. Fewer than least in watch.STUCK_CPU seconds of CPU: stuck."""
    start = time.monotonic()
    output, status, _ = run(tmp_path, fake_qemu(count="n * 1000"), timeout=30,
                            limit=True, least=10**6)
    assert status == "stuck"
    assert time.monotonic() - start < 10


def test_a_machine_past_its_limit_is_stopped(tmp_path):
    output, status, _ = run(tmp_path, fake_qemu(count="n * 1000"), timeout=30,
                            limit=5000)
    assert status == "runaway"


def test_a_machine_that_gets_somewhere_runs_on(tmp_path, monkeypatch):
    """A count that moves, under the limit, through several windows of
    watch.STUCK_CPU seconds of CPU: the watch never stops it. It ends by
    itself (status 0), as a correct lesson does, long before the timeout:
    80 answers of 0.005 s of CPU, 0.4 s in all: the watch judged six
    windows each time here (one ends at the first answer past its 0.05 s,
    about 0.06 s in); it must be seen to judge at least four."""
    windows = []                # QEMU's CPU seconds as each window began
    answer = watch.Watch._answer

    def judged(self, line):
        answer(self, line)
        if self.cpu_at_count is not None and self.cpu_at_count not in windows:
            windows.append(self.cpu_at_count)
    monkeypatch.setattr(watch.Watch, "_answer", judged)
    output, status, _ = run(tmp_path, fake_qemu(count="n * 1000",
                                                after="if n == 80: sys.exit(0)"),
                            timeout=30, limit=10**9)
    assert status == 0 and len(windows) - 1 >= 4, (status, windows)


def test_a_qemu_that_crashes_after_the_guest_powered_off_counts_as_exited(tmp_path):
    """QEMU 10.0 was seen to die by signal 11 as it shut down with a
    question under way: the guest had powered off, its status is 0."""
    before = ("print('goodbye', flush=True)\n"
              + SHUTDOWN +
              "time.sleep(0.1)\n"
              "os.kill(os.getpid(), 11)")
    output, status, _ = run(tmp_path, fake_qemu(before), timeout=30, limit=True)
    assert (output, status) == ("goodbye\n", 0)
    # Before it powered off, a crash is the lesson's.
    output, status, _ = run(tmp_path, fake_qemu("print('up', flush=True)\nos.kill(os.getpid(), 11)"),
                            timeout=30, limit=True)
    assert (output, status) == ("up\n", 128 + 11)


def test_a_qemu_left_behind_after_the_guest_powered_off_counts_as_exited(
        tmp_path, monkeypatch):
    """QEMU says SHUTDOWN (the guest powered off) and does not exit (QEMU
    7.2 did that now and then when a question was under way): after
    watch.SHUTDOWN_GRACE (here 0.2 s, not 2) it is killed, with everything
    it printed, and its status is the 0 it would have exited with."""
    monkeypatch.setattr(watch, "SHUTDOWN_GRACE", 0.2)
    before = ("print('goodbye', flush=True)\n"
              + SHUTDOWN +
              "time.sleep(60)")
    start = time.monotonic()
    output, status, _ = run(tmp_path, fake_qemu(before), timeout=30, limit=True)
    assert (output, status) == ("goodbye\n", 0)
    assert time.monotonic() - start < 10


def test_what_an_image_writes_into_the_monitor_costs_nothing(tmp_path):
    """Semihosting's SYS_SYSTEM (lessons 01, 02) runs a command that
    inherits QEMU's end of the socket: an image can write anything there,
    such as JSON nested past Python's recursion limit. No traceback; the
    watch goes blind (no verdict) and still sees the SHUTDOWN."""
    before = ("out.write('[' * 30000 + '\\n')\n"
              "print('still here', flush=True)\n"
              + SHUTDOWN +
              "time.sleep(0.1)\n"
              "os.kill(os.getpid(), 11)")
    output, status, _ = run(tmp_path, fake_qemu(before, "1"), timeout=30, limit=True)
    assert (output, status) == ("still here\n", 0)


def test_a_line_too_long_is_not_kept():
    """4 MiB with no line end, then a line: run.py keeps at most
    watch.MAX_LINE of it, and reads the next line whole."""
    w = watch.Watch(None)
    w.pid = os.getpid()
    writer = threading.Thread(target=w.theirs.sendall, args=(
        b"{" * (4 << 20) + b"\n" + json.dumps({"event": "SHUTDOWN"}).encode() + b"\n",))
    writer.start()
    while w.shutdown is None:
        select.select([w], [], [], 5)
        w.readable()
        assert len(w.buffer) <= watch.MAX_LINE
    writer.join()
    assert w.blind
    w.close()


def test_tree_cpu_counts_the_grandchildren_too():
    """In the sandbox QEMU is a grandchild of the process boot() starts."""
    spin = "import subprocess, sys; subprocess.run([sys.executable, '-c', 'while 1: pass'])"
    proc = subprocess.Popen([sys.executable, "-c", spin], start_new_session=True)
    try:
        deadline = time.monotonic() + 30      # however loaded the machine
        # 0.1 s: four times what the child itself uses (0.03 s to start
        # Python and import subprocess; then it only waits)
        while watch.tree_cpu(proc.pid) < 0.1 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert watch.tree_cpu(proc.pid) >= 0.1
    finally:
        os.killpg(proc.pid, 9)
        proc.wait()
    assert watch.tree_cpu(proc.pid) is None
