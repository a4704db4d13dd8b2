/*
 * sgi.c: a guest's software-generated interrupts (SGIs, INTIDs 0-15: the
 * interrupts a CPU sends another CPU, or itself, by writing ICC_SGI1R_EL1).
 *
 * With HCR_EL2.IMO set that write does not go to the virtual CPU interface:
 * it traps to EL2 (EC 0x18, lesson 05's handle_sysreg), because only the
 * hypervisor knows where the target vCPUs are. A guest here has one vCPU,
 * whose affinity is VMPIDR_EL2's: an SGI to that affinity is injected into
 * its own list registers (no HW bit: no physical interrupt stands behind
 * it). One to any other affinity, or to "every CPU but me" (IRM), has
 * nobody to go to and is dropped, as a GIC drops an SGI to a CPU that does
 * not exist.
 *
 * A GIC keeps one pending bit per SGI: an SGI already pending is not
 * pending twice, and one that is active becomes active and pending. One
 * that finds every list register full is dropped and reported once: a
 * guest that sends SGIs with its IRQs masked can fill them, and must not
 * stop the hypervisor for that.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "vm.h"
#include "vgic.h"
#include "traps.h"

#define SGI_PRIORITY	0x90	/* the timer's is GIC_PRIORITY_DEFAULT, 0xa0 */

/* Does the SGI's target list name this vCPU? */
static bool sgi_to_me(u64 v)
{
	u64 me = read_sysreg(vmpidr_el2);
	u64 aff0 = me & 0xff;

	if (v & ICC_SGI1R_IRM)
		return false;			/* everyone but the sender */
	if (((v >> ICC_SGI1R_AFF1_SHIFT) & 0xff) != ((me >> 8) & 0xff) ||
	    ((v >> ICC_SGI1R_AFF2_SHIFT) & 0xff) != ((me >> 16) & 0xff) ||
	    ((v >> ICC_SGI1R_AFF3_SHIFT) & 0xff) != ((me >> 32) & 0xff) ||
	    ((v >> ICC_SGI1R_RS_SHIFT) & 0xf) != aff0 / 16)
		return false;
	return v & (1UL << (aff0 % 16));
}

static void sgi_inject(u32 intid)
{
	static bool reported;
	u64 empty = read_sysreg(ich_elrsr_el2);
	u32 n;

	for (n = 0; n < nr_lrs; n++) {
		u64 lr = vgic_read_lr(n);

		if ((empty & (1u << n)) || (lr & ICH_LR_VINTID_MASK) != intid)
			continue;
		/* Already there: pending stays pending, active gets pending too. */
		vgic_write_lr(n, lr | ICH_LR_PENDING);
		return;
	}
	empty &= (1UL << nr_lrs) - 1;
	if (!empty) {
		if (!reported)
			printf("hypervisor: %s: SGI %u dropped: every list register "
			       "is in use (reported once)\n", current_vm->name, intid);
		reported = true;
		return;
	}
	vgic_inject(intid, false);	/* into the first free one: LR n */
	n = __builtin_ctzl(empty);
	/*
	 * ICH_LR<n>_EL2, as vgic_inject() wrote it (its table), but
	 *
	 * 55:48 Priority x90 above the timer's 0xa0: among interrupts of one
	 *                    priority the GIC may deliver any first; an SGI
	 *                    sent while a tick waits comes first, on any GIC.
	 *                    (A GIC takes an SGI's priority from the target's
	 *                    redistributor; these guests have none: the
	 *                    hypervisor chooses.)
	 */
	vgic_write_lr(n, (vgic_read_lr(n) & ~ICH_LR_PRIORITY_MASK) |
			 ((u64)SGI_PRIORITY << ICH_LR_PRIORITY_SHIFT));
	isb();
}

bool sysreg_more(struct frame *f, u32 key, bool read, u32 rt)
{
	u64 v;

	if (key != SYS_ICC_SGI1R_EL1 || read)
		return false;
	v = rt == 31 ? 0 : f->x[rt];		/* msr ..., xzr: all zeros */
	if (sgi_to_me(v))
		sgi_inject((v >> ICC_SGI1R_INTID_SHIFT) & ICC_SGI1R_INTID_MASK);
	return true;
}
