/*
 * counter: a guest that counts the ticks of its virtual timer, with WFI
 * between them, while other guests share the CPU. Its timer deadlines are
 * in its own virtual time; each tick says when it came. Once, it masks its
 * interrupts across a deadline: that tick waits in a list register, through
 * world switches, until it unmasks. And once, it stays in its handler of a
 * tick across a time slice, with a second interrupt (an SGI it sends
 * itself) pending behind the first: two virtual interrupts in flight at
 * once, through world switches.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "guest.h"

#define TICKS		8
#define PERIOD_MS	2
#define MASK_AFTER	4		/* tick 5 will come while masked */
#define SPIN_INSNS	3000000		/* about 3 ms */
#define HOLD_TICK	6		/* its handler outlasts a time slice */
#define HOLD_US		1500		/* longer than the hypervisor's 1000 */
#define SGI_SELF	1		/* the SGI it sends itself then */

static struct ticker tick;	/* common/guest/tick.c */
static bool masked;		/* the masked spin is done (once) */

/*
 * In tick HOLD_TICK's handler, before its EOI: send myself SGI_SELF, and
 * stay HOLD_US, past the end of my time slice. Other guests run meanwhile;
 * when I am back, my virtual CPU interface must be as I left it: the tick
 * active, its priority the running one (ICC_RPR_EL1, from the active
 * priority registers), and the SGI pending behind it (ICC_HPPIR1_EL1), in
 * a list register of its own. It is taken when this handler returns.
 */
static void hold(void)
{
	u64 until;

	/*
	 * ICC_SGI1R_EL1 (a write traps to the hypervisor: sgi.c)
	 *
	 * 27:24 INTID      x1 SGI 1
	 * 15:00 TargetList x1 the CPU with affinity 0.0.0.0: me (the other
	 *                     affinity fields and IRM are 0)
	 */
	write_sysreg(icc_sgi1r_el1, (u64)SGI_SELF << ICC_SGI1R_INTID_SHIFT | 1);
	isb();
	until = read_sysreg(cntvct_el0) +
		read_sysreg(cntfrq_el0) * HOLD_US / 1000000;	/* multiply first */
	while (read_sysreg(cntvct_el0) < until)
		poll_pause();		/* 96 instructions between reads */
	printf("tick %d: %u us in its handler: running priority 0x%02lx, "
	       "SGI %lu pending\n", tick.ticks, HOLD_US,
	       read_sysreg(icc_rpr_el1) & 0xff,
	       read_sysreg(icc_hppir1_el1) & 0xffffff);
}

void guest_irq(void)
{
	u32 intid = gic_irq_ack();
	u64 now = read_sysreg(cntvct_el0);

	if (intid == INTID_SPURIOUS)
		return;
	if (intid == SGI_SELF) {
		printf("SGI %u taken after tick %d\n", intid, tick.ticks);
		gic_irq_eoi(intid);
		return;
	}
	if (intid != INTID_CNTV)
		panic("counter: unexpected interrupt %u", intid);
	ticker_tick(&tick, now);
	if (tick.ticks == HOLD_TICK)
		hold();
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
		/*
		 * (>=, once: with other guests ahead of it, counter may take
		 * two overdue ticks back to back and never see ticks == 4 here.)
		 */
		if (tick.ticks >= MASK_AFTER && !masked) {
			masked = true;
			/*
			 * Mask IRQs past the next deadline and across a few time
			 * slices: the tick must wait for us, pending in a list
			 * register, while other guests run, and still be ours.
			 * ISR_EL1.I says a (virtual) IRQ is pending.
			 */
			asm volatile("msr daifset, #2" ::: "memory");
			spin(SPIN_INSNS);	/* 3 ms of work: common/guest/guest.h */
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
