/*
 * monitor.S: the EL3 monitor, the least firmware that can switch the
 * machine off, and that answers what PSCI 1.0 requires of it.
 *
 * It replaces lesson 01's dummy table (el3_vectors there is weak). Like
 * that table it lives in Secure RAM (section .el3.text: common/hyp.ld,
 * copied there by entry3), where no Non-secure access reaches: EL2 can
 * neither read nor patch it. Only one entry does anything: a synchronous
 * exception from a lower EL in AArch64, which is how an SMC from EL2
 * arrives. The SMC is read as a call of the SMC Calling Convention (Arm
 * DEN 0028, version 1.1): function ID in w0, arguments in x1-x3, results
 * in x0-x3; x4-x17 and everything else come back unchanged. Every other
 * entry still branches to itself, for a debugger to inspect.
 *
 * Why the monitor and not the hypervisor: the power-off device, the PL061
 * GPIO at 0x090b0000, is Secure-only. Only EL3 can reach it, and EL3's
 * code is out of EL2's reach, so no guest and no bug at EL2 can fake a
 * power-off.
 */
#include "arm.h"
#include "platform.h"

#define GPIODIR		0x400		/* 1 = output */
#define GPIODATA_PIN0	0x004		/* data, address bits [9:2] = mask 0b01 */
#define GPIODATA_PIN1	0x008		/* data, address bits [9:2] = mask 0b10 */

	.section .el3.text, "ax"
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

/*
 * The monitor works in x4-x7, saved on EL3's stack (SP_EL3, in Secure RAM,
 * set by lesson 01's entry3) and restored by smc_return: x1-x3 may hold
 * arguments, and SMCCC 1.1 has a call change x0-x3 only.
 */
el3_sync_lower:
	stp	x4, x5, [sp, #-32]!
	stp	x6, x7, [sp, #16]
	mrs	x4, esr_el3
	ubfx	x5, x4, #ESR_EC_SHIFT, #6	/* ESR_EL3.EC, bits [31:26] */
	cmp	x5, #ESR_EC_SMC64
	b.ne	.			/* not an SMC: stop here for gdb */

	/* SMCCC calls are smc #0: another immediate is no call we know. */
	tst	x4, #ESR_ISS_IMM16_MASK
	b.ne	smc_unknown

	/*
	 * Only the hypervisor may call. A guest's smc is trapped to EL2 when
	 * HCR_EL2.TSC is set (as every lesson from 03 sets it); should one get
	 * here anyway, it is refused: SPSR_EL3.M[3:2] is the EL it came from.
	 */
	mrs	x4, spsr_el3
	ubfx	x4, x4, #2, #2
	cmp	x4, #2
	b.ne	smc_unknown

	ldr	w4, =SMCCC_VERSION
	cmp	w0, w4
	b.eq	smccc_version
	/*
	 * A PSCI function: 0x84000000 + n, or 0xC4000000 + n for the SMC64
	 * form of those that take an address or an MPIDR (n = 1, 3, 4).
	 */
	and	w4, w0, #~SMC64_FN
	ldr	w5, =PSCI_VERSION
	sub	w4, w4, w5		/* n */
	cmp	w4, #PSCI_FN_LAST
	b.hi	smc_unknown
	tbz	w0, #30, 1f		/* SMC32 form: any n */
	cmp	w4, #1
	ccmp	w4, #3, #4, ne		/* n == 1 or n == 3 or n == 4 */
	ccmp	w4, #4, #4, ne
	b.ne	smc_unknown
1:	adr	x5, psci_table
	add	x5, x5, x4, lsl #2
	br	x5
psci_table:
	b	psci_version		/* 0x0 PSCI_VERSION */
	b	psci_cpu_suspend	/* 0x1 CPU_SUSPEND */
	b	psci_system_off		/* 0x2 CPU_OFF: of the only CPU */
	b	psci_cpu_on		/* 0x3 CPU_ON */
	b	psci_affinity_info	/* 0x4 AFFINITY_INFO */
	b	smc_unknown		/* 0x5 MIGRATE: no Trusted OS */
	b	psci_migrate_info_type	/* 0x6 MIGRATE_INFO_TYPE */
	b	smc_unknown		/* 0x7 MIGRATE_INFO_UP_CPU */
	b	psci_system_off		/* 0x8 SYSTEM_OFF */
	b	psci_system_reset	/* 0x9 SYSTEM_RESET */
	b	psci_features		/* 0xA PSCI_FEATURES */

smc_unknown:
	mov	x0, #PSCI_RET_NOT_SUPPORTED	/* SMCCC: "unknown function" */
smc_return:
	ldp	x6, x7, [sp, #16]
	ldp	x4, x5, [sp], #32
	eret				/* ELR_EL3 is past the smc */

smccc_version:
	ldr	x0, =SMCCC_VERSION_1_1
	b	smc_return

psci_version:
	mov	x0, #PSCI_VERSION_1_0
	b	smc_return

/*
 * CPU_SUSPEND: a wake-up event may end a suspend at any time, and the
 * caller must expect that; here it comes at once.
 */
psci_cpu_suspend:
	mov	x0, #PSCI_RET_SUCCESS
	b	smc_return

/* x1 = an MPIDR: is it this CPU, the only one? (flags: eq if so) */
.macro	is_this_cpu
	mrs	x4, mpidr_el1
	ldr	x5, =MPIDR_AFFINITY_MASK
	and	x4, x4, x5
	and	x5, x1, x5
	cmp	x4, x5
.endm

/* CPU_ON: the machine has one CPU, and it is on: the caller. */
psci_cpu_on:
	is_this_cpu
	mov	x0, #PSCI_RET_ALREADY_ON
	mov	x4, #PSCI_RET_INVALID_PARAMETERS
	csel	x0, x0, x4, eq
	b	smc_return

/* AFFINITY_INFO(MPIDR, level 0): the only CPU is on; there is no other. */
psci_affinity_info:
	mov	x0, #PSCI_RET_INVALID_PARAMETERS
	cbnz	x2, smc_return		/* lowest affinity level: 0 only */
	is_this_cpu
	b.ne	smc_return
	mov	x0, #PSCI_AFFINITY_ON
	b	smc_return

psci_migrate_info_type:
	mov	x0, #PSCI_MIGRATE_NOT_NEEDED
	b	smc_return

/* PSCI_FEATURES(x1): 0 for each function above, NOT_SUPPORTED otherwise. */
psci_features:
	adr	x4, psci_functions
1:	ldr	w5, [x4], #4
	cbz	w5, smc_unknown
	cmp	w5, w1
	b.ne	1b
	mov	x0, #PSCI_RET_SUCCESS
	b	smc_return

	.balign	4
psci_functions:
	.word	PSCI_VERSION, PSCI_CPU_SUSPEND, PSCI_CPU_SUSPEND | SMC64_FN
	.word	PSCI_CPU_OFF, PSCI_CPU_ON, PSCI_CPU_ON | SMC64_FN
	.word	PSCI_AFFINITY_INFO, PSCI_AFFINITY_INFO | SMC64_FN
	.word	PSCI_MIGRATE_INFO_TYPE, PSCI_SYSTEM_OFF, PSCI_SYSTEM_RESET
	.word	PSCI_FEATURES, SMCCC_VERSION
	.word	0

psci_system_off:
	ldr	x4, =SECURE_GPIO_BASE
	mov	w5, #2			/* pin 1 */
	str	w5, [x4, #GPIODIR]	/* make pin 1 an output */
	str	w5, [x4, #GPIODATA_PIN1] /* drive it high: QEMU powers off */
	b	2f

/* Pin 0 resets the machine; QEMU, run with -no-reboot, exits instead. */
psci_system_reset:
	ldr	x4, =SECURE_GPIO_BASE
	mov	w5, #1			/* pin 0 */
	str	w5, [x4, #GPIODIR]
	str	w5, [x4, #GPIODATA_PIN0]
	/*
	 * QEMU acts on the request at its next turn of the main loop. Spin
	 * until then: a wfi here could run first, and with -icount sleep=off
	 * and no timer armed QEMU warns that it would wait forever (it
	 * printed exactly that, now and then, before this loop).
	 */
2:	b	2b
