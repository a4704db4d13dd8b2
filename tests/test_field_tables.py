"""The house style, checked: every system-register write that sets fields
has a field table ("bits field value meaning", as the seed's) in the
comment above it, one that names the register or is the nearest table
above the write. Exempt: registers that hold one whole value with no
fields (an address, a count, a deadline, a thread ID), and writes that
restore a saved copy (`r->sctlr`): that copy's fields were set, with their
table, where it was made; and a helper's write of a value made elsewhere,
when a comment just above says where its field table is."""

import os
import re

from conftest import KIT, argument_end

WHOLE_VALUE = re.compile(
    r"(vbar|elr|sp|far|ttbr[01]|par|afsr[01]|contextidr|tpidr|tpidrro)_el[0-3]$"
    r"|cnt(v|p|hp)_(cval|tval)_el[0-2]$|cntvoff_el2$|pmevcntr\d+_el0$"
    r"|vpidr_el2$")
# A write: write_sysreg(reg, value) in C; `msr reg, xN` in assembly; and
# `msr reg, xN` inside a C string (inline asm: asm volatile("...; msr
# cntp_ctl_el0, x2; ...")), a system register (_ELn) from a general register
# only, so that `msr daifset, #2` (PSTATE, no fields to tabulate) is none.
WRITE = re.compile(r"write_sysreg\((\w+),\s*(.*)|^\s*msr\s+(\w+),\s*(\w+)"
                   r'|^\s*(?:asm\b.*)?"[^"]*\bmsr\s+([a-z]\w*_el[0-3]),\s*([xw]\d+|xzr|%\w+|%\[\w+\])')


def reg_and_source(m):
    """(register, what is written) of a WRITE match: write_sysreg's second
    argument, or the general register an `msr` writes from."""
    if m.group(1):
        return m.group(1), m.group(2)
    if m.group(3):
        return m.group(3), m.group(4)
    return m.group(5), m.group(6)
TABLE_ROW = re.compile(r"^\s*(\*|//|/\*)?\s*\d\d:\d\d\s+\S+\s+x[0-9a-f?]")


def sources():
    for top in ("common", "lessons"):
        for root, _, names in os.walk(os.path.join(KIT, top)):
            for name in names:
                if name.endswith((".c", ".S", ".h")) and name != "sysreg.h":
                    yield os.path.join(root, name)


COMMENT = re.compile(r"^\s*(/\*|\*|//)")


def nearest_comment(lines, i):
    """The comment block nearest above lines[i] (code in between allowed,
    40 lines at most), and whether another write stands in between."""
    other_write = False
    j = i - 1
    while j >= 0 and i - j <= 40:
        if COMMENT.match(lines[j]):
            end = j
            while j >= 0 and COMMENT.match(lines[j]):
                j -= 1
            return lines[j + 1:end + 1], other_write
        if WRITE.search(lines[j]):
            other_write = True
        j -= 1
    return [], other_write


def table_above(lines, i, reg):
    """Is there a field table for the write at lines[i]? The nearest comment
    block above it must have a table row; when another write stands between
    that comment and this one, the comment must also name this register."""
    block, other_write = nearest_comment(lines, i)
    if not any(TABLE_ROW.match(l) for l in block):
        return False
    return not other_write or reg.upper() in "\n".join(block).upper()


def missing_tables():
    missing = []
    for path in sources():
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        for i, line in enumerate(lines):
            m = WRITE.search(line)
            if not m or "#define" in line:
                continue
            reg, value = reg_and_source(m)
            reg = reg.lower()
            if WHOLE_VALUE.match(reg) or re.match(r"\s*[a-z]\w*->\w+(\[\d+\])?\)?;", value or ""):
                continue
            # A restore in assembly: a register just loaded from a frame.
            if m.group(3) and reg in ("elr_el2", "spsr_el2", "elr_el1", "spsr_el1"):
                continue
            # "its field table is where it is made": a helper's write
            if any("field table" in l for l in lines[max(0, i - 6):i]):
                continue
            found = table_above(lines, i, reg)
            if not found:
                missing.append("%s:%d: %s" % (os.path.relpath(path, KIT), i + 1, line.strip()))
    return missing


def test_every_field_write_has_a_table():
    missing = missing_tables()
    assert not missing, ("a system-register write without a field table "
                         "above it:\n  " + "\n  ".join(missing))


# ---- the tables, to the letter -----------------------------------------------
#
# A table row says: bits hi:lo of the register are the field NAME, and the
# code writes xVALUE (hex) there; "x?" (or "xN") is a value known only at
# run time. Two checks:
#   - the values add up: where the value the code writes is a constant
#     (evaluated with common/include/arm.h and platform.h), its bits in
#     each row's range are the row's value, and it has no bit set outside
#     the rows (a field the table forgets is a field the reader never sees);
#   - the names agree with arm.h: where arm.h defines REGISTER_FIELD (or
#     REGISTER_FIELD_SHIFT), the row's bits are the ones that name has.

import functools
import subprocess
import tempfile

ROW = re.compile(r"^\s*(?:\*|//|/\*)?\s*(\d\d):(\d\d)\s+(.*?)\s+x([0-9a-fA-F]+|\?|N|\.\.)(?:\s|$)")
CC = "aarch64-linux-gnu-gcc"
INCLUDE = os.path.join(KIT, "common", "include")


# A sub-table's head: a comment line that begins with the register's name
# (after "Configure" or "Write"), not a row's indented continuation.
HEAD = re.compile(r"^\s*(?:\*|//|/\*)? ?(?:(?:Configure|Write)\s+)?([A-Z][A-Z0-9_]*_EL[0-3])\b")


def rows_of(block, reg=None):
    """[(hi, lo, [names], value or None)] of a comment block; of the part
    of it that names reg, when the block holds the tables of several
    registers, each under a line that names it."""
    heads = [(k, HEAD.match(l).group(1)) for k, l in enumerate(block)
             if not ROW.match(l) and HEAD.match(l)]
    mine = [k for k, name in heads if reg and name == reg.upper()]
    if mine:
        start = mine[0] + 1
        later = [k for k, name in heads if k > mine[0] and name != reg.upper()]
        block = block[start:later[0] if later else len(block)]
    rows = []
    for line in block:
        m = ROW.match(line)
        if m:
            names = [n.strip() for n in m.group(3).split(",")]
            v = m.group(4)
            rows.append((int(m.group(1)), int(m.group(2)), names,
                         None if v in ("?", "N", "..") else int(v, 16)))
    return rows


LESSON_DIRS = sorted(os.path.join(KIT, "lessons", d)
                     for d in os.listdir(os.path.join(KIT, "lessons")))
INCLUDES = [INCLUDE, os.path.join(KIT, "common", "guest")] + LESSON_DIRS


def evaluate(exprs, headers=()):
    """The value of each C expression, with the macros of arm.h,
    platform.h and the headers named, or None where it is not a constant."""
    src = "".join('#include "%s"\n' % h for h in ("arm.h", "platform.h") + tuple(headers))
    src += "".join("@@%d@@ %s\n" % (i, e) for i, e in enumerate(exprs))
    with tempfile.NamedTemporaryFile("w", suffix=".c", delete=False) as f:
        f.write(src)
    try:
        cmd = [CC, "-E", "-P"] + ["-I" + d for d in INCLUDES] + [f.name]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(f.name)
    values = [None] * len(exprs)
    for m in re.finditer(r"@@(\d+)@@ ([^\n]*)", out):
        e = re.sub(r"\b(0x[0-9a-fA-F]+|\d+)[uU]?[lL]{0,2}\b", r"\1", m.group(2))
        e = e.replace("(u64)", "").replace("(u32)", "")
        if re.search(r"[A-Za-z_]\w*", re.sub(r"0x[0-9a-fA-F]+", "", e)):
            continue                    # a variable: not a constant
        try:
            values[int(m.group(1))] = eval(e, {"__builtins__": {}}) & (2**64 - 1)
        except Exception:
            pass
    return values


@functools.lru_cache(maxsize=None)
def arm_h_names():
    """{NAME: value} of every object-like macro of arm.h that is a number
    (the same for every test: worked out once)."""
    out = subprocess.run([CC, "-dM", "-E", "-I", INCLUDE, "-x", "c",
                          os.path.join(INCLUDE, "arm.h")],
                         capture_output=True, text=True, check=True).stdout
    names = [m.group(1) for m in re.finditer(r"^#define ([A-Z][A-Z0-9_]*) ", out, re.M)]
    values = evaluate(names)
    return {n: v for n, v in zip(names, values) if v is not None}


def prefixes(reg):
    """The arm.h prefixes of a register's fields: SCTLR_EL2 -> SCTLR_EL2_,
    SCTLR_; CNTV_CTL_EL0 -> CNT_CTL_; SPSR_EL3 -> SPSR_."""
    reg = reg.upper()
    base = re.sub(r"_EL[0-3]$", "", reg)
    p = [reg + "_", base + "_"]
    if re.match(r"CNT(V|P|HP)_CTL", reg):
        p.append("CNT_CTL_")
    if reg.startswith("ICC_SRE"):
        p.append("ICC_SRE_")
    return p


def value_expression(lines, i, m):
    """The expression a write at lines[i] writes: write_sysreg's second
    argument, or for `msr reg, xN` the `mov xN, #E` / `ldr xN, =E` above
    (in inline asm: before it in the same string)."""
    if m.group(1):
        text = m.group(2)
        j = i
        while text.count("(") >= text.count(")") and j + 1 < len(lines):
            j += 1
            text += " " + lines[j].strip()
        return text[:argument_end(text, 0, ")")].strip()
    src = m.group(4) or m.group(6)
    if src == "xzr":
        return "0"
    if m.group(6):
        before = lines[i][:m.start(5)]
        movs = re.findall(r"\b(?:mov|ldr)\s+%s,\s*[#=]\s*([^;\"]+?)\s*;" % src, before)
        if movs and not re.search(r"\b\w+\s+%s\b" % src, before.split(movs[-1])[-1]):
            return movs[-1]
        return None
    for j in range(i - 1, max(-1, i - 6), -1):
        mm = re.match(r"\s*(?:mov|ldr)\s+%s,\s*[#=]\s*(.+?)\s*(?://.*)?$" % src, lines[j])
        if mm:
            return mm.group(1)
        if re.match(r"\s*\w+\s+%s\b" % src, lines[j]):
            return None                 # computed otherwise: not a constant
    return None


def table_errors(path, text, names):
    """Every way the tables of one source file disagree with its code."""
    lines = text.split("\n")
    writes = []
    for i, line in enumerate(lines):
        m = WRITE.search(line)
        if not m or "#define" in line:
            continue
        reg = reg_and_source(m)[0].lower()
        if WHOLE_VALUE.match(reg):
            continue
        rows = rows_of(nearest_comment(lines, i)[0], reg)
        if rows:
            writes.append((i, reg, rows, value_expression(lines, i, m)))
    # The headers it includes, for the macros it uses (pgtable.h's ...).
    headers = [h for h in re.findall(r'^#include "(\w+\.h)"', text, re.M)
               if any(os.path.exists(os.path.join(d, h)) for d in INCLUDES)]
    # (A file with no such write has nothing to evaluate: no preprocessor
    # run, three in four of the files.)
    values = evaluate([w[3] or "x" for w in writes], headers) if writes else []
    errors = []
    where = os.path.relpath(path, KIT)
    for (i, reg, rows, expr), value in zip(writes, values):
        at = "%s:%d (%s)" % (where, i + 1, reg)
        for hi, lo, fields, v in rows:
            width_mask = (1 << (hi - lo + 1)) - 1
            if v is not None and v > width_mask:
                errors.append("%s: %02d:%02d %s x%x does not fit in %d bits"
                              % (at, hi, lo, ",".join(fields), v, hi - lo + 1))
            if len(fields) != 1:
                continue
            for p in prefixes(reg):
                n = p + fields[0].upper()
                if n in names and names[n] and names[n] & (names[n] - 1) == 0:
                    bit = names[n].bit_length() - 1
                    if not lo <= bit <= hi:
                        errors.append("%s: %s is bit %d in arm.h, the table says %02d:%02d"
                                      % (at, n, bit, hi, lo))
                if n + "_SHIFT" in names and names[n + "_SHIFT"] != lo:
                    errors.append("%s: %s_SHIFT is %d in arm.h, the table says %02d:%02d"
                                  % (at, n, names[n + "_SHIFT"], hi, lo))
        # Only a table of this register is held to its value: a table of
        # several registers (one value for all of them) only when it is 0.
        if value is None:
            continue
        covered, listed = 0, 0
        for hi, lo, fields, v in rows:
            mask = ((1 << (hi - lo + 1)) - 1) << lo
            covered |= mask
            if v is None:
                continue
            if (value & mask) >> lo != v:
                errors.append("%s: %02d:%02d %s says x%x, the code writes x%x"
                              % (at, hi, lo, ",".join(fields), v, (value & mask) >> lo))
            listed |= v << lo
        if value & ~covered:
            errors.append("%s: the code writes 0x%x: bits 0x%x are in no row of the table"
                          % (at, value, value & ~covered))
    return errors


def test_tables_add_up_and_name_arm_h_bits():
    names = arm_h_names()
    errors = []
    for path in sources():
        with open(path, encoding="utf-8") as f:
            errors += table_errors(path, f.read(), names)
    assert not errors, "field tables that disagree with the code:\n  " + "\n  ".join(errors)


def test_a_wrong_table_is_caught():
    """The checks can fail: T0SZ said x32 where the code writes 32 (0x20),
    a field at the wrong bits, a value in no row."""
    names = arm_h_names()
    wrong = """
	/*
	 * 31:31 RES1  x1  reserved
	 * 23:23 RES1  x1  reserved
	 * 05:00 T0SZ  x32 virtual addresses are 32 bits
	 */
	write_sysreg(tcr_el2, TCR_EL2_RES1 | TCR_T0SZ(32));
	/*
	 * 31:31 RW    x1 EL1 is AArch64
	 * 12:12 TWI   x1 trap WFI
	 */
	write_sysreg(hcr_el2, HCR_EL2_RW | HCR_EL2_TWI | HCR_EL2_VM);
"""
    errors = table_errors(os.path.join(KIT, "wrong.c"), wrong, names)
    text = "\n".join(errors)
    assert "T0SZ says x32, the code writes x20" in text, text
    assert "HCR_EL2_TWI is bit 13 in arm.h, the table says 12:12" in text, text
    assert "bits 0x2001 are in no row" in text, text
