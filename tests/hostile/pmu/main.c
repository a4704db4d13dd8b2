/*
 * pmu: rewrites the hypervisor's bills. The PMU's counters are one set
 * for the whole CPU, and the hypervisor's statistics come from them
 * (lesson 07's stats.c): counter 1 bills each guest, counter 2 the
 * hypervisor. MDCR_EL2.HPMN is meant to keep EL1 away from counters 1 and
 * up; QEMU does not enforce it, and counter 0, which counts everything,
 * belongs to EL1 by design. So this guest, again and again, resets every
 * counter (PMCR_EL0.P and C), zeroes counters 0-2, stops counter 2 and makes
 * counter 1 count EL2. With MDCR_EL2.TPM every access traps instead, and
 * reads as zero: the table must stay the hypervisor's own.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "guest.h"

#define ROUNDS		200
#define SPIN_INSNS	40000		/* spin(): guest.h */

int guest_main(u64 arg)
{
	u64 seen = 0;

	(void)arg;
	printf("hello: resetting and reprogramming the PMU's counters\n");
	for (int r = 0; r < ROUNDS; r++) {
		write_sysreg(pmcr_el0, PMCR_EL0_E | PMCR_EL0_P | PMCR_EL0_C);
		write_sysreg(pmevcntr0_el0, 0);
		write_sysreg(pmevcntr1_el0, 0);
		write_sysreg(pmevcntr2_el0, 0);
		write_sysreg(pmevtyper1_el0, PMEVTYPER_NSH | PMU_EVT_INST_RETIRED);
		write_sysreg(pmcntenclr_el0, BIT(2));
		isb();
		seen |= read_sysreg(pmevcntr0_el0) | read_sysreg(pmcr_el0);
		spin(SPIN_INSNS);
	}
	printf("%d rounds; the PMU read %s\n", ROUNDS,
	       seen ? "something: I could see it" : "as zero: not mine");
	return 0;
}
