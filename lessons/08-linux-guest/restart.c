/*
 * restart.c: PSCI SYSTEM_RESET from Linux (`reboot -f`) restarts that
 * guest only, as a machine's reset button would restart it: its memory as
 * it was loaded, its CPU as it comes out of reset, its interrupt controller
 * and UART as at power-on. The other guest runs on, untouched.
 *
 * The second boot's command line has "stepvisor.restarted" added, so that
 * a program can tell it (init.sh's stepvisor.reboot test does).
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "string.h"
#include "print.h"
#include "gic.h"
#include "vgic.h"
#include "traps.h"
#include "sched.h"
#include "linux.h"

extern const char blob_cmdline[];

static struct vgic_state at_reset;	/* its virtual CPU interface at power-on */

void restart_init(struct vcpu *v)
{
	at_reset = v->vgic;		/* lesson 07's vcpu_init() made it */
}

static void restart(struct frame *f)
{
	static char bootargs[512];
	u64 len = strlen(blob_cmdline);
	static const char more[] = " stepvisor.restarted";

	if (len + sizeof(more) > sizeof(bootargs))
		len = sizeof(bootargs) - sizeof(more);
	memcpy(bootargs, blob_cmdline, len);
	memcpy(bootargs + len, more, sizeof(more));
	printf("hypervisor: %s called PSCI SYSTEM_RESET: restarting it\n",
	       current->vm.name);
	vpl011_flush(&current->uart);
	linux_reload(bootargs);

	/* Its registers: the boot protocol's, as at its first instruction. */
	memset(f, 0, sizeof(*f));
	f->x[0] = LINUX_RAM_IPA + LINUX_DTB_OFFSET;
	f->elr = LINUX_RAM_IPA + LINUX_KERNEL_OFFSET;
	f->spsr = SPSR_DAIF | SPSR_M_EL1H;
	/*
	 * SCTLR_EL1: as lesson 03's guest_start() (its table): MMU, caches off
	 *
	 * 29:28 RES1  x3 reserved
	 * 23:22 RES1  x3 reserved
	 * 20:20 RES1  x1 reserved
	 * 11:11 RES1  x1 reserved
	 * 02:02 C     x0 no data caching
	 * 00:00 M     x0 stage-1 MMU off
	 */
	write_sysreg(sctlr_el1, SCTLR_EL1_RES1);
	/*
	 * CNTV_CTL_EL0
	 * 00:00 ENABLE x0 its timer off, as at reset
	 */
	write_sysreg(cntv_ctl_el0, 0);
	isb();
	/* A timer interrupt it took and never ended: end it. */
	if (gic_ppi_active(INTID_CNTV))
		gic_ppi_set_active(INTID_CNTV, false);
	/* No interrupt pending or active in its virtual CPU interface. */
	for (u32 n = 0; n < nr_lrs; n++)
		vgic_write_lr(n, 0);
	vgic_in_use = 0;
	/*
	 * ICH_AP1R0_EL2: the active priorities of its Group 1 interrupts
	 * 31:00 P     x0 none active
	 */
	write_sysreg(ich_ap1r0_el2, 0);
	/* ICH_VMCR_EL2 at reset, as vcpu_init() read it: no field table, a copy */
	write_sysreg(ich_vmcr_el2, at_reset.vmcr);
	vgic_dist_reset();
	vgic_pending_reset();
	/* Its old stage-1 translations, cached under its VMID, are stale. */
	asm volatile("tlbi vmalls12e1; dsb nsh; isb" ::: "memory");
}

/* Lesson 05's weak psci_more(): the calls vpsci.c does not answer. */
bool psci_more(struct frame *f, u32 fn)
{
	if (fn != PSCI_SYSTEM_RESET || current != linux_vcpu)
		return false;
	restart(f);
	return true;
}
