/*
 * pending.c: Linux's pending interrupts, from its emulated GIC (vgicd.c,
 * vgicr.c) into the list registers, four at a time.
 *
 * An interrupt is pending for Linux when a device says so: its virtual
 * timer fired (PPI 27), its UART's line is high (SPI 33, vuart.c), or
 * Linux itself wrote the INTID's bit in an ISPENDR. It is delivered, put in
 * a list register, only if Linux's GIC would forward it: enabled in
 * ISENABLER (the redistributor's for SGIs and PPIs, the distributor's for
 * SPIs) and its group enabled in GICD_CTLR. Until then it waits here.
 *
 * The CPU has four list registers (ICH_VTR_EL2.ListRegs = 3). With more
 * deliverable interrupts than free list registers, the rest wait, and
 * ICH_HCR_EL2.UIE asks for the maintenance interrupt (PPI 25) "when no
 * more than one list register holds an interrupt": Linux has taken and
 * ended the others; vgic_update() then fills the free ones.
 *
 *   pending, enabled        list registers          Linux
 *   34 35 36 37 38 39  -->  [34][35][36][37]  -->   IAR 34, EOI 34, ...
 *         waiting: 38 39    UIE = 1
 *                                  ... 3 ended: PPI 25 (underflow)
 *   waiting: -              [  ][  ][38][39]  -->   ...
 *                           UIE = 0
 *
 * The timer is tied to the physical PPI 27 (the HW bit, lesson 06): when
 * Linux's PPI 27 cannot be delivered, the physical one is left active (the
 * hypervisor dropped its priority only), so it does not fire again; it is
 * deactivated when Linux's enable delivers it, or it no longer fires.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "gic.h"
#include "vgic.h"
#include "irq.h"
#include "sched.h"
#include "vgicd.h"
#include "linux.h"

static bool timer_held;		/* physical PPI 27 active, Linux's not in an LR */

static u64 bits(const u32 w[2])
{
	return w[0] | (u64)w[1] << 32;
}

/* Which INTIDs Linux's GIC would forward now: enabled, and their group. */
static u64 forwarded(const struct vgic_dist *g)
{
	u64 group1 = bits(g->group);
	u64 on = (g->ctlr & VGICD_CTLR_ENABLE_GRP1 ? group1 : 0) |
		 (g->ctlr & VGICD_CTLR_ENABLE_GRP0 ? ~group1 : 0);

	return bits(g->enabled) & on;
}

/*
 * The INTIDs in a list register of the running vCPU (pending or active),
 * read from the list registers themselves; *free gets the empty ones.
 */
static u64 in_lrs(u32 *free)
{
	u64 empty = read_sysreg(ich_elrsr_el2), intids = 0;

	*free = 0;
	for (u32 n = 0; n < nr_lrs; n++) {
		if (empty & BIT(n))
			*free |= BIT(n);
		else
			intids |= BIT(vgic_read_lr(n) & (VGIC_NR_IRQS - 1));
	}
	return intids;
}

/* The one to deliver first: the highest priority (lowest value), then INTID. */
static u32 first(const struct vgic_dist *g, u64 set)
{
	u32 best = VGIC_NR_IRQS;

	for (u32 i = 0; i < VGIC_NR_IRQS; i++)
		if ((set & BIT(i)) && (best == VGIC_NR_IRQS ||
				       g->priority[i] < g->priority[best]))
			best = i;
	return best;
}

static u64 lr_for(const struct vgic_dist *g, u32 intid)
{
	/*
	 * ICH_LR<n>_EL2
	 *
	 * 63:62 State    x1  pending
	 * 61:61 HW       x?  the timer: Linux's EOI deactivates physical PPI 27
	 * 60:60 Group    x?  the INTID's group, from its IGROUPR bit
	 * 55:48 Priority x?  the priority Linux gave it (IPRIORITYR)
	 * 44:32 pINTID   x?  with HW: 27
	 * 41:41 EOI      x?  a level line (the UART's): a maintenance interrupt
	 *                    when Linux ends it, to look at the line again
	 * 31:00 vINTID   x?  the INTID
	 */
	u64 lr = ICH_LR_PENDING | ((u64)g->priority[intid] << ICH_LR_PRIORITY_SHIFT) |
		 intid;

	if (bits(g->group) & BIT(intid))
		lr |= ICH_LR_GROUP1;
	if (intid == INTID_CNTV)
		lr |= ICH_LR_HW | ((u64)INTID_CNTV << ICH_LR_PINTID_SHIFT);
	else if (bits(g->level) & BIT(intid))
		lr |= ICH_LR_EOI;
	return lr;
}

/* The list register n of the running vCPU gets lr (lesson 06's counters). */
static void lr_write(u32 n, u64 lr)
{
	vgic_write_lr(n, lr);
	vgic_in_use |= BIT(n);
	vgic_injected++;
}

/*
 * ICH_HCR_EL2 of a vCPU, its UIE as `want` says: the hardware's while it
 * runs, its saved copy (lesson 07's vgic_save) while another guest runs.
 */
static void set_underflow(bool want)
{
	/*
	 * ICH_HCR_EL2
	 * 01:01 UIE   x? a maintenance interrupt when <= 1 LR is valid: more
	 *                interrupts wait for a list register
	 * 00:00 En    x1 the virtual CPU interface on (lesson 06)
	 */
	u64 hcr = ICH_HCR_EL2_EN | (want ? ICH_HCR_EL2_UIE : 0);

	if (current == linux_vcpu)
		write_sysreg(ich_hcr_el2, hcr);
	else
		linux_vcpu->vgic.hcr = hcr;
}

/* Deliver what Linux's GIC forwards, as far as list registers are free. */
void vgic_update(void)
{
	struct vgic_dist *g = &linux_gic;
	u64 waiting, pending;
	u32 free;

	if (current != linux_vcpu) {
		/* Its list registers are saved: look again when it runs. */
		set_underflow(true);
		return;
	}
	vgic_sweep();			/* count the LRs Linux has ended */
	pending = bits(g->pending) | bits(g->level);
	if (timer_held && !(pending & BIT(INTID_CNTV))) {
		/* Linux cleared it (ICPENDR): let the physical PPI go. */
		gic_ppi_set_active(INTID_CNTV, false);
		timer_held = false;
	}
	waiting = pending & forwarded(g) & ~in_lrs(&free);
	while (waiting && free) {
		u32 intid = first(g, waiting);
		u32 n = __builtin_ctz(free);

		waiting &= ~BIT(intid);
		g->pending[intid / 32] &= ~BIT(intid % 32);
		if (intid == INTID_CNTV) {
			timer_held = false;
			if (!vtimer_fires()) {	/* no longer: nothing to deliver */
				gic_ppi_set_active(INTID_CNTV, false);
				continue;
			}
		}
		lr_write(n, lr_for(g, intid));
		free &= ~BIT(n);
	}
	isb();
	set_underflow(waiting != 0);
	isb();
}

/* Linux's INTID is pending now (an edge: it stays pending until delivered). */
void vgic_pend(u32 intid)
{
	linux_gic.pending[intid / 32] |= BIT(intid % 32);
	vgic_update();
}

/* A level-sensitive line of Linux's (the UART's) is high or low. */
void vgic_set_level(u32 intid, bool high)
{
	u32 *w = &linux_gic.level[intid / 32];
	u32 was = *w;

	*w = high ? was | BIT(intid % 32) : was & ~BIT(intid % 32);
	if (*w != was || high)
		vgic_update();
}

/*
 * Lesson 06's vgic_inject(), for every guest: the physical timer fired
 * for the guest that runs (irq.c). Linux's GIC decides whether Linux gets
 * it; any other guest gets it at once, as in lessons 06 and 07.
 */
void vgic_inject(u32 vintid, bool hw)
{
	u32 free;

	if (current == linux_vcpu) {
		timer_held = true;	/* irq.c dropped its priority only */
		vgic_pend(vintid);
		return;
	}
	vgic_sweep();
	(void)in_lrs(&free);
	if (!free)
		panic("vgic: all %u list registers are in use", nr_lrs);
	/* lr_for()'s table, with the lesson 06 guest's fixed priority and group */
	lr_write(__builtin_ctz(free), ICH_LR_PENDING | ICH_LR_GROUP1 |
		 ((u64)GIC_PRIORITY_DEFAULT << ICH_LR_PRIORITY_SHIFT) | vintid |
		 (hw ? ICH_LR_HW | ((u64)vintid << ICH_LR_PINTID_SHIFT) : 0));
	isb();
}

/*
 * The maintenance interrupt (PPI 25), Linux's: an LR with the EOI bit was
 * ended (ICH_EISR_EL2 says which: empty it, or it keeps asking), or the
 * list registers ran low (underflow). Either way: deliver what waits.
 */
void vgic_maintenance(void)
{
	u64 eoi = read_sysreg(ich_eisr_el2);

	for (u32 n = 0; n < nr_lrs; n++)
		if (eoi & BIT(n))
			vgic_write_lr(n, 0);	/* invalid: its EOI bit goes */
	isb();
	vgic_update();
}

/* Linux restarts (restart.c): its list registers and PPI 27 were emptied. */
void vgic_pending_reset(void)
{
	timer_held = false;
	set_underflow(false);
}
