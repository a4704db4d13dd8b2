#!/usr/bin/python3
"""initramfs.py OUT BUSYBOX INIT: write Linux's initial RAM filesystem.

An initramfs is a cpio archive in the "newc" format (the kernel's
Documentation/driver-api/early-userspace/buffer-format.rst) that the kernel
unpacks into its first, in-memory, root filesystem before it runs /init.
This one holds busybox, statically linked, and lesson 08's /init script.

Written here rather than with cpio(1), because an archive made from files
on disk needs root for /dev/console (a device node) and carries the owner
and times of the files; this one is the same bytes on every machine.
"""
import sys

def entry(name, mode, data=b"", rdev=(0, 0), ino=[0]):
    """One newc member: a header of 13 hex fields, the name, the data, each
    padded to 4 bytes."""
    ino[0] += 1
    name = name.encode() + b"\0"
    fields = (ino[0], mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1],
              len(name), 0)
    head = b"070701" + b"".join(b"%08X" % f for f in fields) + name
    pad = lambda b: b + b"\0" * (-len(b) % 4)
    return pad(head) + pad(data)

DIR, FILE, CHAR = 0o040000, 0o100000, 0o020000

def main():
    if len(sys.argv) != 4:
        sys.exit("usage: initramfs.py OUT BUSYBOX INIT")
    out, busybox, init = sys.argv[1:]
    try:
        with open(busybox, "rb") as f:
            bb = f.read()
        with open(init, "rb") as f:
            script = f.read()
    except OSError as e:
        sys.exit("initramfs.py: %s: %s" % (e.filename, e.strerror))
    archive = b"".join([
        entry(".", DIR | 0o755),
        entry("bin", DIR | 0o755),
        entry("bin/busybox", FILE | 0o755, bb),
        entry("dev", DIR | 0o755),
        # The console /init's output goes to: char device 5,1.
        entry("dev/console", CHAR | 0o600, rdev=(5, 1)),
        entry("proc", DIR | 0o755),
        entry("sys", DIR | 0o755),
        entry("init", FILE | 0o755, script),
        entry("TRAILER!!!", 0),
    ])
    with open(out, "wb") as f:
        f.write(archive)

main()
