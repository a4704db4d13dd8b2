"""grader/seed.py: a student's build starts from the kit's objects only
where they are provably the same: the same sources, and the kit's object
built from them (newer than each)."""

import os
import time

from conftest import KIT  # noqa: F401  (puts the kit on sys.path)
from grader import seed


def kit_and_tree(tmp_path):
    """A kit with one source and its object, and a student's copy of the
    source; the object built after the source."""
    kit, tree = tmp_path / "kit", tmp_path / "tree"
    for root in (kit, tree):
        (root / "common").mkdir(parents=True)
        (root / "common" / "x.c").write_text("int x;\n")
    obj = kit / "build" / "obj" / "common"
    obj.mkdir(parents=True)
    (obj / "x.c.o").write_text("object")
    (obj / "x.c.d").write_text("%s: %s\n" % (obj / "x.c.o", kit / "common" / "x.c"))
    then = time.time() - 100
    os.utime(kit / "common" / "x.c", (then, then))
    return kit, tree


def test_an_object_built_from_the_same_source_is_seeded(tmp_path):
    kit, tree = kit_and_tree(tmp_path)
    assert seed.seed(str(kit), str(tree)) == 1
    assert (tree / "build" / "obj" / "common" / "x.c.o").read_text() == "object"


def test_an_object_older_than_its_source_is_not(tmp_path):
    """The kit's source changed since its object was built (run.py builds
    the kit's lessons first, but not the poison boot's objects unless
    --poison): the object is not that source's, though the student's
    source is the kit's byte for byte."""
    kit, tree = kit_and_tree(tmp_path)
    later = time.time() + 100
    os.utime(kit / "common" / "x.c", (later, later))
    assert seed.seed(str(kit), str(tree)) == 0
    assert not (tree / "build" / "obj" / "common" / "x.c.o").exists()


def test_an_object_as_old_as_its_source_is_seeded(tmp_path):
    """make's own rule: a target no older than its prerequisites is up to
    date (file systems with coarse times give both the same one)."""
    kit, tree = kit_and_tree(tmp_path)
    obj = kit / "build" / "obj" / "common" / "x.c.o"
    when = os.path.getmtime(obj)
    os.utime(kit / "common" / "x.c", (when, when))
    assert seed.seed(str(kit), str(tree)) == 1


def test_a_header_newer_than_the_object_stops_it_too(tmp_path):
    """Every file the dependency list names counts, headers as well."""
    kit, tree = kit_and_tree(tmp_path)
    for root in (kit, tree):
        (root / "common" / "x.h").write_text("extern int x;\n")
    obj = kit / "build" / "obj" / "common"
    (obj / "x.c.d").write_text("%s: %s %s\n" % (obj / "x.c.o", kit / "common" / "x.c",
                                                 kit / "common" / "x.h"))
    later = time.time() + 100
    os.utime(kit / "common" / "x.h", (later, later))
    assert seed.seed(str(kit), str(tree)) == 0
