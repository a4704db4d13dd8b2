/*
 * Lesson 07: several guests time-shared on one CPU. Five programs, each
 * with its own memory (stage 2, VMID), console (vpl011), timer (CNTV) and
 * interrupt state (list registers), take turns on the EL2 tick.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "exception.h"
#include "pmu.h"
#include "mmu.h"
#include "vm.h"
#include "hostile.h"	/* a test guest beside the five (lesson 05) */
#include "gic.h"
#include "vgic.h"
#include "timer.h"
#include "vcpu.h"
#include "sched.h"

extern const u8 GUEST_IMAGE(counter)[], GUEST_IMAGE_END(counter)[];
extern const u8 GUEST_IMAGE(primes)[], GUEST_IMAGE_END(primes)[];
extern const u8 GUEST_IMAGE(rogue)[], GUEST_IMAGE_END(rogue)[];
extern const u8 GUEST_IMAGE(vector)[], GUEST_IMAGE_END(vector)[];
extern const u8 GUEST_IMAGE(yielder)[], GUEST_IMAGE_END(yielder)[];

static struct vcpu guests[MAX_VCPUS];

void hyp_main(void)
{
	printf("stepvisor lesson 07: several guests, time-shared\n\n");
	hyp_init();

	/*
	 * Each guest: its own 2 MiB of RAM, its own VMID, the same IPA map.
	 * The ring is this order. yielder comes just before vector: whoever
	 * follows it would get the slivers of time it leaves (README 4).
	 */
	vcpu_init(&guests[0], "counter", 1, GUEST_IMAGE(counter),
		  GUEST_IMAGE_END(counter), GUEST_RAM_PA + 0 * GUEST_RAM_SIZE, 0);
	vcpu_init(&guests[1], "primes", 2, GUEST_IMAGE(primes),
		  GUEST_IMAGE_END(primes), GUEST_RAM_PA + 1 * GUEST_RAM_SIZE, 0);
	vcpu_init(&guests[2], "rogue", 3, GUEST_IMAGE(rogue),
		  GUEST_IMAGE_END(rogue), GUEST_RAM_PA + 2 * GUEST_RAM_SIZE, 0);
	vcpu_init(&guests[3], "yielder", 4, GUEST_IMAGE(yielder),
		  GUEST_IMAGE_END(yielder), GUEST_RAM_PA + 3 * GUEST_RAM_SIZE, 0);
	vcpu_init(&guests[4], "vector", 5, GUEST_IMAGE(vector),
		  GUEST_IMAGE_END(vector), GUEST_RAM_PA + 4 * GUEST_RAM_SIZE, 0);
	if (GUEST_IMAGE(hostile))
		vcpu_init(&guests[5], guest_name_hostile, 6, GUEST_IMAGE(hostile),
			  GUEST_IMAGE_END(hostile),
			  GUEST_RAM_PA + 5 * GUEST_RAM_SIZE, 0);
	for (int i = 0; i < 5 + !!GUEST_IMAGE(hostile); i++) {
		vcpus[nr_vcpus++] = &guests[i];
		vcpu_print(&guests[i]);
	}

	/* MDCR_EL2, written by hyp_init(): trap_pmu_and_debug() in sched.c */
	printf("\nthe PMU and the debug registers are the hypervisor's:\n");
	print_mdcr_el2();
	/*
	 * What fpsimd_switch() writes for a guest whose FP/SIMD registers are
	 * not in the CPU: none are yet (its table is in fpsimd.h).
	 */
	fpsimd_switch(&guests[0]);
	isb();
	printf("\nFP/SIMD traps until a guest uses it (fpsimd.c), read back:\n");
	print_cptr_el2();

	sched_init(HCR_EL2_GUESTS);	/* its field table: sched.h */

	move_last_guest_page = true;	/* remap.c: once, when one is left */
	tick_init(TICK_US);
	sched_start();
}
