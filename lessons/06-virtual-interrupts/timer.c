/*
 * timer.c: time for the hypervisor and for its guest.
 *
 * Every CPU has several generic timers, counting the same system counter
 * (CNTFRQ_EL0 ticks per second: 62.5 MHz on QEMU's virt):
 *   CNTHP  the EL2 physical timer: the hypervisor's own (PPI 26)
 *   CNTV   the virtual timer: the guest's, counting CNTPCT - CNTVOFF_EL2
 *          (PPI 27)
 *   CNTP   the EL1 physical timer: not the guest's to use here (PPI 30)
 * Under -icount shift=0 one instruction is one nanosecond of virtual time,
 * so every tick falls on the same instruction in every run.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "gic.h"
#include "timer.h"

u64 tick_period;
static u64 ticks;

void tick_init(u64 us)
{
	tick_period = read_sysreg(cntfrq_el0) * us / 1000000;	/* multiply first */
	write_sysreg(cnthp_tval_el2, tick_period);
	/*
	 * CNTHP_CTL_EL2
	 *
	 * 01:01 IMASK  x0 the interrupt is not masked
	 * 00:00 ENABLE x1 the timer runs
	 */
	write_sysreg(cnthp_ctl_el2, CNT_CTL_ENABLE);
	gic_enable_ppi(INTID_CNTHP);
	isb();
}

u64 tick_handle(void)
{
	/*
	 * Writing TVAL sets the next deadline relative to now and clears the
	 * condition (the PPI is level-triggered: it would stay asserted).
	 */
	write_sysreg(cnthp_tval_el2, tick_period);
	isb();
	return ++ticks;
}
