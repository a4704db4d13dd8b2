/*
 * vpsci.c: PSCI for the guest. With HCR_EL2.TSC set, the guest's smc does
 * not reach the EL3 monitor: it traps to EL2 (EC SMC64), and the
 * hypervisor answers in the monitor's place. The guest cannot tell.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "trap.h"
#include "vm.h"
#include "traps.h"

/*
 * PSCI 1.0 (Arm DEN 0022) requires PSCI_VERSION, CPU_SUSPEND, CPU_OFF,
 * CPU_ON, AFFINITY_INFO, SYSTEM_OFF, SYSTEM_RESET and PSCI_FEATURES: a
 * hypervisor that answers 1.0 to PSCI_VERSION promises all eight, and a
 * kernel that reads 1.0 calls them. The guest has one vCPU, so each is
 * short (as lesson 03's monitor answers the hypervisor). MIGRATE_INFO_TYPE
 * is optional; Linux asks it.
 */
static const u32 functions[] = {
	PSCI_VERSION, PSCI_CPU_SUSPEND, PSCI_CPU_SUSPEND | SMC64_FN,
	PSCI_CPU_OFF, PSCI_CPU_ON, PSCI_CPU_ON | SMC64_FN,
	PSCI_AFFINITY_INFO, PSCI_AFFINITY_INFO | SMC64_FN,
	PSCI_MIGRATE_INFO_TYPE, PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET,
	PSCI_FEATURES, SMCCC_VERSION,
};

static s64 features(u32 fn)
{
	for (unsigned i = 0; i < ARRAY_SIZE(functions); i++)
		if (functions[i] == fn)
			return PSCI_RET_SUCCESS;
	return PSCI_RET_NOT_SUPPORTED;
}

/*
 * A later lesson may answer a call first, its own way (lesson 08: SYSTEM_RESET
 * restarts Linux). It returns true if it answered.
 */
__weak bool psci_more(struct frame *f, u32 fn)
{
	(void)f; (void)fn;
	return false;
}

/* Is mpidr the guest's only vCPU? (It reads VMPIDR_EL2 as its MPIDR.) */
static bool this_vcpu(u64 mpidr)
{
	return (mpidr & MPIDR_AFFINITY_MASK) ==
	       (read_sysreg(vmpidr_el2) & MPIDR_AFFINITY_MASK);
}

/*
 * A PSCI call, by the SMC Calling Convention 1.1: function ID in w0,
 * arguments x1-x3, result x0; every other register comes back as it was
 * (only f->x[0] is written). The conduit, smc or hvc, is the caller's
 * business: handle_smc() below; lesson 08 answers a Linux guest's hvc.
 */
void psci_answer(struct frame *f)
{
	u32 fn = (u32)f->x[0];
	u64 a1 = f->x[1];

	/* The SMC64 forms (0xC4...) of those that take an address or MPIDR. */
	if (fn == (PSCI_CPU_SUSPEND | SMC64_FN) || fn == (PSCI_CPU_ON | SMC64_FN) ||
	    fn == (PSCI_AFFINITY_INFO | SMC64_FN))
		fn &= ~SMC64_FN;
	else
		a1 = (u32)a1;		/* SMC32: the arguments are w1-w3 */
	if (psci_more(f, fn))
		return;
	switch (fn) {
	case SMCCC_VERSION:
		f->x[0] = SMCCC_VERSION_1_1;
		break;
	case PSCI_VERSION:
		f->x[0] = PSCI_VERSION_1_0;
		break;
	case PSCI_FEATURES:
		f->x[0] = features((u32)a1);
		break;
	case PSCI_CPU_SUSPEND:
		/* A wake-up may end a suspend at any time: here, at once. */
		f->x[0] = PSCI_RET_SUCCESS;
		break;
	case PSCI_CPU_ON:
		f->x[0] = this_vcpu(a1) ? PSCI_RET_ALREADY_ON :
					  PSCI_RET_INVALID_PARAMETERS;
		break;
	case PSCI_AFFINITY_INFO:	/* level 0 only: x2 = 0 */
		f->x[0] = this_vcpu(a1) && f->x[2] == 0 ? PSCI_AFFINITY_ON :
			  (u64)PSCI_RET_INVALID_PARAMETERS;
		break;
	case PSCI_MIGRATE_INFO_TYPE:
		f->x[0] = PSCI_MIGRATE_NOT_NEEDED;
		break;
	case PSCI_CPU_OFF:		/* of its only vCPU: the guest is off */
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:		/* the kit restarts no guest: it ends */
		printf("hypervisor: %s called PSCI %s\n", current_vm->name,
		       fn == PSCI_CPU_OFF ? "CPU_OFF" :
		       fn == PSCI_SYSTEM_OFF ? "SYSTEM_OFF" : "SYSTEM_RESET");
		guest_exit(f, 0);
		break;
	default:
		f->x[0] = PSCI_RET_NOT_SUPPORTED;
	}
}

/* The guest's smc: smc #0 only, another immediate is no call. */
static void handle_smc(struct frame *f, u64 esr)
{
	/*
	 * Unlike an HVC, a trapped SMC leaves ELR_EL2 at the smc itself (the
	 * instruction did not execute: it trapped). Step past it.
	 */
	skip_instruction(f, esr);
	if (esr & ESR_ISS_IMM16_MASK) {
		f->x[0] = PSCI_RET_NOT_SUPPORTED;
		return;
	}
	psci_answer(f);
}
EXIT_HANDLER(ESR_EC_SMC64, handle_smc);
