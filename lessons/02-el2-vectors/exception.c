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

/* The handlers, in entry order (vectors.S). */
extern char sync_invalid_el2t[], irq_invalid_el2t[], fiq_invalid_el2t[],
	error_invalid_el2t[], sync_invalid_el2h[], el2_irq[], fiq_invalid_el2h[],
	el2_serror[], el01_sync[], el01_irq[], fiq_invalid_el01_64[],
	el01_serror[], sync_invalid_el01_32[], irq_invalid_el01_32[],
	fiq_invalid_el01_32[], error_invalid_el01_32[];
static const char *const handlers[16] = {
	sync_invalid_el2t, irq_invalid_el2t, fiq_invalid_el2t, error_invalid_el2t,
	sync_invalid_el2h, el2_irq, fiq_invalid_el2h, el2_serror,
	el01_sync, el01_irq, fiq_invalid_el01_64, el01_serror,
	sync_invalid_el01_32, irq_invalid_el01_32, fiq_invalid_el01_32,
	error_invalid_el01_32,
};

/* A64 "b label": 0b000101 in bits [31:26], imm26 = offset / 4, signed. */
#define A64_B_MASK	0xfc000000u
#define A64_B		0x14000000u

/*
 * Where each entry really goes: decode the branch at el2_vectors + 0x80 * n
 * as the CPU will, and name its target. Most entries are never taken in
 * the kit's runs; a table with two entries swapped would go unnoticed
 * until the day one is. (The entry's own kind comes from its position,
 * the handler's name from where the branch lands.)
 */
void print_vector_table(void)
{
	static const char *const kind[4] = { "synchronous", "IRQ", "FIQ", "SError" };
	static const char *const from[4] = {
		"EL2 with SP_EL0", "EL2 with SP_EL2",
		"lower EL, AArch64", "lower EL, AArch32",
	};
	const char *base = el2_vectors;	/* what VBAR_EL2 should point at */

	for (int n = 0; n < 16; n++) {
		const char *entry = base + 0x80 * n;
		u32 insn = *(volatile const u32 *)entry;
		const char *target;
		char name[32];
		int h, len;

		printf("  + 0x%03x %-11s %-17s -> ", 0x80 * n, kind[n & 3],
		       from[n >> 2]);
		if ((insn & A64_B_MASK) != A64_B) {
			printf("not a branch: 0x%08x\n", insn);
			continue;
		}
		target = entry + ((s64)((u64)insn << 38) >> 36);
		for (h = 0; h < 16 && handlers[h] != target; h++)
			;
		if (h == 16) {
			printf("an address no handler starts at\n");
			continue;
		}
		/* The handler's label: its entry name up to the first space. */
		for (len = 0; len < 31 && entry_names[h][len] &&
			      entry_names[h][len] != ' '; len++)
			name[len] = entry_names[h][len];
		name[len] = 0;
		printf("%s\n", name);
	}
}

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
