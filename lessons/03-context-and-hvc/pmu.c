/*
 * pmu.c: set the PMU up, from EL2, so that counter 0 counts every retired
 * instruction at EL0, EL1 and EL2, and the guest may read it.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "pmu.h"

void pmu_init(void)
{
	u64 n = (read_sysreg(pmcr_el0) >> PMCR_EL0_N_SHIFT) & PMCR_EL0_N_MASK;

	/*
	 * Configure MDCR_EL2
	 *
	 * 07:07 HPME  x0 counters [HPMN, N): there are none
	 * 06:06 TPM   x0 do not trap EL1/EL0 PMU accesses to EL2
	 * 05:05 TPMCR x0 do not trap EL1/EL0 PMCR_EL0 accesses to EL2
	 * 04:00 HPMN  xN all N event counters belong to EL1/EL0, so the
	 *                guest can read them (QEMU: N = 6)
	 */
	write_sysreg(mdcr_el2, n << MDCR_EL2_HPMN_SHIFT);

	/*
	 * Configure PMEVTYPER0_EL0: what event counter 0 counts
	 *
	 * 31:31 P        x0 count at EL1
	 * 30:30 U        x0 count at EL0
	 * 29:29 NSK      x0 count at Non-secure EL1 (same as P)
	 * 28:28 NSU      x0 count at Non-secure EL0 (same as U)
	 * 27:27 NSH      x1 count at EL2 as well
	 * 15:00 evtCount x8 INST_RETIRED, instructions architecturally executed
	 */
	write_sysreg(pmevtyper0_el0, PMEVTYPER_NSH | PMU_EVT_INST_RETIRED);

	/*
	 * Configure PMCCFILTR_EL0: the cycle counter counts at EL2 as well
	 *
	 * 27:27 NSH      x1 count at EL2 as well (others 0: count EL0, EL1)
	 */
	write_sysreg(pmccfiltr_el0, PMEVTYPER_NSH);

	/*
	 * Configure PMCNTENSET_EL0: which counters run
	 *
	 * 31:31 C        x1 the cycle counter
	 * 00:00 P0       x1 event counter 0
	 */
	write_sysreg(pmcntenset_el0, PMCNTEN_C | BIT(0));

	/*
	 * Configure PMCR_EL0
	 *
	 * 02:02 C        x1 reset the cycle counter to 0
	 * 01:01 P        x1 reset every event counter to 0
	 * 00:00 E        x1 enable the counters
	 */
	write_sysreg(pmcr_el0, PMCR_EL0_E | PMCR_EL0_P | PMCR_EL0_C);
	isb();
}
