/*
 * exit.c: in a guest, "power off" means "this guest is done": the
 * HVC_EXIT hypercall. This replaces the weak semihosting system_off() of
 * common/lib/semihost.c, so panic() in a guest ends the guest, not the
 * machine.
 */
#include "types.h"
#include "power.h"
#include "hypercall.h"

void system_off(int status)
{
	hvc_call(HVC_EXIT, (u64)status, 0);
	for (;;)		/* not reached */
		;
}
