/*
 * fpsnoop: shares the FP/SIMD registers, if the hypervisor lets it. Each
 * round it fills v0-v31 with its own pattern, spins across a few switches,
 * and counts the registers that changed: on a hypervisor that does not
 * switch them, the vector guest's values turn up here (a leak), and this
 * guest's overwrite vector's (which counts that too). Its exit status is
 * how many it found changed: 0 when each guest keeps its own.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "guest.h"

#define ROUNDS		20
#define SPIN_INSNS	300000		/* about 0.3 ms: spin(), guest.h */

void vregs_fill(u64 seed);
u64 vregs_changed(u64 seed);

int guest_main(u64 arg)
{
	u64 changed = 0;

	(void)arg;
	printf("hello: looking for other guests' values in the vector registers\n");
	write_sysreg(cpacr_el1, 3UL << CPACR_EL1_FPEN_SHIFT);
	isb();
	for (u64 r = 0; r < ROUNDS; r++) {
		u64 seed = 0xbad0000000000000UL + (r << 8);

		vregs_fill(seed);
		spin(SPIN_INSNS);
		changed += vregs_changed(seed);
	}
	printf("%lu of %d registers held another guest's values\n", changed,
	       ROUNDS * 32);
	return changed > 255 ? 255 : (int)changed;
}
