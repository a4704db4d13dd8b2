/*
 * entry.S: the way in from the guest, and the way back.
 *
 * el01_sync replaces lesson 02's weak invalid entry for "synchronous
 * exception from a lower EL in AArch64": hypercalls, and every trap a
 * later lesson turns on, arrive here.
 */
#include "frame.h"

	.text
	.globl	el01_sync
el01_sync:
	kernel_entry
	mov	x0, sp			/* struct frame * */
	bl	guest_sync		/* trap.c */
	kernel_exit

/*
 * void guest_enter(const struct frame *f): enter the guest for the first
 * time, as if returning from an exception that never happened.
 *
 * Whatever is on the EL2 stack is abandoned: from now on the hypervisor
 * runs only in answer to exceptions, and each starts from an empty stack.
 * The frame is copied to the top of the stack, and kernel_exit pops it.
 */
	.globl	guest_enter
guest_enter:
	ldr	x1, =__stack_top
	sub	sp, x1, #FRAME_SIZE
	mov	x2, sp
	mov	x3, #(FRAME_SIZE / 16)
1:	ldp	x4, x5, [x0], #16
	stp	x4, x5, [x2], #16
	subs	x3, x3, #1
	b.ne	1b
	kernel_exit
