/*
 * spinner: never ends. It masks its interrupts and spins, and never makes
 * a hypercall again. The tick (a physical interrupt, taken to EL2 whatever
 * the guest's PSTATE.I) still shares the CPU out; but once the others have
 * ended, only a CPU budget can stop it and end the run.
 */
#include "types.h"
#include "print.h"
#include "guest.h"

int guest_main(u64 arg)
{
	(void)arg;
	printf("hello: spinning with my interrupts masked, for ever\n");
	asm volatile("msr daifset, #2" ::: "memory");
	for (;;)	/* spin() rather than a bare loop: the same to everyone but
		   QEMU, which runs it some 30 times faster (guest.h) */
		spin(1000000);
}
