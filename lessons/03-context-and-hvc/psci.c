/*
 * psci.c: the hypervisor asks the EL3 monitor to switch the machine off.
 *
 * system_off() here replaces the semihosting one of lessons 01 and 02
 * (common/lib/semihost.c defines it __weak).
 */
#include "types.h"
#include "arm.h"
#include "power.h"
#include "psci.h"

/* PSCI SYSTEM_OFF has no status: the run's result is what was printed. */
void system_off(int status)
{
	(void)status;
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)		/* not reached: the monitor never returns */
		;
}
