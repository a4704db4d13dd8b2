"""Every file the build makes is written whole: under a temporary name of
its own (build.mk's part, FILE.PID.tmp), then renamed. Two makes of one
lesson at once (make run in one terminal, run.py or make gdb POISON=1 in
another) otherwise write the same file together, and QEMU, objcopy or the
linker reads it half written: before the images were written so, two
identical `make LESSON=07` at once from a clean lesson failed 1 time in 6
to 12. A race is a poor test (it fails now and then); this reads the
recipes instead: none may write its target ($@) directly."""

import glob
import os
import re

from conftest import KIT

MAKEFILES = [os.path.join(KIT, "common", "build.mk")] + sorted(
    glob.glob(os.path.join(KIT, "lessons", "*", "Makefile")))
# A tool's output named as the target itself: -o $@, > $@, cp X $@, in a
# recipe or in a rule written through $(eval) ($$@).
IN_PLACE = re.compile(r"(-o\s*|>\s*|\bcp\s+\S+\s+)\$\$?@(?![.\w])")


def recipes(path):
    """(line number, text) of each recipe line, continuations joined."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out, i = [], 0
    while i < len(lines):
        start, text = i + 1, lines[i]
        while text.endswith("\\") and i + 1 < len(lines):
            i += 1
            text = text[:-1] + " " + lines[i].strip()
        if text.startswith("\t"):
            out.append((start, text))
        i += 1
    return out


def in_place(path):
    return ["%s:%d: %s" % (os.path.relpath(path, KIT), n, text.strip())
            for n, text in recipes(path) if IN_PLACE.search(text)]


def test_no_recipe_writes_its_target_in_place():
    bad = [line for path in MAKEFILES for line in in_place(path)]
    assert not bad, "these recipes write their target directly; write " \
        "$(part) and rename it ($(renamed), build.mk):\n" + "\n".join(bad)


def test_the_check_sees_a_write_in_place(tmp_path):
    mk = tmp_path / "Makefile"
    mk.write_text("a: b\n\t$(CC) -c x.c -o $@\n"
                  "c: d\n\tobjdump -d $< > $@\n"
                  "e: f\n\t$$(CC) x \\\n\t\t-o $$@\n"
                  "g: h\n\tcp $(INITRD) $@\n"
                  "i: j\n\t$(CC) -o $(part) $(renamed)\n"
                  "k: l\n\tprintf x > $(part); mv $(part) $@\n")
    assert [line.split(":")[1] for line in in_place(str(mk))] == \
        ["2", "4", "6", "9"]
