/*
 * inject.c: inject an exception into the guest: do by hand exactly what
 * the CPU does when it takes an exception to EL1 (Arm ARM D1.10.2), so that
 * when the guest resumes it finds itself in its own vector table with its
 * syndrome registers saying why.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "inject.h"

/*
 * Where the CPU would enter the guest's vector table for an exception
 * taken to EL1 from the state in spsr (the table has four groups of
 * entries, D1.10.2), and with which EC an abort from there is reported.
 */
static u64 vector_offset(u64 spsr)
{
	if (spsr & SPSR_M4)			/* EL0 in AArch32 */
		return 0x600;
	switch (spsr & SPSR_M_MASK) {
	case SPSR_M_EL1T:	return 0x000;	/* EL1, with SP_EL0 */
	case SPSR_M_EL1H:	return 0x200;	/* EL1, with SP_EL1 */
	default:		return 0x400;	/* EL0 in AArch64 */
	}
}

void inject_data_abort(struct frame *f, u64 esr, u64 far)
{
	u64 mode = f->spsr & SPSR_M_MASK;
	bool from_el1 = !(f->spsr & SPSR_M4) &&
			(mode == SPSR_M_EL1T || mode == SPSR_M_EL1H);
	u64 ec = from_el1 ? ESR_EC_DABT_CUR : ESR_EC_DABT_LOW;

	/*
	 * The syndrome: a data abort, an external abort; IL, the direction of
	 * the access and whether FAR is valid, as EL2 was told them (ISV = 0:
	 * no more; and then IL is RES1, whatever the instruction's length).
	 *
	 * ESR_EL1
	 * 31:26 EC    x25 data abort without a change of EL (x24 from EL0)
	 * 25:25 IL    x1  as in ESR_EL2 (RES1 when ISV = 0)
	 * 24:24 ISV   x0  no instruction syndrome (SAS, SRT...)
	 * 10:10 FnV   x?  as in ESR_EL2: 1 = FAR_EL1 is not valid
	 * 06:06 WnR   x?  as in ESR_EL2: 1 = a write
	 * 05:00 DFSC  x10 synchronous external abort
	 */
	write_sysreg(esr_el1, (ec << ESR_EC_SHIFT) |
			      (esr & (ESR_IL | ESR_ISS_WNR | ESR_ISS_FNV)) |
			      ESR_DFSC_SEA);
	write_sysreg(far_el1, far);
	/* Where the guest was, and its PSTATE: its eret will go back there. */
	write_sysreg(elr_el1, f->elr);
	write_sysreg(spsr_el1, f->spsr);
	/* Enter the vector at EL1h with D, A, I and F masked, as the CPU would. */
	f->elr = read_sysreg(vbar_el1) + vector_offset(f->spsr);
	f->spsr = SPSR_DAIF | SPSR_M_EL1H;
}
