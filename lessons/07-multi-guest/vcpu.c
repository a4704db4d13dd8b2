/*
 * vcpu.c: the world switch, the part that saves one guest's CPU and loads
 * another's. What is saved where:
 *
 *   general registers, ELR, SPSR   the exception frame (kernel_entry) <->
 *                                  vcpu->regs, copied by the scheduler
 *   EL1 system registers           mrs/msr <-> vcpu->el1
 *   virtual timer                  CNTV_CTL_EL0, CNTV_CVAL_EL0, CNTVOFF_EL2,
 *                                  and whether PPI 27 is active
 *   virtual GIC                    ICH_LR<n>_EL2, ICH_VMCR_EL2, ICH_AP0R0_EL2,
 *                                  ICH_AP1R0_EL2, ICH_HCR_EL2, the in-use mask
 *   memory                         VTTBR_EL2 (tables + VMID): vm_activate
 *
 * What is not saved: the hypervisor's own registers (EL2 and EL3 state),
 * FP/SIMD (the kit's guests are built with -mgeneral-regs-only), and
 * debug registers (unused).
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "string.h"
#include "print.h"
#include "gic.h"
#include "vgic.h"
#include "uart.h"
#include "vcpu.h"

void vcpu_init(struct vcpu *v, const char *name, u64 vmid, const u8 *image,
	       const u8 *image_end, u64 ram_pa, u64 arg)
{
	memset(v, 0, sizeof(*v));
	vm_init(&v->vm, name, vmid, image, image_end, GUEST_RAM_IPA, ram_pa,
		GUEST_RAM_SIZE);
	vpl011_init(&v->uart, &v->vm, UART0_BASE);
	vm_load(&v->vm);

	/* As lesson 03's guest_start: EL1h, interrupts masked, MMU off. */
	v->regs.x[0] = arg;
	v->regs.elr = GUEST_RAM_IPA;
	v->regs.spsr = SPSR_DAIF | SPSR_M_EL1H;
	v->el1.sctlr = SCTLR_EL1_RES1;
	v->vgic.vmcr = vgic_vmcr_reset();	/* its table: lesson 06 vgic.c */
	v->vgic.hcr = ICH_HCR_EL2_EN;		/* lesson 06 vgic_init()'s table */
	v->state = VCPU_RUNNABLE;
}

/* Its line in the set-up: name, VMID, and where its RAM is. */
void vcpu_print(const struct vcpu *v)
{
	printf("%-8s VMID %lu: IPA 0x%08lx-0x%08lx -> PA 0x%08lx\n", v->vm.name,
	       v->vm.vmid, v->vm.ram_ipa, v->vm.ram_ipa + v->vm.ram_size - 1,
	       v->vm.ram_pa);
}

/* lab: README "The world switch: switch_to" */
static void el1_save(struct el1_sysregs *r)
{
	r->sctlr = read_sysreg(sctlr_el1);
	r->cpacr = read_sysreg(cpacr_el1);
	r->ttbr0 = read_sysreg(ttbr0_el1);
	r->ttbr1 = read_sysreg(ttbr1_el1);
	r->tcr = read_sysreg(tcr_el1);
	r->mair = read_sysreg(mair_el1);
	r->amair = read_sysreg(amair_el1);
	r->vbar = read_sysreg(vbar_el1);
	r->contextidr = read_sysreg(contextidr_el1);
	r->tpidr_el0 = read_sysreg(tpidr_el0);
	r->tpidrro_el0 = read_sysreg(tpidrro_el0);
	r->tpidr_el1 = read_sysreg(tpidr_el1);
	r->sp_el0 = read_sysreg(sp_el0);
	r->sp_el1 = read_sysreg(sp_el1);
	r->elr_el1 = read_sysreg(elr_el1);
	r->spsr_el1 = read_sysreg(spsr_el1);
	r->esr = read_sysreg(esr_el1);
	r->far = read_sysreg(far_el1);
	r->par = read_sysreg(par_el1);
	r->afsr0 = read_sysreg(afsr0_el1);
	r->afsr1 = read_sysreg(afsr1_el1);
	r->cntkctl = read_sysreg(cntkctl_el1);
}

static void el1_restore(const struct el1_sysregs *r)
{
	write_sysreg(sctlr_el1, r->sctlr);
	write_sysreg(cpacr_el1, r->cpacr);
	write_sysreg(ttbr0_el1, r->ttbr0);
	write_sysreg(ttbr1_el1, r->ttbr1);
	write_sysreg(tcr_el1, r->tcr);
	write_sysreg(mair_el1, r->mair);
	write_sysreg(amair_el1, r->amair);
	write_sysreg(vbar_el1, r->vbar);
	write_sysreg(contextidr_el1, r->contextidr);
	write_sysreg(tpidr_el0, r->tpidr_el0);
	write_sysreg(tpidrro_el0, r->tpidrro_el0);
	write_sysreg(tpidr_el1, r->tpidr_el1);
	write_sysreg(sp_el0, r->sp_el0);
	write_sysreg(sp_el1, r->sp_el1);
	write_sysreg(elr_el1, r->elr_el1);
	write_sysreg(spsr_el1, r->spsr_el1);
	write_sysreg(esr_el1, r->esr);
	write_sysreg(far_el1, r->far);
	write_sysreg(par_el1, r->par);
	write_sysreg(afsr0_el1, r->afsr0);
	write_sysreg(afsr1_el1, r->afsr1);
	write_sysreg(cntkctl_el1, r->cntkctl);
}

/*
 * The timer: save it and stop it (the next guest's restore writes CTL too;
 * after the last guest nothing would), and remember whether its interrupt
 * is active (injected with the HW bit, not yet ended by the guest): that
 * active state belongs to this guest too, and must not block the next.
 */
static void timer_save(struct vtimer *t)
{
	t->ctl = read_sysreg(cntv_ctl_el0);
	t->cval = read_sysreg(cntv_cval_el0);
	/*
	 * CNTV_CTL_EL0
	 * 00:00 ENABLE x0 the timer stops while the guest is out
	 */
	write_sysreg(cntv_ctl_el0, 0);
	isb();
	t->ppi_active = gic_ppi_active(INTID_CNTV);
	if (t->ppi_active)
		gic_ppi_set_active(INTID_CNTV, false);
}

static void timer_restore(const struct vtimer *t)
{
	write_sysreg(cntvoff_el2, t->cntvoff);
	write_sysreg(cntv_cval_el0, t->cval);
	if (t->ppi_active)
		gic_ppi_set_active(INTID_CNTV, true);
	write_sysreg(cntv_ctl_el0, t->ctl);	/* last: it may fire at once */
}

/*
 * Pending and active virtual interrupts stay with the guest they are for:
 * the next guest's restore overwrites every list register the CPU has
 * (ICH_VTR_EL2.ListRegs + 1 of them: lesson 06's vgic_save_lrs()). So
 * does the in-use mask that says which of them hold its interrupts: with
 * another guest's mask, vgic_sweep() would count (and free) that guest's
 * interrupts as this one's.
 */
static void vgic_save(struct vgic_state *g)
{
	/* (No vgic_sweep() here: the next one, while it is loaded, counts.) */
	vgic_save_lrs(g->lr);
	/* (No need to empty them: vgic_restore() writes them all.) */
	g->vmcr = read_sysreg(ich_vmcr_el2);
	g->ap0r0 = read_sysreg(ich_ap0r0_el2);
	g->ap1r0 = read_sysreg(ich_ap1r0_el2);
	/* Its maintenance requests (lesson 08: UIE) are its own, like its LRs. */
	g->hcr = read_sysreg(ich_hcr_el2);
	g->in_use = vgic_in_use;
	g->completed = vgic_completed;	/* lesson 06's count: each guest its own */
}

static void vgic_restore(const struct vgic_state *g)
{
	vgic_restore_lrs(g->lr);
	write_sysreg(ich_vmcr_el2, g->vmcr);
	write_sysreg(ich_ap0r0_el2, g->ap0r0);
	write_sysreg(ich_ap1r0_el2, g->ap1r0);
	write_sysreg(ich_hcr_el2, g->hcr);
	vgic_in_use = g->in_use;
	vgic_completed = g->completed;
}

void vcpu_put(struct vcpu *v)
{
	el1_save(&v->el1);
	timer_save(&v->timer);
	vgic_save(&v->vgic);
}

void vcpu_load(struct vcpu *v)
{
	vm_activate(&v->vm);
	el1_restore(&v->el1);
	vgic_restore(&v->vgic);
	timer_restore(&v->timer);
	isb();
}
/* end of lab */
