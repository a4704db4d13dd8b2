/*
 * yielder: hands the CPU on at the worst moment, just before the tick.
 *
 * It watches its virtual counter: a jump means the hypervisor ran (a tick,
 * or a switch), and the next tick is one period later. It spins until just
 * before then and executes wfi, which the hypervisor traps and answers by
 * running the next guest. If the tick kept its own phase, that guest would
 * get the few microseconds left of the period, and this one the whole of
 * the next: the guests after it would starve. The scheduler gives every
 * guest it switches in a whole slice, whatever the one before it did
 * (README section 4), and the table's `time slice` line says so.
 *
 * It yields for ATTACK_MS of its own virtual time (which runs on while it
 * is switched out: through all of counter's ticks), then ends.
 */
#include "types.h"
#include "sysreg.h"
#include "print.h"
#include "guest.h"

#define PERIOD_US	1000		/* the hypervisor's tick (sched.h) */
#define MARGIN_US	20		/* how long before it to yield */
#ifndef ATTACK_MS			/* (tests/hostile/greedy: longer) */
#define ATTACK_MS	30
#endif
#define GAP_TICKS	20		/* a jump of 320 ns: the hypervisor ran (its
				   reads are about 7 apart: poll_pause()) */

int guest_main(u64 arg)
{
	u64 freq = read_sysreg(cntfrq_el0);
	u64 period = freq * PERIOD_US / 1000000, margin = freq * MARGIN_US / 1000000;
	u64 end = read_sysreg(cntvct_el0) + freq * ATTACK_MS / 1000;
	u64 prev = read_sysreg(cntvct_el0), due = 0, yields = 0;

	(void)arg;
	printf("hello: yielding just before every tick for %d ms\n", ATTACK_MS);
	for (;;) {
		u64 t = read_sysreg(cntvct_el0);

		if (t >= end)
			break;
		if (t - prev > GAP_TICKS)	/* the hypervisor ran just now */
			due = t + period;
		prev = t;
		if (due && t + margin >= due) {
			/* Back from it, the jump from prev says when: a new due. */
			asm volatile("wfi");
			yields++;
			due = 0;
		}
		poll_pause();
	}
	printf("%lu yields, each %d us before a tick; goodbye\n", yields, MARGIN_US);
	return 0;
}
