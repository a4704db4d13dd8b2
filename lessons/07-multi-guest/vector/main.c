/*
 * vector: a guest that uses the FP/SIMD registers, as every real kernel's
 * programs do, and checks that it keeps them. Each round it fills v0-v31
 * and sets FPCR's rounding mode, computes for about half a millisecond (long
 * enough to be switched out now and then), and counts the registers that no
 * longer hold what it put there. Other guests must never see its values,
 * nor change them: the hypervisor switches them with the guest (fpsimd.c).
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "guest.h"

#define ROUNDS		40
#define SPIN_INSNS	500000		/* about 0.5 ms */
#define FPCR_RMODE_SHIFT 22		/* rounding: nearest, +inf, -inf, zero */

void vregs_fill(u64 seed);		/* vregs.S */
u64 vregs_changed(u64 seed);

int guest_main(u64 arg)
{
	u64 changed = 0;

	(void)arg;
	printf("hello: %d rounds with all 32 vector registers and FPCR in use\n",
	       ROUNDS);
	/*
	 * CPACR_EL1: FP/SIMD on for this guest (it comes out of reset off)
	 *
	 * 21:20 FPEN  x3 FP/SIMD instructions at EL1 and EL0 do not trap
	 */
	write_sysreg(cpacr_el1, 3UL << CPACR_EL1_FPEN_SHIFT);
	isb();
	for (u64 r = 0; r < ROUNDS; r++) {
		u64 seed = 0x5ec7000000000000UL + (r << 8);
		u64 fpcr = (r & 3) << FPCR_RMODE_SHIFT;

		vregs_fill(seed);
		/*
		 * FPCR: this round's rounding mode
		 *
		 * 23:22 RMode x? round to nearest, up, down, to zero, by turns
		 */
		write_sysreg(fpcr, fpcr);
		spin(SPIN_INSNS);
		changed += vregs_changed(seed) + (read_sysreg(fpcr) != fpcr);
	}
	printf("%d rounds: %lu of %d registers changed under me%s\n", ROUNDS,
	       changed, ROUNDS * 33, changed ? "" : "; goodbye");
	return changed != 0;
}
