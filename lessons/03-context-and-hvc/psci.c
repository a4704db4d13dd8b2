/*
 * psci.c: the hypervisor asks the EL3 monitor for PSCI services.
 *
 * system_off() here replaces the semihosting one of lessons 01 and 02
 * (common/lib/semihost.c defines it __weak).
 */
#include "types.h"
#include "arm.h"
#include "power.h"
#include "psci.h"

s64 psci_call(u64 fn, u64 a1, u64 a2, u64 a3)
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

/* PSCI SYSTEM_OFF has no status: the run's result is what was printed. */
void system_off(int status)
{
	(void)status;
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)		/* not reached: the machine is off */
		asm volatile("wfi");
}
