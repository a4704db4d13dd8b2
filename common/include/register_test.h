/*
 * register_test.h: a test that every general register survives an
 * exception: fill x0-x30 with values of their own, take the exception,
 * store all 31 as they came back. Used by lesson 02 (a brk taken at EL2,
 * preserve.S) and lesson 03's guest (a hypercall, guest/regs.S).
 *
 * In assembly, a test function void f(u64 after[31]) is
 *	regtest_begin
 *	(fill x0-x30: ldr xN, =REG_PATTERN(N))
 *	(the exception)
 *	regtest_end
 */
#ifndef REGISTER_TEST_H
#define REGISTER_TEST_H

#include "caller_saved.h"

/*
 * What register xN holds before the exception: 0x5356 ("SV") + N in the
 * top 16 bits and N in each of the other three, distinct for every N
 * (x19 = 0x5369001300130013).
 */
#define REG_PATTERN(n)	(UL(0x5356000000000000) + (n) * UL(0x0001000100010001))

#ifdef __ASSEMBLER__
/* The caller's x19-x30 must survive us (AAPCS64): keep them, and after[]. */
.macro regtest_begin
	stp	x19, x20, [sp, #-112]!
	stp	x21, x22, [sp, #16]
	stp	x23, x24, [sp, #32]
	stp	x25, x26, [sp, #48]
	stp	x27, x28, [sp, #64]
	stp	x29, x30, [sp, #80]
	str	x0, [sp, #96]		/* after[] */
	sub	sp, sp, #256		/* room to store x0-x30 */
.endm

/* Store every register before using any, copy them to after[], return. */
.macro regtest_end
	stp	x0, x1, [sp, #(16 * 0)]
	stp_x2_to_x17				/* caller_saved.h */
	stp	x18, x19, [sp, #(16 * 9)]
	stp	x20, x21, [sp, #(16 * 10)]
	stp	x22, x23, [sp, #(16 * 11)]
	stp	x24, x25, [sp, #(16 * 12)]
	stp	x26, x27, [sp, #(16 * 13)]
	stp	x28, x29, [sp, #(16 * 14)]
	str	x30, [sp, #(16 * 15)]

	/* Copy them to after[]; SP must have survived for this to work. */
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
.endm
#endif

#endif
