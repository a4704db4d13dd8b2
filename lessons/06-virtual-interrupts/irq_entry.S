/*
 * irq_entry.S: an IRQ while the guest runs. HCR_EL2.IMO routes every
 * physical IRQ to EL2, and it arrives at VBAR_EL2 + 0x480 ("IRQ, lower EL,
 * AArch64"): lesson 02's weak el01_irq, defined here. The guest's
 * registers are saved exactly as for a synchronous exit.
 */
#include "frame.h"

	.text
	.globl	el01_irq
el01_irq:
	kernel_entry
	serror_window			/* lesson 03's frame.h */
	mov	x0, sp
	bl	guest_irq_exit		/* irq.c */
	kernel_exit
