/*
 * boot.S: the first instructions the CPU runs, at EL3, and the way down to
 * EL2 where the hypervisor lives.
 *
 * QEMU starts the `virt` machine (secure=on, virtualization=on) at _start
 * in EL3, the Secure Monitor level, with the MMU and caches off. Firmware
 * would normally run here; this stub does the least a monitor must do and
 * then drops to EL2 for good. QEMU resets most registers to convenient
 * values; a real CPU leaves many of them UNKNOWN. So every register whose
 * value matters is written here, once, before anything relies on it: at
 * EL3 those only EL3 may write, at entry2 those of EL2.
 */
#include "arm.h"
#include "platform.h"
#include "c_runtime.h"

	.section .text.boot, "ax"
	.globl	_start
_start:
entry3:
	/*
	 * Configure SCTLR_EL3 first: its reset value is UNKNOWN in part, and
	 * until it is written we cannot even be sure of the byte order.
	 *
	 * 29:28 RES1  x3 reserved
	 * 25:25 EE    x0 little-endian data at EL3
	 * 23:22 RES1  x3 reserved
	 * 19:19 WXN   x0 writable memory is not forced execute-never
	 * 18:18 RES1  x1 reserved
	 * 16:16 RES1  x1 reserved
	 * 12:12 I     x0 instruction fetches Non-cacheable
	 * 11:11 RES1  x1 reserved
	 * 05:04 RES1  x3 reserved
	 * 03:03 SA    x0 no stack alignment check
	 * 02:02 C     x0 data accesses Non-cacheable
	 * 01:01 A     x0 no alignment fault checking
	 * 00:00 M     x0 MMU off
	 */
	ldr	x0, =SCTLR_EL3_RES1
	msr	sctlr_el3, x0
	isb

	/*
	 * The CPU joins the coherency domain. The Cortex-A53, A57 and A72
	 * TRMs require CPUECTLR_EL1.SMPEN = 1 before the caches or the MMU are
	 * turned on, and before any cache or TLB maintenance; until then the
	 * core's caches are not kept coherent with anyone's. Firmware sets it,
	 * at EL3 (ACTLR_EL3 keeps it from lower ELs). It is IMPLEMENTATION
	 * DEFINED: only on those parts, known by MIDR_EL1. (QEMU reads it as 0
	 * and ignores the write; it has no caches to keep coherent.)
	 */
	mrs	x0, midr_el1
	ubfx	x1, x0, #MIDR_IMPLEMENTER_SHIFT, #8
	cmp	x1, #MIDR_IMPLEMENTER_ARM
	b.ne	1f
	ubfx	x1, x0, #MIDR_PARTNUM_SHIFT, #12
	mov	x2, #MIDR_PARTNUM_A53
	cmp	x1, x2
	b.eq	2f
	mov	x2, #MIDR_PARTNUM_A57
	cmp	x1, x2
	b.eq	2f
	mov	x2, #MIDR_PARTNUM_A72
	cmp	x1, x2
	b.ne	1f
2:	mrs	x0, CPUECTLR_EL1
	/*
	 * Configure CPUECTLR_EL1 (read, modify, write: the other bits are
	 * the CPU's own)
	 *
	 * 06:06 SMPEN x1 coherent with the other cores and the interconnect
	 */
	orr	x0, x0, #CPUECTLR_EL1_SMPEN
	msr	CPUECTLR_EL1, x0
	isb
1:
	/*
	 * Copy the EL3 monitor to Secure RAM (common/hyp.ld): from there no
	 * Non-secure access, and so no EL2 code and no guest, can read or
	 * change it. The MMU is off, so these are Device accesses: aligned,
	 * 16 bytes at a time. Then drop any instructions the I-cache holds for
	 * those addresses: what runs there must be what was just copied.
	 */
	ldr	x0, =__el3_load
	ldr	x1, =__el3_start
	ldr	x2, =__el3_end
3:	cmp	x1, x2
	b.hs	4f
	ldp	x3, x4, [x0], #16
	stp	x3, x4, [x1], #16
	b	3b
4:	dsb	sy
	ic	iallu
	dsb	sy
	isb

	/*
	 * Install the EL3 vector table, in Secure RAM. Until lesson 03 it is
	 * the dummy table below: every entry branches to itself. An exception
	 * at EL3 then spins in place with ESR_EL3, ELR_EL3 and FAR_EL3 intact
	 * for a debugger to read, instead of running off through an unset
	 * VBAR_EL3 into a recursive exception that tramples the syndrome.
	 *
	 * el3_vectors is weak: lesson 03's monitor defines a real one. The
	 * isb makes the new VBAR_EL3 the one an exception uses from the next
	 * instruction on.
	 */
	ldr	x0, =el3_vectors
	msr	vbar_el3, x0
	isb

	/*
	 * Configure CPTR_EL3: what EL3 traps of lower ELs' coprocessor use
	 *
	 * 31:31 TCPAC x0 EL2's CPTR_EL2 and EL1's CPACR_EL1 accesses not
	 *                trapped (a 1 would send lesson 07's world switch
	 *                here, to spin)
	 * 20:20 TTA   x0 trace register accesses not trapped
	 * 10:10 TFP   x0 FP/SIMD not trapped to EL3
	 * 08:08 EZ    x0 SVE trapped (the A57 has none)
	 */
	msr	cptr_el3, xzr

	/*
	 * Configure MDCR_EL3: let the Non-secure world use the PMU (lesson 03
	 * counts instructions with it), and trap nothing debug to EL3.
	 *
	 * 17:17 SPME  x0 no counting in Secure state
	 * 13:12 NSPB  x0 Statistical Profiling buffer: Secure owned, Non-
	 *                secure use traps to EL3 (CPUs with SPE; the A57
	 *                has none)
	 * 10:10 TDOSA x0 OS lock and power-down registers not trapped
	 * 09:09 TDA   x0 debug registers not trapped
	 * 06:06 TPM   x0 PMU register accesses not trapped
	 */
	msr	mdcr_el3, xzr

	/*
	 * Configure CNTFRQ_EL0: the system counter's frequency, for every EL
	 * to read. Only the highest EL can write it, and its reset value is
	 * UNKNOWN: firmware must say what the board's counter runs at
	 * (platform.h).
	 *
	 * 31:00 ClockFreq x3b9aca0 62,500,000 Hz: QEMU virt's counter
	 */
	ldr	x0, =SYS_COUNTER_HZ
	msr	cntfrq_el0, x0

	/*
	 * Start the system counter. On a real board it may come up stopped:
	 * CNTCR.EN in its control frame (CNTControlBase) starts it. QEMU's
	 * virt has no such frame, and its counter always runs.
	 *
	 * CNTCR
	 * 17:08 FCREQ x0 frequency table entry 0 (CNTFID0)
	 * 00:00 EN    x1 the counter counts
	 */
	.if	CNTCONTROL_BASE
	ldr	x0, =CNTCONTROL_BASE
	mov	w1, #CNTCR_EN
	str	w1, [x0, #CNTCR]
	.endif

	/*
	 * The platform's firmware set-up, in C, on the EL3 stack (in Secure
	 * RAM). Nothing to do yet: el3_platform_init is weak, and lesson 06
	 * defines it to hand the interrupt controller to the Non-secure world.
	 */
	ldr	x0, =__el3_stack_top
	mov	sp, x0
	bl	el3_platform_init

	/*
	 * Configure SCR_EL3
	 *
	 * 10:10 RW    x1 make EL2 be 64-bit
	 * 08:08 HCE   x1 enable HVC instructions
	 * 07:07 SMD   x0 leave SMC enabled (lesson 03 calls the monitor)
	 * 05:04 RES1  x3 reserved
	 * 03:03 EA    x0 external aborts and SErrors are not taken to EL3
	 * 02:02 FIQ   x0 FIQs are not taken to EL3
	 * 01:01 IRQ   x0 IRQs are not taken to EL3
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
	 * 12:12 I     x0 instruction fetches Non-cacheable
	 * 11:11 RES1  x1 reserved
	 * 05:04 RES1  x3 reserved
	 * 02:02 C     x0 data accesses Non-cacheable
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
 * entry2: the hypervisor's first instruction, at EL2h. Give every EL2
 * register that a lower EL's behaviour depends on a known value (their
 * reset values are UNKNOWN: QEMU's happen to be harmless, a real CPU's
 * need not be), set up the stack, clear .bss (C expects zeroed globals),
 * and call the lesson's hyp_main() with x0, the SCR_EL3 value, as its
 * first argument. x0 is kept: the set-up uses x1 and x2 only.
 */
entry2:
	/*
	 * Configure HCR_EL2: nothing virtualized yet. Each lesson that runs a
	 * guest writes its own value (and prints it, common/lib/hcr.c).
	 *
	 * 31:31 RW    x1 EL1 is AArch64
	 * 27:27 TGE   x0 EL0 is not the host's
	 * 05:03 AMO, IMO, FMO x0 interrupts and SErrors of lower ELs stay there
	 * 00:00 VM    x0 no stage-2 translation
	 */
	mov	x1, #HCR_EL2_RW
	msr	hcr_el2, x1

	/*
	 * Configure CPTR_EL2 (not VHE): what EL2 traps of lower ELs' FP/SIMD
	 * and trace use
	 *
	 * 31:31 TCPAC x0 CPACR_EL1 accesses not trapped
	 * 20:20 TTA   x0 trace register accesses not trapped
	 * 13:12 RES1  x3 reserved
	 * 10:10 TFP   x0 FP/SIMD accesses not trapped
	 * 09:00 RES1  x3ff reserved
	 */
	mov	x1, #CPTR_EL2_RES1
	msr	cptr_el2, x1

	/*
	 * Configure MDCR_EL2: debug and PMU traps of lower ELs
	 *
	 * 11:11 TDRA  x0 debug ROM address registers not trapped
	 * 10:10 TDOSA x0 OS lock and power-down registers not trapped
	 * 09:09 TDA   x0 debug registers not trapped
	 * 08:08 TDE   x0 debug exceptions stay at EL1
	 * 07:07 HPME  x0 counters [HPMN, N): there are none
	 * 06:06 TPM   x0 PMU accesses not trapped
	 * 05:05 TPMCR x0 PMCR_EL0 accesses not trapped
	 * 04:00 HPMN  xN all N event counters belong to EL1 and EL0
	 *                (PMCR_EL0.N; QEMU: 6)
	 */
	mrs	x1, pmcr_el0
	ubfx	x1, x1, #PMCR_EL0_N_SHIFT, #5
	msr	mdcr_el2, x1

	/*
	 * HSTR_EL2: no trap of AArch32 EL1's CP15 accesses by primary register
	 *
	 * 15:00 T<n>  x0 CP15 c0-c15 accesses not trapped
	 */
	msr	hstr_el2, xzr

	/*
	 * Configure MDSCR_EL1: no debug event at EL1 until a lesson asks for
	 * one. Its reset value is UNKNOWN, and with SS = 1 every guest
	 * instruction after an ERET would end in a software-step exception
	 * (the poison boot shows it: README "The poison boot").
	 *
	 * 15:15 MDE   x0 no breakpoints or watchpoints
	 * 13:13 KDE   x0 no debug exceptions at EL1 itself
	 * 00:00 SS    x0 no software step
	 */
	msr	mdscr_el1, xzr

	/*
	 * Configure VTTBR_EL2: no stage-2 tables yet (lesson 04), VMID 0
	 *
	 * 55:48 VMID  x0 the TLB tag of everything EL1 and EL0 translate
	 * 47:01 BADDR x0 no tables
	 * 00:00 CnP   x0 not shared
	 */
	msr	vttbr_el2, xzr

	/*
	 * Configure CNTHCTL_EL2: EL1's access to the physical counter and
	 * timer
	 *
	 * 02:02 EVNTEN   x0 no event stream
	 * 01:01 EL1PCEN  x0 trap EL1's use of the physical timer (CNTP_*):
	 *                   a guest has the virtual timer
	 * 00:00 EL1PCTEN x1 EL1 may read the physical counter
	 */
	mov	x1, #CNTHCTL_EL2_EL1PCTEN
	msr	cnthctl_el2, x1
	/* CNTVOFF_EL2: virtual time is physical time until a lesson says. */
	msr	cntvoff_el2, xzr

	/*
	 * Every timer this CPU has, off, so that none can raise its interrupt
	 * the moment a later lesson enables that in the GIC:
	 *
	 * CNTHP_CTL_EL2, CNTV_CTL_EL0, CNTP_CTL_EL0
	 * 01:01 IMASK  x0 not masked
	 * 00:00 ENABLE x0 the timer is off
	 */
	msr	cnthp_ctl_el2, xzr
	msr	cntv_ctl_el0, xzr
	msr	cntp_ctl_el0, xzr

	/*
	 * VPIDR_EL2 and VMPIDR_EL2 are what EL1 reads as MIDR_EL1 and
	 * MPIDR_EL1: the real values, until lesson 05 chooses others.
	 *
	 * VPIDR_EL2 (a copy of MIDR_EL1)
	 * 31:24 Implementer  x? as MIDR_EL1 (0x41: Arm)
	 * 23:20 Variant      x? as MIDR_EL1 (the rN of rNpM)
	 * 19:16 Architecture x? as MIDR_EL1 (0xf: see the ID registers)
	 * 15:04 PartNum      x? as MIDR_EL1 (0xd07: Cortex-A57)
	 * 03:00 Revision     x? as MIDR_EL1 (the pM of rNpM)
	 */
	mrs	x1, midr_el1
	msr	vpidr_el2, x1
	/*
	 * VMPIDR_EL2 (a copy of MPIDR_EL1)
	 * 39:32 Aff3  x? as MPIDR_EL1
	 * 31:31 RES1  x1 reserved
	 * 30:30 U     x? as MPIDR_EL1: 1 = a uniprocessor system
	 * 24:24 MT    x? as MPIDR_EL1: 1 = Aff0 counts threads
	 * 23:16 Aff2  x? as MPIDR_EL1
	 * 15:08 Aff1  x? as MPIDR_EL1
	 * 07:00 Aff0  x? as MPIDR_EL1
	 */
	mrs	x1, mpidr_el1
	msr	vmpidr_el2, x1
	isb

	c_runtime_init			/* common/include/c_runtime.h */
	bl	hyp_main
	/* hyp_main powers the machine off; if it ever returns, stop here. */
5:	wfe
	b	5b

/* The default platform set-up at EL3: none. */
	.weak	el3_platform_init
el3_platform_init:
	ret

/*
 * The dummy EL3 vector table, in Secure RAM (.el3.text, common/hyp.ld):
 * 16 entries, each a branch to itself. VBAR_EL3 ignores its low 11 bits,
 * so the table is 2 KiB aligned.
 */
	.section .el3.text, "ax"
	.balign	2048
	.weak	el3_vectors
el3_vectors:
dummy_vectors:
	.rept	16
	.balign	128
	b	.
	.endr
