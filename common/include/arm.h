/*
 * Architectural names, spelled as the Arm Architecture Reference Manual
 * (DDI 0487) spells them: REGISTER_FIELD. Defined once, here, for C and
 * assembly alike, so no lesson writes a magic number twice.
 *
 * BIT(n) and the shifts are plain integers so the assembler can use them.
 */
#ifndef ARM_H
#define ARM_H

#ifdef __ASSEMBLER__
#define UL(x)	x
#else
#define UL(x)	x##UL
#endif
#define BIT(n)	(UL(1) << (n))

/* ---- SCR_EL3: Secure Configuration Register ---------------------------- */
#define SCR_EL3_NS		BIT(0)	/* lower ELs are Non-secure */
#define SCR_EL3_IRQ		BIT(1)	/* IRQs taken to EL3 */
#define SCR_EL3_FIQ		BIT(2)	/* FIQs taken to EL3 */
#define SCR_EL3_EA		BIT(3)	/* external aborts and SErrors to EL3 */
#define SCR_EL3_RES1		(UL(3) << 4)
#define SCR_EL3_SMD		BIT(7)	/* SMC disabled */
#define SCR_EL3_HCE		BIT(8)	/* HVC enabled */
#define SCR_EL3_RW		BIT(10)	/* next lower EL is AArch64 */

/* ---- SCTLR_EL3, CPTR_EL3: EL3's own controls --------------------------- */
#define SCTLR_EL3_RES1		UL(0x30C50830)	/* bits 29:28 23:22 18 16 11 5:4 */
#define CPTR_EL3_EZ		BIT(8)	/* 1 = SVE not trapped to EL3 */
#define CPTR_EL3_TFP		BIT(10)	/* FP/SIMD accesses trap to EL3 */
#define CPTR_EL3_TTA		BIT(20)	/* trace register accesses trap to EL3 */
#define CPTR_EL3_TCPAC		BIT(31)	/* CPTR_EL2, CPACR_EL1 accesses trap to EL3 */

/* ---- MIDR_EL1, CPUECTLR_EL1: which CPU, and its SMP bit ---------------- */
#define MIDR_IMPLEMENTER_SHIFT	24
#define MIDR_IMPLEMENTER_ARM	0x41
#define MIDR_PARTNUM_SHIFT	4
#define MIDR_PARTNUM_A53	0xd03
#define MIDR_PARTNUM_A57	0xd07
#define MIDR_PARTNUM_A72	0xd08
/* Cortex-A53/A57/A72 (IMPLEMENTATION DEFINED, in each CPU's TRM): */
#define CPUECTLR_EL1		s3_1_c15_c2_1
#define CPUECTLR_EL1_SMPEN	BIT(6)	/* take part in coherency */

/* ---- SCTLR_EL2 / SCTLR_EL1: System Control Register -------------------- */
#define SCTLR_M			BIT(0)	/* stage-1 MMU enable */
#define SCTLR_A			BIT(1)	/* alignment checking */
#define SCTLR_C			BIT(2)	/* data cacheability */
#define SCTLR_SA		BIT(3)	/* SP alignment check */
#define SCTLR_I			BIT(12)	/* instruction cacheability */
#define SCTLR_WXN		BIT(19)	/* writable memory is execute-never */
#define SCTLR_EE		BIT(25)	/* big-endian data at this EL */
#define SCTLR_EL2_RES1		UL(0x30C50830)	/* bits 29:28 23:22 18 16 11 5:4 */
#define SCTLR_EL1_RES1		UL(0x30D00800)	/* bits 29:28 23:22 20 11 */

/* ---- SPSR_ELx: saved program status ------------------------------------ */
#define SPSR_M_EL0T		UL(0x0)
#define SPSR_M_EL1T		UL(0x4)
#define SPSR_M_EL1H		UL(0x5)
#define SPSR_M_EL2T		UL(0x8)
#define SPSR_M_EL2H		UL(0x9)
#define SPSR_M_MASK		UL(0xf)
#define SPSR_M4			BIT(4)	/* 1 = AArch32 */
#define SPSR_F			BIT(6)	/* FIQ masked */
#define SPSR_I			BIT(7)	/* IRQ masked */
#define SPSR_A			BIT(8)	/* SError masked */
#define SPSR_D			BIT(9)	/* debug masked */
#define SPSR_DAIF		(SPSR_D | SPSR_A | SPSR_I | SPSR_F)

/* ---- HCR_EL2: Hypervisor Configuration Register ------------------------ */
#define HCR_EL2_VM		BIT(0)	/* stage-2 translation on */
#define HCR_EL2_SWIO		BIT(1)
#define HCR_EL2_PTW		BIT(2)
#define HCR_EL2_FMO		BIT(3)	/* physical FIQ to EL2 */
#define HCR_EL2_IMO		BIT(4)	/* physical IRQ to EL2 */
#define HCR_EL2_AMO		BIT(5)	/* SError to EL2 */
#define HCR_EL2_VF		BIT(6)
#define HCR_EL2_VI		BIT(7)
#define HCR_EL2_VSE		BIT(8)
#define HCR_EL2_FB		BIT(9)
#define HCR_EL2_BSU_IS		(UL(1) << 10)
#define HCR_EL2_DC		BIT(12)
#define HCR_EL2_TWI		BIT(13)	/* trap WFI */
#define HCR_EL2_TWE		BIT(14)	/* trap WFE */
#define HCR_EL2_TID0		BIT(15)
#define HCR_EL2_TID1		BIT(16)
#define HCR_EL2_TID2		BIT(17)
#define HCR_EL2_TID3		BIT(18)	/* trap ID group 3 reads */
#define HCR_EL2_TSC		BIT(19)	/* trap SMC */
#define HCR_EL2_TIDCP		BIT(20)
#define HCR_EL2_TACR		BIT(21)
#define HCR_EL2_TSW		BIT(22)
#define HCR_EL2_TPCP		BIT(23)
#define HCR_EL2_TPU		BIT(24)
#define HCR_EL2_TTLB		BIT(25)
#define HCR_EL2_TVM		BIT(26)
#define HCR_EL2_TGE		BIT(27)
#define HCR_EL2_TDZ		BIT(28)
#define HCR_EL2_HCD		BIT(29)	/* HVC disabled */
#define HCR_EL2_TRVM		BIT(30)
#define HCR_EL2_RW		BIT(31)	/* EL1 is AArch64 */

/* ---- CPTR_EL2 (not VHE): traps of FP/SIMD, trace, CPACR -------------- */
#define CPTR_EL2_RES1		UL(0x33ff)	/* bits 13:12 and 9:0 */
#define CPTR_EL2_TFP		BIT(10)	/* FP/SIMD accesses trap to EL2 */
#define CPTR_EL2_TTA		BIT(20)	/* trace register accesses trap to EL2 */
#define CPTR_EL2_TCPAC		BIT(31)	/* CPACR_EL1 accesses trap to EL2 */

/* ---- CPACR_EL1: the guest's own FP/SIMD enable ------------------------- */
#define CPACR_EL1_FPEN_SHIFT	20	/* 0b11: no trap at EL1 or EL0 */

/* ---- MDCR_EL2 / MDCR_EL3: debug and performance monitor control -------- */
#define MDCR_EL2_HPMN_SHIFT	0	/* counters [0, HPMN) belong to EL1/EL0 */
#define MDCR_EL2_TPMCR		BIT(5)	/* trap PMCR_EL0 accesses to EL2 */
#define MDCR_EL2_TPM		BIT(6)	/* trap all PMU accesses to EL2 */
#define MDCR_EL2_HPME		BIT(7)	/* enable counters [HPMN, N) */
#define MDCR_EL2_TDE		BIT(8)
#define MDCR_EL2_TDA		BIT(9)	/* trap debug register accesses */
#define MDCR_EL2_TDOSA		BIT(10)	/* trap OS lock, power-down registers */
#define MDCR_EL2_TDRA		BIT(11)	/* trap debug ROM address registers */
#define MDCR_EL3_TPM		BIT(6)	/* trap PMU accesses to EL3 */
#define MDCR_EL3_SPME		BIT(17)	/* count in Secure state */

/* ---- PMU: Performance Monitors ----------------------------------------- */
#define PMCR_EL0_E		BIT(0)	/* enable all counters */
#define PMCR_EL0_P		BIT(1)	/* reset event counters */
#define PMCR_EL0_C		BIT(2)	/* reset cycle counter */
#define PMCR_EL0_N_SHIFT	11	/* number of event counters */
#define PMCR_EL0_N_MASK		UL(0x1f)
#define PMEVTYPER_NSH		BIT(27)	/* count at EL2 too */
#define PMU_EVT_INST_RETIRED	UL(0x08)
#define PMCNTEN_C		BIT(31)	/* the cycle counter */

/* ---- ESR_ELx: Exception Syndrome Register ------------------------------ */
#define ESR_EC_SHIFT		26
#define ESR_EC_MASK		UL(0x3f)
#define ESR_IL			BIT(25)	/* 32-bit instruction trapped */
#define ESR_ISS_MASK		UL(0x1ffffff)

#define ESR_EC_UNKNOWN		0x00
#define ESR_EC_WFX		0x01
#define ESR_EC_CP15_32		0x03
#define ESR_EC_CP15_64		0x04
#define ESR_EC_CP14_MR		0x05
#define ESR_EC_CP14_LS		0x06
#define ESR_EC_FP_ASIMD		0x07
#define ESR_EC_CP10_ID		0x08
#define ESR_EC_PAC		0x09
#define ESR_EC_CP14_64		0x0C
#define ESR_EC_BTI		0x0D
#define ESR_EC_ILL		0x0E
#define ESR_EC_SVC32		0x11
#define ESR_EC_HVC32		0x12
#define ESR_EC_SMC32		0x13
#define ESR_EC_SVC64		0x15
#define ESR_EC_HVC64		0x16
#define ESR_EC_SMC64		0x17
#define ESR_EC_SYS64		0x18
#define ESR_EC_SVE		0x19
#define ESR_EC_IMP_DEF		0x1F
#define ESR_EC_IABT_LOW		0x20
#define ESR_EC_IABT_CUR		0x21
#define ESR_EC_PC_ALIGN		0x22
#define ESR_EC_DABT_LOW		0x24
#define ESR_EC_DABT_CUR		0x25
#define ESR_EC_SP_ALIGN		0x26
#define ESR_EC_FP_EXC32		0x28
#define ESR_EC_FP_EXC64		0x2C
#define ESR_EC_SERROR		0x2F
#define ESR_EC_BREAKPT_LOW	0x30
#define ESR_EC_BREAKPT_CUR	0x31
#define ESR_EC_SOFTSTP_LOW	0x32
#define ESR_EC_SOFTSTP_CUR	0x33
#define ESR_EC_WATCHPT_LOW	0x34
#define ESR_EC_WATCHPT_CUR	0x35
#define ESR_EC_BKPT32		0x38
#define ESR_EC_VECTOR32		0x3A
#define ESR_EC_BRK64		0x3C

/* Data and instruction aborts: ISS fields. */
#define ESR_ISS_DFSC_MASK	UL(0x3f)	/* data/instr fault status code */
#define ESR_ISS_WNR		BIT(6)		/* write, not read */
#define ESR_ISS_S1PTW		BIT(7)
#define ESR_ISS_CM		BIT(8)
#define ESR_ISS_EA		BIT(9)
#define ESR_ISS_FNV		BIT(10)		/* FAR not valid */
#define ESR_ISS_AR		BIT(14)
#define ESR_ISS_SF		BIT(15)		/* 64-bit register */
#define ESR_ISS_SRT_SHIFT	16		/* register number */
#define ESR_ISS_SRT_MASK	UL(0x1f)
#define ESR_ISS_SSE		BIT(21)		/* sign-extend */
#define ESR_ISS_SAS_SHIFT	22		/* access size, log2 bytes */
#define ESR_ISS_SAS_MASK	UL(0x3)
#define ESR_ISS_ISV		BIT(24)		/* bits [23:14] are valid */

/* ---- Translation tables, 4 KiB granule (D8.3) ------------------------- */
#define PTE_VALID		BIT(0)
#define PTE_TABLE		BIT(1)	/* levels 0-2: 1 = table, 0 = block */
#define PTE_PAGE		BIT(1)	/* level 3: must be 1 for a page */
#define PTE_TYPE_MASK		UL(0x3)
#define PTE_AF			BIT(10)	/* access flag: 0 faults on first use */
#define PTE_SH_INNER		(UL(3) << 8)	/* inner shareable */
#define PTE_ADDR_MASK		UL(0x0000fffffffff000)	/* output address [47:12] */
/* Stage 1 (the EL2 regime): */
#define PTE_ATTRINDX(n)		(((n) & 7) << 2)	/* index into MAIR_EL2 */
#define PTE_ATTRINDX_MASK	(UL(7) << 2)
#define PTE_AP_RO		BIT(7)	/* AP[2]: read-only */
#define PTE_AP1			BIT(6)	/* AP[1]: RES1 in the EL2 regime */
#define PTE_XN			BIT(54)	/* execute-never */
#define PTE_PXN			BIT(53)	/* EL1 regime: privileged execute-never */
/* Stage 2: */
#define S2_MEMATTR(x)		(((x) & 0xf) << 2)
#define S2_MEMATTR_MASK		(UL(0xf) << 2)
#define S2_MEMATTR_DEVICE_nGnRE	S2_MEMATTR(0x1)
#define S2_MEMATTR_NORMAL_WB	S2_MEMATTR(0xf)	/* outer and inner write-back */
#define S2AP_NONE		(UL(0) << 6)
#define S2AP_RO			(UL(1) << 6)
#define S2AP_WO			(UL(2) << 6)
#define S2AP_RW			(UL(3) << 6)
#define S2AP_MASK		(UL(3) << 6)
#define S2_XN			BIT(54)	/* execute-never at EL1 and EL0 */

/* ---- MAIR_EL2 attribute encodings -------------------------------------- */
#define MAIR_DEVICE_nGnRE	UL(0x04)
#define MAIR_NORMAL_WB		UL(0xff)	/* write-back, read/write-allocate */
#define MAIR_ATTR(idx, attr)	((attr) << (8 * (idx)))

/* ---- TCR_EL2 (EL2 translation control, non-VHE) ------------------------- */
#define TCR_T0SZ(n)		((n) & 0x3f)	/* VA size = 2^(64 - n) */
#define TCR_IRGN0_WBWA		(UL(1) << 8)
#define TCR_ORGN0_WBWA		(UL(1) << 10)
#define TCR_SH0_INNER		(UL(3) << 12)
#define TCR_TG0_4K		(UL(0) << 14)
#define TCR_EL2_PS_SHIFT	16	/* physical address size */
#define TCR_EL2_PS_32BIT	(UL(0) << 16)
#define TCR_EL2_RES1		(BIT(31) | BIT(23))
/* TCR_EL1 (a guest's own stage 1): the fields above, and */
#define TCR_EL1_EPD1		BIT(23)	/* no walks through TTBR1_EL1 */
#define TCR_EL1_IPS_32BIT	(UL(0) << 32)	/* intermediate physical size */

/* ---- VTCR_EL2 (stage-2 translation control) ----------------------------- */
#define VTCR_EL2_T0SZ(n)	((n) & 0x3f)	/* IPA size = 2^(64 - n) */
#define VTCR_EL2_SL0_L1		(UL(1) << 6)	/* 4 KiB granule: start at level 1 */
#define VTCR_EL2_IRGN0_WBWA	(UL(1) << 8)
#define VTCR_EL2_ORGN0_WBWA	(UL(1) << 10)
#define VTCR_EL2_SH0_INNER	(UL(3) << 12)
#define VTCR_EL2_TG0_4K		(UL(0) << 14)
#define VTCR_EL2_PS_32BIT	(UL(0) << 16)
#define VTCR_EL2_RES1		BIT(31)
#define VTTBR_VMID_SHIFT	48
#define VTTBR_VMID_MASK		UL(0xff)	/* 8-bit VMIDs */

/* ---- HPFAR_EL2: the faulting IPA of a stage-2 abort ------------------- */
#define HPFAR_FIPA_MASK		UL(0x00000ffffffffff0)	/* IPA[51:12] at [43:4] */
#define HPFAR_FIPA_SHIFT	8			/* << 8 gives IPA[51:12] */

/* Trapped MSR/MRS (EC SYS64) ISS: which register, which direction. */
#define ESR_SYS64_READ		BIT(0)		/* Direction: 1 = MRS */
#define ESR_SYS64_RT_SHIFT	5
#define ESR_SYS64_RT_MASK	UL(0x1f)
#define ESR_SYS64_REG_MASK	UL(0x003ffc1e)	/* Op0 Op2 Op1 CRn CRm */
#define SYS_REG(op0, op1, crn, crm, op2) \
	(((op0) << 20) | ((op2) << 17) | ((op1) << 14) | ((crn) << 10) | ((crm) << 1))
#define SYS_ID_AA64PFR0_EL1	SYS_REG(3, 0, 0, 4, 0)
#define SYS_ID_AA64PFR1_EL1	SYS_REG(3, 0, 0, 4, 1)
#define SYS_ID_AA64DFR0_EL1	SYS_REG(3, 0, 0, 5, 0)
#define SYS_ID_AA64ISAR0_EL1	SYS_REG(3, 0, 0, 6, 0)
#define SYS_ID_AA64ISAR1_EL1	SYS_REG(3, 0, 0, 6, 1)
#define SYS_ID_AA64MMFR0_EL1	SYS_REG(3, 0, 0, 7, 0)
#define SYS_ID_AA64MMFR1_EL1	SYS_REG(3, 0, 0, 7, 1)
#define SYS_ICC_SRE_EL1		SYS_REG(3, 0, 12, 12, 5)
#define SYS_ICC_SGI1R_EL1	SYS_REG(3, 0, 12, 11, 5)	/* send an SGI (Group 1) */
#define SYS_DC_ISW		SYS_REG(1, 0, 7, 6, 2)	/* by set/way: invalidate */
#define SYS_DC_CSW		SYS_REG(1, 0, 7, 10, 2)	/* clean */
#define SYS_DC_CISW		SYS_REG(1, 0, 7, 14, 2)	/* clean and invalidate */

/* ID register fields the kit changes for its guests. */
#define ID_AA64PFR0_EL2_SHIFT	8	/* EL2 implemented: 0 = no */
#define ID_AA64PFR0_EL3_SHIFT	12	/* EL3 implemented: 0 = no */
#define ID_AA64MMFR0_PARANGE_MASK UL(0xf)	/* 0 = 32 bits, 4 GiB */
/* ...and those that say a CPU has state the kit neither switches nor hides. */
#define ID_AA64PFR0_SVE_SHIFT	32	/* SVE: 0 = not implemented */
#define ID_AA64PFR1_SME_SHIFT	24	/* SME: 0 = not implemented */
#define ID_AA64ISAR1_PAUTH_MASK	(UL(0xff) << 24 | UL(0xff) << 4)
					/* GPI, GPA, API, APA: all 0 = no PAuth */
#define ID_AA64ISAR2_PAUTH_MASK	(UL(0xff) << 8)	/* APA3, GPA3 */
#define ID_AA64PFR1_MTE_SHIFT	8	/* MTE: 2 or more = tag checks (MTE2) */
#define ID_AA64ISAR2_MOPS_SHIFT	16	/* MOPS: 0 = no CPY*, SET* instructions */

/* Data abort fault status codes. */
#define ESR_DFSC_SEA		UL(0x10)	/* synchronous external abort */
#define ESR_FSC_TYPE_MASK	UL(0x3c)	/* 0b00kkll: the kind kk... */
#define ESR_FSC_TRANSLATION	UL(0x04)	/* ...translation fault, level ll */
#define ESR_FSC_ACCESS		UL(0x08)	/* ...access flag fault */
#define ESR_FSC_PERMISSION	UL(0x0c)	/* ...permission fault */

/* PAR_EL1 after an AT instruction. */
#define PAR_F			BIT(0)		/* 1 = the translation failed */
#define PAR_PA_MASK		UL(0x0000fffffffff000)	/* PA[47:12] */

/* Cortex-A57 erratum 834220: r0p0 to r1p2 (MIDR Variant, Revision). */
#define MIDR_VARIANT_SHIFT	20
#define MIDR_REVISION_MASK	UL(0xf)

/* ---- Generic timer ------------------------------------------------------ */
#define CNT_CTL_ENABLE		BIT(0)	/* CNT*_CTL: timer on */
#define CNT_CTL_IMASK		BIT(1)	/* interrupt masked */
#define CNT_CTL_ISTATUS		BIT(2)	/* condition met (read-only) */
#define CNTHCTL_EL2_EL1PCTEN	BIT(0)	/* EL1 may read CNTPCT_EL0 */
#define CNTHCTL_EL2_EL1PCEN	BIT(1)	/* EL1 may use the physical timer */
#define CNTHCTL_EL2_EVNTEN	BIT(2)	/* event stream on */
/* The system counter's control frame, CNTControlBase: */
#define CNTCR			0x000	/* counter control */
#define CNTCR_EN		BIT(0)	/* the counter counts */
#define CNTCR_FCREQ_SHIFT	8	/* which frequency table entry */

/* ---- GICv3: interrupt IDs ---------------------------------------------- */
#define INTID_MAINTENANCE	25	/* PPI: the vGIC wants attention */
#define INTID_CNTHP		26	/* PPI: EL2 physical timer */
#define INTID_CNTV		27	/* PPI: virtual timer */
#define INTID_CNTPS		29	/* PPI: secure physical timer */
#define INTID_CNTP		30	/* PPI: EL1 physical timer */
#define INTID_SPURIOUS		1023	/* ICC_IAR1_EL1: nothing pending */

/* ---- GICv3: CPU interface system registers ----------------------------- */
#define ICC_SRE_SRE		BIT(0)	/* use the system registers */
#define ICC_SRE_DFB		BIT(1)	/* disable FIQ bypass */
#define ICC_SRE_DIB		BIT(2)	/* disable IRQ bypass */
#define ICC_SRE_ENABLE		BIT(3)	/* lower EL may write its ICC_SRE */
#define ICC_CTLR_EOIMODE	BIT(1)	/* 1: EOIR drops priority, DIR deactivates */
#define ICC_IGRPEN1_EN		BIT(0)
/* ICC_SGI1R_EL1: which SGI, to which CPUs (by affinity) */
#define ICC_SGI1R_TARGETLIST_MASK UL(0xffff)	/* Aff0 values 0-15 */
#define ICC_SGI1R_AFF1_SHIFT	16
#define ICC_SGI1R_INTID_SHIFT	24		/* 27:24, SGI 0-15 */
#define ICC_SGI1R_INTID_MASK	UL(0xf)
#define ICC_SGI1R_AFF2_SHIFT	32
#define ICC_SGI1R_IRM		BIT(40)		/* 1: every CPU but the sender */
#define ICC_SGI1R_RS_SHIFT	44		/* 47:44, Aff0 = RS * 16 + bit */
#define ICC_SGI1R_AFF3_SHIFT	48

/* ---- GICv3: virtual interface (ICH_*_EL2) ------------------------------ */
#define ICH_HCR_EL2_EN		BIT(0)	/* virtual CPU interface on */
#define ICH_HCR_EL2_UIE		BIT(1)	/* maintenance IRQ when <= 1 LR is valid */
#define ICH_MISR_EL2_EOI	BIT(0)	/* an LR with EOI set was ended */
#define ICH_MISR_EL2_U		BIT(1)	/* underflow: UIE and <= 1 LR valid */
#define ICH_VTR_LISTREGS_MASK	UL(0x1f)	/* number of list registers - 1 */
#define ICH_VTR_PREBITS_SHIFT	26	/* preemption bits - 1, [28:26] */
#define ICH_VMCR_VENG0		BIT(0)	/* the guest's group 0 enable */
#define ICH_VMCR_VENG1		BIT(1)	/* the guest's group 1 enable */
#define ICH_VMCR_VFIQEN		BIT(3)	/* RES1 with system registers */
#define ICH_VMCR_VBPR1_SHIFT	18	/* the guest's group 1 binary point */
#define ICH_VMCR_VBPR0_SHIFT	21	/* the guest's group 0 binary point */
#define ICH_VMCR_VPMR_SHIFT	24	/* the guest's priority mask */
#define ICH_MAX_LRS		16	/* ICH_LR0_EL2 .. ICH_LR15_EL2 */
#define ICH_LR_VINTID_MASK	UL(0xffffffff)
#define ICH_LR_PINTID_SHIFT	32	/* with HW: the physical INTID */
#define ICH_LR_EOI		BIT(41)	/* without HW: maintenance IRQ at EOI */
#define ICH_LR_PRIORITY_SHIFT	48
#define ICH_LR_PRIORITY_MASK	(UL(0xff) << 48)
#define ICH_LR_GROUP1		BIT(60)
#define ICH_LR_HW		BIT(61)	/* the guest's EOI deactivates pINTID */
#define ICH_LR_STATE_SHIFT	62
#define ICH_LR_STATE_MASK	(UL(3) << 62)
#define ICH_LR_PENDING		(UL(1) << 62)
#define ICH_LR_ACTIVE		(UL(2) << 62)

/* ---- PSCI (Arm DEN 0022), function identifiers ------------------------ */
#define PSCI_VERSION		UL(0x84000000)
#define PSCI_CPU_SUSPEND	UL(0x84000001)	/* also SMC64 */
#define PSCI_CPU_OFF		UL(0x84000002)
#define PSCI_CPU_ON		UL(0x84000003)	/* also SMC64 */
#define PSCI_AFFINITY_INFO	UL(0x84000004)	/* also SMC64 */
#define PSCI_MIGRATE		UL(0x84000005)	/* also SMC64 */
#define PSCI_MIGRATE_INFO_TYPE	UL(0x84000006)
#define PSCI_SYSTEM_OFF		UL(0x84000008)
#define PSCI_SYSTEM_RESET	UL(0x84000009)
#define PSCI_FEATURES		UL(0x8400000A)
#define PSCI_FN_LAST		0xA		/* function numbers 0..0xA */
#define SMC64_FN		UL(0x40000000)	/* the SMC64 form of a function ID */
#define PSCI_VERSION_1_0	0x10000		/* major 1 in [31:16], minor 0 */
#define PSCI_RET_SUCCESS	0
#define PSCI_RET_NOT_SUPPORTED	(-1)
#define PSCI_RET_INVALID_PARAMETERS (-2)
#define PSCI_RET_ALREADY_ON	(-4)
#define PSCI_AFFINITY_ON	0		/* AFFINITY_INFO: the CPU is on */
#define PSCI_MIGRATE_NOT_NEEDED	2		/* no Trusted OS to migrate */
/* MPIDR_EL1's affinity fields: Aff3 [39:32], Aff2-Aff0 [23:0]. */
#define MPIDR_AFFINITY_MASK	UL(0xff00ffffff)

/* ---- SMC Calling Convention (Arm DEN 0028) ----------------------------- */
#define SMCCC_VERSION		UL(0x80000000)
#define SMCCC_ARCH_FEATURES	UL(0x80000001)
#define SMCCC_VERSION_1_1	0x10001		/* x4-x17 preserved by a call */
#define ESR_ISS_IMM16_MASK	UL(0xffff)	/* HVC, SMC: the immediate */

#endif
