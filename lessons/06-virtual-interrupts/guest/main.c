/*
 * The lesson 06 guest: a GICv3 driver and a periodic timer, as any small
 * kernel has them. It takes TICKS interrupts from its virtual timer, then
 * masks its interrupts and spins, to show that it cannot stop the
 * hypervisor's own tick that way.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "psci.h"
#include "guest.h"

#define TICKS		5
#define PERIOD_MS	2
#define SPIN_LOOPS	1500000		/* 2 instructions each: about 3 ms */

static volatile int ticks, early;
static u64 period, start;

/* The IRQ entry of this guest's vector table (common/guest/vectors.S). */
void guest_irq(void)
{
	u32 intid = gic_irq_ack();
	u64 now = read_sysreg(cntvct_el0), due = read_sysreg(cntv_cval_el0);

	if (intid == INTID_SPURIOUS)
		return;
	if (intid != INTID_CNTV)
		panic("guest: unexpected interrupt %u", intid);
	ticks++;
	early += tick_report(ticks, start, due, now);
	if (ticks < TICKS)	/* the next deadline, a period after this one */
		write_sysreg(cntv_cval_el0, due + period);
	else {
		/*
		 * CNTV_CTL_EL0
		 * 00:00 ENABLE x0 done: the timer stops
		 */
		write_sysreg(cntv_ctl_el0, 0);
	}
	isb();
	gic_irq_eoi(intid);
}

int guest_main(u64 arg)
{
	(void)arg;
	printf("hello from EL%u: a GICv3 driver and a timer\n", current_el());

	gic_cpu_init();		/* the CPU interface (common/guest/gicv3.c) */
	printf("ICC_PMR_EL1 = 0x%lx (wrote 0xff: 5 priority bits)\n",
	       read_sysreg(icc_pmr_el1));

	/* A deadline every PERIOD_MS on the virtual timer. */
	period = read_sysreg(cntfrq_el0) * PERIOD_MS / 1000;
	start = read_sysreg(cntvct_el0);
	write_sysreg(cntv_cval_el0, start + period);
	/*
	 * Configure CNTV_CTL_EL0
	 *
	 * 01:01 IMASK  x0 the interrupt is not masked
	 * 00:00 ENABLE x1 the timer runs
	 */
	write_sysreg(cntv_ctl_el0, CNT_CTL_ENABLE);
	isb();
	asm volatile("msr daifclr, #2" ::: "memory");	/* unmask IRQs */
	while (ticks < TICKS)
		asm volatile("wfi");
	printf("%d ticks, %d of them before their deadline\n", ticks, early);

	asm volatile("msr daifset, #2" ::: "memory");	/* mask IRQs */
	printf("IRQs masked (PSTATE.I = 1); spinning for about 3 ms\n");
	for (u64 i = SPIN_LOOPS; i; i--)
		asm volatile("" ::: "memory");
	printf("spin done\n");

	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	return 1;
}
