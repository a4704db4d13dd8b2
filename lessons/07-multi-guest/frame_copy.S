/*
 * frame_copy.S: void frame_copy(struct frame *dst, const struct frame *src)
 *
 * The world switch copies a guest's registers twice: the exception frame
 * into the outgoing vCPU, the incoming vCPU's into the frame. 272 bytes,
 * 16 at a time with load/store pairs: 34 instructions, where a generic
 * memcpy loop costs several times that.
 */
#include "frame.h"

	.text
	.globl	frame_copy
frame_copy:
	.rept	FRAME_SIZE / 16
	ldp	x2, x3, [x1], #16
	stp	x2, x3, [x0], #16
	.endr
	ret
