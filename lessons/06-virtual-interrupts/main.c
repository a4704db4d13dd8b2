/*
 * Lesson 06: virtual interrupts and timers. The hypervisor owns the
 * physical GIC and a tick of its own; the guest gets its virtual timer
 * interrupt through a list register, and cannot keep the hypervisor's
 * tick out by masking its own interrupts.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "uart.h"
#include "print.h"
#include "power.h"
#include "exception.h"
#include "trap.h"
#include "mmu.h"
#include "vm.h"
#include "vpl011.h"
#include "hostile.h"
#include "gic.h"
#include "vgic.h"
#include "timer.h"
#include "irq.h"

#define TICK_US		1000		/* the hypervisor's tick: 1 ms */

static struct vm guest;
static struct vpl011 uart;

static const struct field lr_fields[] = {
	{ 63, 62, "State",    "0 invalid, 1 pending, 2 active, 3 both" },
	{ 61, 61, "HW",       "1 = the guest's EOI deactivates pINTID" },
	{ 60, 60, "Group",    "1 = Group 1" },
	{ 55, 48, "Priority", "as injected" },
	{ 44, 32, "pINTID",   "the physical interrupt" },
	{ 31,  0, "vINTID",   "the virtual interrupt" },
};

static const struct field vmcr_fields[] = {
	{ 31, 24, "VPMR",  "the guest's priority mask (ICC_PMR_EL1)" },
	{  1,  1, "VENG1", "1 = the guest enabled Group 1 (ICC_IGRPEN1_EL1)" },
};

void hyp_main(void)
{
	printf("stepvisor lesson 06: virtual interrupts and timers\n\n");
	exceptions_init();
	mmu_init();
	stage2_init();
	guest_or_hostile_init(&guest);	/* or a test guest (hostile.c) */
	vpl011_init(&uart, &guest, UART0_BASE);

	gic_init();
	vgic_init();
	/*
	 * What the guest may do with the timers is set already: lesson 01's
	 * boot.S wrote CNTHCTL_EL2 (EL1PCEN = 0: the physical timer traps,
	 * the guest has the virtual one) and CNTVOFF_EL2 = 0 (its virtual
	 * time is physical time). Read back below (print_cnthctl_el2()).
	 */
	gic_enable_ppi(INTID_CNTV);
	tick_init(TICK_US);
	printf("GIC: %lu list registers (ICH_VTR_EL2 0x%08lx); EL2 tick every "
	       "%u us on CNTHP (PPI %u); the guest's timer is CNTV (PPI %u)\n",
	       (read_sysreg(ich_vtr_el2) & ICH_VTR_LISTREGS_MASK) + 1,
	       read_sysreg(ich_vtr_el2), TICK_US, INTID_CNTHP, INTID_CNTV);

	/*
	 * Configure HCR_EL2
	 *
	 * 31:31 RW    x1 EL1 is AArch64
	 * 22:20 TSW, TACR, TIDCP x7 set/way maintenance, ACTLR_EL1 and the
	 *                IMPLEMENTATION DEFINED registers trap (lesson 05)
	 * 19:19 TSC   x1 trap SMC: PSCI is the hypervisor's (lesson 05)
	 * 13:13 TWI   x0 the guest's WFI really waits: its timer wakes it
	 * 05:05 AMO   x1 SErrors go to EL2 (lesson 03)
	 * 04:04 IMO   x1 physical IRQs go to EL2, whatever the guest's
	 *                PSTATE.I; the guest's ICC_* accesses go to the
	 *                virtual CPU interface
	 * 03:03 FMO   x1 the same for FIQs
	 * 02:02 PTW   x1 stage-1 walks into Device memory fault (lesson 05)
	 * 00:00 VM    x1 stage-2 translation
	 */
	write_sysreg(hcr_el2, HCR_EL2_RW | HCR_EL2_TSW | HCR_EL2_TACR |
			      HCR_EL2_TIDCP | HCR_EL2_TSC | HCR_EL2_AMO |
			      HCR_EL2_IMO | HCR_EL2_FMO | HCR_EL2_PTW | HCR_EL2_VM);
	isb();
	print_hcr_el2();
	print_cnthctl_el2();

	printf("\nhypervisor: starting the guest\n");
	vm_run(&guest, 0);
}

void guest_exit(struct frame *f, s64 status)
{
	vpl011_flush(&uart);	/* the rest of its last line, if any */
	(void)f;
	vgic_sweep();
	if (status == GUEST_OVER_BUDGET)
		printf("hypervisor: the guest is past its deadline, %u ticks\n",
		       RUN_DEADLINE_TICKS);
	printf("hypervisor: the guest %s (status %ld)\n",
	       status < 0 ? "was stopped" : "ended", status);
	printf("hypervisor: virtual interrupts: %lu injected, %lu completed\n",
	       vgic_injected, vgic_completed);
	printf("hypervisor: physical PPI %u active: %s\n", INTID_CNTV,
	       gic_ppi_active(INTID_CNTV) ?
	       "yes (the guest never ended its last interrupt)" :
	       vgic_injected ?
	       "no (the guest's EOI deactivated it through the HW bit)" :
	       "no (none was injected)");
	printf("hypervisor: EL2 ticks: %lu, %lu of them while the guest had "
	       "IRQs masked\n", ticks_total, ticks_guest_masked);
	print_fields("hypervisor: ICH_LR0_EL2", vgic_read_lr(0), lr_fields,
		     ARRAY_SIZE(lr_fields));
	print_fields("hypervisor: ICH_VMCR_EL2", read_sysreg(ich_vmcr_el2),
		     vmcr_fields, ARRAY_SIZE(vmcr_fields));
	printf("lesson 06 done: powering off\n");
	system_off(0);
}
