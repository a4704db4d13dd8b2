/*
 * fpsimd.c: FP/SIMD registers, one guest's at a time, switched lazily.
 *
 * Each guest has its own v0-v31, FPSR and FPCR (struct fpsimd, in its
 * vCPU). A world switch could save the outgoing guest's 528 bytes and load
 * the incoming one's every time (eager switching), but most guests, in most
 * slices, never touch them: counter and primes never do. So the switch only
 * sets CPTR_EL2.TFP, which makes the next FP/SIMD instruction trap to EL2
 * (EC 0x07), unless the incoming guest's registers are the ones in the CPU.
 * The trap does the save and the load, once, and clears TFP: the guest's
 * instruction runs again, and so does every other until the next switch.
 * fp_owner is the vCPU whose registers are in the CPU.
 *
 * Eager costs the save and load at every switch; lazy costs them, and a
 * trap, only when a guest uses FP/SIMD after another did (or, the first
 * time, at all). fpsimd_report() prints the cost of one save and load,
 * the traps, and the switches.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "trap.h"
#include "sched.h"
#include "fpsimd.h"

struct vcpu *fp_owner;
static u64 traps;
static u64 cost;			/* one save and one load, measured */

/*
 * What one switch of the registers costs, the price an eager switch would
 * pay at every world switch: a save and a load, counted by PMU counter 2
 * (EL2's instructions, stats.c). Before any guest runs: what is saved is
 * loaded back.
 */
void fpsimd_measure(void)
{
	static struct fpsimd scratch;
	u64 before;

	fpsimd_trap(false);
	isb();
	before = read_sysreg(pmevcntr2_el0);
	fpsimd_save(&scratch);
	fpsimd_load(&scratch);
	cost = read_sysreg(pmevcntr2_el0) - before;
}

void fpsimd_forget(struct vcpu *v)
{
	if (fp_owner == v)
		fp_owner = NULL;
}

/*
 * The trap: the guest's first FP/SIMD instruction since it was switched in,
 * with another guest's registers in the CPU. ELR_EL2 is that instruction:
 * it is not skipped, it runs again once the registers are the guest's.
 */
static void handle_fp_trap(struct frame *f, u64 esr)
{
	(void)f; (void)esr;
	fpsimd_trap(false);	/* TFP traps EL2's own accesses too */
	isb();
	if (fp_owner)
		fpsimd_save(&fp_owner->fp);
	fpsimd_load(&current->fp);
	fp_owner = current;
	traps++;
}
EXIT_HANDLER(ESR_EC_FP_ASIMD, handle_fp_trap);

void fpsimd_report(u64 switches)
{
	printf("FP/SIMD registers: a save and a load cost %lu instructions; "
	       "switched lazily (a trap on first use), at %lu of %lu world "
	       "switches; eagerly, at all %lu\n", cost, traps, switches,
	       switches);
}
