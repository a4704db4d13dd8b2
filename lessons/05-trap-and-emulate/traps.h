/*
 * traps.h: the instruction and system-register traps of lesson 05. Every
 * exit is counted by EC in exit_counts (lesson 03's trap.c); wfx.c also
 * tells WFI from WFE, which share one EC.
 */
#ifndef TRAPS_H
#define TRAPS_H

#include "types.h"
#include "frame.h"

void idregs_init(void);		/* the ID register values the guest reads */
/* A trapped register nobody emulates: RAZ/WI; the first one is reported. */
void report_unemulated(bool read, u64 esr);
/*
 * Step the guest past the instruction that trapped (aarch32.c): 4 bytes,
 * or 2 for a 16-bit T32 one (ESR_EL2.IL), and on in an IT block.
 */
void skip_instruction(struct frame *f, u64 esr);

extern u64 wfi_exits, wfe_exits;	/* wfx.c */
void vcpu_yield(struct frame *f);	/* wfx.c, __weak: after a WFI */

#endif
