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

from conftest import KIT

WHOLE_VALUE = re.compile(
    r"(vbar|elr|sp|far|ttbr[01]|par|afsr[01]|contextidr|tpidr|tpidrro)_el[0-3]$"
    r"|cnt(v|p|hp)_(cval|tval)_el[0-2]$|cntvoff_el2$|pmevcntr\d+_el0$"
    r"|vpidr_el2$")
WRITE = re.compile(r"write_sysreg\((\w+),\s*(.*)|^\s*msr\s+(\w+),\s*(\w+)")
TABLE_ROW = re.compile(r"^\s*(\*|//|/\*)?\s*\d\d:\d\d\s+\S+\s+x[0-9a-f?]")


def sources():
    for top in ("common", "lessons"):
        for root, _, names in os.walk(os.path.join(KIT, top)):
            for name in names:
                if name.endswith((".c", ".S", ".h")) and name != "sysreg.h":
                    yield os.path.join(root, name)


COMMENT = re.compile(r"^\s*(/\*|\*|//)")


def table_above(lines, i, reg):
    """Is there a field table for the write at lines[i]? The nearest comment
    block above it (code in between allowed, 40 lines at most) must have a
    table row; when another write stands between that comment and this one,
    the comment must also name this register."""
    other_write = False
    j = i - 1
    while j >= 0 and i - j <= 40:
        if COMMENT.match(lines[j]):
            end = j
            while j >= 0 and COMMENT.match(lines[j]):
                j -= 1
            block = lines[j + 1:end + 1]
            if not any(TABLE_ROW.match(l) for l in block):
                return False
            return not other_write or reg.upper() in "\n".join(block).upper()
        if WRITE.search(lines[j]):
            other_write = True
        j -= 1
    return False


def missing_tables():
    missing = []
    for path in sources():
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        for i, line in enumerate(lines):
            m = WRITE.search(line)
            if not m or "#define" in line:
                continue
            reg, value = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
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
