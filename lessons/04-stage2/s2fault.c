/*
 * s2fault.c: a guest touched an IPA its stage-2 tables do not allow.
 *
 * The abort comes to EL2 as a data abort (EC DABT_LOW) or, for an
 * instruction fetch, an instruction abort (EC IABT_LOW). ESR_EL2 says what
 * kind of access and why it failed; FAR_EL2 holds the guest's virtual
 * address; HPFAR_EL2 holds the IPA (bits [51:12]), which is what the
 * hypervisor's tables are indexed by.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "esr.h"
#include "print.h"
#include "trap.h"
#include "vm.h"

/*
 * The IPA of the abort: HPFAR_EL2 has IPA[51:12], FAR_EL2 the offset in
 * the page, unless ESR_EL2.FnV says FAR is not valid (then: the page).
 */
static u64 abort_ipa(u64 esr)
{
	u64 page = (read_sysreg(hpfar_el2) & HPFAR_FIPA_MASK) << HPFAR_FIPA_SHIFT;

	return esr & ESR_ISS_FNV ? page : page | (read_sysreg(far_el2) & 0xfff);
}

/* Not a device: report the fault and stop the guest. Rare, so kept apart. */
static void __attribute__((noinline, cold)) stage2_fault(struct frame *f, u64 esr)
{
	u64 far = read_sysreg(far_el2);
	u64 hpfar = read_sysreg(hpfar_el2);
	u64 ipa = abort_ipa(esr);
	bool fetch = esr_ec(esr) == ESR_EC_IABT_LOW;

	printf("hypervisor: stage-2 abort: %s %s IPA 0x%08lx\n", current_vm->name,
	       fetch ? "fetched an instruction at" :
	       esr & ESR_ISS_WNR ? "wrote to" : "read from", ipa);
	print_esr(2, esr);
	printf("  HPFAR_EL2 = 0x%016lx: IPA[51:12], so the IPA is 0x%08lx\n",
	       hpfar, ipa);
	if (esr & ESR_ISS_FNV)
		printf("  FAR_EL2 is not valid (FnV)\n");
	else
		printf("  FAR_EL2 = 0x%016lx: the guest's virtual address%s\n",
		       far, read_sysreg(sctlr_el1) & SCTLR_M ? "" :
		       " (its MMU is off: VA = IPA)");
	guest_exit(f, GUEST_FAULTED);
}

static void handle_guest_abort(struct frame *f, u64 esr)
{
	/* A data access to an emulated device is not a fault (lesson 05). */
	if (esr_ec(esr) == ESR_EC_DABT_LOW &&
	    mmio_emulate(current_vm, f, abort_ipa(esr), esr))
		return;
	stage2_fault(f, esr);
}
EXIT_HANDLER(ESR_EC_DABT_LOW, handle_guest_abort);
EXIT_HANDLER(ESR_EC_IABT_LOW, handle_guest_abort);
