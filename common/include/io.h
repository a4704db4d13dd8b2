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

static inline u8 readb(u64 addr)
{
	u8 val;

	asm volatile("ldrb %w0, [%1]" : "=r"(val) : "r"(addr) : "memory");
	return val;
}

static inline u16 readw(u64 addr)
{
	u16 val;

	asm volatile("ldrh %w0, [%1]" : "=r"(val) : "r"(addr) : "memory");
	return val;
}

static inline u32 readl(u64 addr)
{
	u32 val;

	asm volatile("ldr %w0, [%1]" : "=r"(val) : "r"(addr) : "memory");
	return val;
}

static inline u64 readq(u64 addr)
{
	u64 val;

	asm volatile("ldr %x0, [%1]" : "=r"(val) : "r"(addr) : "memory");
	return val;
}

/* "rZ": a zero may be stored from wzr/xzr instead of a register set to 0. */
static inline void writeb(u8 val, u64 addr)
{
	asm volatile("strb %w0, [%1]" : : "rZ"(val), "r"(addr) : "memory");
}

static inline void writew(u16 val, u64 addr)
{
	asm volatile("strh %w0, [%1]" : : "rZ"(val), "r"(addr) : "memory");
}

static inline void writel(u32 val, u64 addr)
{
	asm volatile("str %w0, [%1]" : : "rZ"(val), "r"(addr) : "memory");
}

static inline void writeq(u64 val, u64 addr)
{
	asm volatile("str %x0, [%1]" : : "rZ"(val), "r"(addr) : "memory");
}

#endif
