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

static struct ticker tick;	/* common/guest/tick.c */

/* The IRQ entry of this guest's vector table (common/guest/vectors.S). */
void guest_irq(void)
{
	u32 intid = gic_irq_ack();
	u64 now = read_sysreg(cntvct_el0);

	if (intid == INTID_SPURIOUS)
		return;
	if (intid != INTID_CNTV)
		panic("guest: unexpected interrupt %u", intid);
	ticker_tick(&tick, now);
	gic_irq_eoi(intid);
}

int guest_main(u64 arg)
{
	(void)arg;
	printf("hello from EL%u: a GICv3 driver and a timer\n", current_el());

	gic_cpu_init();		/* the CPU interface (common/guest/gicv3.c) */
	printf("ICC_PMR_EL1 = 0x%lx (wrote 0xff: 5 priority bits)\n",
	       read_sysreg(icc_pmr_el1));

	/*
	 * The physical timer is not ours (CNTHCTL_EL2.EL1PCEN = 0): try to
	 * start it, and read it back. Both accesses trap to the hypervisor,
	 * which ignores the write and reads zero. (x2 is named, so that the
	 * syndrome the hypervisor reports is the same with any compiler.)
	 *
	 * Configure CNTP_CTL_EL0 (trapped: the hypervisor drops the write)
	 *
	 * 01:01 IMASK  x0 the interrupt is not masked
	 * 00:00 ENABLE x1 the timer runs
	 */
	{
		u64 ctl;

		asm volatile("mov x2, #1; msr cntp_ctl_el0, x2; isb; "
			     "mov x2, #0x5a; mrs x2, cntp_ctl_el0; mov %0, x2"
			     : "=r"(ctl) : : "x2", "memory");
		printf("CNTP_CTL_EL0: wrote 1 (ENABLE), reads 0x%lx: the physical "
		       "timer is not mine\n", ctl);
	}

	/* A deadline every PERIOD_MS on the virtual timer. */
	ticker_start(&tick, TICKS, PERIOD_MS);
	asm volatile("msr daifclr, #2" ::: "memory");	/* unmask IRQs */
	while (tick.ticks < TICKS)
		asm volatile("wfi");
	printf("%d ticks, %d of them before their deadline\n", tick.ticks,
	       tick.early);

	asm volatile("msr daifset, #2" ::: "memory");	/* mask IRQs */
	printf("IRQs masked (PSTATE.I = 1); spinning for about 3 ms\n");
	for (u64 i = SPIN_LOOPS; i; i--)
		asm volatile("" ::: "memory");
	printf("spin done\n");

	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	return 1;
}
