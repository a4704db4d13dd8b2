/*
 * Device access: readb/readw/readl/readq and writeb/writew/writel/writeq,
 * spelled as Linux spells them (value first in write*).
 *
 * Every access to a device, in the hypervisor and in the guests, goes
 * through these. Each is one asm statement holding one load or store of
 * one register, addressed by a base register alone:
 *
 *	ldr	w0, [x1]
 *
 * Why not *(volatile u32 *)addr? volatile makes the compiler perform each
 * access, but leaves it free to choose the instruction. GCC 14 compiles a
 * loop of such reads into a post-index load, "ldr w8, [x19], #4", which
 * also writes x19. When a device is emulated, the access traps to EL2 as a
 * stage-2 data abort, and the syndrome describes the access (ESR_EL2.ISV =
 * 1: its size, its register, its direction) only for a load or store of a
 * single register without writeback. For the post-index load ISV is 0: the
 * hypervisor cannot tell which register to fill, and the guest gets an
 * abort instead of its value (lesson 05's README tells the story). Other
 * compilers, or -O0 and -Os, pick other forms; pairs (ldp), writeback and
 * SIMD registers all lose the syndrome. In asm, the instruction is ours.
 *
 * The "memory" clobber keeps the compiler from moving other memory accesses
 * across a device access. The CPU keeps accesses to Device memory in program
 * order; ordering them against Normal memory seen by another observer (DMA)
 * would need barriers too, which Linux's readl()/writel() add and these do
 * not: nothing in the kit does DMA.
 */
#ifndef IO_H
#define IO_H

#include "types.h"

/*
 * One function per size; the instruction of each is the last argument.
 * %w0 names the 32-bit view of the register, %x0 the 64-bit one.
 */
#define IO_READ(name, type, insn)					\
	static inline type name(u64 addr)				\
	{								\
		type val;						\
									\
		asm volatile(insn : "=r"(val) : "r"(addr) : "memory");	\
		return val;						\
	}

/* "rZ": a zero may be stored from wzr/xzr instead of a register set to 0. */
#define IO_WRITE(name, type, insn)					\
	static inline void name(type val, u64 addr)			\
	{								\
		asm volatile(insn : : "rZ"(val), "r"(addr) : "memory");	\
	}

IO_READ(readb, u8, "ldrb %w0, [%1]")
IO_READ(readw, u16, "ldrh %w0, [%1]")
IO_READ(readl, u32, "ldr %w0, [%1]")
IO_READ(readq, u64, "ldr %x0, [%1]")

IO_WRITE(writeb, u8, "strb %w0, [%1]")
IO_WRITE(writew, u16, "strh %w0, [%1]")
IO_WRITE(writel, u32, "str %w0, [%1]")
IO_WRITE(writeq, u64, "str %x0, [%1]")

#endif
