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

u64 vgic_injected, vgic_completed;
u32 nr_lrs;			/* ICH_VTR_EL2.ListRegs + 1 */
u32 vgic_in_use;		/* list registers holding an interrupt */

/*
 * mrs and msr name their register in the instruction: one case each. The
 * GICv3 architecture allows up to 16 list registers; a CPU has as many as
 * ICH_VTR_EL2.ListRegs + 1 says (QEMU and the GIC-500's Cortex-A57: 4).
 */
#define LR_CASE_READ(n)		case n: return read_sysreg(ich_lr##n##_el2);
#define LR_CASE_WRITE(n, v)	case n: write_sysreg(ich_lr##n##_el2, v); break;

u64 vgic_read_lr(u32 n)
{
	switch (n) {
	LR_CASE_READ(0) LR_CASE_READ(1) LR_CASE_READ(2) LR_CASE_READ(3)
	LR_CASE_READ(4) LR_CASE_READ(5) LR_CASE_READ(6) LR_CASE_READ(7)
	LR_CASE_READ(8) LR_CASE_READ(9) LR_CASE_READ(10) LR_CASE_READ(11)
	LR_CASE_READ(12) LR_CASE_READ(13) LR_CASE_READ(14) LR_CASE_READ(15)
	default: panic("vgic: no list register %u", n);
	}
}

void vgic_write_lr(u32 n, u64 v)
{
	/* v's field table is where it is made: vgic_inject() */
	switch (n) {
	LR_CASE_WRITE(0, v) LR_CASE_WRITE(1, v) LR_CASE_WRITE(2, v)
	LR_CASE_WRITE(3, v) LR_CASE_WRITE(4, v) LR_CASE_WRITE(5, v)
	LR_CASE_WRITE(6, v) LR_CASE_WRITE(7, v) LR_CASE_WRITE(8, v)
	LR_CASE_WRITE(9, v) LR_CASE_WRITE(10, v) LR_CASE_WRITE(11, v)
	LR_CASE_WRITE(12, v) LR_CASE_WRITE(13, v) LR_CASE_WRITE(14, v)
	LR_CASE_WRITE(15, v)
	default: panic("vgic: no list register %u", n);
	}
}

/*
 * All nr_lrs list registers, to lr[] and back (lesson 07's world switch):
 * a jump into the middle of the run, so that no more are touched than the
 * CPU has, and none is named twice.
 */
#define LR_SAVE(n)	case n + 1: lr[n] = read_sysreg(ich_lr##n##_el2); __attribute__((fallthrough));
#define LR_LOAD(n)	case n + 1: write_sysreg(ich_lr##n##_el2, lr[n]); __attribute__((fallthrough));
#define EACH_LR_DOWN(X)	X(15) X(14) X(13) X(12) X(11) X(10) X(9) X(8) \
			X(7) X(6) X(5) X(4) X(3) X(2) X(1) X(0)

void vgic_save_lrs(u64 *lr)
{
	switch (nr_lrs) {
	EACH_LR_DOWN(LR_SAVE)
	default: break;
	}
}

void vgic_restore_lrs(const u64 *lr)
{
	/* Each lr[n] was saved whole by vgic_save_lrs(): no fields set here. */
	switch (nr_lrs) {
	EACH_LR_DOWN(LR_LOAD)
	default: break;
	}
}

/*
 * ICH_VMCR_EL2 as a CPU interface comes out of reset: the guest's view
 * of its own ICC_PMR_EL1, ICC_BPR0/1_EL1, ICC_IGRPEN0/1_EL1 and
 * ICC_CTLR_EL1.EOImode. Its reset value is UNKNOWN, so every vCPU starts
 * from this one (lesson 07 too).
 *
 * ICH_VMCR_EL2
 * 31:24 VPMR    x0 priority mask 0: the guest takes nothing until it
 *                  writes its ICC_PMR_EL1
 * 23:21 VBPR0   x? the smallest group 0 binary point, 7 - PREbits
 *                  (QEMU: 5 preemption bits, so 2)
 * 20:18 VBPR1   x? the smallest group 1 binary point, VBPR0 + 1
 * 09:09 VEOIM   x0 the guest's EOI also deactivates
 * 04:04 VCBPR   x0 separate binary points for the two groups
 * 03:03 VFIQEn  x1 RES1: the guest uses system registers
 * 02:02 VAckCtl x0 RES0 with system registers
 * 01:01 VENG1   x0 group 1 off until the guest enables it
 * 00:00 VENG0   x0 group 0 off
 */
static u64 vtr_prebits(void)	/* ICH_VTR_EL2.PREbits: preemption bits */
{
	return ((read_sysreg(ich_vtr_el2) >> ICH_VTR_PREBITS_SHIFT) & 7) + 1;
}

u64 vgic_vmcr_reset(void)
{
	u64 bpr0 = 7 - vtr_prebits();

	return (bpr0 << ICH_VMCR_VBPR0_SHIFT) |
	       ((bpr0 + 1) << ICH_VMCR_VBPR1_SHIFT) | ICH_VMCR_VFIQEN;
}

void vgic_init(void)
{
	nr_lrs = (read_sysreg(ich_vtr_el2) & ICH_VTR_LISTREGS_MASK) + 1;
	/*
	 * What this vGIC takes for granted, said where a CPU could break it
	 * (every Arm core has 4 list registers and 5 preemption bits): two
	 * list registers or more (lesson 07 has two interrupts in flight at
	 * once; lesson 08's underflow interrupt, "at most one valid", would
	 * never stop with one), and at most 5 preemption bits (the active
	 * priorities then fit in AP0R0 and AP1R0, the only ones reset here
	 * and switched by lesson 07).
	 */
	if (nr_lrs < 2 || vtr_prebits() > 5)
		panic("vgic: ICH_VTR_EL2 gives %u list register(s) and %lu "
		      "preemption bits: this hypervisor needs at least 2 and at "
		      "most 5", nr_lrs, vtr_prebits());
	for (u32 n = 0; n < nr_lrs; n++)
		vgic_write_lr(n, 0);
	/* vgic_vmcr_reset()'s field table is above it. */
	write_sysreg(ich_vmcr_el2, vgic_vmcr_reset());
	/*
	 * ICH_AP0R0_EL2, ICH_AP1R0_EL2: the guest's active priorities, one bit
	 * per preemption level (how many registers: ICH_VTR_EL2.PREbits; 5
	 * bits, 32 levels, fit in AP<n>R0), UNKNOWN at reset.
	 *
	 * 31:00 P     x0 no virtual interrupt is active
	 */
	write_sysreg(ich_ap0r0_el2, 0);
	write_sysreg(ich_ap1r0_el2, 0);
	/*
	 * Configure ICH_HCR_EL2
	 *
	 * 31:27 EOIcount x0 the count of unmatched EOIs starts at 0
	 * 03:03 NPIE     x0 no maintenance interrupt when nothing is pending
	 * 02:02 LRENPIE  x0 none for EOIs of interrupts in no list register
	 * 01:01 UIE      x0 none when the list registers run (nearly) empty
	 * 00:00 En       x1 the virtual CPU interface is on: without it no
	 *                   list register is ever delivered
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

/*
 * __weak: lesson 08 defines it again, for a guest whose own GIC decides
 * (enabled or not) and that may have more pending than there are LRs.
 */
/* lab: README "The guest's timer fires: vgic_inject" */
__weak void vgic_inject(u32 vintid, bool hw)
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
