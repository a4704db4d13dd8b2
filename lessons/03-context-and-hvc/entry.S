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
	serror_window			/* frame.h */
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

/*
 * An SError while the guest runs: with HCR_EL2.AMO set (every lesson from
 * this one) it comes here, whatever the guest's PSTATE.A, and it is the
 * guest's. guest_serror() (trap.c) reports it and stops the guest.
 */
	.globl	el01_serror
el01_serror:
	kernel_entry
	mov	x0, sp
	bl	guest_serror
	kernel_exit

/*
 * An SError at EL2. Taken inside a serror_window (frame.h), right after
 * kernel_entry saved a guest's registers, it was raised by that guest:
 * leave the window for serror_exit, which stops the guest. Anywhere else
 * it is the hypervisor's own: lesson 02's report.
 */
	.globl	el2_serror
el2_serror:
	stp	x0, x1, [sp, #-48]!
	stp	x2, x3, [sp, #16]
	str	x4, [sp, #32]
	mrs	x0, elr_el2
	ldr	x1, =__start_serror_windows
	ldr	x2, =__stop_serror_windows
1:	cmp	x1, x2
	b.hs	2f			/* in no window: EL2's own */
	ldp	x3, x4, [x1], #16	/* a window, [x3, x4] */
	cmp	x0, x3
	b.lo	1b
	cmp	x0, x4
	b.hi	1b
	adr	x0, serror_exit		/* the guest's: end it there */
	msr	elr_el2, x0
	ldr	x4, [sp, #32]
	ldp	x2, x3, [sp, #16]
	ldp	x0, x1, [sp], #48
	eret
2:	ldr	x4, [sp, #32]
	ldp	x2, x3, [sp, #16]
	ldp	x0, x1, [sp], #48
	b	error_invalid_el2h	/* lesson 02: report, stop */

/* SP is the frame kernel_entry pushed; ESR_EL2 is the SError's. */
serror_exit:
	msr	daifset, #4
	mov	x0, sp
	bl	guest_serror
	kernel_exit
