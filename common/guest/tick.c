/*
 * tick.c: a periodic tick on the virtual timer, as a small kernel has one
 * (the guests of lessons 06 and 07). ticker_start() sets the first
 * deadline; the guest's IRQ handler, between its acknowledge and its end
 * of interrupt, calls ticker_tick(), which reports the tick and sets the
 * next deadline, or stops the timer after the last.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "counter.h"
#include "print.h"
#include "guest.h"

void ticker_start(struct ticker *t, int limit, unsigned int period_ms)
{
	t->ticks = t->early = 0;
	t->limit = limit;
	t->period = read_sysreg(cntfrq_el0) * period_ms / 1000; /* multiply first */
	t->start = read_sysreg(cntvct_el0);
	write_sysreg(cntv_cval_el0, t->start + t->period);
	/*
	 * Configure CNTV_CTL_EL0
	 *
	 * 01:01 IMASK  x0 the interrupt is not masked
	 * 00:00 ENABLE x1 the timer runs
	 */
	write_sysreg(cntv_ctl_el0, CNT_CTL_ENABLE);
	isb();
}

/*
 * How late a tick comes is the hypervisor's doing, and varies with its
 * cost, its scheduler and the other guests; that it never comes before its
 * deadline does not: an early one would be a deadline the hypervisor got
 * wrong, or another guest's timer delivered to this one.
 */
static void report(struct ticker *t, u64 due, u64 now)
{
	if (now < due) {
		t->early++;
		printf("tick %d: due %lu ms, but taken %lu us before it\n",
		       t->ticks, counts_to(due - t->start, 1000),
		       counts_to(due - now, 1000000));
	} else {
		printf("tick %d: due %lu ms, taken %lu us after it\n", t->ticks,
		       counts_to(due - t->start, 1000),
		       counts_to(now - due, 1000000));
	}
}

void ticker_tick(struct ticker *t, u64 now)
{
	u64 due = read_sysreg(cntv_cval_el0);

	t->ticks++;
	report(t, due, now);
	/*
	 * The next deadline is this one plus a period, not now plus a period:
	 * the ticks stay on their grid whatever the delay. Moving the compare
	 * value past the counter also ends the timer's condition, so its
	 * (level-triggered) output drops.
	 */
	if (t->ticks < t->limit)
		write_sysreg(cntv_cval_el0, due + t->period);
	else {
		/*
		 * CNTV_CTL_EL0
		 * 00:00 ENABLE x0 done: the timer stops
		 */
		write_sysreg(cntv_ctl_el0, 0);
	}
	isb();
}
