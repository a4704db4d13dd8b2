/*
 * aarch32.c: a guest's EL0 may run AArch32 code (HCR_EL2.RW makes only EL1
 * AArch64), and what it does there traps with AArch32 syndromes:
 *
 *   - 16-bit T32 instructions: ESR_EL2.IL = 0, so stepping past a trapped
 *     instruction adds 2, not 4 (skip_instruction(), traps.h, for every
 *     handler); and in an IT block, the IT state must move on with it;
 *   - MCR/MRC and MCRR/MRRC of a trapped register (EC CP15_32, CP15_64 for
 *     the system registers; CP14_MR, CP14_64 for debug ones), and LDC/STC
 *     (CP14_LS): the AArch32 forms of a trapped MSR/MRS. Like those
 *     (idregs.c), nothing here emulates them: reads give zero, writes are
 *     ignored, and the guest goes on. Without a handler, an EL0 program
 *     reading a trapped timer register would stop its whole guest.
 */
#include "types.h"
#include "arm.h"
#include "esr.h"
#include "trap.h"
#include "traps.h"

/* SPSR (AArch32 state): T, the condition flags, the IT state. */
#define SPSR_T			BIT(5)
#define SPSR_IT_LO_SHIFT	25		/* IT[1:0] */
#define SPSR_IT_HI_SHIFT	10		/* IT[7:2] */
#define SPSR_IT_MASK		((UL(3) << 25) | (UL(0x3f) << 10))

/* ISS of EC CP15_32, CP15_64, CP14_*: condition, registers, direction. */
#define ISS_CV			BIT(24)		/* COND is valid */
#define ISS_COND_SHIFT		20
#define ISS_RT_SHIFT		5
#define ISS_RT2_SHIFT		10		/* CP15_64, CP14_64 */
#define ISS_READ		BIT(0)		/* MRC, MRRC */

static u64 itstate(u64 spsr)
{
	return ((spsr >> SPSR_IT_LO_SHIFT) & 3) | (((spsr >> SPSR_IT_HI_SHIFT) & 0x3f) << 2);
}

/*
 * ITAdvance() of the Arm ARM: in a T32 IT block, the next instruction's
 * place in it (for skip_instruction(), traps.h).
 */
void it_advance(struct frame *f)
{
	u64 it = itstate(f->spsr);

	if (!(f->spsr & SPSR_T) || !it)
		return;
	it = (it & 7) == 0 ? 0 : (it & 0xe0) | ((it << 1) & 0x1f);
	f->spsr = (f->spsr & ~SPSR_IT_MASK) | ((it & 3) << SPSR_IT_LO_SHIFT) |
		  ((it >> 2) << SPSR_IT_HI_SHIFT);
}

/* ConditionHolds() of the Arm ARM, on the flags N Z C V in SPSR[31:28]. */
static bool condition_holds(u64 spsr, u32 cond)
{
	bool n = spsr & BIT(31), z = spsr & BIT(30), c = spsr & BIT(29),
	     v = spsr & BIT(28), r;

	switch (cond >> 1) {
	case 0: r = z; break;			/* EQ */
	case 1: r = c; break;			/* CS */
	case 2: r = n; break;			/* MI */
	case 3: r = v; break;			/* VS */
	case 4: r = c && !z; break;		/* HI */
	case 5: r = n == v; break;		/* GE */
	case 6: r = n == v && !z; break;	/* GT */
	default: return true;			/* AL */
	}
	return cond & 1 ? !r : r;
}

static void handle_coproc(struct frame *f, u64 esr)
{
	u32 iss = esr_iss(esr), ec = esr_ec(esr);
	bool read = iss & ISS_READ;
	u32 rt = (iss >> ISS_RT_SHIFT) & 0x1f, rt2 = (iss >> ISS_RT2_SHIFT) & 0x1f;

	/* A conditional instruction that fails its condition does nothing. */
	if (!(iss & ISS_CV) ||
	    condition_holds(f->spsr, (iss >> ISS_COND_SHIFT) & 0xf)) {
		report_unemulated(read && ec != ESR_EC_CP14_LS, esr);
		/* r0-r14 are x0-x14; r15 (MRC to APSR_nzcv) is left alone. */
		if (read && ec != ESR_EC_CP14_LS && rt < 15)
			f->x[rt] = 0;
		if (read && (ec == ESR_EC_CP15_64 || ec == ESR_EC_CP14_64) && rt2 < 15)
			f->x[rt2] = 0;
	}
	skip_instruction(f, esr);
}
EXIT_HANDLER(ESR_EC_CP15_32, handle_coproc);
EXIT_HANDLER(ESR_EC_CP15_64, handle_coproc);
EXIT_HANDLER(ESR_EC_CP14_MR, handle_coproc);
EXIT_HANDLER(ESR_EC_CP14_LS, handle_coproc);
EXIT_HANDLER(ESR_EC_CP14_64, handle_coproc);
