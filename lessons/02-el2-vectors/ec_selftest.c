/*
 * ec_selftest.c: the syndrome decoder checked against the Arm ARM.
 *
 * The kit's runs take only a few exception classes, so a wrong name for
 * any other (an EC value mistyped in arm.h, two names swapped in esr.c)
 * would show for the first time in front of a student, who would believe
 * it. This table is the Arm ARM's own (D17.2.37, ESR_EL2.EC), typed
 * again on purpose: it is the second opinion, not the definition (that is
 * arm.h). Every class the decoder names must be here with the same
 * mnemonic, and every class here must be named.
 */
#include "types.h"
#include "esr.h"
#include "print.h"
#include "exception.h"

static const struct {
	u8 ec;
	const char *mnemonic;
} arm_arm[] = {
	{ 0x00, "UNKNOWN" },	{ 0x01, "WFX" },	{ 0x03, "CP15_32" },
	{ 0x04, "CP15_64" },	{ 0x05, "CP14_MR" },	{ 0x06, "CP14_LS" },
	{ 0x07, "FP_ASIMD" },	{ 0x08, "CP10_ID" },	{ 0x09, "PAC" },
	{ 0x0c, "CP14_64" },	{ 0x0d, "BTI" },	{ 0x0e, "ILL" },
	{ 0x11, "SVC32" },	{ 0x12, "HVC32" },	{ 0x13, "SMC32" },
	{ 0x15, "SVC64" },	{ 0x16, "HVC64" },	{ 0x17, "SMC64" },
	{ 0x18, "SYS64" },	{ 0x19, "SVE" },	{ 0x1f, "IMP_DEF" },
	{ 0x20, "IABT_LOW" },	{ 0x21, "IABT_CUR" },	{ 0x22, "PC_ALIGN" },
	{ 0x24, "DABT_LOW" },	{ 0x25, "DABT_CUR" },	{ 0x26, "SP_ALIGN" },
	{ 0x28, "FP_EXC32" },	{ 0x2c, "FP_EXC64" },	{ 0x2f, "SERROR" },
	{ 0x30, "BREAKPT_LOW" }, { 0x31, "BREAKPT_CUR" }, { 0x32, "SOFTSTP_LOW" },
	{ 0x33, "SOFTSTP_CUR" }, { 0x34, "WATCHPT_LOW" }, { 0x35, "WATCHPT_CUR" },
	{ 0x38, "BKPT32" },	{ 0x3a, "VECTOR32" },	{ 0x3c, "BRK64" },
};

/* Does name start with mnemonic, followed by a space or its end? */
static bool names(const char *name, const char *mnemonic)
{
	while (*mnemonic)
		if (*name++ != *mnemonic++)
			return false;
	return *name == ' ' || *name == 0;
}

void ec_selftest(void)
{
	int named = 0, wrong = 0;

	for (u32 ec = 0; ec < 64; ec++) {
		const char *want = NULL;

		for (u32 i = 0; i < ARRAY_SIZE(arm_arm); i++)
			if (arm_arm[i].ec == ec)
				want = arm_arm[i].mnemonic;
		if (esr_ec_names[ec])
			named++;
		if (!want && !esr_ec_names[ec])
			continue;
		if (!want || !esr_ec_names[ec] || !names(esr_ec_names[ec], want)) {
			printf("  EC 0x%02x: the decoder says %s, the Arm ARM %s\n", ec,
			       esr_ec_names[ec] ? esr_ec_names[ec] : "nothing",
			       want ? want : "nothing");
			wrong++;
		}
	}
	printf("syndrome decoder: %d exception classes named, %s\n", named,
	       wrong ? "NOT all as the Arm ARM numbers them" :
		       "each as the Arm ARM numbers it");
}
