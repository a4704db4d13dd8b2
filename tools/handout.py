#!/usr/bin/env python3
"""handout.py: write a student's tree: the kit with the lab of a lesson
taken out (`make handout [LESSON=NN] DEST=dir` runs it).

    tools/handout.py [--lesson NN] DEST

The lab is marked in the kit's own sources, so that the reference stays
the one copy of the code. A lesson's files hold one or more regions

    /* lab: README "pt_map: building tables" */
    ... C functions, or assembler macros (.macro ... .endm) ...
    /* end of lab */

where the title is a section heading of the lesson's README.md (its
number left out). In the handout each function or macro of a region
becomes a stub: the same signature, a comment naming what to write and
the section that teaches it, and a call to lab_missing() (lab.h, lab.c in
tools/handout/), which prints the same and powers the machine off. A
static function of a region that nothing outside the region calls is left
out altogether (a helper of the answer); one that is still called keeps a
stub.

With --lesson NN the tree has lessons up to NN: the earlier ones whole,
as the reference to build on, lesson NN with its lab taken out; later
lessons and their expected outputs are left out, so that the lab is
graded on its own. Without --lesson, every lesson is there and every lab
is taken out. The tree is a git repository with one commit, with a README
for students and a GitHub Classroom workflow that runs ./run.py on the
lab's lessons. The kit's tests/ and tools/ and its CI are not in it.

Errors are one line on stderr and exit status 2.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys

KIT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATES = os.path.join(KIT, "tools", "handout")

# Never in a handout: build output, the kit's own tests, CI and tools.
LEFT_OUT = {"build", ".git", "tests", "tools", ".ci", ".github",
            "__pycache__", ".pytest_cache"}
# Sections of the kit's README that speak to the kit's authors and
# instructors: KIT.md, the students' copy of it, goes without them.
KIT_ONLY_SECTIONS = ("Grading a class", "Tests of the tests",
                     "Handing out a lab")

# The students' README (tools/handout/README.md) says what is given.
GIVEN_ONE = """Everything else is given: the lessons before yours are the finished
   reference to build on (their files are part of your lesson's image),
   and so is the rest of your lesson."""
GIVEN_ALL = """Do the labs in lesson order: a lesson's image holds the code of every
   lesson before it, so lesson 04 runs only once lesson 03's lab is
   written. Everything outside the labs is given."""

BEGIN = re.compile(r'^\s*/\* lab: README "([^"]+)" \*/\s*$')
END = re.compile(r'^\s*/\* end of lab \*/\s*$')
HEADING = re.compile(r"^#{2,4} (?:\d+\. )?(.+?)\s*$")
LAB_FILE_SUFFIXES = (".c", ".h", ".S")


class HandoutError(Exception):
    """One line for the user: exit status 2."""


# ---- the kit --------------------------------------------------------------------

def lessons_in(kit):
    root = os.path.join(kit, "lessons")
    return sorted(d for d in os.listdir(root)
                  if re.match(r"^\d\d-", d)
                  and os.path.isfile(os.path.join(root, d, "Makefile")))


def lesson_files(kit, lesson):
    """The source files of a lesson, its guests' included, kit-relative."""
    out = []
    top = os.path.join(kit, "lessons", lesson)
    for directory, dirs, names in os.walk(top):
        dirs.sort()
        for n in sorted(names):
            if n.endswith(LAB_FILE_SUFFIXES):
                out.append(os.path.relpath(os.path.join(directory, n), kit))
    return out


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def readme_sections(kit, lesson):
    """Heading title (without its number) -> the heading as written."""
    path = os.path.join(kit, "lessons", lesson, "README.md")
    sections = {}
    if os.path.isfile(path):
        for line in read(path).splitlines():
            m = HEADING.match(line)
            if m:
                sections.setdefault(m.group(1), line.lstrip("#").strip())
    return sections


# ---- parsing a lab region -----------------------------------------------------------

class Piece:
    """A function or macro of a lab region."""

    def __init__(self, kind, name, lead, head, body, params=()):
        self.kind = kind          # "c" or "macro"
        self.name = name
        self.lead = lead          # comment and blank lines before it
        self.head = head          # signature lines, or the .macro line
        self.body = body          # the lines it is made of after head
        self.params = list(params)
        self.static = kind == "c" and re.search(r"\bstatic\b", "".join(head)) is not None


def find_regions(lines, where):
    """[(begin index, end index, title)]: the marker lines' indexes."""
    regions, begin = [], None
    for i, line in enumerate(lines):
        m = BEGIN.match(line)
        if m:
            if begin is not None:
                raise HandoutError("%s:%d: a lab region begins inside another "
                                   "(the one of line %d)" % (where, i + 1, begin[0] + 1))
            begin = (i, m.group(1))
        elif END.match(line):
            if begin is None:
                raise HandoutError("%s:%d: '/* end of lab */' without a "
                                   "'/* lab: README \"...\" */' before it"
                                   % (where, i + 1))
            regions.append((begin[0], i, begin[1]))
            begin = None
        elif "/* lab:" in line or "/* end of lab" in line:
            raise HandoutError("%s:%d: a lab marker is written "
                               "'/* lab: README \"Section title\" */' or "
                               "'/* end of lab */', alone on its line"
                               % (where, i + 1))
    if begin is not None:
        raise HandoutError("%s:%d: the lab region is never ended "
                           "('/* end of lab */')" % (where, begin[0] + 1))
    return regions


def top_level_groups(text):
    """The (start, end) of each top-level parenthesised group in text."""
    groups, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c == "(":
            if depth == 0:
                start = i
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                groups.append((start, i + 1))
    return groups


def c_signature(head, where):
    """The name and the parameter names of a C function definition."""
    text = " ".join(l.strip() for l in head)
    groups = [g for g in top_level_groups(text)
              if not re.search(r"__attribute__\s*$", text[:g[0]])]
    m = re.search(r"(\w+)\s*$", text[:groups[-1][0]]) if groups else None
    if not m or not text.endswith(")"):
        raise HandoutError("%s: cannot read the function signature %r"
                           % (where, text))
    params = []
    inner = text[groups[-1][0] + 1:groups[-1][1] - 1]
    depth, part, parts = 0, "", []
    for c in inner:
        depth += c == "("
        depth -= c == ")"
        if c == "," and depth == 0:
            parts.append(part)
            part = ""
        else:
            part += c
    parts.append(part)
    for p in parts:
        p = re.sub(r"\[[^\]]*\]", "", p).strip()
        if p in ("", "void", "..."):
            continue
        name = re.search(r"\(\s*\*\s*(\w+)\s*\)", p) or re.search(r"(\w+)\s*$", p)
        if not name:
            raise HandoutError("%s: cannot read the parameter %r" % (where, p))
        params.append(name.group(1))
    return m.group(1), params


def parse_region(lines, where):
    """The functions or macros between a region's markers."""
    pieces, lead, i = [], [], 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped or stripped.startswith(("/*", "*", "//")):
            lead.append(line)
            i += 1
            continue
        m = re.match(r"^\s*\.macro\s+(\w+)", line)
        if m:
            j = i + 1
            while j < len(lines) and not re.match(r"^\s*\.endm\b", lines[j]):
                j += 1
            if j == len(lines):
                raise HandoutError("%s: .macro %s has no .endm inside the "
                                   "lab region" % (where, m.group(1)))
            pieces.append(Piece("macro", m.group(1), lead, [line],
                                lines[i + 1:j + 1]))
            lead, i = [], j + 1
            continue
        if line[0].isspace() or stripped.startswith("#"):
            raise HandoutError("%s: %r: a lab region holds only whole "
                               "functions, macros and comments" % (where, stripped))
        j = i
        while j < len(lines) and lines[j].rstrip() != "{":
            if lines[j].rstrip().endswith(";"):
                raise HandoutError("%s: %r: a lab region holds only whole "
                                   "functions, macros and comments (no "
                                   "declarations)" % (where, stripped))
            j += 1
        k = j
        while k < len(lines) and lines[k].rstrip() != "}":
            k += 1
        if k >= len(lines):
            raise HandoutError("%s: the function at %r has no '{' and '}' "
                               "at the start of a line inside the lab region"
                               % (where, stripped))
        name, params = c_signature(lines[i:j], where)
        pieces.append(Piece("c", name, lead, lines[i:j], lines[j:k + 1], params))
        lead, i = [], k + 1
    if not pieces:
        raise HandoutError("%s: the lab region holds no function" % where)
    return pieces, lead


# ---- writing the stubs ----------------------------------------------------------------

def c_string(s):
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def lesson_of(path):
    return path.split("/")[1]


def stub_comment(piece, lesson, readme, section, helpers, indent):
    what = piece.name + ("()" if piece.kind == "c" else "")
    lines = ["/*",
             " * LAB %s: write %s here. It is taught in" % (lesson[:2], what),
             " * %s, section" % readme,
             " * \"%s\"." % section]
    if helpers:
        lines.append(" * The kit's own answer also has %s: yours to write, "
                     "or not." % ", ".join(h + "()" for h in helpers))
    lines.append(" */")
    return [indent + l + "\n" for l in lines]


def stub(piece, path, section, helpers):
    lesson = lesson_of(path)
    readme = "lessons/%s/README.md" % lesson
    name, path_, readme_, section_ = (c_string(s) for s in
                                      (piece.name, path, readme, section))
    lead = piece.lead
    if piece.kind == "macro":
        # cpp joins the lines (a header of assembler goes through cpp too).
        return (lead + piece.head
                + stub_comment(piece, lesson, readme, section, helpers, "\t")
                + ["\tlab_stub %s, %s, \\\n" % (name, path_),
                   "\t\t %s, \\\n" % readme_, "\t\t %s\n" % section_,
                   ".endm\n"])
    body = ["{\n"] + stub_comment(piece, lesson, readme, section, helpers, "\t")
    body += ["\t(void)%s;\n" % p for p in piece.params]
    body += ["\tlab_missing(%s, %s,\n" % (name, path_),
             "\t\t    %s,\n" % readme_, "\t\t    %s);\n" % section_, "}\n"]
    return lead + piece.head + body


def strip_comments_and_strings(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)


def file_scope_statics(lines):
    """Names of the static functions and variables defined at file scope."""
    names = []
    for line in lines:
        if not line.startswith("static "):
            continue
        decl = re.sub(r"__attribute__\s*\(\(.*?\)\)", "", line)
        decl = re.sub(r"\b(__section|__aligned)\s*\([^)]*\)", "", decl)
        if "(" in decl.split("=")[0]:
            m = re.search(r"(\w+)\s*\(", decl)
        else:
            m = re.search(r"(\w+)\s*(?:\[|=|;|$)", decl.strip())
        if m:
            names.append(m.group(1))
    return names


def take_out_lab(text, path, sections):
    """The file's text with its lab regions replaced by stubs, and the
    names of the functions and macros to write."""
    lines = text.splitlines(keepends=True)
    regions = find_regions(lines, path)
    if not regions:
        return text, []
    lesson = lesson_of(path)
    outside = "".join(l for n, l in enumerate(lines)
                      if not any(b <= n <= e for b, e, _ in regions))
    outside = strip_comments_and_strings(outside)

    out, last, holes, stubbed = [], 0, [], []
    for b, e, title in regions:
        if title not in sections:
            raise HandoutError("%s:%d: lab region names the section %r, which "
                               "lessons/%s/README.md does not have"
                               % (path, b + 1, title, lesson))
        pieces, trailing = parse_region(lines[b + 1:e], "%s:%d" % (path, b + 1))
        kept = [p for p in pieces if not p.static
                or re.search(r"\b%s\b" % re.escape(p.name), outside)]
        helpers = [p.name for p in pieces if p not in kept]
        out += lines[last:b + 1]
        if kept and kept[0] is not pieces[0]:
            while kept[0].lead and not kept[0].lead[0].strip():
                kept[0].lead.pop(0)
        for n, p in enumerate(kept):
            out += stub(p, path, sections[title], helpers if n == 0 else [])
            stubbed.append(len(out))
            holes.append(p.name)
        out += trailing + [lines[e]]
        last = e + 1
    out += lines[last:]

    # Helpers and tables the kit leaves in place, used only by what was
    # taken out: a stub mentions them, or -Wunused would stop the build.
    code = strip_comments_and_strings("".join(out))
    unused = [n for n in file_scope_statics(out)
              if len(re.findall(r"\b%s\b" % re.escape(n), code)) == 1]
    calls = [i for i, l in enumerate(out) if l.startswith("\tlab_missing(")]
    if unused:
        if not calls:
            raise HandoutError("%s: %s would be unused in the handout"
                               % (path, ", ".join(unused)))
        at = calls[0]
        out[at:at] = (["\t/* Given, for you to use: %s. */\n"
                       % ", ".join(unused)]
                      + ["\t(void)%s;\n" % n for n in unused])

    # The stubs need lab.h: after the file's includes, or for a header
    # (whose includes may be in a C-only branch) just before the first one.
    first = next(i for i, l in enumerate(out) if BEGIN.match(l))
    at = first
    if path.endswith(".c"):
        includes = [i for i, l in enumerate(out[:first]) if l.startswith("#include")]
        at = includes[-1] + 1 if includes else 0
    out[at:at] = ['#include "lab.h"\n'] + (["\n"] if at == first else [])
    return "".join(out), holes


def labs(kit):
    """{lesson: [(path, [function or macro names])]} for every lesson with
    a lab, checking every marker."""
    result = {}
    for lesson in lessons_in(kit):
        sections = readme_sections(kit, lesson)
        for path in lesson_files(kit, lesson):
            _, holes = take_out_lab(read(os.path.join(kit, path)), path, sections)
            if holes:
                result.setdefault(lesson, []).append((path, holes))
    return result


# ---- the tree -----------------------------------------------------------------------------

def kit_files(kit, lessons):
    """Kit-relative paths of the files a handout copies as they are."""
    keep_lessons = set(lessons)
    keep_expected = {l + ".txt" for l in lessons}
    out = []
    for directory, dirs, names in os.walk(kit):
        rel = os.path.relpath(directory, kit)
        if rel == ".":
            # (In a git worktree .git is a file: it must not come along.)
            dirs[:] = [d for d in dirs if d not in LEFT_OUT]
            names = [n for n in names if n not in LEFT_OUT | {"README.md"}]
        else:
            dirs[:] = [d for d in dirs if d not in ("__pycache__",)]
        if rel == "lessons":
            dirs[:] = [d for d in dirs if d in keep_lessons]
        if rel == "expected":       # a later lesson's output goes too
            names = [n for n in names if n in keep_expected
                     or not re.match(r"^\d\d-", n)]
        dirs.sort()
        for n in sorted(names):
            if not n.endswith((".pyc", "~")):
                out.append(os.path.normpath(os.path.join(rel, n)))
    return out


def kit_readme_for_students(text, lessons):
    """The kit's README without the sections for its authors, the rows of
    lessons the handout leaves out, and the layout lines of what it does
    not hold."""
    out, skip_level = [], None
    for line in text.splitlines(keepends=True):
        m = re.match(r"^(#+) (.*)$", line)
        if m:
            level = len(m.group(1))
            if skip_level is not None and level <= skip_level:
                skip_level = None
            if m.group(2).strip() in KIT_ONLY_SECTIONS:
                skip_level = level
        row = re.match(r"^\| \[(\d\d-[^\]]+)\]\(lessons/", line)
        if row and row.group(1) not in lessons:
            continue
        if re.match(r"^(tests/|tools/|\.ci/)\S* {2,}", line):
            continue
        if skip_level is None:
            out.append(line)
    return "".join(out)


def fill(template, values):
    text = read(os.path.join(TEMPLATES, template))
    for key, value in values.items():
        text = text.replace("@%s@" % key, value)
    if re.search(r"@[A-Z_]+@", text):
        raise HandoutError("tools/handout/%s: %s is not filled in"
                           % (template, re.search(r"@[A-Z_]+@", text).group(0)))
    return text


def classroom_steps(lab_lessons):
    steps, ids = [], []
    for lesson in lab_lessons:
        sid = "lesson-" + lesson[:2]
        ids.append(sid)
        steps.append(
            "      - name: lesson %s\n"
            "        id: %s\n"
            "        uses: classroom-resources/autograding-command-grader@v1\n"
            "        with:\n"
            "          test-name: lesson %s\n"
            "          command: ./run.py %s\n"
            "          timeout: 10\n"
            "          max-score: 10\n" % (lesson, sid, lesson, lesson[:2]))
    env = "".join("          %s_RESULTS: \"${{ steps.%s.outputs.result }}\"\n"
                  % (sid.upper().replace("-", "_"), sid) for sid in ids)
    return "".join(steps), env, ",".join(ids)


def lab_table(found, lab_lessons):
    rows = []
    for lesson in lab_lessons:
        for path, holes in found[lesson]:
            rows.append("   | %s | `%s` | %s |" % (
                lesson[:2], path,
                ", ".join("`%s`" % h for h in holes)))
    return "\n".join(rows)


def git_env():
    """The environment without GIT_*: git finds its repository from -C."""
    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}


def git(dest, *args):
    """git in the new tree's own repository, and no other."""
    env = git_env()
    if args[0] != "init":
        env.update(GIT_DIR=os.path.join(dest, ".git"), GIT_WORK_TREE=dest)
    proc = subprocess.run(["git", "-C", dest] + list(args), env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True)
    if proc.returncode != 0:
        msg = (proc.stderr.strip().splitlines() or ["failed"])[-1]
        raise HandoutError("git %s: %s" % (args[0], msg))


def check_dest(dest):
    if not dest:
        raise HandoutError("say where the handout goes: make handout DEST=dir "
                           "[LESSON=NN]")
    full = os.path.realpath(dest)
    if os.path.exists(full):
        if not os.path.isdir(full):
            raise HandoutError("DEST %s exists and is not a directory" % dest)
        if os.listdir(full):
            raise HandoutError("DEST %s exists and is not empty: give a new "
                               "directory" % dest)
    kit = os.path.realpath(KIT)
    if full == kit or full.startswith(kit + os.sep):
        raise HandoutError("DEST %s is inside the kit: give a directory "
                           "outside it" % dest)
    parent = os.path.dirname(full)
    if not os.path.isdir(parent):
        raise HandoutError("DEST %s: %s does not exist" % (dest, parent))
    return full


def choose(lesson, found, all_lessons):
    """(lessons in the tree, lessons whose lab is taken out)."""
    if not lesson:
        return all_lessons, sorted(found)
    match = [l for l in all_lessons if l == lesson or l[:2] == lesson]
    if not match:
        raise HandoutError("unknown lesson '%s'; the lessons are: %s"
                           % (lesson, " ".join(all_lessons)))
    if match[0] not in found:
        raise HandoutError("lesson %s has no lab to hand out; the lessons with "
                           "a lab are: %s" % (match[0], " ".join(sorted(found))))
    return all_lessons[:all_lessons.index(match[0]) + 1], match


def uncommitted(kit, paths):
    """Of the kit-relative paths, those that are not as the kit's last
    commit has them: changed, untracked or ignored by git (a handout copies
    the working tree, so an instructor's unfinished edit, or an answers
    file kept out of git, would go to every student). Empty when the kit
    is not a git checkout."""
    def ls_files(*args):
        proc = subprocess.run(["git", "-C", kit, "ls-files", "-z"] + list(args),
                              env=git_env(), stdin=subprocess.DEVNULL,
                              capture_output=True)
        if proc.returncode != 0:
            raise OSError("git ls-files failed")
        return {os.fsdecode(p) for p in proc.stdout.split(b"\0") if p}
    try:
        tracked, modified = ls_files(), ls_files("--modified")
    except OSError:
        return []
    return [p for p in paths if p not in tracked or p in modified]


def write_handout(dest, lesson=None):
    if shutil.which("git") is None:
        raise HandoutError("git not found: it is in Debian's git package")
    full = check_dest(dest)
    found = labs(KIT)
    all_lessons = lessons_in(KIT)
    lessons, lab_lessons = choose(lesson, found, all_lessons)

    os.makedirs(full, exist_ok=True)
    lab_paths = {p for l in lab_lessons for p, _ in found[l]}
    copied = kit_files(KIT, lessons)
    for path in copied:
        src = os.path.join(KIT, path)
        target = os.path.join(full, path)
        if path in lab_paths:
            text, _ = take_out_lab(read(src), path,
                                   readme_sections(KIT, lesson_of(path)))
            write(target, text)
        else:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copy2(src, target)
    shutil.copy2(os.path.join(TEMPLATES, "lab.h"),
                 os.path.join(full, "common", "include", "lab.h"))
    shutil.copy2(os.path.join(TEMPLATES, "lab.c"),
                 os.path.join(full, "common", "lib", "lab.c"))

    numbers = " ".join(l[:2] for l in lab_lessons)
    steps, env, runners = classroom_steps(lab_lessons)
    values = {
        "TITLE": ("lesson " + lab_lessons[0]) if lesson else "every lesson",
        "LAB_LESSONS": ", ".join("[%s](lessons/%s/README.md)" % (l, l)
                                 for l in lab_lessons),
        "LAB_NUMBERS": numbers,
        "FIRST": lab_lessons[0][:2],
        "LESSONS": " ".join(l[:2] for l in lessons),
        "LAB_TABLE": lab_table(found, lab_lessons),
        "GIVEN": GIVEN_ONE if lesson else GIVEN_ALL,
        "STEPS": steps, "ENV": env, "RUNNERS": runners,
    }
    write(os.path.join(full, "README.md"), fill("README.md", values))
    write(os.path.join(full, "KIT.md"),
          kit_readme_for_students(read(os.path.join(KIT, "README.md")),
                                  lessons))
    write(os.path.join(full, ".github", "workflows", "classroom.yml"),
          fill("classroom.yml", values))

    if os.path.lexists(os.path.join(full, ".git")):
        raise HandoutError("%s/.git exists: not making a repository there" % dest)
    git(full, "init", "-q")
    git(full, "add", "-A")
    git(full, "-c", "user.name=stepvisor handout",
        "-c", "user.email=handout@stepvisor.invalid",
        "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null",
        "commit", "-q",
        "-m", "stepvisor handout: the lab of %s" % values["TITLE"])
    changed = uncommitted(KIT, copied)
    if changed:
        one = len(changed) == 1
        print("handout: note: %d file%s not as the kit's last commit has %s "
              "(changed, untracked or ignored by git) %s to the students as "
              "%s: %s" % (len(changed), "" if one else "s", "it" if one else "them",
                          "goes" if one else "go", "it is" if one else "they are",
                          " ".join(os.fsencode(p).decode("utf-8", "backslashreplace")
                                   for p in changed[:5])
                          + (" ..." if len(changed) > 5 else "")))
    holes = sum(len(h) for l in lab_lessons for _, h in found[l])
    print("handout: %s in %s: lessons %s, %d functions to write in %d files; "
          "a git repository with one commit. Check a lab with ./run.py %s"
          % (values["TITLE"], dest, values["LESSONS"], holes, len(lab_paths),
             lab_lessons[0][:2]))


def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="handout.py", description="Write a student's tree: the kit with "
        "the lab of one lesson (or of every lesson) taken out.")
    parser.add_argument("--lesson", metavar="NN",
                        help="the lesson whose lab is handed out (default: "
                             "every lesson's)")
    parser.add_argument("dest", metavar="DEST", nargs="?", default="",
                        help="a new or empty directory for the tree")
    parser.add_argument("--list", action="store_true",
                        help="print each lesson's lab (file: functions) and "
                             "check every marker; write nothing")
    args = parser.parse_args(argv)
    try:
        if args.list:
            for lesson, files in sorted(labs(KIT).items()):
                for path, holes in files:
                    print("%s  %s: %s" % (lesson[:2], path, " ".join(holes)))
            return 0
        write_handout(args.dest, args.lesson)
        return 0
    except HandoutError as e:
        print("make handout: %s" % e, file=sys.stderr)
        return 2
    except OSError as e:
        print("make handout: %s: %s" % (getattr(e, "filename", "") or "",
                                        e.strerror or e), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
