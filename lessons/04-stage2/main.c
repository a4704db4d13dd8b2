/*
 * Lesson 04: give the guest a memory of its own. The hypervisor maps
 * itself (EL2 stage 1), then maps the guest (stage 2), and runs the guest
 * three times: once to show its world, twice to show what happens when it
 * reaches outside it.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "string.h"
#include "cache.h"
#include "uart.h"
#include "print.h"
#include "power.h"
#include "exception.h"
#include "trap.h"
#include "mmu.h"
#include "vm.h"

/*
 * The guest's world, as it sees it (IPA) and where it really is (PA):
 *
 *   IPA 0x09000000  4 KiB   the PL011 UART, passed through   PA 0x09000000
 *   IPA 0x40000000  2 MiB   its RAM                          PA 0x42000000
 *   IPA 0x40200000  4 KiB   an info page, read-only          PA 0x42200000
 *
 * (GUEST_RAM_IPA, GUEST_RAM_PA and GUEST_RAM_SIZE are in vm.h.)
 */
#define INFO_IPA	0x40200000UL
#define INFO_PA		0x42200000UL
#define PAGE_SIZE	0x1000UL

extern const u8 GUEST_IMAGE(guest)[], GUEST_IMAGE_END(guest)[];

static const char info[] = "hello from EL2, through a read-only page";

static struct vm guest;
static int run;			/* which run of the guest: 1, 2, 3 */
static int faults;		/* runs that ended in a fault (GUEST_FAULTED) */

static void start_run(void)
{
	static const char *const what[] = {
		"", "a normal run", "it writes to its read-only page",
		"it reads outside its map",
	};

	printf("\nhypervisor: run %d of 3 (%s): fresh RAM, x0 = %d\n",
	       run, what[run], run);
	vm_run(&guest, run);
}

void hyp_main(void)
{
	printf("stepvisor lesson 04: stage-2 translation\n\n");
	exceptions_init();

	mmu_init();
	printf("EL2 stage 1: the hypervisor's own map (identity), MMU on\n");
	pt_dump(&el2_map);

	stage2_init();
	vm_init(&guest, "guest", 1, GUEST_IMAGE(guest), GUEST_IMAGE_END(guest),
		GUEST_RAM_IPA, GUEST_RAM_PA, GUEST_RAM_SIZE);
	vm_map(&guest, INFO_IPA, INFO_PA, PAGE_SIZE,
	       S2_MEMATTR_NORMAL_WB | S2AP_RO | S2_XN | PTE_SH_INNER);
	vm_map(&guest, UART0_BASE, UART0_BASE, PAGE_SIZE,
	       S2_MEMATTR_DEVICE_nGnRE | S2AP_RW | S2_XN);
	memcpy((void *)INFO_PA, info, sizeof(info));
	dcache_clean_inval_range(INFO_PA, sizeof(info));

	printf("\nstage 2: the shape of every guest's tables, read back\n");
	print_vtcr_el2();
	printf("\nstage 2: the guest's map, VMID %lu (IPA -> PA)\n", guest.vmid);
	pt_dump(&guest.s2);

	/*
	 * Configure HCR_EL2
	 *
	 * 31:31 RW    x1 EL1 is AArch64
	 * 19:19 TSC   x1 trap SMC: the guest must not reach the monitor
	 * 05:05 AMO   x1 SErrors while the guest runs go to EL2 (entry.S,
	 *                el01_serror), whatever the guest's PSTATE.A
	 * 00:00 VM    x1 stage-2 translation on: every guest access goes
	 *                through guest.s2, VTTBR_EL2
	 */
	write_sysreg(hcr_el2, HCR_EL2_RW | HCR_EL2_TSC | HCR_EL2_AMO | HCR_EL2_VM);
	isb();
	printf("\n");
	print_hcr_el2();

	run = 1;
	start_run();
}

/* The end of a run: by HVC_EXIT, or stopped after a stage-2 abort. */
void guest_exit(struct frame *f, s64 status)
{
	(void)f;
	if (status == GUEST_FAULTED) {
		faults++;
		printf("hypervisor: run %d: the guest is stopped; the hypervisor "
		       "goes on\n", run);
	}
	else
		printf("hypervisor: run %d: the guest exited with status %ld\n",
		       run, status);
	if (++run <= 3)
		start_run();	/* does not return: a new guest_start */

	printf("\nlesson 04 done: %d runs, %d faults contained; powering off\n",
	       run - 1, faults);
	system_off(0);
}
