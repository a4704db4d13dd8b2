/*
 * pmu.h: counting instructions with the Performance Monitors Unit.
 *
 * Under QEMU's -icount the INST_RETIRED event counts exactly, and the
 * same code counts the same number every run: the kit's benchmarks are
 * instruction counts, not times.
 */
#ifndef PMU_H
#define PMU_H

#include "types.h"
#include "sysreg.h"

/* EL2: count retired instructions at EL0, EL1 and EL2 in event counter 0. */
void pmu_init(void);

/* Any EL: the running instruction count. */
static inline u64 pmu_instructions(void)
{
	return read_sysreg(pmevcntr0_el0);
}

#endif
