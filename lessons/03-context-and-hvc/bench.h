/*
 * bench.h: instruction counts of one operation, for guests.
 *
 * Each function reads the PMU's instruction counter (event INST_RETIRED,
 * set up by pmu_init()), does the operation, and reads the counter again,
 * all in one asm statement so that the compiler cannot put anything in
 * between. bench_nothing() is the same with no operation: subtract it to
 * get the cost of the operation alone. Under -icount the figures are exact
 * and the same every run.
 */
#ifndef BENCH_H
#define BENCH_H

#include "types.h"
#include "hypercall.h"

static inline u64 bench_nothing(void)
{
	u64 a, b;

	asm volatile("isb\n\tmrs %0, pmevcntr0_el0\n\tmrs %1, pmevcntr0_el0"
		     : "=&r"(a), "=r"(b) : : "memory");
	return b - a;
}

/* One null hypercall: the hvc, everything EL2 runs, and its eret. */
static inline u64 bench_null_hvc(void)
{
	register u64 x8 asm("x8") = HVC_NULL;
	register u64 x0 asm("x0") = 0;
	u64 a, b;

	asm volatile("isb\n\tmrs %1, pmevcntr0_el0\n\thvc #0\n\t"
		     "mrs %2, pmevcntr0_el0"
		     : "+r"(x0), "=&r"(a), "=r"(b) : "r"(x8) : "memory");
	return b - a;
}

/* One 32-bit store: to a device the hypervisor emulates, a whole trap. */
static inline u64 bench_store32(u64 addr, u32 val)
{
	u64 a, b;

	asm volatile("isb\n\tmrs %0, pmevcntr0_el0\n\tstr %w2, [%3]\n\t"
		     "mrs %1, pmevcntr0_el0"
		     : "=&r"(a), "=&r"(b) : "r"(val), "r"(addr) : "memory");
	return b - a;
}

#endif
