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
	printf("the PMU's event counters are the guest's (pmu.c), read back:\n");
	print_mdcr_el2();
	printf("\n");

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

/*
 * After the guest: the monitor's own guard. With TSC set (every lesson
 * from here on) no smc from EL1 ever reaches EL3, so the monitor's refusal
 * of a caller below EL2 would never run. Clear TSC for one call, run
 * smc_probe at EL1 (smc_probe.S) in the guest's place, and print what the
 * monitor answered.
 */
void smc_probe(void);
static s64 guest_status;
static bool probing;

static void monitor_test(struct frame *f, s64 status)
{
	printf("hypervisor: one more call at EL1, with HCR_EL2.TSC clear: "
	       "smc #0 (PSCI_VERSION), straight to the EL3 monitor\n");
	guest_status = status;
	probing = true;
	/*
	 * Configure HCR_EL2 for the probe: hyp_main()'s, but without TSC
	 *
	 * 31:31 RW    x1 EL1 is AArch64
	 * 19:19 TSC   x0 the probe's smc goes to EL3, not to EL2
	 * 05:05 AMO   x1 SErrors still go to EL2
	 */
	write_sysreg(hcr_el2, HCR_EL2_RW | HCR_EL2_AMO);
	isb();
	f->elr = (u64)smc_probe;	/* kernel_exit returns there, at EL1 */
}

/* The guest's exit hypercall (or a fault) ends the lesson. */
void guest_exit(struct frame *f, s64 status)
{
	if (probing) {
		s64 answer = (s64)f->x[1];

		if (answer == PSCI_RET_NOT_SUPPORTED)
			printf("hypervisor: the EL3 monitor answered -1 "
			       "(NOT_SUPPORTED): it refuses a caller below EL2\n");
		else
			printf("hypervisor: the EL3 monitor answered 0x%lx: it "
			       "served a caller below EL2\n", answer);
		printf("hypervisor: powering off through PSCI SYSTEM_OFF, "
		       "an smc to the EL3 monitor\n");
		system_off(guest_status != 0);
	}
	printf("\nhypervisor: the guest exited with status %ld\n", status);
	printf("hypervisor: hypercalls served:");
	for (int i = 0; i <= HVC_NR; i++)
		printf(" %s %lu%s", hvc_names[i], hvc_counts[i],
		       i < HVC_NR ? "," : "\n");
	if (status >= 0) {
		monitor_test(f, status);
		return;
	}
	printf("hypervisor: powering off through PSCI SYSTEM_OFF, "
	       "an smc to the EL3 monitor\n");
	system_off(1);
}
