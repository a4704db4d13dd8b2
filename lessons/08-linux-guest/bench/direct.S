/*
 * direct.S: the boot loader of the benchmark's direct run (bench.py): Linux
 * on QEMU with no hypervisor, given the same Image, initramfs and device
 * tree as lesson 08's guest, at the same addresses.
 *
 * QEMU starts it at EL2 (virtualization=on, secure=off: no EL3; QEMU itself
 * answers PSCI calls made with smc). It starts a PMU counter that counts
 * every instruction at every EL, enters Linux at EL1 as the boot protocol
 * says, and does nothing more but pass on Linux's PSCI calls: its hvc (the
 * tree's method) comes here, as would its smc (HCR_EL2.TSC traps it: a tree
 * that says smc), a few at boot and SYSTEM_OFF at the end, and the call is
 * made again from EL2 with smc, where QEMU answers it. Before SYSTEM_OFF's,
 * the counter is printed. A handful of exits in the whole run.
 */
#include "arm.h"			/* PSCI_SYSTEM_OFF, ESR_EC_* */

#define LINUX_DTB	0x40100000	/* QEMU's own is at 0x40000000 */
#define LINUX_KERNEL	0x40200000
#define UART_DR		0x09000000

	.text
	.globl	_start
_start:
	adr	x0, stack_top
	mov	sp, x0
	adr	x0, vectors
	msr	vbar_el2, x0
	/*
	 * MDCR_EL2
	 * 07:07 HPME  x1 counters [HPMN, N) count (they are EL2's)
	 * 04:00 HPMN  x1 Linux gets counter 0 only; counter 1 is ours
	 */
	mov	x0, #(1 << 7) | 1
	msr	mdcr_el2, x0
	/*
	 * PMEVTYPER1_EL0
	 * 27:27 NSH      x1 count at EL2 too (and EL1, EL0: P = U = 0)
	 * 15:00 evtCount x8 INST_RETIRED: exact under -icount
	 */
	ldr	x0, =(1 << 27) | 0x08
	msr	pmevtyper1_el0, x0
	msr	pmevcntr1_el0, xzr
	/*
	 * PMCNTENSET_EL0: a 1 turns a counter on
	 * 01:01 P1    x1 counter 1 on
	 */
	mov	x0, #(1 << 1)
	msr	pmcntenset_el0, x0
	/*
	 * CNTHCTL_EL2
	 * 01:01 EL1PCEN  x1 EL1 may use the physical timer
	 * 00:00 EL1PCTEN x1 EL1 may read the physical counter
	 */
	mov	x0, #3
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr
	/*
	 * ICC_SRE_EL2
	 * 03:03 Enable x1 EL1 may use ICC_SRE_EL1
	 * 02:02 DIB    x1 no IRQ bypass
	 * 01:01 DFB    x1 no FIQ bypass
	 * 00:00 SRE    x1 system-register CPU interface
	 */
	mov	x0, #0xf
	msr	icc_sre_el2, x0
	/*
	 * CPTR_EL2
	 * 13:12 RES1  x3 reserved
	 * 10:10 TFP   x0 no trap of FP/SIMD
	 * 09:00 RES1  x3ff reserved
	 */
	mov	x0, #0x33ff
	msr	cptr_el2, x0
	/*
	 * HCR_EL2
	 * 31:31 RW    x1 EL1 is AArch64
	 * 19:19 TSC   x1 trap SMC: the power-off comes here first
	 */
	mov	x0, #(1 << 31)
	orr	x0, x0, #(1 << 19)
	msr	hcr_el2, x0
	/*
	 * SCTLR_EL1: as a CPU comes out of reset
	 * 29:28 RES1  x3 reserved
	 * 23:22 RES1  x3 reserved
	 * 20:20 RES1  x1 reserved
	 * 11:11 RES1  x1 reserved
	 * 02:02 C     x0 no data caching
	 * 00:00 M     x0 MMU off
	 */
	ldr	x0, =0x30d00800
	msr	sctlr_el1, x0
	/*
	 * SPSR_EL2
	 * 09:06 DAIF   xf every exception masked
	 * 03:00 M      x5 EL1h
	 */
	mov	x0, #0x3c5
	msr	spsr_el2, x0
	ldr	x0, =LINUX_KERNEL
	msr	elr_el2, x0
	isb
	ldr	x0, =LINUX_DTB
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	eret

/*
 * Linux's smc. SMCCC lets a call change x0-x3 only (and, before SMCCC 1.1,
 * x4-x17): x9-x15 are saved. A trapped smc leaves ELR_EL2 at itself.
 */
	.balign	2048
vectors:
	.rept	8
	.balign	128
	b	.
	.endr
	.balign	128			/* synchronous, lower EL, AArch64 */
	b	el1_sync
	.rept	7
	.balign	128
	b	.
	.endr

el1_sync:
	stp	x9, x10, [sp, #-64]!
	stp	x11, x12, [sp, #16]
	stp	x13, x14, [sp, #32]
	str	x15, [sp, #48]
	ldr	x9, =PSCI_SYSTEM_OFF
	cmp	w0, w9
	b.eq	off
	smc	#0			/* QEMU answers in x0-x3 */
	/* A trapped smc returns to itself: step past it (an hvc is past). */
	mrs	x9, esr_el2
	lsr	x9, x9, #ESR_EC_SHIFT	/* ESR_EL2.EC */
	cmp	x9, #ESR_EC_SMC64
	b.ne	4f
	mrs	x9, elr_el2
	add	x9, x9, #4
	msr	elr_el2, x9
4:	ldr	x15, [sp, #48]
	ldp	x13, x14, [sp, #32]
	ldp	x11, x12, [sp, #16]
	ldp	x9, x10, [sp], #64
	eret
off:	mrs	x9, pmevcntr1_el0
	ldr	x10, =UART_DR
	adr	x11, banner
1:	ldrb	w12, [x11], #1
	cbz	w12, 2f
	str	w12, [x10]
	b	1b
2:	mov	x13, #60		/* 16 hex digits, most significant first */
3:	lsr	x12, x9, x13
	and	x12, x12, #0xf
	cmp	x12, #10
	add	x14, x12, #'0'
	add	x15, x12, #('a' - 10)
	csel	x12, x14, x15, lo
	str	w12, [x10]
	subs	x13, x13, #4
	b.ge	3b
	mov	x12, #'\n'
	str	w12, [x10]
	smc	#0			/* x0-x3 as Linux made the call */
	b	.

banner:	.asciz	"direct: instructions 0x"

	.balign	16
	.space	256
stack_top:
