# common/tools.mk: which tools the kit uses; included by the top Makefile and
# by common/build.mk, so each is named once.
#
# Debian's by default. Another toolchain from the command line or the
# environment, e.g. on macOS with Homebrew (README, "Platforms"):
#   make run CROSS_COMPILE=aarch64-elf- QEMU=/opt/homebrew/bin/qemu-system-aarch64
CROSS_COMPILE ?= aarch64-linux-gnu-
QEMU	?= qemu-system-aarch64
GDB	?= gdb-multiarch

# The oldest QEMU the kit supports: the oldest its CI runs (Debian 12's).
# Older ones were never checked, and the lessons lean on details of QEMU's
# emulation (EL2 and the GICv3 virtual interface under TCG, the PMU's
# instruction counter under -icount). `make run`, `make gdb` and run.py
# refuse an older QEMU.
QEMU_MIN := 7.2
