/*
 * sleeper: waits for an interrupt that never comes. Its interrupts are
 * masked and its timer is off; it executes wfi for ever. While others run,
 * each wfi traps and hands the CPU on. Alone, the wfi is not trapped (there
 * is nobody to hand it to) and the CPU waits in it, for this guest: that
 * time is its own, and its CPU budget must end it, and the run.
 */
#include "types.h"
#include "print.h"
#include "guest.h"

int guest_main(u64 arg)
{
	(void)arg;
	printf("hello: waiting for an interrupt that will never come\n");
	asm volatile("msr daifset, #2" ::: "memory");
	for (;;)
		asm volatile("wfi" ::: "memory");
}
