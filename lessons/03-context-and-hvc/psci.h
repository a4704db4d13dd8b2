/* psci.h: making PSCI calls. */
#ifndef PSCI_H
#define PSCI_H

#include "types.h"

/*
 * SMC Calling Convention 1.1 (Arm DEN 0028): function ID in w0, arguments
 * in x1-x3, results in x0-x3; x4-x17 come back unchanged (1.0 let a call
 * corrupt them). The hypervisor calls the EL3 monitor with it; from this
 * lesson on a guest's smc is trapped to EL2 (HCR_EL2.TSC), and from lesson
 * 05 on it is answered there, under the same rules.
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
		     : "memory");
	return (s64)x0;
}

#endif
