/*
 * Lesson 01: we are at EL2. Show it, and show what EL3 configured on the
 * way down, field by field.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "power.h"

static const struct field scr_el3_fields[] = {
	{ 10, 10, "RW",   "1 = EL2 is AArch64" },
	{  8,  8, "HCE",  "1 = HVC enabled" },
	{  7,  7, "SMD",  "1 = SMC disabled" },
	{  5,  4, "RES1", "reserved, must be ones" },
	{  3,  3, "EA",   "1 = aborts and SErrors go to EL3" },
	{  2,  2, "FIQ",  "1 = FIQs go to EL3" },
	{  1,  1, "IRQ",  "1 = IRQs go to EL3" },
	{  0,  0, "NS",   "1 = lower ELs are Non-secure" },
};

static const struct field sctlr_el2_fields[] = {
	{ 29, 28, "RES1", "reserved, must be ones" },
	{ 25, 25, "EE",   "1 = big-endian data" },
	{ 23, 22, "RES1", "reserved, must be ones" },
	{ 18, 18, "RES1", "reserved, must be ones" },
	{ 16, 16, "RES1", "reserved, must be ones" },
	{ 12, 12, "I",    "1 = instruction caching on" },
	{ 11, 11, "RES1", "reserved, must be ones" },
	{  5,  4, "RES1", "reserved, must be ones" },
	{  2,  2, "C",    "1 = data caching on" },
	{  1,  1, "A",    "1 = alignment checks on" },
	{  0,  0, "M",    "1 = stage-1 MMU on" },
};

/* PSTATE.DAIF as the DAIF register shows it: the same bit positions as SPSR. */
static const struct field daif_fields[] = {
	{ 9, 9, "D", "1 = debug exceptions masked" },
	{ 8, 8, "A", "1 = SError masked" },
	{ 7, 7, "I", "1 = IRQ masked" },
	{ 6, 6, "F", "1 = FIQ masked" },
};

void hyp_main(u64 scr_el3)
{
	printf("stepvisor lesson 01: from EL3 to EL2\n\n");
	printf("CurrentEL = EL%u\n\n", current_el());

	printf("EL3 wrote, and handed over in x0:\n");
	print_fields("SCR_EL3", scr_el3, scr_el3_fields, ARRAY_SIZE(scr_el3_fields));
	printf("\nEL2 reads its own:\n");
	print_fields("SCTLR_EL2", read_sysreg(sctlr_el2), sctlr_el2_fields,
		     ARRAY_SIZE(sctlr_el2_fields));
	print_fields("DAIF", read_sysreg(daif), daif_fields, ARRAY_SIZE(daif_fields));

	printf("\nlesson 01 done: powering off through semihosting\n");
	system_off(0);
}
