/*
 * Lesson 03: run a first guest at EL1 and serve its hypercalls.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "power.h"
#include "exception.h"
#include "trap.h"
#include "hypercall.h"
#include "pmu.h"

/* The guest, linked into this image (guest/guest.c). */
void guest_main(void);
extern u8 *const guest_stack_top;

static const char *const hvc_names[HVC_NR + 1] = {
	"NULL", "PUTC", "QUERY", "EXIT", "SCRUB", "unknown",
};

void hyp_main(void)
{
	printf("stepvisor lesson 03: context and hypercalls\n\n");
	exceptions_init();
	pmu_init();

	/*
	 * Configure HCR_EL2
	 *
	 * 31:31 RW    x1 EL1 is AArch64
	 * 19:19 TSC   x1 trap the guest's SMC to EL2: the EL3 monitor is the
	 *                hypervisor's to call (it refuses callers below EL2,
	 *                monitor.S). No handler takes EC SMC64 yet (lesson
	 *                05), so a guest's smc is reported, the guest stopped.
	 * 18:18 TID3  x0 ID registers read as they are
	 * 14:13 TWE, TWI x0 WFE and WFI not trapped
	 * 05:05 AMO   x1 SErrors while the guest runs go to EL2 (entry.S,
	 *                el01_serror), whatever the guest's PSTATE.A
	 * 04:03 IMO, FMO x0 physical interrupts stay at EL1 (all masked)
	 * 00:00 VM    x0 no stage-2 translation: guest and hypervisor share
	 *                one physical address space (until lesson 04)
	 * An HVC from EL1 needs no HCR bit: it always goes to EL2.
	 */
	write_sysreg(hcr_el2, HCR_EL2_RW | HCR_EL2_TSC | HCR_EL2_AMO);
	isb();
	print_hcr_el2();

	printf("\nentering the guest at EL1h\n");
	guest_start((u64)guest_main, (u64)guest_stack_top, 0);
}

/* The guest's exit hypercall (or a fault) ends the lesson. */
void guest_exit(struct frame *f, s64 status)
{
	(void)f;
	printf("\nhypervisor: the guest exited with status %ld\n", status);
	printf("hypervisor: hypercalls served:");
	for (int i = 0; i <= HVC_NR; i++)
		printf(" %s %lu%s", hvc_names[i], hvc_counts[i],
		       i < HVC_NR ? "," : "\n");
	printf("hypervisor: powering off through PSCI SYSTEM_OFF, "
	       "an smc to the EL3 monitor\n");
	system_off(status != 0);
}
