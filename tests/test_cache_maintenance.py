"""Cache maintenance after loading a guest: a static check.

The hypervisor writes a guest's memory through its own map, where RAM is
Normal write-back: the bytes may stay in the data cache, while a guest with
its MMU off reads memory around the cache. So every copy into memory a
guest will see must be followed, in the same function, by a clean and
invalidate of the same range (lesson 04 README, section 9). QEMU models no
caches: no lesson can fail without it, so this test reads the code instead.

Every memcpy()/memset() whose destination is a cast address,
`memcpy((void *)DEST, ...)`, in the hypervisor's C files (not the guest
programs) must be followed in its function by
`dcache_clean_inval_range(DEST, ...)`, DEST written the same way.
"""
import os
import re

from conftest import KIT, argument_end

# Destinations no guest maps: copies for the hypervisor itself.
HYPERVISOR_ONLY = {
    ("lessons/08-linux-guest/linux.c", "LINUX_PRISTINE_PA"):
        "the Image kept for a restart; no guest's stage 2 maps it",
}

# Guest programs: built apart, they are not the hypervisor.
GUEST_DIRS = {"guest", "counter", "primes", "rogue", "vector", "bench"}

COPY = re.compile(r"\bmem(?:cpy|set)\(\s*\(void \*\)\s*")


def sources():
    for top in ("lessons", os.path.join("common", "lib")):
        for root, dirs, files in os.walk(os.path.join(KIT, top)):
            dirs[:] = sorted(d for d in dirs if d not in GUEST_DIRS)
            for name in sorted(files):
                if name.endswith(".c"):
                    yield os.path.relpath(os.path.join(root, name), KIT)


def argument(text, i):
    """The text of the argument that starts at i, up to its ',' or ')'."""
    return re.sub(r"\s+", "", text[i:argument_end(text, i)])


def strip_parens(expr):
    while expr.startswith("(") and expr.endswith(")") and \
            argument(expr[1:], 0) == expr[1:-1]:
        expr = expr[1:-1]
    return expr


def function_end(text, i):
    """Where the function that contains i ends: its closing brace at
    column 0 (the kit's style)."""
    m = re.compile(r"^}", re.M).search(text, i)
    return m.start() if m else len(text)


def problems(path, text):
    found = []
    for m in COPY.finditer(text):
        dest = strip_parens(argument(text, m.end()))
        if (path, dest) in HYPERVISOR_ONLY:
            continue
        body = text[m.end():function_end(text, m.end())]
        cleans = {strip_parens(argument(body, c.end()))
                  for c in re.finditer(r"\bdcache_clean_inval_range\(\s*", body)}
        if dest not in cleans:
            line = text.count("\n", 0, m.start()) + 1
            found.append("%s:%d: %s is written, and not cleaned to memory "
                         "(dcache_clean_inval_range(%s, ...)) before the "
                         "function ends" % (path, line, dest, dest))
    return found


def test_every_copy_into_guest_memory_is_cleaned():
    errors = []
    for path in sources():
        with open(os.path.join(KIT, path), encoding="utf-8") as f:
            errors += problems(path, f.read())
    assert not errors, "guest memory written without cache maintenance:\n  " + \
        "\n  ".join(errors)


def test_the_check_sees_a_missing_clean():
    good = ("void load(struct vm *vm)\n{\n"
            "\tmemcpy((void *)vm->ram_pa, vm->image, size);\n"
            "\tdcache_clean_inval_range(vm->ram_pa, vm->ram_size);\n}\n")
    bad = good.replace("\tdcache_clean_inval_range(vm->ram_pa, vm->ram_size);\n", "")
    other = good.replace("(vm->ram_pa, vm->ram_size)", "(vm->other, 4096)")
    later = bad + "void next(void)\n{\n\tdcache_clean_inval_range(vm->ram_pa, 1);\n}\n"
    assert problems("x.c", good) == []
    assert len(problems("x.c", bad)) == 1
    assert len(problems("x.c", other)) == 1
    assert len(problems("x.c", later)) == 1, "a clean in another function counts"
    paren = "void f(void)\n{\n\tmemset((void *)(A + B), 0, 8);\n" \
            "\tdcache_clean_inval_range(A + B, 8);\n}\n"
    assert problems("x.c", paren) == []
