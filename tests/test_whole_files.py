"""Every file the build makes is written whole: under a temporary name of
its own (build.mk's part, FILE.PID.tmp), then renamed. Two makes of one
lesson at once (make run in one terminal, run.py or make gdb POISON=1 in
another) otherwise write the same file together, and QEMU, objcopy or the
linker reads it half written: before the images were written so, two
identical `make LESSON=07` at once from a clean lesson failed 1 time in 6
to 12. A race is a poor test (it fails now and then); this reads the
recipes of common/build.mk and the lessons' Makefiles instead (not
tests/bootimage/'s, which one test builds once): where a recipe names its
target ($@), it may only rename a temporary onto it, compare one with it,
or name it (-MT, a step's line, $(dir $@)), and no temporary may have a
fixed name ($@.tmp: two makes at once would share it)."""

import glob
import os
import re

import pytest

from conftest import KIT

MAKEFILES = [os.path.join(KIT, "common", "build.mk")] + sorted(
    glob.glob(os.path.join(KIT, "lessons", "*", "Makefile")))
# The target ($@; $$@ in a rule written through $(eval); $(@), ${@}), not a
# name made from it ($@.d, $(@:.o=.d)).
TARGET = re.compile(r"\$\$?(?:@|\(@\)|\{@\})(?![.\w])")
# What may come just before it: an allow-list, not a list of the tools that
# write (objcopy IN OUT, a script given OUT, tee, dd, install...: too many
# to name). The target may be renamed onto, compared with, named in a
# dependency file or a step's line, or taken apart.
ALLOWED_BEFORE = re.compile(
    r"(?:\bmv\s+(?:-f\s+)?\$\$?\(part\)\s+"     # mv $(part) $@
    r"|\bcmp\s+-s\s+\$\$?\(part\)\s+"           # cmp -s $(part) $@
    r"|-MT\s+"                                     # the .d file's target
    r"|\bsay,\w+,"                                 # $(call say,LD,$@)
    r"|\$\$?\((?:basename|dir|notdir)\s+"         # $(dir $@)...
    r"|\$\$?\(patsubst\s+[^,]*,[^,]*,)$")         # $(patsubst A,B,$@)
# A temporary of a fixed name: two makes at once share it.
FIXED_TEMPORARY = re.compile(r"\$\$?@\.(?:tmp|part)\b")


# A variable that a recipe uses (compile, renamed...) is read as one.
DEFINITION = re.compile(r"^[A-Za-z_]\w*\s*[:+?]?=")
# The temporary's name: the target's, this make's PID, .tmp.
PART = "part = $@.$$$$.tmp"


def recipes(path):
    """(line number, text) of each recipe line, continuations joined;
    a comment in a recipe is not one."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    out, i = [], 0
    while i < len(lines):
        start, text = i + 1, lines[i]
        while text.endswith("\\") and i + 1 < len(lines):
            i += 1
            text = text[:-1] + " " + lines[i].strip()
        if text.startswith("\t") and not text.strip().startswith("#") \
                or DEFINITION.match(text):
            out.append((start, text))
        i += 1
    return out


def in_place(path):
    bad = []
    for n, text in recipes(path):
        wrong = FIXED_TEMPORARY.search(text) or next(
            (m for m in TARGET.finditer(text)
             if not ALLOWED_BEFORE.search(text[:m.start()].rstrip("'\""))), None)
        if wrong:
            bad.append("%s:%d: %s" % (os.path.relpath(path, KIT), n, text.strip()))
    return bad


def test_no_recipe_writes_its_target_in_place():
    bad = [line for path in MAKEFILES for line in in_place(path)]
    assert not bad, "these recipes write their target directly, or through " \
        "a temporary of a fixed name; write $(part) and rename it " \
        "($(renamed), build.mk):\n" + "\n".join(bad)


# (line, written in place?) The first are the forms build.mk and lesson
# 08's Makefile had before their files were written whole.
FORMS = [
    ("$(CC) $(LDFLAGS) $(OBJ) -o $@", True),
    ("$(OBJDUMP) -d -S $< > $@", True),
    ("cp $(INITRD) $@", True),
    ("/usr/bin/python3 initramfs.py $@ $(DEBIAN)/busybox init.sh", True),
    ("printf x > $@.tmp; if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi", True),
    ("$$(OBJCOPY) -O binary $$< $$@", True),
    ("cp -f '$<' '$@'", True),
    ("cat $< | tee ${@} >/dev/null", True),
    ("dd if=$< of=$(@)", True),
    ("$(CC) -c $< -o $(part) && mv -f $@.$$$$.d $(@:.o=.d) && mv -f $(part) $@", False),
    ("$(call say,LD,$@)$(CC) $(OBJ) -o $(part) $(renamed)", False),
    ("$$(OBJDUMP) -d -S $$< > $$(part) && mv -f $$(part) $$@", False),
    ("printf x > $(part); if cmp -s $(part) $@; then rm $(part); else mv $(part) $@; fi", False),
    ("$(CC) -MMD -MT $@ -MF $@.$$$$.d -c $< -o $(part)", False),
    ("@mkdir -p $$(dir $$@)", False),
    ("printf '%s\\n' CP '$(patsubst $(KIT)/%,%,$@)'; mv -f $(part) $@", False),
    ("# the old way: $(CC) -o $@", False),
]


@pytest.mark.parametrize("line, wrong", FORMS)
def test_the_check_tells_the_forms_apart(tmp_path, line, wrong):
    mk = tmp_path / "Makefile"
    mk.write_text("a: b\n\t%s\n" % line)
    assert bool(in_place(str(mk))) == wrong, line


def test_a_continued_recipe_line_is_read_whole(tmp_path):
    mk = tmp_path / "Makefile"
    mk.write_text("a: b\n\t$(CC) x \\\n\t\t-o $@\nc: d\n\t$(CC) -o $(part) \\\n"
                  "\t\t$(renamed)\n")
    assert [l.split(":")[1] for l in in_place(str(mk))] == ["2"]


def test_the_temporary_is_named_by_the_pid():
    """$(part), which every recipe writes, is the target's name with this
    make's PID: of a fixed name, two makes at once would share it."""
    with open(MAKEFILES[0], encoding="utf-8") as f:
        assert PART in f.read().splitlines(), "build.mk must define " + PART
