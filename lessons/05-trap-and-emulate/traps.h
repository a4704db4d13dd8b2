/*
 * traps.h: the instruction and system-register traps of lesson 05. Every
 * exit is counted by EC in exit_counts (lesson 03's trap.c); wfx.c also
 * tells WFI from WFE, which share one EC.
 */
#ifndef TRAPS_H
#define TRAPS_H

#include "types.h"
#include "arm.h"
#include "esr.h"
#include "frame.h"

void idregs_init(void);		/* the ID register values the guest reads */
/* A trapped register nobody emulates: RAZ/WI; the first one is reported. */
void report_unemulated(bool read, u64 esr);
/*
 * Step the guest past the instruction that trapped: 4 bytes, or 2 for a
 * 16-bit T32 one (ESR_EL2.IL). Inline, for every MMIO access pays it; an
 * AArch32 guest (SPSR.M[4]) may be in an IT block, and its IT state moves
 * on too (aarch32.c).
 */
void it_advance(struct frame *f);
static inline void skip_instruction(struct frame *f, u64 esr)
{
	f->elr += esr_insn_bytes(esr);
	if (f->spsr & SPSR_M4)
		it_advance(f);
}

extern u64 wfi_exits, wfe_exits;	/* wfx.c */
#define RUN_DEADLINE_MS	10	/* a guest alone may run this long */
extern u64 run_deadline;		/* wfx.c: CNTPCT; 0 for none */
extern u64 sys_idregs, sys_set_way, sys_unemulated;	/* idregs.c */
void vcpu_yield(struct frame *f);	/* wfx.c, __weak: after a WFI */
bool psci_more(struct frame *f, u32 fn);	/* vpsci.c, __weak: other calls */
/* A PSCI call in f's registers, whichever instruction made it (vpsci.c). */
void psci_answer(struct frame *f);
/* idregs.c, __weak: another trapped register (rt 31: xzr) */
bool sysreg_more(struct frame *f, u32 key, bool read, u32 rt);

#endif
