/*
 * caller_saved.h: push and pop the registers a C function may clobber,
 * for an exception entry that calls C and then returns to the code it
 * interrupted (lesson 02's handle_invalid_entry, every guest's vectors).
 *
 * AAPCS64: a callee must preserve x19-x29 (and SP); it may change x0-x18
 * and x30. So these ten pairs are all an exception handler written in C
 * needs to save. (A hypervisor entering from a guest saves all 31: see
 * lesson 03's kernel_entry.)
 */
#ifndef CALLER_SAVED_H
#define CALLER_SAVED_H

#ifdef __ASSEMBLER__
#define CALLER_SAVED_SIZE	(20 * 8)

/* x0 and x1 first, so an entry can save them and branch to the rest. */
.macro push_x0_x1
	sub	sp, sp, #CALLER_SAVED_SIZE
	stp	x0, x1, [sp, #(16 * 0)]
.endm

/*
 * x2-x17 in pairs at SP + 16 and up, after x0 and x1 at SP: the layout
 * this save and register_test.h's store share.
 */
.macro stp_x2_to_x17
	stp	x2, x3, [sp, #(16 * 1)]
	stp	x4, x5, [sp, #(16 * 2)]
	stp	x6, x7, [sp, #(16 * 3)]
	stp	x8, x9, [sp, #(16 * 4)]
	stp	x10, x11, [sp, #(16 * 5)]
	stp	x12, x13, [sp, #(16 * 6)]
	stp	x14, x15, [sp, #(16 * 7)]
	stp	x16, x17, [sp, #(16 * 8)]
.endm

.macro push_caller_saved_rest
	stp_x2_to_x17
	stp	x18, x30, [sp, #(16 * 9)]
.endm

.macro push_caller_saved
	push_x0_x1
	push_caller_saved_rest
.endm

.macro pop_caller_saved
	ldp	x0, x1, [sp, #(16 * 0)]
	ldp	x2, x3, [sp, #(16 * 1)]
	ldp	x4, x5, [sp, #(16 * 2)]
	ldp	x6, x7, [sp, #(16 * 3)]
	ldp	x8, x9, [sp, #(16 * 4)]
	ldp	x10, x11, [sp, #(16 * 5)]
	ldp	x12, x13, [sp, #(16 * 6)]
	ldp	x14, x15, [sp, #(16 * 7)]
	ldp	x16, x17, [sp, #(16 * 8)]
	ldp	x18, x30, [sp, #(16 * 9)]
	add	sp, sp, #CALLER_SAVED_SIZE
.endm
#endif

#endif
