/* timer.h: the hypervisor's tick (lessons/06-virtual-interrupts/timer.c). */
#ifndef TIMER_H
#define TIMER_H

#include "types.h"

/* Start the EL2 physical timer: an interrupt every `us` microseconds. */
void tick_init(u64 us);

/* The next tick a whole period from now (lesson 07: at every switch). */
void tick_restart(void);

/* The tick's interrupt came: arm the next one. Returns the tick number. */
u64 tick_handle(void);

/* Set up what the guest's timers may do (CNTHCTL_EL2, CNTVOFF_EL2). */
void guest_timers_init(void);

#endif
