/*
 * sched.h: round-robin scheduling of vCPUs on the one physical CPU
 * (lessons/07-multi-guest/sched.c).
 */
#ifndef SCHED_H
#define SCHED_H

#include "types.h"
#include "arm.h"
#include "vcpu.h"

#define MAX_VCPUS	6
#define TICK_US		1000	/* the EL2 tick, and the time slice: 1 ms */
#define BUDGET_MS	100	/* the CPU time each guest may use, in all */


extern struct vcpu *vcpus[MAX_VCPUS];
extern int nr_vcpus;
extern struct vcpu *current;

/* Lesson 06's set-up of the machine, before any vCPU is made. */
void hyp_init(void);

/*
 * HCR_EL2 for every guest, of this lesson and of lesson 08 (TWI is the
 * scheduler's: set while more than one guest can run, sched.c)
 *
 * 31:31 RW    x1 EL1 is AArch64
 * 22:20 TSW, TACR, TIDCP x7 set/way maintenance, ACTLR_EL1 and the
 *                IMPLEMENTATION DEFINED registers trap (lesson 05): they
 *                reach the CPU's own caches and configuration
 * 19:19 TSC   x1 trap SMC: PSCI is the hypervisor's (lesson 05)
 * 05:05 AMO   x1 SErrors to EL2, blamed on the guest that ran (lesson 03)
 * 04:04 IMO   x1 IRQs to EL2: the tick preempts any guest (lesson 06)
 * 03:03 FMO   x1 the same for FIQs
 * 02:02 PTW   x1 stage-1 walks into Device memory fault (lesson 05)
 * 00:00 VM    x1 stage-2 translation, per guest (lesson 04)
 */
#define HCR_EL2_GUESTS	(HCR_EL2_RW | HCR_EL2_TSW | HCR_EL2_TACR | \
			 HCR_EL2_TIDCP | HCR_EL2_TSC | HCR_EL2_AMO | \
			 HCR_EL2_IMO | HCR_EL2_FMO | HCR_EL2_PTW | HCR_EL2_VM)

/* Keep the HCR_EL2 every guest runs with, less TWI; the PMU counters. */
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
