/*
 * vpsci.c: PSCI for the guest. With HCR_EL2.TSC set, the guest's smc does
 * not reach the EL3 monitor: it traps to EL2 (EC SMC64), and the
 * hypervisor answers in the monitor's place. The guest cannot tell.
 */
#include "types.h"
#include "arm.h"
#include "print.h"
#include "trap.h"
#include "vm.h"
#include "traps.h"

#define PSCI_VERSION_1_0	0x10000		/* major 1 in [31:16], minor 0 */

static s64 features(u32 fn)
{
	switch (fn) {
	case PSCI_VERSION:
	case PSCI_FEATURES:
	case PSCI_SYSTEM_OFF:
		return PSCI_RET_SUCCESS;
	default:
		return PSCI_RET_NOT_SUPPORTED;
	}
}

static void handle_smc(struct frame *f, u64 esr)
{
	u32 fn = (u32)f->x[0];		/* SMC32 function IDs: w0 */

	/*
	 * Unlike an HVC, a trapped SMC leaves ELR_EL2 at the smc itself (the
	 * instruction did not execute: it trapped). Step past it.
	 */
	skip_instruction(f, esr);
	switch (fn) {
	case PSCI_VERSION:
		f->x[0] = PSCI_VERSION_1_0;
		break;
	case PSCI_FEATURES:
		f->x[0] = features((u32)f->x[1]);
		break;
	case PSCI_SYSTEM_OFF:
		printf("hypervisor: %s called PSCI SYSTEM_OFF\n", current_vm->name);
		guest_exit(f, 0);
		break;
	default:
		f->x[0] = PSCI_RET_NOT_SUPPORTED;
	}
}
EXIT_HANDLER(ESR_EC_SMC64, handle_smc);
