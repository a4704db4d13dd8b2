/*
 * counter.h: the generic timer's counter, in units people read.
 *
 * CNTFRQ_EL0 says how many counts make a second (62.5 MHz on QEMU virt; any
 * frequency on a board, not always a whole number of kHz). Multiply first,
 * divide last, so the only rounding is in the result: `t * per_second`
 * stays in a u64 for t up to about 5 minutes of counts at 62.5 MHz with
 * per_second = 1000000.
 */
#ifndef COUNTER_H
#define COUNTER_H

#include "types.h"
#include "sysreg.h"

/* t counts in a unit of 1/per_second s: counts_to(t, 1000) is ms. */
static inline u64 counts_to(u64 t, u64 per_second)
{
	return t * per_second / read_sysreg(cntfrq_el0);
}

#endif
