/*
 * poison.S: the poison boot (`make POISON=1`; run.py boots every lesson
 * this way too, README "The poison boot").
 *
 * QEMU resets the CPU's registers to tidy values, most of them 0: a
 * forgotten initialisation then changes nothing, and a lesson passes that
 * would fail on a board, whose CPU comes out of reset with many registers
 * UNKNOWN. Built with POISON=1, an image starts here instead of at
 * _start (the linker's -e poison_start): at EL3, before the kit's first
 * instruction, every register the kit is meant to initialise is filled
 * with junk, the hostile kind a real CPU may hold (enables on, traps on,
 * addresses nowhere). Then it jumps to _start, and the lesson must print
 * the same as it does on QEMU's clean reset.
 *
 * Kept as a real reset would: what the architecture defines at reset
 * (SCTLR_EL3.M, C, I, EE: MMU and caches off, little-endian at EL3;
 * PSTATE: EL3, everything masked), and the memory (the loader's image).
 * A register the CPU does not have (a list register past ICH_VTR_EL2's
 * count) is not touched. The writes are junk on purpose: they have no
 * field tables (the kit's own writes, which must override them, do).
 */
#include "arm.h"

/* Junk: every bit set, in a register where that means "all enabled". */
#define JUNK_ALL	0xffffffffffffffff
/* Junk for an address: inside nothing the kit maps. */
#define JUNK_ADDR	0x0badbad00badb000
/* Junk for a 32-bit mask or a priority: half the bits. */
#define JUNK_HALF	0x5a5a5a5a5a5a5a5a

/* poison REG, VALUE: write VALUE (a macro above) to REG. */
.macro	poison reg, value
	ldr	x1, =\value
	poke	\reg
.endm

/* poke REG: write x1 to REG. */
.macro	poke reg
	msr	\reg, x1
.endm

	.text
	.globl	poison_start
poison_start:
	/*
	 * EL3's own. SCTLR_EL3: M, C, I and EE are defined at reset (off,
	 * little-endian); A, SA and WXN are not.
	 *
	 * 29:28 RES1  x3 reserved
	 * 25:25 EE    x0 little-endian (defined at reset)
	 * 23:22 RES1  x3 reserved
	 * 19:19 WXN   x1 junk: writable memory execute-never
	 * 18:18 RES1  x1 reserved
	 * 16:16 RES1  x1 reserved
	 * 12:12 I     x0 no instruction caching (defined at reset)
	 * 11:11 RES1  x1 reserved
	 * 05:04 RES1  x3 reserved
	 * 03:03 SA    x1 junk: stack alignment checked
	 * 02:02 C     x0 no data caching (defined at reset)
	 * 01:01 A     x1 junk: alignment checked
	 * 00:00 M     x0 MMU off (defined at reset)
	 */
	ldr	x1, =(SCTLR_EL3_RES1 | SCTLR_A | SCTLR_SA | SCTLR_WXN)
	msr	sctlr_el3, x1
	poison	vbar_el3, JUNK_ADDR
	poison	cntfrq_el0, JUNK_HALF
	/* FP/SIMD state, while CPTR_EL3 (reset: 0 on QEMU) still lets EL3 in. */
	poison	fpcr, JUNK_ALL
	poison	fpsr, JUNK_ALL

	/*
	 * The GIC's CPU interface: ICH_* and ICC_* need the system register
	 * interface on (ICC_SRE_EL3, ICC_SRE_EL2), which lesson 06 turns on
	 * anyway. ICC_CTLR_EL1 and ICC_IGRPEN1_EL1 are banked: the
	 * Non-secure copy, the one EL2 uses, is written with SCR_EL3.NS = 1.
	 *
	 * ICC_SRE_EL3, ICC_SRE_EL2
	 * 03:03 Enable x1 the lower EL may set its own SRE
	 * 02:02 DIB    x1 IRQ bypass off
	 * 01:01 DFB    x1 FIQ bypass off
	 * 00:00 SRE    x1 the system register interface
	 */
	mov	x1, #0xf
	msr	icc_sre_el3, x1
	isb
	msr	icc_sre_el2, x1
	isb
	poison	ich_hcr_el2, JUNK_ALL
	poison	ich_vmcr_el2, JUNK_ALL
	poison	ich_ap0r0_el2, JUNK_ALL
	poison	ich_ap1r0_el2, JUNK_ALL
	mrs	x2, ich_vtr_el2
	and	x2, x2, #0x1f			/* ListRegs: the count - 1 */
	ldr	x1, =JUNK_ALL
	poke	ich_lr0_el2
	cmp	x2, #1
	b.lo	1f
	poke	ich_lr1_el2
	cmp	x2, #2
	b.lo	1f
	poke	ich_lr2_el2
	cmp	x2, #3
	b.lo	1f
	poke	ich_lr3_el2
	/*
	 * SCR_EL3, for a moment
	 * 10:10 RW   x1 EL2 is AArch64
	 * 05:04 RES1 x3 reserved
	 * 00:00 NS   x1 the Non-secure copies of banked ICC_* registers
	 */
1:	mov	x1, #(SCR_EL3_RES1 | SCR_EL3_NS | SCR_EL3_RW)
	msr	scr_el3, x1
	isb
	poison	icc_ctlr_el1, JUNK_ALL
	poison	icc_igrpen1_el1, JUNK_ALL
	poison	icc_pmr_el1, JUNK_HALF
	poison	icc_bpr1_el1, JUNK_ALL
	poison	scr_el3, JUNK_ALL
	isb

	/* EL2's. */
	poison	sctlr_el2, JUNK_ALL
	poison	hcr_el2, JUNK_ALL
	poison	cptr_el2, JUNK_ALL
	poison	mdcr_el2, JUNK_ALL
	poison	hstr_el2, JUNK_ALL
	poison	hacr_el2, JUNK_ALL
	poison	vttbr_el2, JUNK_ALL
	poison	vtcr_el2, JUNK_ALL
	poison	tcr_el2, JUNK_ALL
	poison	mair_el2, JUNK_ALL
	poison	ttbr0_el2, JUNK_ADDR
	poison	vbar_el2, JUNK_ADDR
	poison	tpidr_el2, JUNK_ADDR
	poison	elr_el2, JUNK_ADDR
	poison	spsr_el2, JUNK_ALL
	poison	esr_el2, JUNK_ALL
	poison	far_el2, JUNK_ADDR
	poison	cnthctl_el2, JUNK_ALL
	poison	cntvoff_el2, JUNK_HALF
	poison	cnthp_cval_el2, JUNK_ALL
	poison	cnthp_ctl_el2, JUNK_ALL
	poison	vpidr_el2, JUNK_HALF
	poison	vmpidr_el2, JUNK_HALF

	/* EL1's: a guest's whole system state. */
	poison	sctlr_el1, JUNK_ALL
	poison	cpacr_el1, JUNK_ALL
	poison	ttbr0_el1, JUNK_ADDR
	poison	ttbr1_el1, JUNK_ADDR
	poison	tcr_el1, JUNK_ALL
	poison	mair_el1, JUNK_ALL
	poison	amair_el1, JUNK_ALL
	poison	vbar_el1, JUNK_ADDR
	poison	contextidr_el1, JUNK_HALF
	poison	tpidr_el1, JUNK_ADDR
	poison	tpidr_el0, JUNK_ADDR
	poison	tpidrro_el0, JUNK_ADDR
	poison	elr_el1, JUNK_ADDR
	poison	spsr_el1, JUNK_ALL
	poison	esr_el1, JUNK_ALL
	poison	far_el1, JUNK_ADDR
	poison	par_el1, JUNK_ALL
	poison	afsr0_el1, JUNK_ALL
	poison	afsr1_el1, JUNK_ALL
	poison	csselr_el1, JUNK_HALF
	poison	cntkctl_el1, JUNK_ALL
	poison	cntv_cval_el0, JUNK_ALL
	poison	cntv_ctl_el0, JUNK_ALL
	poison	cntp_cval_el0, JUNK_ALL
	poison	cntp_ctl_el0, JUNK_ALL

	/* Debug: the OS lock open (as a warm reset may leave it), steps on. */
	poison	oslar_el1, 0
	poison	mdscr_el1, JUNK_ALL
	poison	dbgbvr0_el1, JUNK_ADDR
	poison	dbgbcr0_el1, JUNK_ALL
	poison	dbgwvr0_el1, JUNK_ADDR
	poison	dbgwcr0_el1, JUNK_ALL

	/* The PMU: counting, filtering and interrupts as junk left them. */
	poison	pmcr_el0, JUNK_ALL & ~(PMCR_EL0_P | PMCR_EL0_C)
	poison	pmcntenset_el0, JUNK_ALL
	poison	pmintenset_el1, JUNK_ALL
	poison	pmovsset_el0, JUNK_ALL
	poison	pmuserenr_el0, JUNK_ALL
	poison	pmselr_el0, JUNK_HALF
	poison	pmccfiltr_el0, JUNK_ALL
	poison	pmevtyper0_el0, JUNK_ALL
	poison	pmevtyper1_el0, JUNK_ALL
	poison	pmevtyper2_el0, JUNK_ALL
	poison	pmevcntr0_el0, JUNK_HALF
	poison	pmccntr_el0, JUNK_HALF

	/* The stack pointers of every EL, and last the traps of EL3 itself. */
	ldr	x1, =JUNK_ADDR
	msr	sp_el0, x1
	msr	sp_el1, x1
	msr	sp_el2, x1
	mov	sp, x1
	poison	mdcr_el3, JUNK_ALL
	poison	cptr_el3, JUNK_ALL
	isb

	/* The general registers too: none holds anything at reset. */
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	ldr	x\n, =JUNK_ADDR
	.endr
	b	_start
