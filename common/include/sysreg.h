/*
 * Reading and writing system registers from C.
 *
 * read_sysreg(esr_el2) expands to "mrs %0, esr_el2": the register name is
 * pasted into the instruction, so the assembler checks it.
 */
#ifndef SYSREG_H
#define SYSREG_H

#include "types.h"

#define read_sysreg(reg) ({                                      \
	u64 __val;                                               \
	asm volatile("mrs %0, " #reg : "=r"(__val));             \
	__val;                                                   \
})

#define write_sysreg(reg, val) do {                              \
	u64 __val = (u64)(val);                                  \
	asm volatile("msr " #reg ", %0" : : "r"(__val));         \
} while (0)

/* Make a system register write take effect before the next instruction. */
static inline void isb(void) { asm volatile("isb" ::: "memory"); }
static inline void dsb_sy(void) { asm volatile("dsb sy" ::: "memory"); }

/* CurrentEL holds the exception level in bits [3:2]. */
static inline unsigned int current_el(void)
{
	return (read_sysreg(CurrentEL) >> 2) & 3;
}

/* Device registers are not system registers: see io.h. */

#endif
