/*
 * Lesson 08: Debian's own Linux kernel, unmodified, boots as a guest to a
 * busybox /init, while lesson 07's counter runs beside it on the same CPU.
 * What Linux needs beyond lesson 07: the boot protocol and a device tree
 * (linux.c, dt.c), an emulated GIC distributor and redistributor (vgicd.c,
 * vgicr.c), and more RAM than a bare-metal guest.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "exception.h"
#include "pmu.h"
#include "mmu.h"
#include "vm.h"
#include "gic.h"
#include "vgic.h"
#include "timer.h"
#include "vcpu.h"
#include "sched.h"
#include "linux.h"

/* Linux's CPU budget: its boot, /init's checks and a 1 s sleep, with room. */
#define LINUX_BUDGET_MS	10000

/* Lesson 07's counter; without it (ALONE=1, the benchmark) these are 0. */
extern const u8 GUEST_IMAGE(counter)[] __weak, GUEST_IMAGE_END(counter)[] __weak;

static struct vcpu guests[2];

/*
 * The machine's RAM, for the hypervisor's own map (lesson 04's weak
 * platform_ram_size()): this lesson gives QEMU 256 MiB (QEMU_MEMORY), and
 * Linux's RAM is the second half, where the hypervisor writes the device
 * tree and the initramfs.
 */
u64 platform_ram_size(void)
{
	return LINUX_RAM_PA + LINUX_RAM_SIZE - RAM_BASE;
}

void hyp_main(void)
{
	printf("stepvisor lesson 08: Debian's Linux beside a bare-metal guest\n\n");
	hyp_init();		/* lesson 07's set-up */

	/*
	 * VPIDR_EL2 and VMPIDR_EL2: what a guest reads as MIDR_EL1 and
	 * MPIDR_EL1 (lesson 05). Linux matches MPIDR against its device
	 * tree's cpu@0 (reg = <0>).
	 *
	 * VPIDR_EL2
	 * 31:00 MIDR  x.. the physical MIDR_EL1: a Cortex-A57
	 *
	 * VMPIDR_EL2
	 * 31:31 RES1  x1 reserved
	 * 30:30 U     x1 a uniprocessor system
	 * 24:24 MT    x0 affinity level 0 counts CPUs, not threads
	 * 23:00 Aff2-0 x0 CPU 0 of cluster 0
	 */
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vmpidr_el2, BIT(31) | BIT(30));

	if (GUEST_IMAGE(counter)) {
		vcpu_init(&guests[0], "counter", 1, GUEST_IMAGE(counter),
			  GUEST_IMAGE_END(counter), GUEST_RAM_PA, 0);
		vcpus[nr_vcpus++] = &guests[0];
	}
	linux_init(&guests[1], "linux", 2);
	/* A shell has no end but the one its user types: no budget. */
	guests[1].budget_ms = linux_interactive() ? ~0U : LINUX_BUDGET_MS;
	vcpus[nr_vcpus++] = &guests[1];
	for (int i = 0; i < nr_vcpus; i++)
		vcpu_print(vcpus[i]);

	/*
	 * MDCR_EL2: lesson 07's, written by hyp_init() (its table: sched.c).
	 * Linux's debug and PMU registers trap too: at boot it writes 24 of
	 * them (MDSCR_EL1, the OS lock, every breakpoint and watchpoint,
	 * PMUSERENR_EL0), and lesson 05's handler ignores each write. Its
	 * breakpoints would otherwise stay armed in the counter's time.
	 */
	printf("\nthe PMU and the debug registers are the hypervisor's:\n");
	print_mdcr_el2();

	/*
	 * HCR_EL2: lesson 07's, for both guests (its table: sched.h). Linux
	 * takes none of lesson 05's HCR_EL2 traps (its SYS exits are
	 * MDCR_EL2's, above). And what it leaves off, for Linux:
	 *
	 * 18:18 TID3  x0 Linux reads the real ID registers: 33 of them
	 * 17:17 TID2  x0 no trap of CTR_EL0: Linux reads it ~78,000 times
	 */
	sched_init(HCR_EL2_GUESTS);
	tick_init(TICK_US);
	sched_start();
}
