"""The copies of the kit that tests/faults and tests/variants patch are
seeded with the kit's build/obj while other tests build into it (CI once
failed every fault this way: a FILE.o.PID.d renamed away mid-copy)."""

import os
import shutil

from conftest import _copy_if_there, _in_the_making


def test_files_being_written_are_left_out():
    names = ["main.c.o", "main.c.d", "main.c.o.3390.d", "main.c.o.3390.tmp",
             "boot.S.o", "boot.S.d", "v2.d"]
    assert sorted(_in_the_making("/x", names)) == ["main.c.o.3390.d",
                                                   "main.c.o.3390.tmp"]


def test_a_file_renamed_away_during_the_copy_is_not_an_error(tmp_path):
    src = tmp_path / "obj"
    (src / "lessons").mkdir(parents=True)
    for name in ("a.c.o", "a.c.d", "b.c.o"):
        (src / "lessons" / name).write_text(name)

    def racing(s, d):
        # Another build finishes while the copy runs: a file listed a
        # moment ago is gone when its turn comes.
        if s.endswith("a.c.d"):
            os.remove(s)
        return _copy_if_there(s, d)

    shutil.copytree(src, tmp_path / "copy", ignore=_in_the_making,
                    copy_function=racing)
    assert sorted(os.listdir(tmp_path / "copy" / "lessons")) == ["a.c.o", "b.c.o"]
