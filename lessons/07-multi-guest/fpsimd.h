/*
 * fpsimd.h: each guest's FP/SIMD registers, switched lazily
 * (lessons/07-multi-guest/fpsimd.c).
 */
#ifndef FPSIMD_H
#define FPSIMD_H

#define FPSIMD_FPSR	(32 * 16)	/* after v0-v31; FPCR follows */
#define FPSIMD_SIZE	(FPSIMD_FPSR + 16)

#ifndef __ASSEMBLER__
#include "types.h"
#include "arm.h"
#include "sysreg.h"

struct fpsimd {
	u64 v[64];			/* v0-v31, two halves each */
	u64 fpsr, fpcr;
} __attribute__((aligned(16)));

_Static_assert(sizeof(struct fpsimd) == FPSIMD_SIZE, "FPSIMD_SIZE");
_Static_assert(__builtin_offsetof(struct fpsimd, fpsr) == FPSIMD_FPSR, "FPSIMD_FPSR");

struct vcpu;

void fpsimd_save(struct fpsimd *s);		/* fpsimd.S */
void fpsimd_load(const struct fpsimd *s);

extern struct vcpu *fp_owner;		/* whose registers are in the CPU */

/*
 * At every switch to next: trap its FP/SIMD use unless its registers are
 * the ones in the CPU. (Inline: every world switch runs it.)
 *
 * CPTR_EL2 (not VHE): what EL2 traps of FP/SIMD and of trace
 *
 * 31:31 TCPAC x0 CPACR_EL1 accesses not trapped (the guest's own switch)
 * 20:20 TTA   x0 trace registers not trapped
 * 13:12 RES1  x3 reserved
 * 10:10 TFP   x? 1 = FP/SIMD at EL0, EL1 and EL2 traps to EL2
 * 09:00 RES1  x3ff reserved (bit 8, TZ, too: no SVE here)
 */
static inline void fpsimd_trap(bool trap)
{
	write_sysreg(cptr_el2, CPTR_EL2_RES1 | (trap ? CPTR_EL2_TFP : 0));
}

static inline void fpsimd_switch(struct vcpu *next)
{
	/* (No isb: the eret into next synchronizes the write.) */
	fpsimd_trap(next != fp_owner);
}
/* Count one save and load, before any guest runs (PMU counter 2). */
void fpsimd_measure(void);
/* v ended: its registers are nobody's to save. */
void fpsimd_forget(struct vcpu *v);
/* The line for the report: traps, switches, the cost of one switch. */
void fpsimd_report(u64 switches);
#endif

#endif
