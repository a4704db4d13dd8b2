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

static const struct field vtcr_el2_fields[] = {
	{ 31, 31, "RES1",  "reserved, must be one" },
	{ 19, 19, "VS",    "1 = 16-bit VMIDs, 0 = 8-bit" },
	{ 18, 16, "PS",    "output (physical) address size: 0 = 32 bits" },
	{ 15, 14, "TG0",   "granule: 0 = 4 KiB" },
	{ 13, 12, "SH0",   "table walks: 3 = inner shareable" },
	{ 11, 10, "ORGN0", "table walks: 1 = outer write-back" },
	{  9,  8, "IRGN0", "table walks: 1 = inner write-back" },
	{  7,  6, "SL0",   "4 KiB granule: 1 = the walk starts at level 1" },
	{  5,  0, "T0SZ",  "IPA size is 64 - T0SZ bits" },
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

void print_vtcr_el2(void)
{
	print_fields("VTCR_EL2", read_sysreg(vtcr_el2), vtcr_el2_fields,
		     ARRAY_SIZE(vtcr_el2_fields));
}

void print_cnthctl_el2(void)
{
	print_fields("CNTHCTL_EL2", read_sysreg(cnthctl_el2), cnthctl_el2_fields,
		     ARRAY_SIZE(cnthctl_el2_fields));
}
