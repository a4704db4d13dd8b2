/*
 * el0.S: the aarch32 guest's EL0 program, in T32 (Thumb), and the way
 * into it. The kit's assembler is for A64 only, so each T32 instruction
 * is written as its encoding (.hword), the assembly beside it.
 *
 * void enter_el0_aarch32(u64 code, u64 uart, u64 result)
 *   enters `code` at EL0 in AArch32, T32 state, with r0 = uart,
 *   r1 = '*', r6 = result. It returns only through an exception.
 */
	.text
	.globl	enter_el0_aarch32
enter_el0_aarch32:
	msr	elr_el1, x0
	/* SPSR_EL1: M[4] 1 AArch32, M[3:0] 0 User, T 1, A I F masked. */
	mov	x3, #0x1f0
	msr	spsr_el1, x3
	mov	x0, x1			/* r0: the UART's data register */
	mov	x6, x2			/* r6: where the steps are stored */
	mov	x1, #'*'		/* r1: a character to write */
	eret

/*
 * Each 16-bit instruction that traps to EL2 is followed by "adds r4, #1":
 * a hypervisor that steps 4 bytes past a 2-byte instruction skips it, and
 * r4 comes out short. The 32-bit mrc of CNTP_CTL (trapped by
 * CNTHCTL_EL2.EL1PCEN = 0) has its own count, and reads as zero.
 */
	.balign	4
	.globl	el0_code
el0_code:
	.hword	0x2400			/* movs r4, #0 */
	.hword	0x2500			/* movs r5, #0 ... becomes the mrc's result */
	.hword	0xbf30			/* wfi          16 bits, trapped (TWI) */
	.hword	0x3401			/* adds r4, #1 */
	.hword	0xbf30			/* wfi */
	.hword	0x3401			/* adds r4, #1 */
	.hword	0xbf30			/* wfi */
	.hword	0x3401			/* adds r4, #1 */
	.hword	0x6001			/* str r1, [r0]  16 bits, emulated MMIO */
	.hword	0x3401			/* adds r4, #1 */
	.hword	0x3d01			/* subs r5, #1   r5 = 0xffffffff */
	.hword	0xee1e, 0x5f32		/* mrc p15, 0, r5, c14, c2, 1: CNTP_CTL */
	.hword	0x3401			/* adds r4, #1 */
	.hword	0xc806			/* ldm r0!, {r1, r2}  ISV = 0: an abort */
	.hword	0x3401			/* adds r4, #1 */
	.hword	0x6034			/* str r4, [r6] */
	.hword	0x6075			/* str r5, [r6, #4] */
	.hword	0xdf00			/* svc #0: back to EL1 */
	.hword	0xe7fe			/* b . (not reached) */
