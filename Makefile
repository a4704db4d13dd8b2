# stepvisor: build, run, debug and test the lessons.
#
#   make                  build every lesson into build/NN-name/
#   make LESSON=02        build one lesson
#   make run [LESSON=NN]  boot a lesson in QEMU (default: the last lesson)
#   make gdb [LESSON=NN]  boot it halted and attach gdb-multiarch
#     GDBCMDS=file        run the gdb commands in file, then quit
#     GDB_PORT=N          QEMU's gdb port (default 1234)
#   make files LESSON=NN  list the files that make a lesson, by origin
#   make test             check every lesson's output against expected/, then
#                         test run.py itself and the deliberate faults (tests/)
#   make test-all         make test, and the checks too slow for it (CI runs
#                         this: tests/README.md)
#   make handout [LESSON=NN] DEST=dir
#                         write a student's tree: the kit with the lab of
#                         lesson NN (of every lesson without LESSON) taken
#                         out, as a git repository (tools/handout.py)
#   make POISON=1 ...     build (run, gdb) the poison boot: every register
#                         junk at reset (README "The poison boot")
#   make deps             install the Debian packages the kit needs
#   make fetch            download lesson 08's Debian kernel (no root needed)
#   make clean            remove build/, but for lesson 08's download
#
# `make run` and `make test` install missing packages first (apt-get; sudo
# when not root), so on a fresh Debian machine they are all you need.

LESSONS := $(sort $(notdir $(wildcard lessons/[0-9][0-9]-*)))
ifdef LESSON
SELECTED := $(filter $(LESSON) $(LESSON)-%,$(LESSONS))
ifeq ($(SELECTED),)
$(error unknown lesson '$(LESSON)'; the lessons are: $(LESSONS))
endif
else
SELECTED := $(LESSONS)
endif
ONE := $(lastword $(SELECTED))

# CROSS_COMPILE, QEMU, GDB (Debian's by default; README "Platforms").
include common/tools.mk

# Debian's python3 has python3-pexpect; a pyenv python3 on PATH may not.
PYTHON ?= $(firstword $(wildcard /usr/bin/python3) python3)

# tool:package pairs (the Debian packages of the default tools), and the
# packages `make deps` installs.
TOOLS    := $(CROSS_COMPILE)gcc:gcc-aarch64-linux-gnu \
	    $(CROSS_COMPILE)objdump:binutils-aarch64-linux-gnu \
	    $(QEMU):qemu-system-arm \
	    $(GDB):gdb-multiarch
PACKAGES := gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu qemu-system-arm \
	    gdb-multiarch python3 python3-pexpect python3-pytest \
	    python3-pytest-xdist patch make bubblewrap
SUDO     := $(if $(filter 0,$(shell id -u)),,sudo)
# Lesson 08's guest: Debian's arm64 kernel and busybox, downloaded (not
# installed, no root needed) into build/debian once; about 25 MB and half a
# minute the first time, nothing after (lessons/08-linux-guest/README.md).
LINUX_FETCH := $(if $(wildcard lessons/08-linux-guest/debian-fetch.sh),\
	lessons/08-linux-guest/debian-fetch.sh build/debian,true)

.PHONY: all run gdb files test test-all test-build handout deps fetch ensure-deps clean $(LESSONS)

all: $(SELECTED)

$(LESSONS):
	@$(MAKE) --no-print-directory -C lessons/$@

# Lesson 08's KERNEL= and INITRD= name files from here; the lesson's make
# runs in its own directory.
FILES_FROM_HERE := $(if $(KERNEL),KERNEL=$(abspath $(KERNEL))) \
		   $(if $(INITRD),INITRD=$(abspath $(INITRD)))

run: ensure-deps
	@$(MAKE) --no-print-directory -C lessons/$(ONE) run $(FILES_FROM_HERE)

gdb: ensure-deps
	@$(MAKE) --no-print-directory -C lessons/$(ONE) gdb $(FILES_FROM_HERE) \
		$(if $(GDBCMDS),GDBCMDS=$(abspath $(GDBCMDS)))

files:
	@$(MAKE) --no-print-directory -C lessons/$(ONE) files

# The lessons' outputs, and run.py's own tests and the fault checks
# (tests/README.md), a test file per core and one more (pytest-xdist,
# TEST_WORKERS); each stage prints its wall time. With LESSON=NN, that
# lesson's output only.
# (A student's tree from `make handout` has no tests/, and is held to the
# figures' rules, not to the kit's own figures: no --exact there.)
# The two stages run at once, once the lessons are built (the tests copy
# the kit's objects): the lessons' check leaves a core idle while lesson
# 08 boots Linux, and the tests take it. The tests' output is shown when
# the lessons' is done; a lesson that fails does not stop them.
# The tests' copies go to a directory of this run's own (--basetemp),
# removed when they pass, in the background, kept when they fail (for a
# look; make test says where): pytest's default, /tmp/pytest-of-USER, is
# every pytest run's, and each run deletes all but the newest three at
# its end, other users' runs included. They are about 260 MB in 29000
# files, and the files cost more than the bytes: where /tmp is a disk (a
# default Debian 12; a default Debian 13's is in memory) and TMPDIR is not
# set, they go to /dev/shm, memory, when it is a tmpfs mounted there (not
# the bare directory of /dev, which stat also calls tmpfs) with a GiB
# free. Here (ext4, 2 cores, the tests alone, one run each at load 5-6):
# system CPU 49.8 s in /tmp, 35.9 s in /dev/shm; user 64.8 and 69.8 s.
SCRATCH = if [ -z "$${TMPDIR:-}" ] && [ "$$(stat -f -c %T /tmp)" != tmpfs ] && \
	[ "$$(stat -f -c %T /dev/shm 2>/dev/null)" = tmpfs ] && \
	[ "$$(stat -c %d /dev/shm)" != "$$(stat -c %d /dev)" ] && [ -w /dev/shm ] && \
	[ $$(($$(stat -f -c '%a * %S' /dev/shm) >> 30)) -ge 1 ]; \
	then echo /dev/shm; else echo "$${TMPDIR:-/tmp}"; fi
# Some tests wait (a run.py at a time, the sandbox, a stand-in's sleep):
# a worker more than the cores fills that time, 3.7 s less wall time on
# 2 cores (the commit that made it so has the figures). nproc is asked
# without OpenMP's variables, which it obeys.
TEST_WORKERS = $$(($$(env -u OMP_NUM_THREADS -u OMP_THREAD_LIMIT nproc \
	2>/dev/null || echo 2) + 1))
now = date +%s.%N
since = $$(echo "$$($(now)) $(1)" | awk '{printf "%.1f", $$1 - $$2}') s wall
timed = start=$$($(now)); $(1); status=$$?; echo "make test: $(2): $(call \
	since,$$start) (load average $$(cut -d' ' -f1 /proc/loadavg))"
LESSONS_CHECK = $(PYTHON) run.py $(if $(wildcard tests/*.py),--exact) \
	--cross-compile '$(CROSS_COMPILE)' --qemu '$(QEMU)' $(if $(LESSON),$(SELECTED))
# sh starts a command in the background with Ctrl-C (SIGINT) ignored:
# this gives it back.
INTERRUPTIBLE = $(PYTHON) -c 'import os, signal, sys; \
	signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])'
ifneq ($(LESSON)$(if $(wildcard tests/*.py),,no-tests),)
test: ensure-deps
	@$(call timed,$(LESSONS_CHECK),the lessons); exit $$status
else
test: ensure-deps test-build
	@tmp=$$(mktemp -d "$$($(SCRATCH))/stepvisor-tests.XXXXXX") || exit 1; \
	begin=$$($(now)); \
	( $(call timed,$(INTERRUPTIBLE) $(PYTHON) -m pytest -p no:cacheprovider -q \
		-n $(TEST_WORKERS) --dist loadfile --basetemp "$$tmp/base" tests,the tests of the \
		tests); exit $$status ) </dev/null >"$$tmp/tests.txt" 2>&1 & tests=$$!; \
	$(call timed,$(LESSONS_CHECK),the lessons); lessons=$$status; \
	tail -n +1 -s 0.1 --pid=$$tests -f "$$tmp/tests.txt"; \
	wait $$tests; status=$$?; \
	echo "make test: $(call since,$$begin) in all"; \
	if [ $$status = 0 ]; then { rm -rf "$$tmp" </dev/null >/dev/null 2>&1 & }; \
	else echo "make test: the tests' copies are kept in $$tmp (rm -rf it when done$$(\
		case $$tmp in /dev/shm/*) echo ': they hold memory';; esac))"; fi; \
	[ $$lessons = 0 ] && exit $$status || exit $$lessons
endif

# Every lesson built, before the tests copy the kit's objects (a build
# error stops make test here, with the compiler's message); a job per core
# (two lessons that both need a file may both compile it: build.mk writes
# each object whole, by rename; still 7.6 -> 5.7 s on 2 cores).
test-build: ensure-deps
	@$(MAKE) --no-print-directory -s -j$$(nproc 2>/dev/null || echo 2) all

# CI: everything make test checks, and what is too slow for it: each
# variant (tests/variants/) under lesson 08 too.
test-all:
	@STEPVISOR_TEST_ALL=1 $(MAKE) --no-print-directory test

handout:
ifeq ($(wildcard tools/handout.py),)
	@echo "make handout: this tree is a handout already; make one from the kit"; exit 2
else
	@$(PYTHON) tools/handout.py $(if $(LESSON),--lesson $(LESSON)) -- "$(DEST)"
endif

# Install only when something is missing, so `make test` stays fast.
# The Python modules are looked for, not imported: one python3 that finds
# all three costs 20 ms; importing pytest and xdist cost 0.6 s of CPU, at
# every `make run` and `make gdb` (tests/test_gdb_transcripts.py runs a
# dozen). MODULES: module:package pairs; FIND_MODULES prints the packages
# of those not found.
MODULES := pexpect:python3-pexpect pytest:python3-pytest xdist:python3-pytest-xdist
FIND_MODULES := import importlib.util as u, sys; print(" ".join(p for m, p in \
	(a.split(":") for a in sys.argv[1:]) if u.find_spec(m) is None))
ensure-deps:
	@missing=""; \
	for tp in $(TOOLS); do \
		command -v $${tp%%:*} >/dev/null 2>&1 || missing="$$missing $${tp##*:}"; \
	done; \
	py=$$($(PYTHON) -c '$(FIND_MODULES)' $(MODULES) 2>/dev/null \
		|| echo python3 $(foreach m,$(MODULES),$(lastword $(subst :, ,$(m))))); \
	missing="$$missing$${py:+ $$py}"; \
	command -v patch >/dev/null 2>&1 || missing="$$missing patch"; \
	command -v bwrap >/dev/null 2>&1 || missing="$$missing bubblewrap"; \
	if [ -n "$$missing" ]; then \
		echo "stepvisor: installing missing Debian packages:$$missing"; \
		$(MAKE) --no-print-directory deps; \
	fi
	@$(LINUX_FETCH)

deps:
	@command -v apt-get >/dev/null 2>&1 || { echo "make deps: apt-get not found: install these Debian packages by hand: $(PACKAGES)"; exit 1; }
	@[ -z "$(SUDO)" ] || command -v sudo >/dev/null 2>&1 || { echo "make deps: not root and no sudo: as root, run apt-get install $(PACKAGES)"; exit 1; }
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(PACKAGES)
	@$(LINUX_FETCH)

# Lesson 08's download alone: no root, no package installed (what a
# student without sudo, on a machine that has the packages, needs).
fetch:
	@$(LINUX_FETCH)
	@if [ -s build/debian/release ]; then \
		echo "make fetch: lesson 08's kernel is in build/debian: Linux $$(cat build/debian/release)"; \
	else echo "make fetch: no lesson 08 here: nothing to download"; fi

# build/debian (lesson 08's download) stays: rm -rf build/debian to fetch again.
clean:
	@[ ! -d build ] || find build -mindepth 1 -maxdepth 1 ! -name debian -exec rm -rf {} +
