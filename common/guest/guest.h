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
 * Report tick n of the virtual timer (tick.c): its deadline `due` in ms
 * since `start`, and how long after it (or before it) `now` is, in us,
 * all in counts of CNTVCT_EL0. Returns 1 if the tick came early.
 */
int tick_report(int n, u64 start, u64 due, u64 now);

#endif
