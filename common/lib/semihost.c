/*
 * Power-off through semihosting: the debugger-style interface QEMU offers
 * when started with -semihosting. "hlt #0xf000" with x0 = SYS_EXIT_EXTENDED
 * and x1 pointing at {reason, status} makes QEMU exit with that status.
 *
 * It works from EL1 as well as EL2, so a guest could end the machine behind
 * the hypervisor's back: the kit enables it only for lessons 01 and 02,
 * which run no guest. Weak, because from lesson 03 on the lesson's psci.c
 * provides the real system_off(): a PSCI call to the EL3 monitor.
 */
#include "types.h"
#include "power.h"

#define SYS_EXIT_EXTENDED		0x20
#define ADP_STOPPED_APPLICATION_EXIT	0x20026

__weak void system_off(int status)
{
	static volatile u64 block[2];

	block[0] = ADP_STOPPED_APPLICATION_EXIT;
	block[1] = (u64)status;
	register u64 x0 asm("x0") = SYS_EXIT_EXTENDED;
	register u64 x1 asm("x1") = (u64)block;
	asm volatile("hlt #0xf000" : : "r"(x0), "r"(x1) : "memory");
	for (;;)		/* not reached: QEMU has exited */
		asm volatile("wfe");
}
