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

extern u64 wfi_exits, wfe_exits;	/* wfx.c */
void vcpu_yield(struct frame *f);	/* wfx.c, __weak: after a WFI */

#endif
