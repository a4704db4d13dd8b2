/*
 * vgic.c: injecting interrupts with list registers.
 *
 * The virtual CPU interface is a second GIC CPU interface that the guest
 * uses without knowing it (HCR_EL2.IMO sends its ICC_* accesses there).
 * What it delivers is what the hypervisor writes into the list registers
 * ICH_LR<n>_EL2: one interrupt each, with its state (pending, active),
 * priority, group and virtual INTID. The guest acknowledges and ends it
 * with its own ICC_IAR1_EL1 and ICC_EOIR1_EL1, and the hardware updates
 * the list register: no exit to EL2 for either.
 *
 * Deactivating the physical interrupt: when the hypervisor takes the
 * physical timer interrupt it only drops priority (EOImode = 1, gic.c);
 * the interrupt stays active, so it cannot fire again while the guest
 * handles it. The list register's HW bit names the physical INTID, and
 * the guest's EOI of the virtual interrupt deactivates the physical one.
 * (The other way: no HW bit, the LR's EOI bit asks for a maintenance
 * interrupt when the guest ends it, and the hypervisor writes ICC_DIR_EL1
 * while handling that: one more exit per interrupt.)
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "gic.h"
#include "vgic.h"

#define MAX_LRS		16

u64 vgic_injected, vgic_completed;
static u32 nr_lrs;
u32 vgic_in_use;		/* list registers holding an interrupt */

/* mrs and msr name their register in the instruction: one case each. */
u64 vgic_read_lr(u32 n)
{
	switch (n) {
	case 0: return read_sysreg(ich_lr0_el2);
	case 1: return read_sysreg(ich_lr1_el2);
	case 2: return read_sysreg(ich_lr2_el2);
	case 3: return read_sysreg(ich_lr3_el2);
	default: panic("vgic: no list register %u", n);
	}
}

void vgic_write_lr(u32 n, u64 v)
{
	/* v's field table is where it is made: vgic_inject() */
	switch (n) {
	case 0: write_sysreg(ich_lr0_el2, v); break;
	case 1: write_sysreg(ich_lr1_el2, v); break;
	case 2: write_sysreg(ich_lr2_el2, v); break;
	case 3: write_sysreg(ich_lr3_el2, v); break;
	default: panic("vgic: no list register %u", n);
	}
}

void vgic_init(void)
{
	nr_lrs = (read_sysreg(ich_vtr_el2) & ICH_VTR_LISTREGS_MASK) + 1;
	if (nr_lrs > 4)
		nr_lrs = 4;		/* vgic_read_lr/vgic_write_lr know four */
	for (u32 n = 0; n < nr_lrs; n++)
		vgic_write_lr(n, 0);
	/*
	 * Configure ICH_HCR_EL2
	 *
	 * 00:00 En    x1 the virtual CPU interface is on: without it no
	 *                list register is ever delivered
	 * (UIE, NPIE, LRENPIE, EOIcount: no maintenance interrupts)
	 */
	write_sysreg(ich_hcr_el2, ICH_HCR_EL2_EN);
	isb();
}

/* lab: README "vgic_sweep: who is done" */
void vgic_sweep(void)
{
	/*
	 * ICH_ELRSR_EL2: bit n is 1 when list register n holds nothing (its
	 * state is invalid). After the guest's EOI only the state bits of an
	 * LR clear, so an "empty" LR need not read as zero: ask ELRSR.
	 */
	u64 empty;

	if (!vgic_in_use)	/* nothing injected: nothing to look at */
		return;
	empty = read_sysreg(ich_elrsr_el2);
	for (u32 n = 0; n < nr_lrs; n++) {
		if ((vgic_in_use & (1u << n)) && (empty & (1u << n))) {
			vgic_in_use &= ~(1u << n);
			vgic_completed++;
		}
	}
}
/* end of lab */

/* lab: README "The guest's timer fires: vgic_inject" */
void vgic_inject(u32 vintid, bool hw)
{
	u64 empty, lr;
	u32 n;

	vgic_sweep();
	empty = read_sysreg(ich_elrsr_el2);
	for (n = 0; n < nr_lrs && !(empty & (1u << n)); n++)
		;
	if (n == nr_lrs)
		panic("vgic: all %u list registers are in use", nr_lrs);

	/*
	 * ICH_LR<n>_EL2
	 *
	 * 63:62 State    x1  pending
	 * 61:61 HW       x1  a hardware interrupt: the guest's EOI
	 *                    deactivates pINTID
	 * 60:60 Group    x1  Group 1 (the guest's IRQs)
	 * 55:48 Priority xa0 as the firmware set the physical one
	 * 44:32 pINTID   x1b the physical interrupt (with HW)
	 * 31:00 vINTID   x1b what the guest's ICC_IAR1_EL1 will return
	 */
	lr = ICH_LR_PENDING | ICH_LR_GROUP1 |
	     ((u64)GIC_PRIORITY_DEFAULT << ICH_LR_PRIORITY_SHIFT) | vintid;
	if (hw)
		lr |= ICH_LR_HW | ((u64)vintid << ICH_LR_PINTID_SHIFT);
	vgic_write_lr(n, lr);
	isb();
	vgic_in_use |= 1u << n;
	vgic_injected++;
}
/* end of lab */
