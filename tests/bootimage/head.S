/*
 * head.S: the first bytes of an arm64 Linux Image (the kernel's
 * Documentation/arch/arm64/booting.rst), which is all lesson 08 asks of a
 * kernel: a 64-byte header, then code entered at its first byte at EL1 with
 * x0 = the device tree's address and the MMU off.
 */
#include "c_runtime.h"

	.section .text.head, "ax"
	.globl	_head
_head:
	b	start			/* code0: the first instruction */
	.long	0			/* code1 */
	.quad	0			/* text_offset: at a 2 MiB boundary */
	.quad	_image_size		/* image_size: from the load address (image.ld) */
	.quad	0xa			/* flags: little-endian, 4 KiB pages, anywhere */
	.quad	0, 0, 0			/* res2-res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5 */

start:
	c_runtime_init			/* x0, the tree, survives it */
	adr	x1, guest_vectors	/* common/guest/vectors.S */
	msr	vbar_el1, x1
	isb
	bl	image_main
1:	b	1b			/* image_main powers off */

/*
 * u64 psci_smc(fn, a1, a2, a3), psci_hvc(...): one PSCI call by the SMC
 * Calling Convention 1.1, whose promise is that x4-x17 come back as they
 * went. They go with their own numbers in them; psci_clobbered gets the
 * OR of what each differs by afterwards (0: all kept).
 */
	.macro	psci_call name, insn
	.text
	.globl	\name
\name:
	mov	x4, #4
	mov	x5, #5
	mov	x6, #6
	mov	x7, #7
	mov	x8, #3			/* the kit's HVC_EXIT: must mean nothing here */
	mov	x9, #9
	mov	x10, #10
	mov	x11, #11
	mov	x12, #12
	mov	x13, #13
	mov	x14, #14
	mov	x15, #15
	mov	x16, #16
	mov	x17, #17
	\insn	#0
	sub	x4, x4, #4
	sub	x5, x5, #5
	sub	x6, x6, #6
	sub	x7, x7, #7
	sub	x8, x8, #3
	sub	x9, x9, #9
	sub	x10, x10, #10
	sub	x11, x11, #11
	sub	x12, x12, #12
	sub	x13, x13, #13
	sub	x14, x14, #14
	sub	x15, x15, #15
	sub	x16, x16, #16
	sub	x17, x17, #17
	orr	x4, x4, x5
	orr	x4, x4, x6
	orr	x4, x4, x7
	orr	x4, x4, x8
	orr	x4, x4, x9
	orr	x4, x4, x10
	orr	x4, x4, x11
	orr	x4, x4, x12
	orr	x4, x4, x13
	orr	x4, x4, x14
	orr	x4, x4, x15
	orr	x4, x4, x16
	orr	x4, x4, x17
	adr	x5, psci_clobbered
	ldr	x6, [x5]
	orr	x6, x6, x4
	str	x6, [x5]
	ret
	.endm

	psci_call psci_smc, smc
	psci_call psci_hvc, hvc

	.data
	.balign	8
	.globl	psci_clobbered
psci_clobbered:
	.quad	0
