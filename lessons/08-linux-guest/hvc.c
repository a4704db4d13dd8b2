/*
 * hvc.c: PSCI over hvc. A PSCI caller picks its conduit from the device
 * tree's /psci "method": "smc" sends the call to the firmware at EL3 (and a
 * hypervisor must trap it, HCR_EL2.TSC, to answer in its place), "hvc" to
 * the hypervisor directly. Linux's tree here says hvc (dt.c; README "PSCI:
 * why the tree says hvc"); the smc path of lesson 05 stays, so that a
 * kernel told "smc" boots the same (tests/test_linux_image.py calls each
 * function both ways).
 *
 * The kit's own guests use hvc for the kit's hypercalls (lesson 03: the
 * number in x8); Linux knows nothing of them, and its x8 is whatever its
 * code left there. So the instruction means one ABI or the other by who
 * makes it: the Linux guest's hvc is an SMC Calling Convention call (the
 * function ID in w0), anyone else's goes on to lesson 03's handle_hvc().
 */
#include "types.h"
#include "arm.h"
#include "trap.h"
#include "traps.h"
#include "sched.h"
#include "linux.h"

static exit_fn kit_hvc;		/* lesson 03's handle_hvc (exit_handlers_init) */

static void linux_hvc(struct frame *f, u64 esr)
{
	if (current != linux_vcpu) {
		kit_hvc(f, esr);
		return;
	}
	/*
	 * Unlike a trapped smc, an hvc has completed: ELR_EL2 is already the
	 * next instruction. hvc #0 only, as for smc #0 (SMCCC).
	 */
	if (esr & ESR_ISS_IMM16_MASK) {
		f->x[0] = PSCI_RET_NOT_SUPPORTED;
		return;
	}
	psci_answer(f);
}
EXIT_HANDLER_BEFORE(ESR_EC_HVC64, linux_hvc, kit_hvc);
