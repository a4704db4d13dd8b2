/*
 * boot.S: the first instructions the CPU runs, at EL3, and the way down to
 * EL2 where the hypervisor lives.
 *
 * QEMU starts the `virt` machine (secure=on, virtualization=on) at _start
 * in EL3, the Secure Monitor level, with the MMU and caches off. Firmware
 * would normally run here; this stub does the least a monitor must do and
 * then drops to EL2 for good.
 */
#include "arm.h"
#include "c_runtime.h"

	.section .text.boot, "ax"
	.globl	_start
_start:
entry3:
	/*
	 * Install the EL3 vector table. Until lesson 03 it is the dummy table
	 * below: every entry branches to itself. An exception at EL3 then spins
	 * in place with ESR_EL3, ELR_EL3 and FAR_EL3 intact for a debugger to
	 * read, instead of running off through an unset VBAR_EL3 into a
	 * recursive exception that tramples the syndrome.
	 *
	 * el3_vectors is weak: lesson 03's monitor defines a real one.
	 */
	adr	x0, el3_vectors
	msr	vbar_el3, x0

	/*
	 * The platform's firmware set-up, in C, on the EL3 stack. Nothing to
	 * do yet: el3_platform_init is weak, and lesson 06 defines it to hand
	 * the interrupt controller to the Non-secure world.
	 */
	ldr	x0, =__el3_stack_top
	mov	sp, x0
	bl	el3_platform_init

	/*
	 * Configure MDCR_EL3: let the Non-secure world use the PMU (lesson 03
	 * counts instructions with it).
	 *
	 * 17:17 SPME  x0 no counting in Secure state
	 * 06:06 TPM   x0 do not trap PMU register accesses to EL3
	 * (all other fields 0: no debug traps to EL3)
	 */
	msr	mdcr_el3, xzr

	/*
	 * Configure SCR_EL3
	 *
	 * 10:10 RW    x1 make EL2 be 64-bit
	 * 08:08 HCE   x1 enable HVC instructions
	 * 07:07 SMD   x0 leave SMC enabled (lesson 03 calls the monitor)
	 * 05:04 RES1  x3 reserved
	 * 03:01 EA, FIQ, IRQ x0 aborts and interrupts are not taken to EL3
	 * 00:00 NS    x1 switch to Normal world
	 */
	mov	x0, #(SCR_EL3_RW | SCR_EL3_HCE | SCR_EL3_RES1 | SCR_EL3_NS)
	msr	scr_el3, x0

	/*
	 * Configure SCTLR_EL2
	 *
	 * 29:28 RES1  x3 reserved
	 * 25:25 EE    x0 little-endian data at EL2
	 * 23:22 RES1  x3 reserved
	 * 18:18 RES1  x1 reserved
	 * 16:16 RES1  x1 reserved
	 * 12:12 I     x0 disable allocation of instrs into unified $s
	 * 11:11 RES1  x1 reserved
	 * 05:04 RES1  x3 reserved
	 * 02:02 C     x0 disable allocation of data into data/unified $s
	 * 01:01 A     x0 no alignment fault checking (the MMU is off, so
	 *                every access is Device memory and must be aligned
	 *                anyway: the kit compiles with -mstrict-align)
	 * 00:00 M     x0 disable MMU
	 */
	ldr	x1, =SCTLR_EL2_RES1
	msr	sctlr_el2, x1

	/*
	 * Prepare to drop to EL2h with all asynchronous exceptions masked
	 *
	 * 09:09 D      x1 Mask debug exceptions
	 * 08:08 A      x1 Mask SErrors
	 * 07:07 I      x1 Mask IRQs
	 * 06:06 F      x1 Mask FIQs
	 * 04:04 M[4]   x0 Bits 03:00 define an AArch64 state
	 * 03:00 M[3:0] x9 EL2h: EL2, using SP_EL2
	 */
	mov	x1, #(SPSR_DAIF | SPSR_M_EL2H)
	msr	spsr_el3, x1

	/*
	 * Drop to hypervisor code. ERET takes PSTATE from SPSR_EL3 and the PC
	 * from ELR_EL3, and leaves the general registers alone: x0 still holds
	 * the SCR_EL3 value, which is how EL2 learns it (EL2 cannot read
	 * SCR_EL3: the read would be UNDEFINED there).
	 */
	adr	x1, entry2
	msr	elr_el3, x1
	eret

/*
 * entry2: the hypervisor's first instruction, at EL2h. Set up the stack,
 * clear .bss (C expects zeroed globals), and call the lesson's hyp_main()
 * with x0, the SCR_EL3 value, as its first argument.
 */
entry2:
	c_runtime_init			/* common/include/c_runtime.h */
	bl	hyp_main
	/* hyp_main powers the machine off; if it ever returns, stop here. */
1:	wfe
	b	1b

/* The default platform set-up at EL3: none. */
	.weak	el3_platform_init
el3_platform_init:
	ret

/*
 * The dummy EL3 vector table: 16 entries, each a branch to itself.
 * VBAR_EL3 ignores its low 11 bits, so the table is 2 KiB aligned.
 */
	.balign	2048
	.weak	el3_vectors
el3_vectors:
dummy_vectors:
	.rept	16
	.balign	128
	b	.
	.endr
