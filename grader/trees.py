"""trees.py: the trees to grade (the kit itself, or students' copies), and
grading them in parallel."""

import concurrent.futures
import os
import threading
import time

from grader import KIT, copy, procs, sandbox, scratch, seed
from grader.lesson import TIMEOUT_SCALE, Result, run_lesson


def display(name):
    """A name as text that prints, encodes and serialises: bytes that are
    not UTF-8 (a file name may hold any) become \\xNN."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


class Tree:
    """A tree to grade: the kit itself (built in place, trusted) or a
    student's copy (copied safely, built and booted in the sandbox)."""

    def __init__(self, name, source, copy=True, index=0):
        self.name = display(name)    # for people and files
        self.source = source         # the tree as given
        self.copy = copy
        self.index = index           # its scratch directory: a number,
        self.root = None if copy else source   # never the student's name
        self.problem = ""            # why none of its lessons can run
        self.notes = []              # things the instructor should know
        self.changed = []            # build files that were not the kit's
        self.results = []
        self._lock = threading.Lock()
        self.build_lock = threading.Lock()   # its lessons build one at a time
        self.mounted = False         # its copy is in a tmpfs of its own
        self.prepare_seconds = 0.0   # copying, overlaying, seeding
        self._prepared = False

    def prepare(self, opts):
        """Once, in whichever worker gets there first: check the tree and
        copy it to the scratch directory."""
        with self._lock:
            if not self._prepared:
                self._prepared = True
                started = time.monotonic()
                try:
                    if self.copy:
                        self._copy(opts)
                except Exception as e:     # a tree too strange to copy
                    self.problem = "cannot copy %s: %s: %s" % (
                        display(self.source), type(e).__name__, e)
                self.prepare_seconds = time.monotonic() - started

    def _copy(self, opts):
        src = self.source
        if os.path.islink(src) or not os.path.isdir(src):
            what = "a symbolic link" if os.path.islink(src) else \
                "not a directory" if os.path.exists(src) else "not there"
            self.problem = "no tree: %s is %s" % (display(src), what)
            return
        if not os.path.isdir(os.path.join(src, "lessons")) or \
                os.path.islink(os.path.join(src, "lessons")):
            self.problem = "no lessons/ directory: %s is not a copy of the " \
                           "kit" % display(src)
            return
        dest = os.path.join(opts.scratch, "%03d" % self.index)
        os.mkdir(dest, 0o755)
        self.root = dest            # from now on, removed when done
        if opts.bound_disk:
            scratch.mount(dest, *sandbox.ids())
            self.mounted = True
        left_out = copy.copy_tree(src, dest)
        if left_out:
            self.notes.append("left out of the copy (%d): %s" % (
                len(left_out), "; ".join("%s: %s" % (display(p), why)
                                         for p, why in left_out[:8])
                + ("; ..." if len(left_out) > 8 else "")))
        self.changed = copy.overlay(KIT, dest)
        if self.changed:
            self.notes.append("build files that were not the kit's (the "
                              "kit's were used): " + ", ".join(self.changed))
        seed.seed(KIT, dest)
        seed.debian(KIT, dest)
        if opts.sandbox:
            sandbox.give(dest)

    def passed(self):
        return sum(r.status == "PASS" for r in self.results)

    def as_dict(self):
        return {"name": self.name, "path": display(self.source),
                "problem": self.problem, "notes": self.notes,
                "changed_build_files": self.changed, "passed": self.passed(),
                "prepare_seconds": round(self.prepare_seconds, 3),
                "failed": len(self.results) - self.passed(),
                "results": [r.as_dict() for r in self.results]}


def run_one(tree, lesson, opts):
    """Grade one lesson of one tree. Whatever goes wrong stays in its
    result: one bad tree never stops the grading of the others."""
    try:
        tree.prepare(opts)
        if tree.problem:
            r = Result(lesson)
            r.fail("MISSING", tree.problem)
            return r
        r = run_lesson(tree.root, lesson, opts,
                       sandboxed=tree.copy and opts.sandbox,
                       build_lock=tree.build_lock if tree.copy else None)
    except Exception as e:      # e.g. a file system error in a strange tree
        r = Result(lesson)
        r.fail("BUILD-ERROR", "run.py could not grade it: %s: %s"
               % (type(e).__name__, e))
        return r
    if tree.copy:      # name the student's files as in their own tree
        prefix = os.path.join(tree.root, "")
        r.build_log = r.build_log.replace(prefix, "")
        r.detail = r.detail.replace(prefix, "")
    return r


def start_order(lessons):
    """The longest lessons start first, so that the others run beside them
    rather than after them: lesson 08 (it boots Linux), then the last of
    the others (each lesson runs more than the one before it: lesson 07
    boots five guests, twice with the poison boot, as long as 01-06
    together), then the rest in order, so that their lines still come as
    they finish. Results are printed in lesson order whatever the order."""
    rest = [l for l in lessons if l not in TIMEOUT_SCALE]
    return sorted(lessons, key=lambda l: (-TIMEOUT_SCALE.get(l, 1),
                                          l not in rest[-1:]))


def grade(trees, opts, on_result, on_tree):
    """Run every lesson of every tree, opts.jobs at a time. Call
    on_result(tree, result) and on_tree(tree) in tree and lesson order, each
    as soon as it and everything before it is done. A tree's scratch copy
    is removed as soon as its lessons are done (unless --keep)."""
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=opts.jobs)
    first = start_order(opts.lessons)
    try:
        rows = []
        for tree in trees:
            started = {l: pool.submit(run_one, tree, l, opts) for l in first}
            rows.append([started[l] for l in opts.lessons])
        for tree, row in zip(trees, rows):
            for future in row:
                tree.results.append(future.result())
                on_result(tree, tree.results[-1])
            if tree.copy and tree.root and not opts.keep:
                try:
                    if tree.mounted:
                        scratch.unmount(tree.root)
                    copy.remove(tree.root)
                except OSError as e:
                    tree.notes.append("its scratch copy could not be removed: %s" % e)
            on_tree(tree)
    except BaseException:
        procs.stop_everything()
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
