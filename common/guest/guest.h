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

/*
 * Work that touches nothing, for `instructions` instructions (rounded
 * down to a multiple of 32): what a guest runs where a real one would
 * compute (lesson 07's spins). Each turn is 30 nops and the loop's own
 * two (a subtract and a branch), not an empty loop's 2 alone: QEMU
 * translates a turn as one block, runs a nop for nothing but its count,
 * and pays about the same for every block it enters whatever its length.
 * So a millisecond costs it 31250 blocks instead of 500000 (lesson 07's
 * guests spin for some 27 ms, and make test boots that lesson about 50
 * times). The guest, its clock and the PMU see the same instructions as
 * with the empty loop.
 */
static inline void spin(u64 instructions)
{
	for (u64 turns = instructions / 32; turns; turns--)
		asm volatile(".rept 30\n\tnop\n\t.endr" ::: "memory");
}

/*
 * A pause of 96 instructions (96 ns, 6 counts of CNTVCT_EL0)
 * between two reads of the virtual counter in a loop that waits on it.
 * QEMU's -icount must know the exact instruction count at every read of a
 * timer, so each read costs it as much as some hundred plain instructions:
 * a loop that read it back to back would spend QEMU's time on the reads.
 */
static inline void poll_pause(void)
{
	asm volatile(".rept 96\n\tnop\n\t.endr" ::: "memory");
}

#endif
