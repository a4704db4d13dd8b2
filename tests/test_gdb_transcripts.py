"""Do the gdb sessions in the lesson READMEs still happen? Each fenced
block of a lessons/NN-name/README.md with lines that begin with "(gdb) " is
one session: its commands are run with `make gdb LESSON=NN GDBCMDS=file`
(QEMU halted with -S, gdb-multiarch in batch mode), and what the README
shows gdb answering must appear in gdb's output, in order.

How a transcript is read:
- "(gdb) cmd" is a command; " >cmd" continues a `while` or `define`.
- Every other line is gdb's answer. It is matched with runs of white
  space collapsed (gdb wraps long lines only on a terminal), and:
- "Run till exit from ..." (`finish`) is printed only on a terminal: it
  is not checked.
- A session whose block opens with "```text reference-toolchain" steps
  through instructions the compiler chose (a breakpoint at guest_main + 292,
  an instruction count): it is run only under the toolchain the kit's
  figures come from (expected/figures-toolchain.txt), and skipped,
  saying so, under any other.
- "..." matches anything (".../lessons/03..." for a path, "(...)" for
  arguments, "0x..." for a value the README does not show);
- under the toolchain the kit's figures come from, every other character
  counts: addresses, symbol offsets and line numbers too (EXACT_NOTE says
  why). Under any other, an address (a hex number whose last 8 digits are
  4xxxxxxx, the RAM at 0x40000000, or the same in decimal), a symbol offset
  ("hvc_putc + 16", "<hvc_putc+16>") and a source line number
  ("hypercall.c:36") match any address, offset and line: another compiler
  places code elsewhere, while the values, syndromes and symbol names must
  not change.
"""

import concurrent.futures
import os
import re
import socket
import subprocess
import tempfile

import pytest

from conftest import KIT, reference_toolchain

TIMEOUT = 30        # seconds for one session; a session takes about 1 s
END = "@@ transcript end @@"
# What gdb says only to a terminal, never in batch mode: not checked.
TTY_ONLY = ("Run till exit from ",)


def sessions():
    """(lesson, block number, commands, answers) for every README session."""
    found = []
    lessons = os.path.join(KIT, "lessons")
    for lesson in sorted(os.listdir(lessons)):
        path = os.path.join(lessons, lesson, "README.md")
        if not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        blocks = re.findall(r"^```([^\n]*)\n(.*?)^```", text, re.S | re.M)
        number = 0
        for info, block in blocks:
            lines = block.splitlines()
            if not any(l.startswith("(gdb) ") for l in lines):
                continue
            number += 1
            commands, answers = [], []
            for line in lines:
                if line.startswith("(gdb) "):
                    commands.append(line[len("(gdb) "):])
                elif line.startswith(" >"):
                    commands.append(line[2:])
                elif not line.strip() or re.fullmatch(r"\s*\.\.\..*", line):
                    pass    # "   ...   (74 instructions, one per line)"
                elif line.startswith(TTY_ONLY):
                    pass
                else:
                    answers.append(line)
            found.append((lesson, number, commands, answers,
                          "reference-toolchain" in info))
    return found


ADDRESS_HEX = re.compile(r"0x[0-9a-f]*4[0-9a-f]{7}\b")
LINE = re.compile(r"(\.[chS]):\d+\b")
OFFSET = re.compile(r"(\w) \+ \d+\b|(\w)\+\d+>")


def normalise(text, exact=False):
    """Addresses and symbol offsets become placeholders (not when exact);
    white space runs become one space."""
    if exact:
        return " ".join(text.split())

    def decimal(m):
        n = int(m.group(0))
        return "ADDR" if 0x40000000 <= n < 0x50000000 else m.group(0)
    text = ADDRESS_HEX.sub("ADDR", text)
    text = re.sub(r"(?<![\w.])\d{10}\b", decimal, text)
    text = LINE.sub(r"\1:LINE", text)
    text = OFFSET.sub(lambda m: (m.group(1) or m.group(2)) + "+OFF"
                      + (">" if m.group(2) else ""), text)
    return " ".join(text.split())


def pattern(answer, exact=False):
    """A README answer line as a regular expression."""
    parts = normalise(answer.replace("0x...", "..."), exact).split("...")
    # Whole words at both ends: "$1 = 0x1" must not match "$1 = 0x10".
    return r"(?<!\w)" + ".*?".join(re.escape(p) for p in parts) + r"(?!\w)"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_session(lesson, commands):
    """gdb's output for the commands, in a `make gdb` session."""
    with tempfile.NamedTemporaryFile("w", suffix=".gdb", delete=False) as f:
        f.write("\n".join(commands + ["echo %s\\n" % END]) + "\n")
        script = f.name
    try:
        proc = subprocess.run(
            ["make", "-s", "gdb", "LESSON=" + lesson[:2], "GDBCMDS=" + script,
             "GDB_PORT=%d" % free_port()],
            cwd=KIT, stdin=subprocess.DEVNULL, capture_output=True,
            text=True, timeout=TIMEOUT)
        return proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace")
        return out + "\n(session killed after %d s)" % TIMEOUT
    finally:
        os.unlink(script)


SESSIONS = sessions()
# Under the toolchain the kit's figures come from, the README shows what
# gdb prints, addresses, offsets and line numbers too: a reader compares
# them with their own session, and the prose explains them (an ELR "the
# instruction after the wfi", a breakpoint's line). Matched loosely, they
# drifted while the code moved (2026-12: most of lessons 02, 03 and 06's).
EXACT_NOTE = (", exactly: under the reference toolchain addresses, offsets "
              "and line numbers count too; run the session with `make gdb "
              "LESSON=NN GDBCMDS=FILE` and bring the README, and any prose "
              "that explains the value, up to date")


@pytest.fixture(scope="module")
def outputs():
    """Every session's output, two at a time (one QEMU and one gdb each)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {(l, n): pool.submit(run_session, l, c)
                   for l, n, c, _, _ in SESSIONS}
        return {k: f.result() for k, f in futures.items()}


def test_every_lesson_with_gdb_is_found():
    # The parser must see the sessions the READMEs have: at least one for
    # each of lessons 01-07.
    assert {l[:2] for l, _, _, _, _ in SESSIONS} >= {"01", "02", "03", "04",
                                                  "05", "06", "07"}


@pytest.mark.parametrize("lesson,number,commands,answers,reference", SESSIONS,
                         ids=["%s-session%d" % (s[0][:2], s[1]) for s in SESSIONS])
def test_transcript(outputs, lesson, number, commands, answers, reference):
    if reference and not reference_toolchain():
        pytest.skip("this session steps through the reference toolchain's "
                    "instructions (expected/figures-toolchain.txt)")
    out = outputs[(lesson, number)]
    where = "lessons/%s/README.md, gdb session %d" % (lesson, number)
    assert END in out, "%s: a command failed or hung; gdb said:\n%s" % (where, out)
    exact = reference_toolchain()
    stream = normalise(out, exact)
    pos = 0
    for answer in answers:
        m = re.compile(pattern(answer, exact)).search(stream, pos)
        assert m, ("%s: the README shows\n    %s\nbut gdb did not say so "
                   "(after what was matched before it%s); gdb said:\n%s"
                   % (where, answer.strip(), EXACT_NOTE if exact else "", out))
        pos = m.end()


def test_normalise():
    # Addresses and offsets are placeholders; a syndrome is not.
    assert normalise("ELR_EL2 = 0x0000000040104810") == "ELR_EL2 = ADDR"
    assert normalise("hvc_putc + 16 in section .text") == "hvc_putc+OFF in section .text"
    assert normalise("<hvc_putc+12>:\thvc  #0x0") == "<hvc_putc+OFF>: hvc #0x0"
    assert normalise("at .../hypercall.c:36") == "at .../hypercall.c:LINE"
    assert normalise("ESR_EL2 = 0x5a000000") == "ESR_EL2 = 0x5a000000"
    assert normalise("elr=1073750396, esr=2474770511") == "elr=ADDR, esr=2474770511"
    assert not re.search(pattern("$1 = 0x1"), normalise("$1 = 0x2"))
    assert not re.search(pattern("$1 = 0x1"), normalise("$1 = 0x10"))
    # Exact (the reference toolchain): only white space is normalised.
    assert normalise("ELR_EL2 =  0x0000000040104810", exact=True) == \
        "ELR_EL2 = 0x0000000040104810"
    assert not re.search(pattern("at .../hypercall.c:36", exact=True),
                         normalise("at /k/hypercall.c:37", exact=True))


def test_el_after_power_off():
    # `el` (common/gdb/stepvisor.gdb) once QEMU has exited: no registers to
    # read, so a message rather than a Python error that ends the script.
    out = run_session("01", ["continue", "el", "syndrome"])
    assert "exited normally" in out, out
    assert "CPSR is not readable now" in out, out
    assert END in out, out


def gdb_on(port):
    return subprocess.run(
        ["make", "-s", "gdb", "LESSON=01", "GDBCMDS=/dev/null",
         "GDB_PORT=%d" % port],
        cwd=KIT, stdin=subprocess.DEVNULL, capture_output=True,
        text=True, timeout=TIMEOUT)


@pytest.mark.parametrize("family, address", [
    (socket.AF_INET, ""), (socket.AF_INET6, "::")])
def test_a_taken_port_is_refused_in_one_line(family, address):
    """Another program listening on GDB_PORT (a classmate's make gdb on a
    shared machine), over IPv4 or IPv6: make gdb stops before QEMU starts,
    in one line that names another port, and no gdb attaches to the other
    program."""
    if family == socket.AF_INET6 and not socket.has_ipv6:
        pytest.skip("no IPv6 here")
    with socket.socket(family) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((address, 0))
        s.listen()
        port = s.getsockname()[1]
        proc = gdb_on(port)
    assert proc.returncode != 0, proc.stdout
    assert ("make gdb: port %d is taken (another make gdb, or another "
            "program): make gdb GDB_PORT=%d ..." % (port, port + 1)
            ) in proc.stderr.splitlines(), proc.stderr
    assert "attached" not in proc.stdout, proc.stdout
