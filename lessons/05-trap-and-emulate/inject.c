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

void inject_data_abort(struct frame *f, u64 esr, u64 far)
{
	u64 mode = f->spsr & SPSR_M_MASK;
	/* Which vector: from EL1 with SP_EL1, from EL1 with SP_EL0, or from EL0. */
	u64 offset = mode == SPSR_M_EL1H ? 0x200 : mode == SPSR_M_EL1T ? 0x000 : 0x400;
	u64 ec = mode == SPSR_M_EL0T ? ESR_EC_DABT_LOW : ESR_EC_DABT_CUR;

	/*
	 * The syndrome: a data abort, 32-bit instruction, external abort; the
	 * direction of the access and whether FAR is valid, as EL2 was told
	 * them (ISV = 0: no more).
	 */
	write_sysreg(esr_el1, (ec << ESR_EC_SHIFT) | ESR_IL |
			      (esr & (ESR_ISS_WNR | ESR_ISS_FNV)) | ESR_DFSC_SEA);
	write_sysreg(far_el1, far);
	/* Where the guest was, and its PSTATE: its eret will go back there. */
	write_sysreg(elr_el1, f->elr);
	write_sysreg(spsr_el1, f->spsr);
	/* Enter the vector at EL1h with D, A, I and F masked, as the CPU would. */
	f->elr = read_sysreg(vbar_el1) + offset;
	f->spsr = SPSR_DAIF | SPSR_M_EL1H;
}
