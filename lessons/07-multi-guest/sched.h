/*
 * sched.h: round-robin scheduling of vCPUs on the one physical CPU
 * (lessons/07-multi-guest/sched.c).
 */
#ifndef SCHED_H
#define SCHED_H

#include "types.h"
#include "vcpu.h"

#define MAX_VCPUS	6
#define TICK_US		1000	/* the EL2 tick, and the time slice: 1 ms */
#define BUDGET_MS	100	/* the CPU time each guest may use, in all */


extern struct vcpu *vcpus[MAX_VCPUS];
extern int nr_vcpus;
extern struct vcpu *current;

/* Lesson 06's set-up of the machine, before any vCPU is made. */
void hyp_init(void);

/* The HCR_EL2 every guest runs with, less TWI (the scheduler decides it). */
void sched_init(u64 hcr);

/* Enter the first runnable vCPU. Does not return. */
void sched_start(void) __noreturn;

/* The accounting, in stats.c: PMU counters, exits, the world switch. */
void stats_init(void);			/* the PMU counters */
void stats_start(void);			/* the first guest is about to run */
void stats_switch(struct vcpu *out);	/* charge `out`, start the next */
void stats_tick(bool switched);
void stats_report(void);
void sched_report(void);		/* __weak: more, after the table */
u64 stats_ms(void);			/* since the first guest started */

/* CNTPCT when the running guest was switched in (stats.c). */
extern u64 slice_start;

/*
 * remap.c: set (main.c) to move, at the first tick a guest runs alone, the
 * page it runs in to another physical page: a stage-2 change under a
 * running guest.
 */
extern bool move_last_guest_page;
void move_running_page(struct frame *f);

#endif
