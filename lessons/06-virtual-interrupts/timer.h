/* timer.h: the hypervisor's tick (lessons/06-virtual-interrupts/timer.c). */
#ifndef TIMER_H
#define TIMER_H

#include "types.h"
#include "sysreg.h"

/* Start the EL2 physical timer: an interrupt every `us` microseconds. */
void tick_init(u64 us);

/*
 * The next tick a whole period from now, whenever the last one was: lesson
 * 07 calls it at every world switch, so that the guest switched in gets a
 * whole time slice, however the one before it left. (Inline: every switch
 * runs it. No isb: the eret into the guest synchronizes the write.)
 */
extern u64 tick_period;			/* in CNTPCT ticks */
static inline void tick_restart(void)
{
	write_sysreg(cnthp_tval_el2, tick_period);
}

/* The tick's interrupt came: arm the next one. Returns the tick number. */
u64 tick_handle(void);

#endif
