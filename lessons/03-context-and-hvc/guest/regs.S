/*
 * guest/regs.S: guest code that must control every register, so it is
 * written in assembly.
 */
#include "arm.h"
#include "hypercall.h"
#include "regtest.h"
#include "register_test.h"

	.text
/* void hvc_register_test(u64 after[31]) */
	.globl	hvc_register_test
hvc_register_test:
	regtest_begin			/* common/include/register_test.h */
	.irp	n, 0,1,2,3,4,5,6,7,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	ldr	x\n, =REG_PATTERN(\n)
	.endr
	mov	x8, #HVC_SCRUB
	hvc	#0

	regtest_end
