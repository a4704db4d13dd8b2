/*
 * guest/regs.S: guest code that must control every register, so it is
 * written in assembly.
 */
#include "arm.h"
#include "hypercall.h"
#include "regtest.h"

	.text
/* void hvc_register_test(u64 after[31]) */
	.globl	hvc_register_test
hvc_register_test:
	/* The caller's x19-x30 must survive us (AAPCS64): keep them. */
	stp	x19, x20, [sp, #-112]!
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	stp	x25, x26, [sp, #48]
	stp	x27, x28, [sp, #64]
	stp	x29, x30, [sp, #80]
	str	x0, [sp, #96]		/* after[] */
	sub	sp, sp, #256		/* room to store x0-x30 */

	.irp	n, 0,1,2,3,4,5,6,7,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	ldr	x\n, =REG_PATTERN(\n)
	.endr
	mov	x8, #HVC_SCRUB
	hvc	#0

	/* Store every register before using any of them. */
	stp	x0, x1, [sp, #(16 * 0)]
	stp	x2, x3, [sp, #(16 * 1)]
	stp	x4, x5, [sp, #(16 * 2)]
	stp	x6, x7, [sp, #(16 * 3)]
	stp	x8, x9, [sp, #(16 * 4)]
	stp	x10, x11, [sp, #(16 * 5)]
	stp	x12, x13, [sp, #(16 * 6)]
	stp	x14, x15, [sp, #(16 * 7)]
	stp	x16, x17, [sp, #(16 * 8)]
	stp	x18, x19, [sp, #(16 * 9)]
	stp	x20, x21, [sp, #(16 * 10)]
	stp	x22, x23, [sp, #(16 * 11)]
	stp	x24, x25, [sp, #(16 * 12)]
	stp	x26, x27, [sp, #(16 * 13)]
	stp	x28, x29, [sp, #(16 * 14)]
	str	x30, [sp, #(16 * 15)]

	/* Copy them to after[]; SP_EL1 must have survived for this to work. */
	ldr	x0, [sp, #(256 + 96)]
	mov	x1, sp
	mov	x2, #31
1:	ldr	x3, [x1], #8
	str	x3, [x0], #8
	subs	x2, x2, #1
	b.ne	1b

	add	sp, sp, #256
	ldp	x21, x22, [sp, #16]
	ldp	x23, x24, [sp, #32]
	ldp	x25, x26, [sp, #48]
	ldp	x27, x28, [sp, #64]
	ldp	x29, x30, [sp, #80]
	ldp	x19, x20, [sp], #112
	ret
