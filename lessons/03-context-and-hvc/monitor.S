/*
 * monitor.S: the EL3 monitor, the least firmware that can switch the
 * machine off.
 *
 * It replaces lesson 01's dummy table (el3_vectors there is weak). Only
 * one entry does anything: a synchronous exception from a lower EL in
 * AArch64, which is how an SMC from EL2 arrives. The SMC is read as a PSCI
 * call (Arm DEN 0022): function ID in x0, result in x0. Every other entry
 * still branches to itself, for a debugger to inspect.
 *
 * Why the monitor and not the hypervisor: the power-off device, the PL061
 * GPIO at 0x090b0000, is Secure-only. Only EL3 can reach it, so no guest
 * and no bug at EL2 can fake a power-off.
 */
#include "arm.h"

#define SECURE_GPIO	0x090b0000	/* PL061: pin 1 = power off */
#define GPIODIR		0x400		/* 1 = output */
#define GPIODATA_PIN1	0x008		/* data, address bits [9:2] = mask 0b10 */

	.text
	.balign	2048
	.globl	el3_vectors
el3_vectors:
	.rept	8			/* from EL3 itself: a monitor bug */
	.balign	128
	b	.
	.endr
	.balign	128
	b	el3_sync_lower		/* synchronous, lower EL, AArch64 */
	.rept	7
	.balign	128
	b	.
	.endr

/* x9 and x10 are scratch: SMCCC lets a call corrupt x4-x17. */
el3_sync_lower:
	mrs	x9, esr_el3
	ubfx	x9, x9, #ESR_EC_SHIFT, #6	/* ESR_EL3.EC, bits [31:26] */
	cmp	x9, #ESR_EC_SMC64
	b.ne	.			/* not an SMC: stop here for gdb */

	/*
	 * Only the hypervisor may call. A guest's smc is trapped to EL2 when
	 * HCR_EL2.TSC is set (as every lesson from 03 sets it); should one get
	 * here anyway, it is refused: SPSR_EL3.M[3:2] is the EL it came from.
	 */
	mrs	x9, spsr_el3
	ubfx	x9, x9, #2, #2
	cmp	x9, #2
	b.ne	psci_refuse

	ldr	x9, =PSCI_SYSTEM_OFF
	cmp	w0, w9
	b.eq	psci_system_off
	ldr	x9, =PSCI_VERSION
	cmp	w0, w9
	b.eq	psci_version
psci_refuse:
	mov	x0, #PSCI_RET_NOT_SUPPORTED
	eret				/* ELR_EL3 is past the smc */

psci_version:
	mov	x0, #0x10000		/* PSCI 1.0: major 1 in [31:16], minor 0 */
	eret

psci_system_off:
	ldr	x9, =SECURE_GPIO
	mov	w10, #2			/* pin 1 */
	str	w10, [x9, #GPIODIR]	/* make pin 1 an output */
	str	w10, [x9, #GPIODATA_PIN1] /* drive it high: QEMU powers off */
	/*
	 * QEMU acts on the power-off request at its next turn of the main
	 * loop. Spin until then: a wfi here could run first, and with
	 * -icount sleep=off and no timer armed QEMU warns that it would wait
	 * forever (it printed exactly that, now and then, before this loop).
	 */
1:	b	1b
