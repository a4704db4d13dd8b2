# common/build.mk: the one recipe that builds every lesson.
#
# A lesson's Makefile sets a few variables and includes this file:
#   SEMIHOSTING := yes    let the image end the run through semihosting
#                         (lessons 01 and 02 only: they run no guest)
#   GUESTS := a b         each lessons/NN/a/ is a separate guest program,
#                         linked at its own IPA and embedded in the image
#                         (from lesson 04; lesson 03's guest/ is linked in)
#                         (a name that is not a directory of the lesson is
#                         an earlier lesson's guest program, built from
#                         there: lesson 08 runs lesson 07's counter)
#   BLOBS := a b          files the lesson's Makefile makes as
#                         build/NN-name/a.bin, embedded in the image as
#                         blob_a .. blob_a_end (lesson 08: the initramfs)
#   QEMU_MEMORY := 256M   the machine's RAM (default 128M)
#   QEMU_EXTRA := ...     more QEMU options (lesson 08: the kernel's loader)
#   OUT_SUFFIX := x       build into build/NN-name+x/ (another configuration)
#   HOSTILE_GUESTS := yes the lesson's main.c runs one more guest when the
#                         build embeds one: `make HOSTILE=NAME` builds
#                         tests/hostile/NAME/ as a guest named NAME into
#                         build/NN-name+NAME/ (lesson 07; tests/README.md)
#
# On the command line (or in the environment):
#   CROSS_COMPILE, QEMU   other tools than Debian's (common/tools.mk)
#   GUEST_CFLAGS=-O0      extra flags for the guest programs only, e.g. to
#                         see that a guest's device accesses do not depend on
#                         the optimisation level (tests/test_platforms.py).
#                         Such a build has directories of its own,
#                         build/obj-guest-O0/ and build/NN-name-guest-O0/.
#
# How lessons share code (see the top README):
#   lesson NN = common/lib + the files of every earlier lesson + its own.
#   main.c and guest/ belong to their lesson alone and are never inherited.
#   No lesson holds a file with the name of an inherited one: a lesson adds,
#   it does not copy. Where a later lesson must change behaviour, the earlier
#   lesson marks the function __weak and the later one defines it again.

KIT	:= $(abspath $(dir $(lastword $(MAKEFILE_LIST)))..)
LESSON_NAME := $(notdir $(CURDIR))
# No built-in rules (the kit has its own): without them make tries far
# fewer ways to remake each included .d file, and a build that has nothing
# to do (run.py's check before every boot) takes half the time.
# (make -s is looked for first: once this is added, the flags' first word
# reads "--no-builtin-rules", whose "s" would look like -s.)
SILENT := $(findstring s,$(firstword -$(MAKEFLAGS)))
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:
empty	:=
GUEST_TAG := $(if $(strip $(GUEST_CFLAGS)),-guest$(subst $(empty) $(empty),,$(strip $(GUEST_CFLAGS))))
OUT	:= $(KIT)/build/$(LESSON_NAME)$(GUEST_TAG)

# A hostile test guest (tests/hostile/NAME/) beside the lesson's own: its
# image is guest_image_hostile, its name guest_name_hostile. Built apart,
# so that the lesson's own image stays as it is.
ifdef HOSTILE
ifneq ($(HOSTILE_GUESTS),yes)
$(error HOSTILE=$(HOSTILE): lessons/$(LESSON_NAME) runs no test guest; lesson 07 does)
endif
HOSTILE_DIR := $(KIT)/tests/hostile/$(HOSTILE)
ifeq ($(wildcard $(HOSTILE_DIR)/*.c),)
$(error HOSTILE=$(HOSTILE): tests/hostile/$(HOSTILE)/ holds no guest program; there are: $(notdir $(wildcard $(KIT)/tests/hostile/*)))
endif
OUT	:= $(OUT)+$(HOSTILE)
GUESTS	+= hostile
endif
# Another build of the same lesson, with other options, kept apart so that
# neither rebuilds the other (lesson 08's ALONE=1: Linux without the counter).
ifdef OUT_SUFFIX
OUT	:= $(OUT)+$(OUT_SUFFIX)
endif
# The poison boot (README "The poison boot"): with POISON=1 the image
# starts at common/poison/poison.S, which fills the registers the kit must
# initialise with junk before _start runs. Built apart, into
# build/NN-name+poison/; every other object is the same, and so are the
# guests' images: those of build/NN-name/ (GUEST_OUT), not linked again.
GUEST_OUT := $(OUT)
ifeq ($(POISON),1)
OUT	:= $(OUT)+poison
endif
POISON_LDFLAGS := -Wl,-e,poison_start
ELF	:= $(OUT)/lesson.elf

# ---- which files make this lesson -------------------------------------------
ALL_LESSONS := $(sort $(notdir $(wildcard $(KIT)/lessons/[0-9][0-9]-*)))
# The lessons up to and including $(1): those that sort no later than it.
lessons_upto = $(foreach l,$(ALL_LESSONS),\
	$(if $(filter $(l),$(firstword $(sort $(l) $(1)))),$(KIT)/lessons/$(l)))
EARLIER	:= $(filter-out $(LESSON_NAME),$(notdir $(call lessons_upto,$(LESSON_NAME))))
EARLIER_DIRS := $(addprefix $(KIT)/lessons/,$(EARLIER))
srcs_in	= $(wildcard $(addsuffix /*.c,$(1)) $(addsuffix /*.S,$(1)))
hdrs_in	= $(wildcard $(addsuffix /*.h,$(1)))

COMMON_SRC	:= $(call srcs_in,$(KIT)/common/lib)
INHERITED_SRC	:= $(filter-out %/main.c,$(call srcs_in,$(EARLIER_DIRS)))
OWN_SRC		:= $(call srcs_in,$(CURDIR))
# Without GUESTS, guest/ is part of the hypervisor's image (lesson 03).
LINKED_GUEST_SRC := $(if $(GUESTS),,$(call srcs_in,$(CURDIR)/guest))
SRC		:= $(COMMON_SRC) $(INHERITED_SRC) $(OWN_SRC) $(LINKED_GUEST_SRC) \
		   $(if $(filter 1,$(POISON)),$(KIT)/common/poison/poison.S)

# A file of this lesson that has the name of an inherited one is a copy.
INHERITED_NAMES	:= $(notdir $(INHERITED_SRC) $(COMMON_SRC) \
		     $(call hdrs_in,$(EARLIER_DIRS) $(KIT)/common/include))
SHADOWS		:= $(filter $(INHERITED_NAMES),\
		     $(notdir $(filter-out %/main.c,$(OWN_SRC) $(call hdrs_in,$(CURDIR)))))
ifneq ($(SHADOWS),)
$(error lessons/$(LESSON_NAME): $(SHADOWS) has the name of a file an earlier lesson or common/ provides; add a new file or extend through a __weak function instead of copying)
endif

# Every source file is compiled once for all the lessons that use it:
# its object is build/obj/<its path>.o. That is safe because no lesson may
# shadow an inherited file, so a file sees the same headers in every lesson;
# it is compiled with the include path of the lesson that owns it.
OBJDIR	:= $(KIT)/build/obj
GUEST_OBJDIR := $(KIT)/build/obj$(GUEST_TAG)
OBJ	:= $(patsubst $(KIT)/%,$(OBJDIR)/%.o,$(SRC)) \
	   $(foreach g,$(GUESTS),$(GUEST_OUT)/$(g).image.o) \
	   $(foreach b,$(BLOBS),$(OUT)/$(b).blob.o)

# ---- tools --------------------------------------------------------------------
include $(KIT)/common/tools.mk
CC	:= $(CROSS_COMPILE)gcc
OBJDUMP	:= $(CROSS_COMPILE)objdump
OBJCOPY	:= $(CROSS_COMPILE)objcopy

# A missing tool stops the build at once with one line saying how to get it.
need	= $(if $(shell command -v $(1) 2>/dev/null),,$(error $(1) not found: it is in Debian's $(2) package; run 'make deps' in $(KIT)))

CFLAGS	:= -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	   -ffreestanding -nostdlib -fno-pie -fno-stack-protector \
	   -mgeneral-regs-only -mstrict-align -fno-section-anchors

# The include path for a source file, from where it lives:
#   common/lib/x.c            common/include
#   lessons/NN-name/x.c       lessons 01..NN, common/include
#   lessons/NN-name/g/x.c     g (a guest), common/guest, lessons 01..NN, ...
#   common/guest/x.c          common/guest, every lesson, common/include
#   tests/hostile/g/x.c       g, common/guest, every lesson, common/include
# lessons/06-x/guest/main.c -> 06-x guest main.c
path_parts = $(subst /, ,$(patsubst $(KIT)/lessons/%,%,$(1)))
lesson_includes = $(if $(word 3,$(call path_parts,$(1))),-I$(dir $(1)) -I$(KIT)/common/guest) \
	$(addprefix -I,$(call lessons_upto,$(word 1,$(call path_parts,$(1)))))
includes_for = $(strip \
	$(if $(filter $(KIT)/lessons/%,$(1)),$(call lesson_includes,$(1))) \
	$(if $(filter $(KIT)/tests/hostile/%,$(1)),-I$(dir $(1))) \
	$(if $(filter $(KIT)/common/guest/% $(KIT)/tests/hostile/%,$(1)),-I$(KIT)/common/guest \
		$(addprefix -I,$(addprefix $(KIT)/lessons/,$(ALL_LESSONS)))) \
	-I$(KIT)/common/include)
LDFLAGS	:= -nostdlib -static -no-pie -T $(KIT)/common/hyp.ld \
	   -Wl,--build-id=none -Wl,--no-warn-rwx-segments \
	   $(if $(filter 1,$(POISON)),$(POISON_LDFLAGS))

# ---- the one QEMU command line --------------------------------------------------
# Used by `make run`, `make gdb` and run.py (through `make qemu-cmd`).
#   secure=on,virtualization=on  the CPU starts at EL3, with EL2 implemented
#   gic-version=3                GICv3, with the virtual CPU interface
#   -icount shift=0,sleep=off    one instruction = 1 ns of virtual time: the
#                                same output every run, and an exact PMU
#                                instruction counter
#   -no-reboot                   a reset ends QEMU instead of rebooting
QEMU_MACHINE := -machine virt,secure=on,virtualization=on,gic-version=3 \
		-cpu cortex-a57 -smp 1 -m $(or $(QEMU_MEMORY),128M) -nodefaults -no-reboot \
		-icount shift=0,sleep=off $(if $(filter yes,$(SEMIHOSTING)),-semihosting) \
		$(QEMU_EXTRA)
QEMU_CMD     := $(QEMU) $(QEMU_MACHINE) -nographic -serial mon:stdio -kernel $(ELF)
GDB_PORT     ?= 1234
QEMU_GDB_CMD := $(QEMU) $(QEMU_MACHINE) -display none -monitor none \
		-serial file:$(OUT)/uart.log -S -gdb tcp::$(GDB_PORT) -kernel $(ELF)

# Semihosting is for lessons 01 and 02 only. With -semihosting, QEMU ends
# the run when any EL, a guest's EL1 as much as EL2, executes hlt #0xf000
# with x0 = SYS_EXIT: one instruction, and a guest stops the machine behind
# the hypervisor's back, which cannot trap it. A lesson that runs a guest
# refuses it, however it was asked for (SEMIHOSTING=yes, QEMU_MACHINE=...).
RUNS_GUESTS := $(strip $(GUESTS) $(wildcard $(CURDIR)/guest))
ifneq ($(RUNS_GUESTS),)
ifneq ($(findstring semihosting,$(QEMU_CMD) $(QEMU_GDB_CMD)),)
$(error lessons/$(LESSON_NAME) runs guests: semihosting is refused (a guest's hlt #0xf000 would stop QEMU behind the hypervisor); only lessons 01 and 02 use it)
endif
endif

# ---- targets --------------------------------------------------------------------
# One short line per step; `make V=1` shows the whole commands.
ifeq ($(V),1)
Q	:=
say	:=
else ifneq ($(SILENT),)
Q	:= @
say	:=
else
Q	:= @
say	= @printf '  %-7s %s\n' $(1) $(patsubst $(KIT)/%,%,$(2));
endif

.PHONY: all image run gdb qemu-cmd built-qemu-cmd built-image-qemu-cmd toolchain \
	files clean
all: $(ELF) $(OUT)/lesson.lst $(foreach g,$(GUESTS),$(GUEST_OUT)/$(g).lst)

# The image alone, without the listings: what run.py builds to grade a copy
# (a student's tree, the tests' patched copies), which no one reads.
image: $(ELF)

# Written to a temporary name (part) and renamed: two lessons built at once
# (run.py -j) may both compile a shared file, and each rename is whole.
part = $@.$$$$.tmp
compile = $(CC) $(CFLAGS) $(call includes_for,$<) -MMD -MP -MT $@ -MF $@.$$$$.d \
	-c $< -o $(part) && mv -f $@.$$$$.d $(@:.o=.d) && mv -f $(part) $@ \
	|| { rm -f $@.$$$$.d $(part); exit 1; }
# The images, listings and embedded blobs are written so too: CMD
# $(renamed) (with a map beside: $(renamed_map)). A plain and a poison
# build of one lesson share the guests' images (GUEST_OUT), and two makes
# at once (make run in one terminal, make gdb POISON=1 in another) fed
# objcopy a guest ELF half written (3 in 6 tries); two makes of one lesson
# at once (make run beside run.py) each linked lesson.elf over the other
# while QEMU loaded it. A link or listing that fails leaves no part behind
# (ld and objdump leave their map and output). A map names the file ld
# wrote: the image's name is put back in it (its OUTPUT line; sed without
# -i, which BSD sed reads otherwise).
renamed = && mv -f $(part) $@ || { rm -f $(part) $(part).map; exit 1; }
renamed_map = && sed 's|^OUTPUT(\(.*\)\.[0-9]*\.tmp |OUTPUT(\1 |' $(part).map > $(part).map.tmp \
	&& mv -f $(part).map.tmp $(basename $@).map && rm -f $(part).map && mv -f $(part) $@ \
	|| { rm -f $(part) $(part).map $(part).map.tmp; exit 1; }
# The objects a link takes, by name, in FILE (paths within the kit: a copy
# of the kit reads the same list). A source file removed, as when an
# exercise is undone with rm or git stash -u, leaves every object older
# than the image: only the list's change links it again without that
# file's code. Written as make reads this file, not by a rule (a rule that
# runs at every make would make `make -q image` say no, always); read with
# $(file <), so that a make that finds it the same starts no shell, and
# written whole, by rename, when it differs. $(call objects_list,FILE,OBJECTS)
same = $(and $(findstring x$(1)x,x$(2)x),$(findstring x$(2)x,x$(1)x))
objects_list = $(if $(call same,$(strip $(file <$(1))),$(strip $(patsubst $(KIT)/%,%,$(2)))),,\
	$(shell mkdir -p $(dir $(1)) && printf '%s\n' $(patsubst $(KIT)/%,%,$(2)) \
	> $(1).$$$$.tmp && if cmp -s $(1).$$$$.tmp $(1); then rm -f $(1).$$$$.tmp; \
	else mv -f $(1).$$$$.tmp $(1); fi))

# build.mk holds the flags: change it, and everything is compiled again.
# $(1): the directory of the objects (build/obj, or the guests' own one).
define object_rules
$(1)/%.c.o: $$(KIT)/%.c $$(KIT)/common/build.mk
	$$(call need,$$(CC),gcc-aarch64-linux-gnu)
	@mkdir -p $$(dir $$@)
	$$(call say,CC,$$<)$$(compile)

$(1)/%.S.o: $$(KIT)/%.S $$(KIT)/common/build.mk
	$$(call need,$$(CC),gcc-aarch64-linux-gnu)
	@mkdir -p $$(dir $$@)
	$$(call say,AS,$$<)$$(compile)
endef
$(eval $(call object_rules,$(OBJDIR)))

# The guests' objects, when GUEST_CFLAGS gives them flags of their own.
ifneq ($(GUEST_TAG),)
$(GUEST_OBJDIR)/%: CFLAGS += $(GUEST_CFLAGS)
$(eval $(call object_rules,$(GUEST_OBJDIR)))
endif

$(ELF): $(OBJ) $(OUT)/objects.list $(KIT)/common/hyp.ld
	@mkdir -p $(OUT)$(call objects_list,$(OUT)/objects.list,$(OBJ))
	$(call say,LD,$@)$(CC) $(LDFLAGS) -Wl,-Map=$(part).map $(OBJ) -o $(part) \
		$(renamed_map)

# The listing: source interleaved with the instructions it became.
$(OUT)/lesson.lst: $(ELF)
	$(call say,OBJDUMP,$@)$(OBJDUMP) -d -S $< > $(part) $(renamed)

# ---- guest programs ---------------------------------------------------------------
# A guest is built from its directory, the guest runtime (common/guest) and
# the library (common/lib), linked at its IPA by common/guest/guest.ld,
# turned into a flat binary, and wrapped by .incbin into an object of the
# hypervisor that defines guest_image_NAME and guest_image_NAME_end.
GUEST_LIB_SRC := $(COMMON_SRC) $(call srcs_in,$(KIT)/common/guest)

# A guest is a directory of this lesson, or else of the latest earlier
# lesson that has one of that name (the program is not copied).
guest_dir  = $(if $(filter hostile,$(1)),$(HOSTILE_DIR),$(if $(wildcard \
	$(CURDIR)/$(1)/*.c),$(CURDIR)/$(1),$(lastword $(foreach d,$(EARLIER_DIRS),\
	$(if $(wildcard $(d)/$(1)/*.c),$(d)/$(1))))))
guest_name = $(if $(filter hostile,$(1)),$(HOSTILE),$(1))

define guest_rules
$(1)_SRC := $$(GUEST_LIB_SRC) $$(call srcs_in,$$(call guest_dir,$(1)))
$(1)_OBJ := $$(patsubst $$(KIT)/%,$$(GUEST_OBJDIR)/%.o,$$($(1)_SRC))

$$(GUEST_OUT)/$(1).elf: $$($(1)_OBJ) $$(GUEST_OUT)/$(1).objects.list \
		$$(KIT)/common/guest/guest.ld
	@mkdir -p $$(GUEST_OUT)$$(call objects_list,$$(GUEST_OUT)/$(1).objects.list,$$($(1)_OBJ))
	$$(call say,LD,$$@)$$(CC) -nostdlib -static -no-pie \
		-T $$(KIT)/common/guest/guest.ld -Wl,--build-id=none \
		-Wl,--no-warn-rwx-segments -Wl,-Map=$$(part).map $$($(1)_OBJ) -o $$(part) \
		$$(renamed_map)
$$(GUEST_OUT)/$(1).lst: $$(GUEST_OUT)/$(1).elf
	$$(Q)$$(OBJDUMP) -d -S $$< > $$(part) $$(renamed)
$$(GUEST_OUT)/$(1).bin: $$(GUEST_OUT)/$(1).elf
	$$(call say,OBJCOPY,$$@)$$(OBJCOPY) -O binary $$< $$(part) $$(renamed)
$$(GUEST_OUT)/$(1).image.o: $$(GUEST_OUT)/$(1).bin
	$$(call say,INCBIN,$$<)printf '%s\n' '.section .rodata.guest_$(1), "a"' \
		'.balign 4096' '.globl guest_image_$(1), guest_image_$(1)_end' \
		'guest_image_$(1):' '.incbin "$$<"' 'guest_image_$(1)_end:' \
		'.globl guest_name_$(1)' 'guest_name_$(1): .asciz "$$(call guest_name,$(1))"' \
		| $$(CC) -c -x assembler - -o $$(part) $$(renamed)
-include $$($(1)_OBJ:.o=.d)
endef
$(foreach g,$(GUESTS),$(eval $(call guest_rules,$(g))))

ifeq ($(filter clean files,$(MAKECMDGOALS)),)
$(call objects_list,$(OUT)/objects.list,$(OBJ))
$(foreach g,$(GUESTS),$(call objects_list,$(GUEST_OUT)/$(g).objects.list,$($(g)_OBJ)))
endif
# `make -j clean image`: clean first, then the build, not beside it.
ifneq ($(filter clean,$(MAKECMDGOALS)),)
.NOTPARALLEL:
endif
# A list missing when its image is made (`make clean all` removed it after
# it was written, or it could not be written) counts as changed: the image
# is linked again, and its recipe writes the list first.
$(OUT)/objects.list $(foreach g,$(GUESTS),$(GUEST_OUT)/$(g).objects.list): ;

# A blob: a file the lesson's Makefile makes, embedded as it is.
$(OUT)/%.blob.o: $(OUT)/%.bin
	$(call say,INCBIN,$<)printf '%s\n' '.section .rodata.blob_$*, "a"' \
		'.balign 4096' '.globl blob_$*, blob_$*_end' 'blob_$*:' \
		'.incbin "$<"' 'blob_$*_end:' | $(CC) -c -x assembler - -o $(part) $(renamed)

# QEMU's version (7.2.22), and a stop with one line if it is older than QEMU_MIN.
qemu_version = $(shell $(QEMU) --version 2>/dev/null | \
	sed -n '1s/^[^0-9]*\([0-9][0-9]*\.[0-9][0-9]*[.0-9]*\).*/\1/p')
qemu_check = $(if $(qemu_version),$(if $(shell echo '$(qemu_version) $(QEMU_MIN)' | awk '{ \
	split($$1, v, "."); split($$2, m, "."); \
	if (v[1] + 0 < m[1] || (v[1] + 0 == m[1] && v[2] + 0 < m[2])) print "old" }'),\
	$(error $(QEMU) is QEMU $(qemu_version); the kit needs QEMU $(QEMU_MIN) or newer)))

run: all
	$(call need,$(QEMU),qemu-system-arm)
	$(qemu_check)
	@echo "lessons/$(LESSON_NAME): QEMU running; it powers off by itself (to quit early: Ctrl-A then x)"
	$(QEMU_CMD)

# QEMU waits halted for gdb; the UART goes to build/NN/uart.log (gdb: `uart`).
# GDBCMDS=file runs the gdb commands in file (a path from the kit's top
# directory, or absolute) after attaching, then ends gdb and QEMU (gdb's
# -batch); without it, gdb is interactive.
# A port that something already listens on (Linux: /proc/net/tcp) stops
# it in one line: QEMU would fail to bind it, and gdb attach to the other.
gdb: all
	$(call need,$(QEMU),qemu-system-arm)
	$(qemu_check)
	$(call need,$(GDB),gdb-multiarch)
	$(if $(GDBCMDS),$(if $(wildcard $(GDBCMDS)),,$(error GDBCMDS=$(GDBCMDS): no such file)))
	@rm -f $(OUT)/uart.log
	@if [ -r /proc/net/tcp ] && cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | \
		awk -v port=":$$(printf %04X $(GDB_PORT))" \
		'$$2 ~ port "$$" && $$4 == "0A" { found = 1 } END { exit !found }'; then \
		echo "make gdb: port $(GDB_PORT) is taken (another make gdb, or another program): make gdb GDB_PORT=$$(($(GDB_PORT) + 1)) ..." >&2; \
		exit 2; fi
	@$(QEMU_GDB_CMD) & qemu=$$!; \
	cd $(KIT) && $(GDB) -q $(if $(GDBCMDS),-batch) -x common/gdb/stepvisor.gdb \
		-ex 'stepvisor-attach $(GDB_PORT) $(OUT)/uart.log' \
		$(if $(GDBCMDS),-x $(GDBCMDS)) $(ELF); \
	kill $$qemu 2>/dev/null; wait $$qemu 2>/dev/null; true

qemu-cmd:
	@echo $(QEMU_CMD)

# run.py's check before a boot of the kit's own lesson: the image built,
# then the QEMU command, in one make instead of two.
built-qemu-cmd: all
	@echo $(QEMU_CMD)

# The same before a poison boot (POISON=1): the image without its listings,
# which nothing reads (the READMEs show the plain image's); 8 to 80 ms of
# objdump a lesson.
built-image-qemu-cmd: image
	@echo $(QEMU_CMD)

# The tools a build and a run use, for run.py's header and reports.
# ($(info): no shell needed, so it works whatever PATH holds.)
toolchain:
	$(info cc $(CC))
	$(info objdump $(OBJDUMP))
	$(info qemu $(QEMU))
	$(info qemu-min $(QEMU_MIN))

# Which files make this lesson's image, and where each comes from.
files:
	@echo "lessons/$(LESSON_NAME) is built from:"
	@echo "  its own files:"
	@for f in $(patsubst $(KIT)/%,%,$(OWN_SRC) $(LINKED_GUEST_SRC)); do echo "    $$f"; done
	@for l in $(EARLIER); do \
		echo "  from lessons/$$l:"; \
		for f in $(patsubst $(KIT)/%,%,$(INHERITED_SRC)); do \
			case $$f in lessons/$$l/*) echo "    $$f";; esac; \
		done; \
	done
	@echo "  from common/lib:"
	@for f in $(patsubst $(KIT)/%,%,$(COMMON_SRC)); do echo "    $$f"; done
	@$(foreach g,$(filter-out hostile,$(GUESTS)),echo "  and the guest program $(g): $(patsubst $(KIT)/%,%,$(call guest_dir,$(g)))/ with common/guest and common/lib";) true
	$(if $(HOSTILE),@echo "  and the test guest $(HOSTILE): tests/hostile/$(HOSTILE)/ with common/guest and common/lib")

clean:
	rm -rf $(OUT)

-include $(OBJ:.o=.d)
