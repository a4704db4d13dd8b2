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

/*
 * EL2: count retired instructions at EL0, EL1 and EL2 in event counter 0,
 * PMEVCNTR0_EL0, which a guest may read (bench.h does).
 */
void pmu_init(void);

#endif
