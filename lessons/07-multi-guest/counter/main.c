/*
 * counter: a guest that counts the ticks of its virtual timer, with WFI
 * between them, while other guests share the CPU. Its timer deadlines are
 * in its own virtual time; each tick says when it came. Once, it masks its
 * interrupts across a deadline: that tick waits in a list register, through
 * world switches, until it unmasks.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "guest.h"

#define TICKS		8
#define PERIOD_MS	2
#define MASK_AFTER	4		/* tick 5 will come while masked */
#define SPIN_LOOPS	1500000		/* 2 instructions each: about 3 ms */

static struct ticker tick;	/* common/guest/tick.c */

void guest_irq(void)
{
	u32 intid = gic_irq_ack();
	u64 now = read_sysreg(cntvct_el0);

	if (intid == INTID_SPURIOUS)
		return;
	if (intid != INTID_CNTV)
		panic("counter: unexpected interrupt %u", intid);
	ticker_tick(&tick, now);
	gic_irq_eoi(intid);
}

int guest_main(u64 arg)
{
	(void)arg;
	printf("hello: %d ticks of my virtual timer, every %d ms\n", TICKS,
	       PERIOD_MS);
	gic_cpu_init();

	ticker_start(&tick, TICKS, PERIOD_MS);
	asm volatile("msr daifclr, #2" ::: "memory");
	while (tick.ticks < TICKS) {
		if (tick.ticks == MASK_AFTER) {
			/*
			 * Mask IRQs past the next deadline and across a few time
			 * slices: the tick must wait for us, pending in a list
			 * register, while other guests run, and still be ours.
			 * ISR_EL1.I says a (virtual) IRQ is pending.
			 */
			asm volatile("msr daifset, #2" ::: "memory");
			for (u64 i = SPIN_LOOPS; i; i--)
				asm volatile("" ::: "memory");
			printf("IRQs masked for about 3 ms; ISR_EL1.I = %lu\n",
			       (read_sysreg(isr_el1) >> 7) & 1);
			asm volatile("msr daifclr, #2" ::: "memory");
		}
		asm volatile("wfi");	/* nothing to do: the CPU is others' */
	}
	printf("%d ticks, %d of them before their deadline; goodbye\n", tick.ticks,
	       tick.early);
	return 0;
}
