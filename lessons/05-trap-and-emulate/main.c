/*
 * Lesson 05: trap and emulate. The guest's UART is gone from its stage-2
 * map; every access to it traps, and the hypervisor plays the device. Its
 * SMC, WFI, WFE and ID register reads trap too, and are answered.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "uart.h"
#include "print.h"
#include "power.h"
#include "exception.h"
#include "trap.h"
#include "hypercall.h"
#include "pmu.h"
#include "mmu.h"
#include "vm.h"
#include "mmio.h"
#include "vpl011.h"
#include "hostile.h"
#include "traps.h"

static struct vm guest;
static struct vpl011 uart;

void hyp_main(void)
{
	u64 midr, mpidr;

	printf("stepvisor lesson 05: trap and emulate\n\n");
	exceptions_init();
	pmu_init();
	mmu_init();
	stage2_init();

	/* Only RAM in the map: IPA 0x09000000 is left for the vpl011. */
	guest_or_hostile_init(&guest);	/* or a test guest (hostile.c) */
	vpl011_init(&uart, &guest, UART0_BASE);
	printf("stage 2: the guest's map (IPA 0x%08lx is not mapped: the "
	       "vpl011 answers there)\n", UART0_BASE);
	pt_dump(&guest.s2);

	midr = read_sysreg(midr_el1);
	mpidr = read_sysreg(mpidr_el1);
	/*
	 * VPIDR_EL2 and VMPIDR_EL2: what the guest reads as MIDR_EL1 and
	 * MPIDR_EL1, without a trap. The same CPU part; one CPU, number 0,
	 * alone in its cluster.
	 *
	 * VPIDR_EL2 (the physical MIDR_EL1's value)
	 * 31:24 Implementer  x? as MIDR_EL1: 0x41, Arm
	 * 23:20 Variant      x? as MIDR_EL1: the rN of rNpM
	 * 19:16 Architecture x? as MIDR_EL1: 0xf, see the ID registers
	 * 15:04 PartNum      x? as MIDR_EL1: 0xd07, Cortex-A57
	 * 03:00 Revision     x? as MIDR_EL1: the pM of rNpM
	 *
	 * VMPIDR_EL2
	 * 39:32 Aff3  x0 affinity level 3: 0
	 * 31:31 RES1  x1 reserved
	 * 30:30 U     x1 a uniprocessor system
	 * 24:24 MT    x0 affinity level 0 counts CPUs, not threads
	 * 23:16 Aff2  x0 affinity level 2: 0
	 * 15:08 Aff1  x0 affinity level 1: cluster 0
	 * 07:00 Aff0  x0 affinity level 0: CPU 0
	 */
	write_sysreg(vpidr_el2, midr);
	write_sysreg(vmpidr_el2, BIT(31) | BIT(30));
	printf("\nMIDR_EL1 0x%08lx, MPIDR_EL1 0x%08lx: the guest reads "
	       "VPIDR_EL2 0x%08lx, VMPIDR_EL2 0x%08lx\n", midr, mpidr,
	       read_sysreg(vpidr_el2), read_sysreg(vmpidr_el2));
	idregs_init();

	/*
	 * Configure HCR_EL2
	 *
	 * 31:31 RW    x1 EL1 is AArch64
	 * 22:22 TSW   x1 trap data cache maintenance by set/way: it would
	 *                act on the physical caches (idregs.c makes it a
	 *                clean and invalidate of the guest's own RAM)
	 * 21:21 TACR  x1 trap ACTLR_EL1, IMPLEMENTATION DEFINED (reads as
	 *                zero, writes ignored: idregs.c)
	 * 20:20 TIDCP x1 trap the IMPLEMENTATION DEFINED registers: on a
	 *                board a guest could reach CPUECTLR_EL1, L2CTLR_EL1
	 * 19:19 TSC   x1 trap SMC: the hypervisor answers PSCI (vpsci.c)
	 * 18:18 TID3  x1 trap ID group 3 reads (idregs.c)
	 * 14:14 TWE   x1 trap WFE (wfx.c)
	 * 13:13 TWI   x1 trap WFI (wfx.c)
	 * 05:05 AMO   x1 SErrors while the guest runs go to EL2 (entry.S,
	 *                el01_serror), whatever the guest's PSTATE.A
	 * 02:02 PTW   x1 a stage-1 table walk that lands in Device memory
	 *                (by stage 2) faults to EL2
	 * 00:00 VM    x1 stage-2 translation: unmapped IPAs fault to EL2,
	 *                where the vpl011 lives (mmio.c)
	 */
	write_sysreg(hcr_el2, HCR_EL2_RW | HCR_EL2_TSW | HCR_EL2_TACR |
			      HCR_EL2_TIDCP | HCR_EL2_TSC | HCR_EL2_TID3 |
			      HCR_EL2_TWE | HCR_EL2_TWI | HCR_EL2_AMO |
			      HCR_EL2_PTW | HCR_EL2_VM);
	isb();
	printf("\n");
	print_hcr_el2();

	printf("\nhypervisor: starting the guest\n");
	/* A guest that waits in wfi for ever is stopped then (wfx.c). */
	run_deadline = read_sysreg(cntpct_el0) +
		       read_sysreg(cntfrq_el0) * RUN_DEADLINE_MS / 1000;
	vm_run(&guest, 0);
}

void guest_exit(struct frame *f, s64 status)
{
	vpl011_flush(&uart);	/* the rest of its last line, if any */
	(void)f;
	if (status == GUEST_OVER_BUDGET)
		printf("hypervisor: the guest is past its deadline, %u ms\n",
		       RUN_DEADLINE_MS);
	printf("hypervisor: the guest %s (status %ld)\n",
	       status < 0 ? "was stopped" : "ended", status);
	printf("hypervisor: exits by cause:\n");
	printf("  MMIO  %lu reads, %lu writes (%lu not emulated)\n",
	       mmio_reads, mmio_writes, mmio_unemulated);
	printf("  SMC   %lu (PSCI)\n", exit_counts[ESR_EC_SMC64]);
	printf("  WFx   %lu WFI, %lu WFE (QEMU does not trap WFE: it never "
	       "waits in one)\n", wfi_exits, wfe_exits);
	printf("  SYS64 %lu (%lu ID registers, %lu by set/way, %lu not "
	       "emulated)\n", exit_counts[ESR_EC_SYS64], sys_idregs,
	       sys_set_way, sys_unemulated);
	printf("  HVC   %lu\n", exit_counts[ESR_EC_HVC64]);
	printf("lesson 05 done: powering off\n");
	system_off(0);
}
