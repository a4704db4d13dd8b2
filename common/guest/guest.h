/* guest.h: the runtime every guest program is linked with (common/guest). */
#ifndef GUEST_H
#define GUEST_H

#include "types.h"

/* The program's entry point, called by start.S with the hypervisor's x0. */
int guest_main(u64 arg);

/*
 * A synchronous exception at EL1: return the address to resume at. The
 * default (exception.c, __weak) reports it and ends the guest.
 */
u64 guest_sync(u64 esr, u64 elr, u64 far);

/* An IRQ at EL1. The default reports it and ends the guest. */
void guest_irq(void);

/* The GICv3 CPU interface (gicv3.c): enable it; take and end an IRQ. */
void gic_cpu_init(void);
u32 gic_irq_ack(void);		/* the INTID, or INTID_SPURIOUS */
void gic_irq_eoi(u32 intid);

/*
 * A periodic tick on the virtual timer (tick.c): `limit` ticks, one every
 * `period_ms`, deadlines in CNTVCT_EL0 counts from `start`. ticker_tick()
 * goes in the IRQ handler, with CNTVCT_EL0 as the handler read it (`now`):
 * it prints the tick's line, counts it early if it came before its
 * deadline, and sets the next deadline or stops the timer.
 */
struct ticker {
	volatile int ticks;	/* taken so far: the guest waits on it */
	int limit, early;
	u64 period, start;
};
void ticker_start(struct ticker *t, int limit, unsigned int period_ms);
void ticker_tick(struct ticker *t, u64 now);

#endif
