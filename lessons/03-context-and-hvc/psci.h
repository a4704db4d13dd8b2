/* psci.h: making PSCI calls. */
#ifndef PSCI_H
#define PSCI_H

#include "types.h"

/*
 * SMC calling convention: function ID in x0, arguments x1-x3, result x0;
 * x4-x17 may be corrupted. The hypervisor calls the EL3 monitor with it;
 * from this lesson on a guest's smc is trapped to EL2 (HCR_EL2.TSC), and
 * from lesson 05 on it is answered there.
 */
static inline s64 psci_call(u64 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 asm("x0") = fn;
	register u64 x1 asm("x1") = a1;
	register u64 x2 asm("x2") = a2;
	register u64 x3 asm("x3") = a3;

	asm volatile("smc #0"
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
		     :
		     : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
		       "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return (s64)x0;
}

#endif
