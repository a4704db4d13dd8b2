"""copy.py: a student's tree, copied so that grading can trust what it
builds: only the student's own sources, and the kit's build files.

What is copied, and what is not (each file left out is named in a note):
  - regular files and directories, at most FILE_BYTES each and TREE_BYTES
    in all (a sparse file counts its size, and is never read past the cap)
  - a symbolic link only when it points inside the tree; never one that
    leaves it (to the kit's own lessons, a classmate's tree, /dev/zero)
  - no device, FIFO or socket
  - no name that a shell or make would read as more than a name (a space,
    a quote, `$`, `;`...): make runs recipes through the shell, so such a
    name in lessons/ could run commands
  - not the top-level build/ and .git/ (build/ holds another machine's
    objects and dependency files)
Every file copied is writable by its owner and dated now: a read-only tree
still builds, and files dated in the future do not upset make.

Then the kit's build files are laid over the copy (BUILD_FILES), and any
GNUmakefile or makefile, which make would read before Makefile, is
removed: the lesson is built by the kit's recipe, whatever the student's
tree holds. What differed is reported, not used.
"""

import os
import re
import stat
import subprocess

FILE_BYTES = 4 << 20        # a larger file is left out
TREE_BYTES = 64 << 20       # so is every file past this total
NOT_COPIED = ("build", ".git")
SAFE_NAME = re.compile(r"[A-Za-z0-9._+-]+\Z")
SHADOW_MAKEFILES = ("GNUmakefile", "makefile")


def build_files(kit):
    """The kit's files that decide how a lesson is built, relative paths:
    every Makefile, every *.mk and every linker script."""
    found = []
    for top in ("common", "lessons"):
        for directory, dirs, names in os.walk(os.path.join(kit, top)):
            dirs.sort()
            for n in sorted(names):
                if n == "Makefile" or n.endswith((".mk", ".ld")):
                    found.append(os.path.relpath(os.path.join(directory, n), kit))
    if os.path.isfile(os.path.join(kit, "Makefile")):
        found.append("Makefile")
    return found


class Copier:
    def __init__(self, src, dest):
        self.src = os.path.realpath(src)
        self.dest = dest
        self.total = 0
        self.left_out = []      # (path, why)

    def skip(self, rel, why):
        self.left_out.append((rel, why))

    def copy(self):
        os.makedirs(self.dest, mode=0o755, exist_ok=True)   # maybe a mount
        self._dir(self.src, self.dest, "")

    def _dir(self, src, dest, rel):
        try:
            entries = sorted(os.scandir(src), key=lambda e: e.name)
        except OSError as e:
            self.skip(rel or ".", "cannot read: %s" % (e.strerror or e))
            return
        for entry in entries:
            name = entry.name
            path = os.path.join(rel, name) if rel else name
            if not rel and name in NOT_COPIED:
                continue
            if not SAFE_NAME.match(name):
                self.skip(path, "a name with characters a shell or make would "
                                "read (only letters, digits and . _ + - are kept)")
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as e:
                self.skip(path, "cannot stat: %s" % (e.strerror or e))
                continue
            target = os.path.join(dest, name)
            if stat.S_ISLNK(st.st_mode):
                self._link(entry.path, target, path)
            elif stat.S_ISDIR(st.st_mode):
                os.mkdir(target, 0o755)
                self._dir(entry.path, target, path)
            elif stat.S_ISREG(st.st_mode):
                self._file(entry.path, target, path, st.st_size)
            else:
                self.skip(path, "not a regular file (a device, FIFO or socket)")

    def _link(self, link, target, rel):
        try:
            to = os.readlink(link)
        except OSError as e:
            self.skip(rel, "cannot read the link: %s" % (e.strerror or e))
            return
        resolved = os.path.realpath(link)
        if os.path.isabs(to) or not (resolved + os.sep).startswith(self.src + os.sep):
            self.skip(rel, "a symbolic link that leaves the tree (to %s)" % to)
            return
        # Written as the shortest way to where it leads: the link's own text
        # could climb out of the copy and back into the original tree.
        os.symlink(os.path.relpath(resolved, os.path.realpath(os.path.dirname(link))),
                   target)

    def _file(self, path, target, rel, size):
        if size > FILE_BYTES:
            self.skip(rel, "%d bytes: more than the %d MiB a file may have"
                      % (size, FILE_BYTES >> 20))
            return
        if self.total + size > TREE_BYTES:
            self.skip(rel, "past the %d MiB a tree may have" % (TREE_BYTES >> 20))
            return
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError as e:
            self.skip(rel, "cannot open: %s" % (e.strerror or e))
            return
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                self.skip(rel, "not a regular file")
                return
            with open(target, "wb") as out:
                left = FILE_BYTES + 1
                while left > 0:
                    chunk = os.read(fd, min(left, 1 << 20))
                    if not chunk:
                        break
                    out.write(chunk)
                    left -= len(chunk)
            if left <= 0:       # it grew while we read
                os.unlink(target)
                self.skip(rel, "more than %d MiB" % (FILE_BYTES >> 20))
                return
        finally:
            os.close(fd)
        self.total += size
        os.chmod(target, 0o755 if os.access(path, os.X_OK) else 0o644)


def copy_tree(src, dest):
    """Copy src to dest as the docstring says. Return the files left out,
    [(path, why)]; OSError if dest cannot be written."""
    c = Copier(src, dest)
    c.copy()
    return c.left_out


def overlay(kit, dest):
    """Lay the kit's build files over the copy; remove GNUmakefile and
    makefile. Return the student's build files that differed or were
    missing, and the removed makefiles, as relative paths."""
    changed = []
    for rel in build_files(kit):
        theirs = os.path.join(dest, rel)
        parts = rel.split(os.sep)
        if parts[0] == "lessons" and len(parts) > 2 and \
                not os.path.isdir(os.path.join(dest, "lessons", parts[1])):
            continue            # a lesson the student does not have stays missing
        with open(os.path.join(kit, rel), "rb") as f:
            mine = f.read()
        try:
            with open(theirs, "rb") as f:
                same = f.read() == mine
        except OSError:
            same = False
        if not same:
            changed.append(rel)
            if os.path.islink(theirs) or os.path.isdir(theirs):
                remove(theirs)
            os.makedirs(os.path.dirname(theirs), exist_ok=True)
            with open(theirs, "wb") as f:
                f.write(mine)
    for directory, dirs, names in os.walk(dest):
        for n in names:
            if n in SHADOW_MAKEFILES:
                path = os.path.join(directory, n)
                os.unlink(path)
                changed.append(os.path.relpath(path, dest) + " (removed)")
    return changed


def remove(path):
    """Remove a file, link or whole directory, even one made read-only or
    nested deeper than Python recurses (a student's build can make either):
    chmod and rm, which walk without recursion and never follow links.
    OSError if something is left."""
    if os.path.islink(path) or not os.path.isdir(path):
        os.unlink(path)
        return
    subprocess.run(["chmod", "-R", "u+rwx", path], stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["rm", "-rf", "--one-file-system", path],
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    if os.path.lexists(path):
        raise OSError("%s could not be removed" % path)
