/*
 * traps.h: the instruction and system-register traps of lesson 05, and
 * the exits each one counts (vpsci.c, wfx.c, idregs.c).
 */
#ifndef TRAPS_H
#define TRAPS_H

#include "types.h"
#include "frame.h"

void idregs_init(void);		/* the ID register values the guest reads */

extern u64 smc_calls;		/* vpsci.c */
extern u64 wfi_exits, wfe_exits;	/* wfx.c */
void vcpu_yield(struct frame *f);	/* wfx.c, __weak: after a WFI */
extern u64 sysreg_exits;	/* idregs.c */

#endif
