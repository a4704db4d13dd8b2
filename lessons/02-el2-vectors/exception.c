/*
 * What the hypervisor does when an exception arrives at a vector entry
 * that has no real handler: say exactly which entry, decode the syndrome,
 * and stop, unless the exception was announced by expect_exception().
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "esr.h"
#include "print.h"
#include "exception.h"

static const char *const entry_names[16] = {
	"sync_invalid_el2t (synchronous, EL2 with SP_EL0)",
	"irq_invalid_el2t (IRQ, EL2 with SP_EL0)",
	"fiq_invalid_el2t (FIQ, EL2 with SP_EL0)",
	"error_invalid_el2t (SError, EL2 with SP_EL0)",
	"sync_invalid_el2h (synchronous, EL2 with SP_EL2)",
	"el2_irq (IRQ, EL2 with SP_EL2)",
	"fiq_invalid_el2h (FIQ, EL2 with SP_EL2)",
	"el2_serror (SError, EL2 with SP_EL2)",
	"el01_sync (synchronous, lower EL in AArch64)",
	"el01_irq (IRQ, lower EL in AArch64)",
	"fiq_invalid_el01_64 (FIQ, lower EL in AArch64)",
	"el01_serror (SError, lower EL in AArch64)",
	"sync_invalid_el01_32 (synchronous, lower EL in AArch32)",
	"irq_invalid_el01_32 (IRQ, lower EL in AArch32)",
	"fiq_invalid_el01_32 (FIQ, lower EL in AArch32)",
	"error_invalid_el01_32 (SError, lower EL in AArch32)",
};

u64 exceptions_taken, exceptions_recovered;

static struct {
	bool armed;
	u32 ec;
	u64 site;
	const char *site_name;
} expected;

void exceptions_init(void)
{
	/* VBAR_EL2: the table's address; bits [10:0] are RES0 (2 KiB aligned). */
	write_sysreg(vbar_el2, el2_vectors);
	isb();
}

void expect_exception(u32 ec, const void *site, const char *site_name)
{
	if (expected.armed)
		panic("the exception announced at %s never came", expected.site_name);
	expected.armed = true;
	expected.ec = ec;
	expected.site = (u64)site;
	expected.site_name = site_name;
}

/*
 * A synchronous external abort on a data access: the memory system said no.
 * For this abort the architecture fixes EC, IL, WnR, S1PTW, CM and DFSC,
 * but whether the syndrome also describes the instruction (ISV, and SAS,
 * SSE, SRT, SF, AR with it) is the implementation's choice, and so is EA:
 * QEMU 7.2 reports ESR_EL2 = 0x97df8010 (ISV 1) for lesson 02's load,
 * QEMU 10 0x96000010 (ISV 0). Print what every implementation agrees on,
 * and name the rest for what it is.
 */
static bool external_abort(u64 esr)
{
	u32 ec = esr_ec(esr);

	return (ec == ESR_EC_DABT_CUR || ec == ESR_EC_DABT_LOW) &&
	       (esr & ESR_ISS_DFSC_MASK) == ESR_DFSC_SEA;
}

static void print_external_abort(int el, u64 esr)
{
	u32 ec = esr_ec(esr), dfsc = esr & ESR_ISS_DFSC_MASK;

	printf("  ESR_EL%d: EC 0x%02x %s, IL %u\n", el, ec, esr_ec_name(ec),
	       !!(esr & ESR_IL));
	printf("    ISS: S1PTW %u, WnR %u (%s), DFSC 0x%02x (%s)\n",
	       !!(esr & ESR_ISS_S1PTW), !!(esr & ESR_ISS_WNR),
	       esr & ESR_ISS_WNR ? "write" : "read", dfsc, esr_fsc_name(dfsc));
	printf("    ISS: ISV (with SAS, SSE, SRT, SF, AR) and EA: "
	       "implementation-defined for an external abort\n");
}

u64 invalid_entry(u64 type, u64 esr, u64 elr, u64 far)
{
	bool announced = expected.armed && esr_ec(esr) == expected.ec &&
			 elr == expected.site;

	exceptions_taken++;

	printf("exception: VBAR_EL2 + 0x%03lx, entry %lu: %s\n",
	       type * 0x80, type, entry_names[type & 15]);
	if (!announced) {
		print_exception(2, esr, elr, far);
		panic("unexpected exception at EL2");
	}

	/*
	 * ELR_EL2 is the instruction that raised the exception: for these
	 * exceptions the "preferred return address" is the instruction
	 * itself, so returning to ELR_EL2 would raise it again, forever.
	 * Every A64 instruction is 4 bytes: skip it.
	 */
	expected.armed = false;
	if (external_abort(esr))
		print_external_abort(2, esr);
	else
		print_esr(2, esr);
	printf("  ELR_EL2 = %s, the instruction that raised it\n",
	       expected.site_name);
	if (esr_far_valid(esr))
		printf("  FAR_EL2 = 0x%016lx\n", far);
	printf("  expected: resuming at ELR_EL2 + 4\n");
	exceptions_recovered++;
	return elr + 4;
}
