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
#include "platform.h"
#include "esr.h"
#include "print.h"
#include "trap.h"
#include "vm.h"

/*
 * Cortex-A57 erratum 834220 (r0p0 to r1p2): a stage-1 fault may be
 * reported to EL2 as a stage-2 fault, with a wrong HPFAR_EL2. On such a
 * CPU no HPFAR_EL2 is to be trusted (KVM's fault.h does the same), and
 * every abort pays for an AT instruction. QEMU models no errata (its A57
 * says r1p0 all the same), so the board says whether to take the longer
 * way: ERRATUM_A57_834220 in platform.h, as TF-A's ERRATA_A57_* options.
 */
static bool erratum_834220(void)
{
	u64 midr, rev;

	if (!ERRATUM_A57_834220)
		return false;
	midr = read_sysreg(midr_el1);
	rev = ((midr >> MIDR_VARIANT_SHIFT) & 0xf) << 4 | (midr & MIDR_REVISION_MASK);
	return ((midr >> MIDR_IMPLEMENTER_SHIFT) & 0xff) == MIDR_IMPLEMENTER_ARM &&
	       ((midr >> MIDR_PARTNUM_SHIFT) & 0xfff) == MIDR_PARTNUM_A57 &&
	       rev <= 0x12;
}

/*
 * The guest's IPA for its virtual address far, by the guest's own stage-1
 * tables: AT S1E1R asks the MMU, and PAR_EL1 (the guest's register: kept)
 * holds the answer. False when the guest's stage 1 has no translation
 * (then the fault was its own stage 1's: let it run into it again). A
 * read's translation, as KVM asks: a write that the guest's stage 1
 * forbids is translated all the same.
 */
bool far_to_ipa(u64 far, u64 *ipa)
{
	u64 saved = read_sysreg(par_el1), par;

	asm volatile("at s1e1r, %0" : : "r"(far));
	isb();
	par = read_sysreg(par_el1);
	write_sysreg(par_el1, saved);	/* restored as it was: no fields */
	if (par & PAR_F)
		return false;
	*ipa = (par & PAR_PA_MASK) | (far & 0xfff);
	return true;
}

/*
 * Is HPFAR_EL2 not to be trusted for this abort? The architecture fills
 * it in for a stage-2 translation, access flag or address size fault, and
 * for a permission fault met on a stage-1 table walk (S1PTW); for any
 * other permission fault it leaves it UNKNOWN. A CPU with erratum 834220
 * may report a stage-1 fault as a stage-2 one, HPFAR_EL2 wrong: on one, no
 * abort's is trusted but a table walk's. Then the IPA is FAR_EL2 through
 * the guest's stage 1, as in KVM's __get_fault_info() (newer versions ask
 * again only for translation faults, the kind the erratum misreports),
 * unless FAR_EL2 is not valid either (FnV).
 */
static bool hpfar_invalid(u64 esr)
{
	return !(esr & (ESR_ISS_S1PTW | ESR_ISS_FNV)) &&
	       ((esr & ESR_FSC_TYPE_MASK) == ESR_FSC_PERMISSION || erratum_834220());
}

/* Not a device: report the fault and stop the guest. Rare, so kept apart. */
static void __attribute__((noinline, cold)) stage2_fault(struct frame *f, u64 esr,
							u64 ipa)
{
	bool from_far = hpfar_invalid(esr);
	u64 far = read_sysreg(far_el2);
	u64 hpfar = read_sysreg(hpfar_el2);
	bool fetch = esr_ec(esr) == ESR_EC_IABT_LOW;

	printf("hypervisor: stage-2 abort: %s %s IPA 0x%08lx\n", current_vm->name,
	       fetch ? "fetched an instruction at" :
	       esr & ESR_ISS_WNR ? "wrote to" : "read from", ipa);
	print_esr(2, esr);
	if (from_far)
		printf("  HPFAR_EL2 is not valid %s: the IPA is FAR_EL2 through "
		       "the guest's stage 1 (AT S1E1R)\n",
		       (esr & ESR_FSC_TYPE_MASK) == ESR_FSC_PERMISSION ?
		       "for a permission fault" : "on this CPU (erratum 834220)");
	else
		printf("  HPFAR_EL2 = 0x%016lx: IPA[51:12], so the IPA is 0x%08lx\n",
		       hpfar, ipa);
	if (esr & ESR_ISS_FNV)
		printf("  FAR_EL2 is not valid (FnV)\n");
	else
		printf("  FAR_EL2 = 0x%016lx: the guest's virtual address%s\n",
		       far, read_sysreg(sctlr_el1) & SCTLR_M ? "" :
		       " (its MMU is off: VA = IPA)");
	/*
	 * Whose tables said no: the VMID as the hardware holds it in
	 * VTTBR_EL2 (not the C variable), the tag its TLB entries carry.
	 */
	printf("  VTTBR_EL2: VMID %lu, %s's tables\n",
	       (read_sysreg(vttbr_el2) >> VTTBR_VMID_SHIFT) & VTTBR_VMID_MASK,
	       current_vm->name);
	guest_exit(f, GUEST_FAULTED);
}

/*
 * The IPA of the abort by FAR_EL2 (hpfar_invalid()), or NO_IPA when the
 * guest's stage 1 has no translation for it. Kept apart, as the rare case:
 * on QEMU only a permission fault comes this way; on a CPU with erratum
 * 834220, every abort, the emulated devices' too.
 */
#define NO_IPA	(~0UL)		/* no IPA is 64 bits wide */
static u64 __attribute__((noinline, cold)) ipa_from_far(void)
{
	u64 ipa;

	return far_to_ipa(read_sysreg(far_el2), &ipa) ? ipa : NO_IPA;
}

/*
 * A stage-2 abort. HPFAR_EL2 has the IPA's bits [51:12] where it is valid
 * (hpfar_invalid()); FAR_EL2 gives the offset in the page, unless
 * ESR_EL2.FnV says FAR is not valid. Where HPFAR_EL2 is not valid, the
 * IPA is FAR_EL2 through the guest's stage 1 (ipa_from_far()).
 */
static void handle_guest_abort(struct frame *f, u64 esr)
{
	u64 type = esr & ESR_FSC_TYPE_MASK, ipa;

	if (hpfar_invalid(esr)) {
		ipa = ipa_from_far();
		if (ipa == NO_IPA)
			return;		/* its own stage 1 faults: let it retry */
	} else {
		ipa = (read_sysreg(hpfar_el2) & HPFAR_FIPA_MASK) << HPFAR_FIPA_SHIFT;
		if (!(esr & ESR_ISS_FNV))
			ipa |= read_sysreg(far_el2) & 0xfff;
	}
	/*
	 * A data access to an emulated device is not a fault (lesson 05);
	 * only a translation fault can be one, of the access itself (not of
	 * a stage-1 table walk that ran into the device's addresses). An
	 * access flag or permission fault is a fault, wherever it is.
	 */
	if (esr_ec(esr) == ESR_EC_DABT_LOW && !(esr & ESR_ISS_S1PTW) &&
	    type == ESR_FSC_TRANSLATION && mmio_emulate(current_vm, f, ipa, esr))
		return;
	stage2_fault(f, esr, ipa);
}
EXIT_HANDLER(ESR_EC_DABT_LOW, handle_guest_abort);
EXIT_HANDLER(ESR_EC_IABT_LOW, handle_guest_abort);
