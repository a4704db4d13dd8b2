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

/*
 * void guest_resume_scrubbed(struct frame *f): the end of el01_sync, for
 * the HVC_SCRUB test. f is the frame el01_sync pushed, so SP = f puts the
 * stack back where el01_sync had it; the C frames below are dropped.
 */
	.globl	guest_resume_scrubbed
guest_resume_scrubbed:
	mov	sp, x0
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	mov	x\n, #0xdead
	.endr
	kernel_exit
