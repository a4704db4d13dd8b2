/*
 * Decode, don't dump: turn an ESR value into the names of the Arm ARM
 * (D17.2.37, "ESR_EL2"), so that a student reads "data abort, translation
 * fault level 3, write" instead of 0x93c08047.
 */
#include "types.h"
#include "arm.h"
#include "esr.h"
#include "print.h"

const char *const esr_ec_names[64] = {
	[ESR_EC_UNKNOWN]	= "UNKNOWN (unknown reason or undefined instruction)",
	[ESR_EC_WFX]		= "WFX (trapped WFI or WFE)",
	[ESR_EC_CP15_32]	= "CP15_32 (AArch32 MCR/MRC)",
	[ESR_EC_CP15_64]	= "CP15_64 (AArch32 MCRR/MRRC)",
	[ESR_EC_CP14_MR]	= "CP14_MR (AArch32 MCR/MRC, debug)",
	[ESR_EC_CP14_LS]	= "CP14_LS (AArch32 LDC/STC)",
	[ESR_EC_FP_ASIMD]	= "FP_ASIMD (trapped FP/SIMD access)",
	[ESR_EC_CP10_ID]	= "CP10_ID (AArch32 VMRS)",
	[ESR_EC_PAC]		= "PAC (trapped pointer authentication)",
	[ESR_EC_CP14_64]	= "CP14_64 (AArch32 MRRC, debug)",
	[ESR_EC_BTI]		= "BTI (branch target exception)",
	[ESR_EC_ILL]		= "ILL (illegal execution state)",
	[ESR_EC_SVC32]		= "SVC32 (AArch32 SVC)",
	[ESR_EC_HVC32]		= "HVC32 (AArch32 HVC)",
	[ESR_EC_SMC32]		= "SMC32 (AArch32 SMC)",
	[ESR_EC_SVC64]		= "SVC64 (SVC instruction)",
	[ESR_EC_HVC64]		= "HVC64 (HVC instruction)",
	[ESR_EC_SMC64]		= "SMC64 (SMC instruction)",
	[ESR_EC_SYS64]		= "SYS64 (trapped MSR, MRS or system instruction)",
	[ESR_EC_SVE]		= "SVE (trapped SVE access)",
	[ESR_EC_IMP_DEF]	= "IMP_DEF (implementation defined, EL3)",
	[ESR_EC_IABT_LOW]	= "IABT_LOW (instruction abort, lower EL)",
	[ESR_EC_IABT_CUR]	= "IABT_CUR (instruction abort, same EL)",
	[ESR_EC_PC_ALIGN]	= "PC_ALIGN (PC alignment fault)",
	[ESR_EC_DABT_LOW]	= "DABT_LOW (data abort, lower EL)",
	[ESR_EC_DABT_CUR]	= "DABT_CUR (data abort, same EL)",
	[ESR_EC_SP_ALIGN]	= "SP_ALIGN (SP alignment fault)",
	[ESR_EC_FP_EXC32]	= "FP_EXC32 (AArch32 FP exception)",
	[ESR_EC_FP_EXC64]	= "FP_EXC64 (FP exception)",
	[ESR_EC_SERROR]		= "SERROR (SError interrupt)",
	[ESR_EC_BREAKPT_LOW]	= "BREAKPT_LOW (breakpoint, lower EL)",
	[ESR_EC_BREAKPT_CUR]	= "BREAKPT_CUR (breakpoint, same EL)",
	[ESR_EC_SOFTSTP_LOW]	= "SOFTSTP_LOW (software step, lower EL)",
	[ESR_EC_SOFTSTP_CUR]	= "SOFTSTP_CUR (software step, same EL)",
	[ESR_EC_WATCHPT_LOW]	= "WATCHPT_LOW (watchpoint, lower EL)",
	[ESR_EC_WATCHPT_CUR]	= "WATCHPT_CUR (watchpoint, same EL)",
	[ESR_EC_BKPT32]		= "BKPT32 (AArch32 BKPT)",
	[ESR_EC_VECTOR32]	= "VECTOR32 (AArch32 vector catch)",
	[ESR_EC_BRK64]		= "BRK64 (BRK instruction)",
};

const char *esr_ec_name(u32 ec)
{
	const char *name = ec < 64 ? esr_ec_names[ec] : NULL;

	return name ? name : "reserved EC";
}

const char *esr_fsc_name(u32 fsc)
{
	static const char *const kind[] = {
		"address size fault", "translation fault",
		"access flag fault", "permission fault",
	};
	static char buf[48];
	const char *k;

	if (fsc < 0x10)			/* 0b00kkll: kind kk at level ll */
		k = kind[fsc >> 2];
	else if ((fsc & ~3u) == 0x14)	/* 0b0101ll: on a table walk */
		k = "external abort on a table walk";
	else if ((fsc & ~3u) == 0x1c)	/* 0b0111ll: on a table walk */
		k = "parity/ECC error on a table walk";
	else
		k = NULL;
	if (k) {
		char *p = buf;

		while (*k)
			*p++ = *k++;
		for (const char *s = ", level "; *s; s++)
			*p++ = *s;
		*p++ = '0' + (fsc & 3);
		*p = 0;
		return buf;
	}
	switch (fsc) {
	case 0x10: return "synchronous external abort";
	case 0x11: return "synchronous tag check fault";
	case 0x18: return "synchronous parity/ECC error";
	case 0x21: return "alignment fault";
	case 0x30: return "TLB conflict abort";
	case 0x31: return "unsupported atomic hardware update";
	default:   return "reserved fault status";
	}
}

bool esr_far_valid(u64 esr)
{
	switch (esr_ec(esr)) {
	case ESR_EC_IABT_LOW:
	case ESR_EC_IABT_CUR:
	case ESR_EC_DABT_LOW:
	case ESR_EC_DABT_CUR:
		return !(esr & ESR_ISS_FNV);
	case ESR_EC_PC_ALIGN:
	case ESR_EC_WATCHPT_LOW:
	case ESR_EC_WATCHPT_CUR:
		return true;
	default:
		return false;
	}
}

/* Data abort ISS (D17.2.37.1): the fields an MMIO emulator lives on. */
static void print_dabt_iss(u32 iss)
{
	u32 dfsc = iss & ESR_ISS_DFSC_MASK;

	printf("    ISS: ISV %u", !!(iss & ESR_ISS_ISV));
	if (iss & ESR_ISS_ISV) {
		u32 sas = (iss >> ESR_ISS_SAS_SHIFT) & ESR_ISS_SAS_MASK;
		u32 srt = (iss >> ESR_ISS_SRT_SHIFT) & ESR_ISS_SRT_MASK;

		char reg = iss & ESR_ISS_SF ? 'x' : 'w';

		printf(", SAS %u (%u bytes), SSE %u, SRT %u (", sas, 1 << sas,
		       !!(iss & ESR_ISS_SSE), srt);
		if (srt == 31)		/* register 31 in a load/store is zr */
			printf("%czr", reg);
		else
			printf("%c%u", reg, srt);
		printf("), SF %u", !!(iss & ESR_ISS_SF));
	}
	printf("\n         EA %u, S1PTW %u, WnR %u (%s), DFSC 0x%02x (%s)\n",
	       !!(iss & ESR_ISS_EA), !!(iss & ESR_ISS_S1PTW),
	       !!(iss & ESR_ISS_WNR), iss & ESR_ISS_WNR ? "write" : "read",
	       dfsc, esr_fsc_name(dfsc));
}

/* MSR/MRS/system instruction ISS (D17.2.37.9): which register, which way. */
static void print_sys64_iss(u32 iss)
{
	printf("    ISS: %s S%u_%u_C%u_C%u_%u, Rt x%u\n",
	       iss & 1 ? "MRS (read)" : "MSR (write)",
	       (iss >> 20) & 3, (iss >> 14) & 7, (iss >> 10) & 0xf,
	       (iss >> 1) & 0xf, (iss >> 17) & 7, (iss >> 5) & 0x1f);
}

void print_esr(int el, u64 esr)
{
	u32 ec = esr_ec(esr), iss = esr_iss(esr);

	printf("  ESR_EL%d = 0x%08lx: EC 0x%02x %s, IL %u\n", el, esr, ec,
	       esr_ec_name(ec), !!(esr & ESR_IL));
	switch (ec) {
	case ESR_EC_DABT_LOW:
	case ESR_EC_DABT_CUR:
		print_dabt_iss(iss);
		break;
	case ESR_EC_IABT_LOW:
	case ESR_EC_IABT_CUR:
		printf("    ISS: EA %u, S1PTW %u, IFSC 0x%02x (%s)\n",
		       !!(iss & ESR_ISS_EA), !!(iss & ESR_ISS_S1PTW),
		       iss & 0x3f, esr_fsc_name(iss & 0x3f));
		break;
	case ESR_EC_SYS64:
		print_sys64_iss(iss);
		break;
	case ESR_EC_WFX:
		printf("    ISS: TI %u (%s)\n", iss & 1, iss & 1 ? "WFE" : "WFI");
		break;
	case ESR_EC_SVC64:
	case ESR_EC_HVC64:
	case ESR_EC_SMC64:
	case ESR_EC_BRK64:
		printf("    ISS: imm16 0x%04x\n", iss & 0xffff);
		break;
	default:
		printf("    ISS: 0x%07x\n", iss);
	}
}

void print_exception(int el, u64 esr, u64 elr, u64 far)
{
	print_esr(el, esr);
	printf("  ELR_EL%d = 0x%016lx\n", el, elr);
	if (esr_far_valid(esr))
		printf("  FAR_EL%d = 0x%016lx\n", el, far);
	else
		printf("  FAR_EL%d is not valid for this EC\n", el);
}
