/*
 * frame.h: the guest's registers as the hypervisor saves them on every
 * exception from a lower EL, and the two macros that save and restore them.
 *
 * The layout is defined once, here, as FRAME_* offsets for the assembler;
 * the C struct below must match it, and _Static_assert checks that it does
 * every time a C file that includes this header is compiled.
 *
 * Lesson 07 turns this frame into the first member of a vCPU.
 */
#ifndef FRAME_H
#define FRAME_H

#define FRAME_X0	0		/* x0..x30 at FRAME_X0 + 8 * n */
#define FRAME_LR	(30 * 8)	/* x30, the link register */
#define FRAME_ELR	(31 * 8)	/* ELR_EL2: where the guest resumes */
#define FRAME_SPSR	(32 * 8)	/* SPSR_EL2: the guest's PSTATE */
#define FRAME_SIZE	(34 * 8)	/* a multiple of 16: SP stays aligned */

#ifndef __ASSEMBLER__
#include "types.h"

struct frame {
	u64 x[31];
	u64 elr;
	u64 spsr;
	u64 pad;
};

_Static_assert(offsetof(struct frame, x[0]) == FRAME_X0, "FRAME_X0");
_Static_assert(offsetof(struct frame, x[30]) == FRAME_LR, "FRAME_LR");
_Static_assert(offsetof(struct frame, elr) == FRAME_ELR, "FRAME_ELR");
_Static_assert(offsetof(struct frame, spsr) == FRAME_SPSR, "FRAME_SPSR");
_Static_assert(sizeof(struct frame) == FRAME_SIZE, "FRAME_SIZE");

#else /* __ASSEMBLER__ */

/*
 * The C asserts above check each offset alone. The macros below also rely
 * on two neighbourhoods that no offset states: x30 and ELR_EL2 are stored
 * and loaded as one pair at FRAME_LR, and guest_enter copies the frame 16
 * bytes at a time. Check both here, where the code that relies on them is
 * assembled: a layout that breaks them stops the build.
 */
.if FRAME_ELR != FRAME_LR + 8
.error "frame.h: FRAME_ELR must be FRAME_LR + 8: kernel_entry and kernel_exit move x30 and ELR_EL2 as one pair"
.endif
.if FRAME_SIZE % 16
.error "frame.h: FRAME_SIZE must be a multiple of 16: SP_EL2 must stay 16-byte aligned"
.endif

/*
 * kernel_entry: push a struct frame on the EL2 stack (SP_EL2) holding all
 * of x0-x30, ELR_EL2 and SPSR_EL2. Nothing may touch a general register
 * before it is saved: the guest owns every one of them.
 */
/* lab: README "The frame, and the trip into EL2" */
.macro kernel_entry
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #(FRAME_X0 + 16 * 0)]
	stp	x2, x3, [sp, #(FRAME_X0 + 16 * 1)]
	stp	x4, x5, [sp, #(FRAME_X0 + 16 * 2)]
	stp	x6, x7, [sp, #(FRAME_X0 + 16 * 3)]
	stp	x8, x9, [sp, #(FRAME_X0 + 16 * 4)]
	stp	x10, x11, [sp, #(FRAME_X0 + 16 * 5)]
	stp	x12, x13, [sp, #(FRAME_X0 + 16 * 6)]
	stp	x14, x15, [sp, #(FRAME_X0 + 16 * 7)]
	stp	x16, x17, [sp, #(FRAME_X0 + 16 * 8)]
	stp	x18, x19, [sp, #(FRAME_X0 + 16 * 9)]
	stp	x20, x21, [sp, #(FRAME_X0 + 16 * 10)]
	stp	x22, x23, [sp, #(FRAME_X0 + 16 * 11)]
	stp	x24, x25, [sp, #(FRAME_X0 + 16 * 12)]
	stp	x26, x27, [sp, #(FRAME_X0 + 16 * 13)]
	stp	x28, x29, [sp, #(FRAME_X0 + 16 * 14)]
	mrs	x21, elr_el2		/* x21, x22: saved above, free now */
	mrs	x22, spsr_el2
	stp	x30, x21, [sp, #FRAME_LR]	/* x30, then ELR at FRAME_ELR */
	str	x22, [sp, #FRAME_SPSR]
.endm
/* end of lab */

/*
 * kernel_exit: the reverse. Load ELR_EL2 and SPSR_EL2 from the frame (a
 * handler may have changed them: ELR to skip an instruction, x0 to return
 * a result), restore x0-x30, pop the frame and return to the guest.
 */
/* lab: README "The frame, and the trip into EL2" */
.macro kernel_exit
	ldr	x22, [sp, #FRAME_SPSR]
	ldp	x30, x21, [sp, #FRAME_LR]	/* x30, then ELR at FRAME_ELR */
	msr	elr_el2, x21
	msr	spsr_el2, x22
	ldp	x0, x1, [sp, #(FRAME_X0 + 16 * 0)]
	ldp	x2, x3, [sp, #(FRAME_X0 + 16 * 1)]
	ldp	x4, x5, [sp, #(FRAME_X0 + 16 * 2)]
	ldp	x6, x7, [sp, #(FRAME_X0 + 16 * 3)]
	ldp	x8, x9, [sp, #(FRAME_X0 + 16 * 4)]
	ldp	x10, x11, [sp, #(FRAME_X0 + 16 * 5)]
	ldp	x12, x13, [sp, #(FRAME_X0 + 16 * 6)]
	ldp	x14, x15, [sp, #(FRAME_X0 + 16 * 7)]
	ldp	x16, x17, [sp, #(FRAME_X0 + 16 * 8)]
	ldp	x18, x19, [sp, #(FRAME_X0 + 16 * 9)]
	ldp	x20, x21, [sp, #(FRAME_X0 + 16 * 10)]
	ldp	x22, x23, [sp, #(FRAME_X0 + 16 * 11)]
	ldp	x24, x25, [sp, #(FRAME_X0 + 16 * 12)]
	ldp	x26, x27, [sp, #(FRAME_X0 + 16 * 13)]
	ldp	x28, x29, [sp, #(FRAME_X0 + 16 * 14)]
	add	sp, sp, #FRAME_SIZE
	eret
.endm
/* end of lab */

/*
 * serror_window: right after kernel_entry, a moment with SErrors unmasked.
 * An SError is asynchronous: a guest's write that the memory system
 * refuses may be reported after the guest has left. The exception entry
 * masked SErrors (PSTATE.A); the dsb waits for the guest's accesses to
 * complete, and unmasking takes any SError they raised now, at EL2, while
 * it is still known whose it is: el2_serror (entry.S) finds ELR_EL2
 * inside a window listed in section serror_windows, and ends the guest
 * instead of returning here. KVM's __guest_exit does the same. Without it, the SError would wait, masked, until the next guest
 * unmasks A, and be blamed on that guest.
 */
.macro serror_window
	dsb	sy
.Lsw_start\@:
	msr	daifclr, #4		/* PSTATE.A = 0 */
	isb				/* a pending SError is taken here */
.Lsw_end\@:
	msr	daifset, #4
	.pushsection serror_windows, "a"
	.quad	.Lsw_start\@, .Lsw_end\@
	.popsection
.endm

#endif /* __ASSEMBLER__ */
#endif
