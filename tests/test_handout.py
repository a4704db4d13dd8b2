"""make handout: for each lesson with a lab, the handout is a tree of its
own in which run.py fails that lesson at once, naming the function to
write and the README section that teaches it; with the kit's files put
back in place of the stubs, the same tree passes. The five handouts are
built and graded in parallel, from the kit's own compiled objects where
the source is the same (see seed_objects)."""

import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from conftest import KIT, link_debian
from grader import seed

HANDOUT = os.path.join(KIT, "tools", "handout.py")

# The first stub each lesson reaches: what run.py must name.
FIRST_MISSING = {
    "03": ("kernel_exit", "lessons/03-context-and-hvc/frame.h"),
    "04": ("pt_map", "lessons/04-stage2/pgtable.c"),
    "05": ("mmio_emulate", "lessons/05-trap-and-emulate/mmio.c"),
    "06": ("vgic_sweep", "lessons/06-virtual-interrupts/vgic.c"),
    "07": ("vcpu_load", "lessons/07-multi-guest/vcpu.c"),
}
# Seconds a lesson may take, its build from seeded objects included, to
# count as failing "at once" (run.py's own timeout is 20 s).
QUICK = 10


def handout(*args):
    return subprocess.run([sys.executable, HANDOUT] + [str(a) for a in args],
                          stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=120)


def grade(tree, lesson):
    return subprocess.run([sys.executable, os.path.join(tree, "run.py"),
                           "-j", "1", lesson], cwd=tree,
                          stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=300)


def files_under(root, skip=("build", ".git")):
    out = set()
    for directory, dirs, names in os.walk(root):
        if directory == root:
            dirs[:] = [d for d in dirs if d not in skip]
        out |= {os.path.relpath(os.path.join(directory, n), root) for n in names}
    return out


def same(a, b):
    with open(a, "rb") as f, open(b, "rb") as g:
        return f.read() == g.read()


def changed_from_kit(tree, under=""):
    """Files of the tree that the kit has too, with other contents."""
    return sorted(p for p in files_under(tree) if p.startswith(under)
                  if os.path.isfile(os.path.join(KIT, p))
                  and not same(os.path.join(KIT, p), os.path.join(tree, p)))


def up_to_date(obj, dep_file):
    """The kit's object is newer than every file its .d names (grader/seed.py's
    own test of a kit object, by the same functions)."""
    try:
        deps = seed.inputs(dep_file, KIT)
    except OSError:
        return False
    return bool(deps) and seed.built_since(obj, KIT, deps)


def seed_objects(tree):
    """Give the tree the kit's compiled objects, so that its build compiles
    only what differs: each up-to-date object of build/obj with its .d
    file (the kit's paths in it made the tree's), dated after the tree's
    sources but before the files the handout changed or added, so that
    make recompiles exactly what depends on those."""
    link_debian(tree)
    now = time.time()
    for path in files_under(tree):
        os.utime(os.path.join(tree, path), (now - 100, now - 100))
    fresh = set(changed_from_kit(tree)) | (files_under(tree) - files_under(KIT))
    for path in fresh:
        os.utime(os.path.join(tree, path), (now - 10, now - 10))
    seed_compiled(tree, fresh)
    objdir = os.path.join(KIT, "build", "obj")
    for directory, _, names in os.walk(objdir):
        for n in names:
            if not n.endswith(".o"):
                continue
            obj = os.path.join(directory, n)
            dep = obj[:-2] + ".d"
            source = os.path.relpath(obj[:-2], objdir)
            if not os.path.isfile(os.path.join(tree, source)) \
                    or not up_to_date(obj, dep):
                continue
            target = os.path.join(tree, "build", "obj", source + ".o")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(obj, target)
            with open(dep, encoding="utf-8") as f:
                text = f.read().replace(KIT + os.sep, tree + os.sep)
            with open(target[:-2] + ".d", "w", encoding="utf-8") as f:
                f.write(text)
            for p in (target, target[:-2] + ".d"):
                os.utime(p, (now - 50, now - 50))


def seed_compiled(tree, fresh):
    """Give the tree run.py's modules as compiled for the kit (conftest),
    their sources dated as the kit's (which each compiled file names), so
    that the tree's run.py does not compile them at each of its runs."""
    cache = os.path.join(KIT, "grader", "__pycache__")
    if not os.path.isdir(cache) or any(p.startswith("grader" + os.sep) for p in fresh):
        return
    for name in os.listdir(os.path.join(KIT, "grader")):
        target = os.path.join(tree, "grader", name)
        if name.endswith(".py") and os.path.isfile(target):
            st = os.stat(os.path.join(KIT, "grader", name))
            os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    shutil.copytree(cache, os.path.join(tree, "grader", "__pycache__"))


def kernel_exit_written(tree):
    """Lesson 03 with kernel_exit written (the kit's) and kernel_entry still
    a stub: that stub runs at the guest's first exception, in the vector,
    before anything is saved; it must still speak and power off."""
    sys.path.insert(0, os.path.dirname(HANDOUT))
    import handout as writer
    path = "lessons/03-context-and-hvc/frame.h"
    with open(os.path.join(KIT, path), encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    exit_at = next(i for i, l in enumerate(lines) if l.startswith(".macro kernel_exit"))
    begin = max(i for i in range(exit_at) if writer.BEGIN.match(lines[i]))
    end = next(i for i in range(exit_at, len(lines)) if writer.END.match(lines[i]))
    del lines[end], lines[begin]        # kernel_exit is no longer a lab
    text, holes = writer.take_out_lab("".join(lines), path,
                                      writer.readme_sections(KIT, "03-context-and-hvc"))
    assert holes == ["kernel_entry"], holes
    with open(os.path.join(tree, path), "w", encoding="utf-8") as f:
        f.write(text)
    return grade(tree, "03")


def lab_of_lesson(number, parent):
    """Make lesson NN's handout, grade it, restore the reference, grade
    again. Returns what each step gave, for the tests to look at."""
    tree = os.path.join(parent, "handout-" + number)
    made = handout("--lesson", number, tree)
    if made.returncode != 0:
        return {"made": made}
    seed_objects(tree)
    stubbed = grade(tree, number)
    entry = None
    if number == "03":
        entry = kernel_exit_written(tree)
    changed = changed_from_kit(tree, "lessons" + os.sep)
    for path in changed:
        shutil.copyfile(os.path.join(KIT, path), os.path.join(tree, path))
    if number == "03":      # the student's `make test`: every lesson there
        restored = subprocess.run(["make", "-s", "test"], cwd=tree,
                                  stdin=subprocess.DEVNULL, capture_output=True,
                                  text=True, timeout=300)
    else:
        restored = grade(tree, number)
    return {"made": made, "tree": tree, "stubbed": stubbed, "entry": entry,
            "changed": changed, "restored": restored}


@pytest.fixture(scope="module")
def labs(tmp_path_factory):
    parent = str(tmp_path_factory.mktemp("handouts"))
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        futures = {n: pool.submit(lab_of_lesson, n, parent) for n in FIRST_MISSING}
        results = {n: f.result() for n, f in futures.items()}
    yield results
    shutil.rmtree(parent, ignore_errors=True)   # objects and QEMU images


def seconds(output, number):
    m = re.search(r"^(?:PASS|FAIL) %s-\S+\s+([\d.]+) s" % number, output, re.M)
    assert m, output
    return float(m.group(1))


@pytest.mark.parametrize("number", sorted(FIRST_MISSING))
def test_a_lab_fails_at_once_naming_what_to_write(labs, number):
    lab = labs[number]
    assert lab["made"].returncode == 0, lab["made"].stderr
    out = lab["stubbed"].stdout + lab["stubbed"].stderr
    function, path = FIRST_MISSING[number]
    assert lab["stubbed"].returncode == 1, out
    # run.py names the stub on the lesson's line, the README below it.
    assert re.search(r"^FAIL %s-\S+ +[\d.]+ s: the lab is not finished: %s is "
                     r"not written yet: write it in %s$"
                     % (number, function, re.escape(path)), out, re.M), out
    # ... and the README section that teaches it, as the README spells it.
    m = re.search(r'^ +(lessons/%s-[^/]+/README\.md), section "([^"]+)", '
                  r'teaches it$' % number, out, re.M)
    assert m, out
    with open(os.path.join(lab["tree"], m.group(1)), encoding="utf-8") as f:
        assert re.search(r"^#+ %s$" % re.escape(m.group(2)), f.read(), re.M)
    assert "TIMEOUT" not in out and seconds(out, number) < QUICK, out


def test_the_kernel_entry_stub_speaks_at_the_first_exception(labs):
    out = labs["03"]["entry"].stdout
    assert re.search(r"^FAIL 03-\S+ +[\d.]+ s: the lab is not finished: "
                     r"kernel_entry is not written yet", out, re.M), out
    assert "TIMEOUT" not in out and seconds(out, "03") < QUICK, out


@pytest.mark.parametrize("number", sorted(FIRST_MISSING))
def test_the_reference_put_back_passes(labs, number):
    lab = labs[number]
    assert lab["made"].returncode == 0, lab["made"].stderr
    # Only the lesson's own lab files differ from the kit.
    assert lab["changed"], "the handout took nothing out"
    assert all(p.startswith("lessons/%s-" % number) for p in lab["changed"]), lab["changed"]
    out = lab["restored"].stdout + lab["restored"].stderr
    assert lab["restored"].returncode == 0, out
    assert re.search(r"^PASS %s-" % number, out, re.M), out


def test_a_handout_holds_its_lesson_and_those_before_it(labs):
    tree = labs["05"]["tree"]
    names = files_under(tree)
    lessons = sorted({p.split(os.sep)[1] for p in names if p.startswith("lessons" + os.sep)})
    assert [l[:2] for l in lessons] == ["01", "02", "03", "04", "05"]
    expected = sorted(p for p in names if re.match(r"expected/\d\d-", p))
    assert expected == ["expected/%s.txt" % l for l in lessons]
    # What else run.py reads in expected/ comes along.
    assert {p for p in files_under(os.path.join(KIT, "expected"))
            if not re.match(r"\d\d-", p)} <= \
        {os.path.relpath(p, "expected") for p in names if p.startswith("expected/")}
    for kit_only in ("tests", "tools", ".ci"):
        assert not any(p.split(os.sep)[0] == kit_only for p in names), kit_only
    for path in ("README.md", "KIT.md", "common/lib/lab.c", "common/include/lab.h"):
        assert path in names, path
    with open(os.path.join(tree, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    assert "./run.py 05" in readme and "`mmio_emulate`" in readme
    with open(os.path.join(tree, ".github", "workflows", "classroom.yml"),
              encoding="utf-8") as f:
        workflow = f.read()
    assert "command: ./run.py 05" in workflow
    assert "autograding-grading-reporter" in workflow
    with open(os.path.join(tree, "KIT.md"), encoding="utf-8") as f:
        kit_md = f.read()
    assert "### Grading a class" not in kit_md
    assert "lessons/06-virtual-interrupts" not in kit_md      # a later lesson
    assert not re.search(r"^(tests|tools)/ ", kit_md, re.M)    # the layout
    # The sections of KIT.md the students' README sends them to are there.
    for title in re.findall(r'`KIT\.md`, "([^"]+)"', " ".join(readme.split())):
        assert re.search(r"^#+ %s$" % re.escape(title), kit_md, re.M), title
    log = subprocess.run(["git", "-C", tree, "log", "--format=%s"],
                         capture_output=True, text=True)
    assert log.returncode == 0 and len(log.stdout.splitlines()) == 1, log


@pytest.fixture(scope="module")
def listed():
    """handout.py --list, asked once for the two tests that read it."""
    return handout("--list")


def test_without_lesson_every_lab_is_taken_out(tmp_path, listed):
    tree = str(tmp_path / "all")
    made = handout(tree)
    assert made.returncode == 0, made.stderr
    assert listed.returncode == 0, listed.stderr
    for line in listed.stdout.splitlines():
        number, path, functions = re.match(r"(\d\d)  (\S+): (.*)", line).groups()
        with open(os.path.join(tree, path), encoding="utf-8") as f:
            text = f.read()
        for name in functions.split():
            assert 'lab_missing("%s"' % name in text or \
                'lab_stub "%s"' % name in text, (path, name)
    with open(os.path.join(tree, ".github", "workflows", "classroom.yml"),
              encoding="utf-8") as f:
        workflow = f.read()
    assert all("./run.py %s" % n in workflow for n in FIRST_MISSING)


def test_each_lesson_readme_names_its_lab(listed):
    assert listed.returncode == 0, listed.stderr
    for line in listed.stdout.splitlines():
        number, path, functions = re.match(r"(\d\d)  (\S+): (.*)", line).groups()
        readme = os.path.join(KIT, os.path.dirname(path.split("/guest")[0]), "README.md")
        with open(readme, encoding="utf-8") as f:
            text = f.read()
        m = re.search(r"^## The lab\n(.*?)(?=^## |\Z)", text, re.M | re.S)
        assert m, "%s has no section '## The lab'" % readme
        for name in functions.split():
            assert re.search(r"`%s\b" % name, m.group(1)), \
                "%s, '## The lab', does not name %s" % (readme, name)


@pytest.mark.parametrize("args, message", [
    ([], "say where the handout goes"),
    (["--lesson", "02", "{new}"], "lesson 02-el2-vectors has no lab"),
    (["--lesson", "99", "{new}"], "unknown lesson '99'"),
    (["{full}"], "exists and is not empty"),
    (["--lesson", "03", os.path.join(KIT, "build", "h")], "is inside the kit"),
])
def test_bad_input_is_one_clear_line(tmp_path, args, message):
    full = tmp_path / "full"
    full.mkdir()
    (full / "x").write_text("x")
    args = [a.format(new=tmp_path / "new", full=full) for a in args]
    proc = handout(*args)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and message in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "new").exists()


def test_an_uncommitted_change_of_the_kit_is_named(tmp_path):
    """A handout copies the kit's working tree: an instructor's edit not
    yet committed, or a stray file, would go to every student. make
    handout names them (tools/handout.py's uncommitted())."""
    sys.path.insert(0, os.path.dirname(HANDOUT))
    import handout as writer
    kit = tmp_path / "kit"
    (kit / "lessons" / "02-x").mkdir(parents=True)
    for name in ("main.c", "other.c"):
        (kit / "lessons" / "02-x" / name).write_text("int x;\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    for args in (["init", "-q"], ["add", "-A"],
                 ["-c", "user.name=t", "-c", "user.email=t@t", "-c",
                  "commit.gpgsign=false", "commit", "-q", "-m", "x"]):
        subprocess.run(["git", "-C", str(kit)] + args, check=True, env=env,
                       capture_output=True)
    paths = ["lessons/02-x/main.c", "lessons/02-x/other.c"]
    assert writer.uncommitted(str(kit), paths) == []
    # Changed, untracked, ignored (an answers file kept out of git), and
    # a name that is not UTF-8.
    (kit / "lessons" / "02-x" / "main.c").write_text("int y;\n")
    (kit / "lessons" / "02-x" / "new.c").write_text("int z;\n")
    (kit / "lessons" / "02-x" / "answers.txt").write_text("the lab\n")
    (kit / ".git" / "info" / "exclude").write_text("answers.txt\n")
    odd = os.fsdecode(b"lessons/02-x/caf\xe9.txt")
    with open(os.path.join(str(kit), odd), "w") as f:
        f.write("x\n")
    paths += ["lessons/02-x/new.c", "lessons/02-x/answers.txt", odd]
    assert writer.uncommitted(str(kit), paths) == [
        "lessons/02-x/main.c", "lessons/02-x/new.c", "lessons/02-x/answers.txt", odd]
    assert writer.uncommitted(str(tmp_path / "nowhere"), paths) == []
