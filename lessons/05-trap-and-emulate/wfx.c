/*
 * wfx.c: trapped WFI and WFE (HCR_EL2.TWI, HCR_EL2.TWE).
 *
 * A guest's WFI says "I have nothing to do until an interrupt". Untrapped,
 * the physical CPU would sleep; this guest has no interrupts yet (lesson
 * 06), and under -icount sleep=off with no timer armed QEMU would wait
 * forever. Trapped, the hypervisor decides: here, return at once (a WFI
 * may always wake early). Lesson 07's scheduler runs another guest instead.
 *
 * WFE: TWE traps a WFE that would wait. QEMU 7.2 never waits in a WFE (it
 * treats it as a YIELD), so under QEMU a WFE never traps: measured, the
 * count stays 0. On hardware this handler serves both.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "trap.h"
#include "traps.h"

u64 wfi_exits, wfe_exits;
u64 run_deadline;	/* CNTPCT; 0: none (main.c sets it) */

/*
 * The guest has nothing to do: a scheduler may run another guest (lesson
 * 07 defines this). Alone, there is nobody to yield to: return. But a
 * guest that waits for an interrupt here waits for ever (it has none until
 * lesson 06), trapping again and again: past the run's deadline, stop it.
 * A trap is the only moment this hypervisor has the CPU; a guest that
 * never traps (a masked spin) is out of its reach until lesson 06's tick.
 */
__weak void vcpu_yield(struct frame *f)
{
	if (run_deadline && read_sysreg(cntpct_el0) >= run_deadline)
		guest_exit(f, GUEST_OVER_BUDGET);
}

static void handle_wfx(struct frame *f, u64 esr)
{
	if (esr & 1)		/* ISS.TI: 1 = WFE */
		wfe_exits++;
	else
		wfi_exits++;
	/* Like a trapped SMC, ELR is the wfi itself: 4 bytes, or 2 in T32. */
	skip_instruction(f, esr);
	vcpu_yield(f);
}
EXIT_HANDLER(ESR_EC_WFX, handle_wfx);
