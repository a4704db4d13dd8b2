/* irq.h: physical interrupts at EL2 (lessons/06-virtual-interrupts/irq.c). */
#ifndef IRQ_H
#define IRQ_H

#include "types.h"
#include "frame.h"

void guest_irq_exit(struct frame *f);	/* from el01_irq */
void hyp_tick_enter(void);		/* __weak: first thing on each EL2 tick */
void hyp_tick(struct frame *f);		/* __weak: after each EL2 tick */
bool irq_device(struct frame *f, u32 intid);	/* __weak: any other INTID */
/* Does the running guest's virtual timer fire now (CNTV_CTL_EL0)? */
bool vtimer_fires(void);

/* The guest's deadline, in EL2 ticks (100 ms at lesson 06's 1 ms tick). */
#define RUN_DEADLINE_TICKS	100

extern u64 ticks_total, ticks_guest_masked, irqs_spurious;

#endif
