"""seed.py: start a student's build from the kit's own objects, where they
are provably the same.

Most of a student's tree is the kit: common/, the lessons before the one
they work on, most files of that one. Compiling all of it again for every
student is most of what grading a class costs. So before a tree is built,
each object the kit has built (build/obj/<path>.o, with its dependency file
<path>.d naming every header it read) is copied into the student's scratch
copy when the source and every one of those headers are byte for byte the
kit's, and the kit's object newer than each of them, and dated after them;
make then builds only what the student changed. The build files are the
kit's in every copy (copy.py), so the flags are the same too.
"""

import os
import shutil
import time

OBJ = os.path.join("build", "obj")


DEBIAN = os.path.join("build", "debian")
DEBIAN_FILES = ("vmlinuz", "busybox", "release")


def debian(kit, dest):
    """Lesson 08's download, Debian's kernel and busybox (make fetch,
    deps, run or test puts them in the kit's build/debian), in the copy too: its build and its
    QEMU, in the sandbox, see nothing outside the copy. Copies, not hard
    links: a link would let a student's build write the kit's kernel."""
    src = os.path.join(kit, DEBIAN)
    if not all(os.path.isfile(os.path.join(src, f)) for f in DEBIAN_FILES):
        return
    os.makedirs(os.path.join(dest, DEBIAN), exist_ok=True)
    for name in DEBIAN_FILES:
        target = os.path.join(dest, DEBIAN, name)
        if os.path.lexists(target):
            os.remove(target)
        shutil.copyfile(os.path.join(src, name), target)


def inputs(dfile, kit):
    """The files an object was built from, relative to the kit, from its
    make dependency file; None if one lies outside the kit. (Also
    tests/test_handout.py's, which seeds a handout from the kit's objects
    by dates alone.)"""
    with open(dfile, encoding="utf-8", errors="replace") as f:
        text = f.read().replace("\\\n", " ")
    deps = set()
    for line in text.splitlines():
        if ":" not in line:
            continue
        for word in line.split(":", 1)[1].split():
            path = os.path.normpath(word)
            if not path.startswith(kit + os.sep):
                return None
            deps.add(os.path.relpath(path, kit))
    return deps


def _same(a, b, cache):
    key = (a, b)
    if key not in cache:
        try:
            if os.path.getsize(a) != os.path.getsize(b):
                cache[key] = False
            else:
                with open(a, "rb") as fa, open(b, "rb") as fb:
                    cache[key] = fa.read() == fb.read()
        except OSError:
            cache[key] = False
    return cache[key]


def built_since(obj, kit, deps):
    """Is the kit's object newer than every file it was built from? One
    older than its source (the kit changed since, and not built again:
    run.py builds the kit's lessons first, but a build may fail, and one
    that is not asked for leaves its objects as they were) is not the
    source's."""
    try:
        when = os.path.getmtime(obj)
        return all(os.path.getmtime(os.path.join(kit, d)) <= when for d in deps)
    except OSError:
        return False


def headers(root):
    """Every header under root's common/ and lessons/, relative paths."""
    found = set()
    for top in ("common", "lessons"):
        for directory, _, names in os.walk(os.path.join(root, top)):
            found.update(os.path.relpath(os.path.join(directory, n), root)
                         for n in names if n.endswith(".h"))
    return found


def seed(kit, tree):
    """Copy into tree/build/obj every kit object whose inputs tree has
    unchanged. Return how many were copied. A header the kit does not have
    could come first on some include path and change what a file includes,
    though none of the files the kit's dependency list names changed: a
    tree with one is built whole."""
    kit = os.path.realpath(kit)
    tree = os.path.realpath(tree)
    objdir = os.path.join(kit, OBJ)
    if not os.path.isdir(objdir) or headers(tree) - headers(kit):
        return 0
    same, copied = {}, 0
    later = time.time()              # after every file the copy dated
    for directory, _, names in os.walk(objdir):
        for name in names:
            if not name.endswith(".o"):
                continue
            obj = os.path.join(directory, name)
            dfile = obj[:-2] + ".d"
            if not os.path.isfile(dfile):
                continue
            deps = inputs(dfile, kit)
            if not deps or not built_since(obj, kit, deps) \
                    or not all(_same(os.path.join(kit, d), os.path.join(tree, d), same)
                               for d in deps):
                continue
            rel = os.path.relpath(obj, kit)
            dest = os.path.join(tree, rel)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copyfile(obj, dest)
            with open(dfile, encoding="utf-8", errors="replace") as f:
                text = f.read().replace(kit + os.sep, tree + os.sep)
            with open(dest[:-2] + ".d", "w", encoding="utf-8") as f:
                f.write(text)
            os.utime(dest, (later, later))
            os.utime(dest[:-2] + ".d", (later, later))
            copied += 1
    return copied
