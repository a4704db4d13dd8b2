/*
 * el2regs.c: the EL2 registers that decide what a lower EL may do besides
 * HCR_EL2 (hcr.c), printed field by field as read back from the hardware:
 * lesson 01 shows the values entry2 gives them, later lessons what they
 * change. A register printed is a register a test can see: QEMU resets
 * them to harmless values, the poison boot (README) does not.
 */
#include "types.h"
#include "sysreg.h"
#include "print.h"

static const struct field cptr_el2_fields[] = {
	{ 31, 31, "TCPAC", "1 = trap EL1's CPACR_EL1 accesses" },
	{ 20, 20, "TTA",   "1 = trap trace register accesses" },
	{ 13, 12, "RES1",  "reserved, must be ones" },
	{ 10, 10, "TFP",   "1 = trap FP/SIMD" },
	{  9,  0, "RES1",  "reserved, must be ones" },
};

static const struct field mdcr_el2_fields[] = {
	{ 11, 11, "TDRA",  "1 = trap debug ROM address reads" },
	{ 10, 10, "TDOSA", "1 = trap OS lock and power-down registers" },
	{  9,  9, "TDA",   "1 = trap debug register accesses" },
	{  8,  8, "TDE",   "1 = debug exceptions go to EL2" },
	{  7,  7, "HPME",  "1 = EL2's counters [HPMN, N) on" },
	{  6,  6, "TPM",   "1 = trap PMU accesses" },
	{  5,  5, "TPMCR", "1 = trap PMCR_EL0 accesses" },
	{  4,  0, "HPMN",  "counters [0, HPMN) are EL1's" },
};

static const struct field cnthctl_el2_fields[] = {
	{  2,  2, "EVNTEN",   "1 = event stream on" },
	{  1,  1, "EL1PCEN",  "1 = EL1 may use the physical timer" },
	{  0,  0, "EL1PCTEN", "1 = EL1 may read the physical counter" },
};

void print_cptr_el2(void)
{
	print_fields("CPTR_EL2", read_sysreg(cptr_el2), cptr_el2_fields,
		     ARRAY_SIZE(cptr_el2_fields));
}

void print_mdcr_el2(void)
{
	print_fields("MDCR_EL2", read_sysreg(mdcr_el2), mdcr_el2_fields,
		     ARRAY_SIZE(mdcr_el2_fields));
}

void print_cnthctl_el2(void)
{
	print_fields("CNTHCTL_EL2", read_sysreg(cnthctl_el2), cnthctl_el2_fields,
		     ARRAY_SIZE(cnthctl_el2_fields));
}
