/*
 * irq.c: what the hypervisor does with each physical interrupt.
 *
 *   26  CNTHP, its own tick: count it, arm the next, priority drop and
 *       deactivate (EOImode = 1 makes those two steps).
 *   27  CNTV, the guest's virtual timer: priority drop only, and inject
 *       it into the guest with the HW bit; the guest's EOI deactivates it.
 *       Only if that guest's timer really fires; if not, deactivate it.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "gic.h"
#include "vgic.h"
#include "timer.h"
#include "trap.h"
#include "irq.h"

u64 ticks_total, ticks_guest_masked, irqs_spurious;

/*
 * Another interrupt the hypervisor enabled: a later lesson handles it
 * (lesson 08: the UART's receive interrupt, the vGIC's maintenance
 * interrupt) and returns true. Here none is expected.
 */
__weak bool irq_device(struct frame *f, u32 intid)
{
	(void)f; (void)intid;
	return false;
}

/*
 * Called first on every tick, before anything that depends on the guest
 * (its PSTATE.I below): lesson 07 reads its EL2 instruction counter here,
 * the same instructions after every guest's exit. Here, nothing.
 */
__weak void hyp_tick_enter(void)
{
}

/*
 * Called on every tick, once the GIC is done with it; lesson 07 schedules
 * here. Alone, the guest gets a deadline: a guest that never ends (a
 * masked spin, a wfi that nothing wakes) is stopped at RUN_DEADLINE_TICKS,
 * so that every run ends by itself.
 */
__weak void hyp_tick(struct frame *f)
{
	if (ticks_total >= RUN_DEADLINE_TICKS)
		guest_exit(f, GUEST_OVER_BUDGET);
}

/*
 * Does the virtual timer of the guest that runs really fire? Enabled, its
 * condition met (ISTATUS), and not masked: as KVM asks before it injects.
 */
bool vtimer_fires(void)
{
	u64 ctl = read_sysreg(cntv_ctl_el0);

	return (ctl & (CNT_CTL_ENABLE | CNT_CTL_ISTATUS | CNT_CTL_IMASK)) ==
	       (CNT_CTL_ENABLE | CNT_CTL_ISTATUS);
}

void guest_irq_exit(struct frame *f)
{
	u32 intid = gic_ack();

	exit_counts[EXIT_IRQ]++;
	switch (intid) {
	case INTID_CNTHP:
		hyp_tick_enter();
		ticks_total = tick_handle();
		/* PSTATE.I of the guest, as it was when the tick came. */
		if (f->spsr & SPSR_I)
			ticks_guest_masked++;
		gic_eoi(intid);
		gic_deactivate(intid);
		hyp_tick(f);
		break;
	case INTID_CNTV:
		gic_eoi(intid);			/* priority drop; still active */
		if (vtimer_fires()) {
			vgic_inject(INTID_CNTV, true);	/* its EOI deactivates */
		} else {
			/*
			 * Not this guest's: the timer that raised it is off or
			 * masked now (lesson 07 stops a guest's timer when it
			 * switches the guest out, and the level can still be
			 * pending at the GIC). Injecting it would hand a tick
			 * to whichever guest runs. Drop it.
			 */
			gic_deactivate(intid);
			irqs_spurious++;
		}
		break;
	case INTID_SPURIOUS:
		irqs_spurious++;		/* nothing pending after all */
		break;
	default:
		if (!irq_device(f, intid))
			panic("irq: unexpected INTID %u", intid);
	}
	vgic_sweep();
}
