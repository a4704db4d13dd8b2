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

/* What entry2 set at EL2 for the lower ELs (boot.S), read back. */
static const struct field hstr_el2_fields[] = {
	{ 15,  0, "T<n>", "bit n = 1: trap AArch32 EL1's CP15 cn" },
};

static const struct field mdscr_el1_fields[] = {
	{ 15, 15, "MDE", "1 = breakpoints and watchpoints on" },
	{ 13, 13, "KDE", "1 = debug exceptions at EL1 itself" },
	{  0,  0, "SS",  "1 = software step on" },
};

static const char *yes_no(bool yes)
{
	return yes ? "yes" : "NO";
}

/*
 * What EL2 set for the lower ELs in entry2, read back from the registers
 * (not from what the code meant to write): their reset values are
 * UNKNOWN, and the poison boot (README "The poison boot") starts with junk
 * in every one of them.
 */
static void print_el2_setup(void)
{
	u64 timers;

	printf("\nEL2 set for the lower ELs, read back:\n");
	print_hcr_el2();
	print_cptr_el2();
	print_mdcr_el2();
	print_fields("HSTR_EL2", read_sysreg(hstr_el2), hstr_el2_fields,
		     ARRAY_SIZE(hstr_el2_fields));
	print_cnthctl_el2();
	print_fields("MDSCR_EL1", read_sysreg(mdscr_el1), mdscr_el1_fields,
		     ARRAY_SIZE(mdscr_el1_fields));
	printf("VTTBR_EL2 = 0x%016lx: VMID 0, no stage-2 tables\n",
	       read_sysreg(vttbr_el2));
	printf("CNTVOFF_EL2 = 0x%016lx: virtual time is physical time\n",
	       read_sysreg(cntvoff_el2));
	timers = (read_sysreg(cnthp_ctl_el2) | read_sysreg(cntv_ctl_el0) |
		  read_sysreg(cntp_ctl_el0)) & CNT_CTL_ENABLE;
	printf("timers CNTHP, CNTV, CNTP all off: %s\n", yes_no(!timers));
	printf("VPIDR_EL2 = MIDR_EL1, VMPIDR_EL2 = MPIDR_EL1 (EL1 sees the real CPU): %s\n",
	       yes_no(read_sysreg(vpidr_el2) == read_sysreg(midr_el1) &&
		      read_sysreg(vmpidr_el2) == read_sysreg(mpidr_el1)));
}

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
	print_el2_setup();

	printf("\nlesson 01 done: powering off through semihosting\n");
	system_off(0);
}
