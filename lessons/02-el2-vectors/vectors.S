/*
 * vectors.S: the EL2 exception vector table.
 *
 * VBAR_EL2 points at 16 entries of 128 bytes (32 instructions) each. Which
 * entry the CPU branches to depends on the kind of exception (synchronous,
 * IRQ, FIQ, SError) and on where it came from:
 *
 *   VBAR_EL2 + 0x000  current EL, using SP_EL0   (EL2t: the kit never runs so)
 *            + 0x200  current EL, using SP_EL2   (EL2h: the hypervisor itself)
 *            + 0x400  lower EL, AArch64          (the guest at EL1 or EL0)
 *            + 0x600  lower EL, AArch32
 *
 * As in the seed, each entry holds a single branch to a handler outside the
 * table, so a handler may be any length.
 */
#include "arm.h"
#include "exception.h"
#include "caller_saved.h"

/* One table entry: aligned to 2^7 = 128 bytes, a branch to its handler. */
.macro ventry label
	.balign	128
	b	\label
.endm

/*
 * An entry nobody handles yet. Save the registers a C function may
 * clobber (x0-x18 and x30, AAPCS64; the callee saves x19-x29 itself: see
 * common/include/caller_saved.h), ask invalid_entry() what to do, and
 * resume where it says. invalid_entry() does not return for an exception
 * it did not expect.
 */
.macro handle_invalid_entry type
	push_caller_saved
	mov	x0, #\type
	mrs	x1, esr_el2
	mrs	x2, elr_el2
	mrs	x3, far_el2
	bl	invalid_entry
	msr	elr_el2, x0		/* where to resume */
	pop_caller_saved
	eret
.endm

	.text
	.balign	2048			/* VBAR_EL2 bits [10:0] are RES0 */
	.globl	el2_vectors
el2_vectors:
	ventry	sync_invalid_el2t	// Synchronous EL2t
	ventry	irq_invalid_el2t	// IRQ EL2t
	ventry	fiq_invalid_el2t	// FIQ EL2t
	ventry	error_invalid_el2t	// Error EL2t

	ventry	sync_invalid_el2h	// Synchronous EL2h
	ventry	el2_irq			// IRQ EL2h
	ventry	fiq_invalid_el2h	// FIQ EL2h
	ventry	el2_serror		// Error EL2h

	ventry	el01_sync		// Synchronous 64-bit EL0 or 1
	ventry	el01_irq		// IRQ 64-bit EL0 or 1
	ventry	fiq_invalid_el01_64	// FIQ 64-bit EL0 or 1
	ventry	el01_serror		// Error 64-bit EL0 or 1

	ventry	sync_invalid_el01_32	// Synchronous 32-bit EL0 or 1
	ventry	irq_invalid_el01_32	// IRQ 32-bit EL0 or 1
	ventry	fiq_invalid_el01_32	// FIQ 32-bit EL0 or 1
	ventry	error_invalid_el01_32	// Error 32-bit EL0 or 1

/* Global, so that print_vector_table() (exception.c) can name them. */
	.globl	sync_invalid_el2t, irq_invalid_el2t, fiq_invalid_el2t
	.globl	error_invalid_el2t, sync_invalid_el2h, fiq_invalid_el2h
	.globl	fiq_invalid_el01_64
	.globl	sync_invalid_el01_32, irq_invalid_el01_32, fiq_invalid_el01_32
	.globl	error_invalid_el01_32
sync_invalid_el2t:	handle_invalid_entry SYNC_INVALID_EL2T
irq_invalid_el2t:	handle_invalid_entry IRQ_INVALID_EL2T
fiq_invalid_el2t:	handle_invalid_entry FIQ_INVALID_EL2T
error_invalid_el2t:	handle_invalid_entry ERROR_INVALID_EL2T
sync_invalid_el2h:	handle_invalid_entry SYNC_INVALID_EL2H
fiq_invalid_el2h:	handle_invalid_entry FIQ_INVALID_EL2H
fiq_invalid_el01_64:	handle_invalid_entry FIQ_INVALID_EL01_64
sync_invalid_el01_32:	handle_invalid_entry SYNC_INVALID_EL01_32
irq_invalid_el01_32:	handle_invalid_entry IRQ_INVALID_EL01_32
fiq_invalid_el01_32:	handle_invalid_entry FIQ_INVALID_EL01_32
error_invalid_el01_32:	handle_invalid_entry ERROR_INVALID_EL01_32

/*
 * The five entries a hypervisor may use. Until a later lesson defines
 * them (lesson 03: el01_sync, for hypercalls, and the two SError entries;
 * lesson 06: el01_irq, for interrupts while a guest runs) they are
 * invalid entries too. They are
 * weak, so that lesson's definition takes their place at link time.
 * (el2_irq stays invalid: the kit's hypervisor runs with IRQs masked, so
 * an IRQ is only ever taken from a guest.)
 */
	.weak	el2_irq
el2_irq:		handle_invalid_entry IRQ_INVALID_EL2H
	.weak	el01_sync
el01_sync:		handle_invalid_entry SYNC_INVALID_EL01_64
	.weak	el01_irq
el01_irq:		handle_invalid_entry IRQ_INVALID_EL01_64
	.weak	el2_serror
el2_serror:		b	error_invalid_el2h
	.globl	error_invalid_el2h	/* lesson 03: an SError that is EL2's own */
error_invalid_el2h:	handle_invalid_entry ERROR_INVALID_EL2H
	.weak	el01_serror
el01_serror:		handle_invalid_entry ERROR_INVALID_EL01_64
