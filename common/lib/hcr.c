/*
 * hcr.c: HCR_EL2, the hypervisor's main switchboard, printed field by
 * field: every field the kit uses, with the lesson that first sets it, so
 * that each lesson's printout also shows what it leaves off.
 */
#include "types.h"
#include "sysreg.h"
#include "print.h"

static const struct field hcr_el2_fields[] = {
	{ 31, 31, "RW",   "1 = EL1 is AArch64 (lesson 03)" },
	{ 22, 22, "TSW",  "1 = trap cache maintenance by set/way (lesson 05)" },
	{ 21, 21, "TACR", "1 = trap ACTLR_EL1 (lesson 05)" },
	{ 20, 20, "TIDCP", "1 = trap IMPLEMENTATION DEFINED registers (lesson 05)" },
	{ 19, 19, "TSC",  "1 = trap SMC (lesson 03)" },
	{ 18, 18, "TID3", "1 = trap ID group 3 reads (lesson 05)" },
	{ 14, 14, "TWE",  "1 = trap WFE (lesson 05)" },
	{ 13, 13, "TWI",  "1 = trap WFI (lesson 05)" },
	{  5,  5, "AMO",  "1 = SErrors to EL2 (lesson 03)" },
	{  4,  4, "IMO",  "1 = IRQs to EL2, virtual IRQs to EL1 (lesson 06)" },
	{  3,  3, "FMO",  "1 = FIQs to EL2, virtual FIQs to EL1 (lesson 06)" },
	{  2,  2, "PTW",  "1 = stage-1 walks into Device memory fault (lesson 05)" },
	{  0,  0, "VM",   "1 = stage-2 translation (lesson 04)" },
};

void print_hcr_el2(void)
{
	print_fields("HCR_EL2", read_sysreg(hcr_el2), hcr_el2_fields,
		     ARRAY_SIZE(hcr_el2_fields));
}
