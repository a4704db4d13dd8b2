/*
 * vcpu.h: everything that is one guest's CPU, so that another guest can
 * have the physical CPU meanwhile. Lesson 03's struct frame is its first
 * member: the registers an exception saves are still saved the same way,
 * and a world switch copies them in and out of the vCPU.
 */
#ifndef VCPU_H
#define VCPU_H

#include "types.h"
#include "arm.h"
#include "frame.h"
#include "trap.h"
#include "vm.h"
#include "vpl011.h"
#include "fpsimd.h"

/* The EL1 system registers a guest can change (and must get back). */
struct el1_sysregs {
	u64 sctlr, cpacr, ttbr0, ttbr1, tcr, mair, amair, vbar, contextidr;
	u64 tpidr_el0, tpidrro_el0, tpidr_el1, sp_el0, sp_el1;
	u64 elr_el1, spsr_el1, esr, far, par, afsr0, afsr1, cntkctl;
};

/* Its virtual timer: CNTV_* while it runs, saved here while it does not. */
struct vtimer {
	u64 ctl, cval;
	u64 cntvoff;		/* per guest: its virtual time starts at 0 (sched_start) */
	bool ppi_active;	/* physical PPI 27 active (its EOI pending) */
};

/* Its virtual CPU interface: the list registers and what goes with them. */
struct vgic_state {
	u64 lr[ICH_MAX_LRS];
	u64 vmcr, ap0r0, ap1r0;
	u64 hcr;		/* ICH_HCR_EL2: En, and lesson 08's underflow request */
	u32 in_use;
	u64 completed;		/* its virtual interrupts it has ended (EOI) */
};

enum vcpu_state { VCPU_RUNNABLE, VCPU_DONE };

struct vcpu {
	struct frame regs;		/* x0-x30, ELR, SPSR: lesson 03 */
	struct el1_sysregs el1;
	struct vtimer timer;
	struct vgic_state vgic;
	struct fpsimd fp;		/* v0-v31, FPSR, FPCR (fpsimd.c) */
	struct vm vm;			/* its memory: stage 2, VMID, RAM */
	struct vpl011 uart;		/* its console */
	enum vcpu_state state;
	const char *ended;		/* how it ended, for the table */
	u64 instructions;		/* it ran, at EL1 and EL0 */
	u64 cpu_time;			/* it held the CPU, in CNTPCT ticks */
	u32 budget_ms;			/* the CPU time it may use (0: BUDGET_MS) */
	u64 budget;			/* the same in CNTPCT ticks (sched_start) */
	u64 exit_counts[EXIT_KINDS];	/* by EC, and EXIT_IRQ (trap.h) */
	bool faulted;			/* stopped by a fault, whose EC is: */
	u32 fault_ec;
};

/* A guest program, ready to run from its first instruction with x0 = arg. */
void vcpu_init(struct vcpu *v, const char *name, u64 vmid, const u8 *image,
	       const u8 *image_end, u64 ram_pa, u64 arg);

/* Print its VMID line (hyp_main). */
void vcpu_print(const struct vcpu *v);

/* Copy a frame (frame_copy.S): the registers' part of the world switch. */
void frame_copy(struct frame *dst, const struct frame *src);

/* Put v's state into the CPU, or take it out (the world switch). */
void vcpu_load(struct vcpu *v);
void vcpu_put(struct vcpu *v);

#endif
