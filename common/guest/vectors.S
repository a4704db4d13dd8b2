/*
 * vectors.S: every guest's EL1 vector table.
 *
 * The same shape as the hypervisor's EL2 table (lesson 02), one level
 * down: 16 entries of 128 bytes at VBAR_EL1. Each entry saves the
 * registers a C call may clobber and calls guest_exception() with the
 * entry's number and the syndrome; it returns where to resume.
 */
#include "caller_saved.h"

	.macro	gentry type
	.balign	128
	push_x0_x1
	mov	x0, #\type
	b	guest_vector_common
	.endm

	.text
	.balign	2048
	.globl	guest_vectors
guest_vectors:
	.irp	type, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	gentry	\type
	.endr

guest_vector_common:
	push_caller_saved_rest
	mrs	x1, esr_el1
	mrs	x2, elr_el1
	mrs	x3, far_el1
	bl	guest_exception		/* exception.c */
	msr	elr_el1, x0
	pop_caller_saved
	eret
