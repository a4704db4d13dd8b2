/*
 * stats.c: who ran how much, and what the hypervisor cost.
 *
 * Three PMU event counters count INST_RETIRED (under -icount: exactly):
 *   0  every EL (lesson 03's, which guests may read)
 *   1  EL1 and EL0 only: the guests' instructions, charged to whichever
 *      vCPU ran between its switch-in and switch-out
 *   2  EL2 only: the hypervisor's instructions
 * Exits are counted as they arrive (lesson 03's guest_sync, lesson 06's
 * guest_irq_exit) into exit_counts, which the scheduler points at the
 * running vCPU's own counters: a switch costs one store.
 *
 * The world switch, "from one guest's last instruction to the next guest's
 * first", is one whole tick exit that switches guests. Counter 2 does not
 * move while a guest runs, so the EL2 count read at the same point of two
 * consecutive ticks differs by the instructions of the first tick's exit
 * (its switch, its return to the guest, and the next exit's way in up to
 * that point, which stands for its own), plus those of any other exit
 * in between. The smallest such difference after a switching tick is one
 * world switch and nothing else. The point is the tick's first
 * (hyp_tick_enter(), lesson 06's hook): before anything that depends on
 * the guest, such as lesson 06 counting a tick that finds its IRQs masked
 * (4 instructions) or next_after() walking the ring from where it sits.
 * Those are the outgoing guest's, part of its switch; the way in up to
 * the point is the same instructions whichever guest comes in. What still
 * depends on the incoming guest is its restore (an active timer PPI, the
 * list registers it has in use, which vgic_sweep() walks): the least
 * sample is a switch into a guest with neither.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "counter.h"
#include "print.h"
#include "timer.h"
#include "sched.h"
#include "irq.h"

static u64 guest_in;			/* counter 1 at the last switch */
static u64 guests_start, el2_start;	/* counters 1 and 2 at the first entry */
static u64 el2_at_enter;		/* counter 2 as this tick came in */
static u64 el2_at_tick;			/* counter 2 at the last tick */
static bool last_tick_switched;
static u64 world_switch = ~0UL;		/* the smallest sample so far */
static u64 samples;

/*
 * Time, from the system counter (CNTPCT_EL0, which no guest can change):
 * when the run started, when the running guest was switched in, and the
 * shortest time a guest ran before a tick switched it out: the time slice
 * the scheduler really gave. A slice a tick ended before one whole period
 * (lesson 06's tick_period) was cut short: the guest before it left the
 * CPU early, and the tick kept its own phase.
 */
static u64 run_start;
u64 slice_start;
static u64 shortest_slice = ~0UL;
static u64 cut_short;
static bool tick_switch;		/* the switch under way is a tick's */
static u64 switches;

static u64 now(void) { return read_sysreg(cntpct_el0); }

u64 stats_ms(void) { return counts_to(now() - run_start, 1000); }


static u64 el2_instructions(void) { return read_sysreg(pmevcntr2_el0); }

void stats_init(void)
{
	/*
	 * PMEVTYPER1_EL0: instructions at EL1 and EL0, not at EL2
	 *
	 * 31:31 P        x0 count at EL1
	 * 30:30 U        x0 count at EL0
	 * 27:27 NSH      x0 do not count at EL2
	 * 15:00 evtCount x8 INST_RETIRED
	 *
	 * PMEVTYPER2_EL0: instructions at EL2 only
	 *
	 * 31:31 P        x1 do not count at EL1
	 * 30:30 U        x1 do not count at EL0
	 * 27:27 NSH      x1 count at EL2
	 * 15:00 evtCount x8 INST_RETIRED
	 */
	write_sysreg(pmevtyper1_el0, PMU_EVT_INST_RETIRED);
	write_sysreg(pmevtyper2_el0, BIT(31) | BIT(30) | PMEVTYPER_NSH |
				     PMU_EVT_INST_RETIRED);
	write_sysreg(pmevcntr1_el0, 0);
	write_sysreg(pmevcntr2_el0, 0);
	/*
	 * PMCNTENSET_EL0: a 1 turns a counter on, a 0 leaves it as it is
	 *
	 * 02:02 P2       x1 counter 2 on
	 * 01:01 P1       x1 counter 1 on
	 */
	write_sysreg(pmcntenset_el0, BIT(1) | BIT(2));
	isb();
}

void stats_start(void)
{
	guest_in = guests_start = read_sysreg(pmevcntr1_el0);
	el2_start = el2_instructions();
	run_start = slice_start = now();
}

/* Charge `out` the guest instructions since the last switch. */
void stats_switch(struct vcpu *out)
{
	u64 in = read_sysreg(pmevcntr1_el0);

	u64 t = now(), slice = t - slice_start;

	out->instructions += in - guest_in;
	guest_in = in;
	out->cpu_time += slice;
	slice_start = t;
	if (tick_switch && slice < shortest_slice)
		shortest_slice = slice;
	if (tick_switch && slice < tick_period)
		cut_short++;
	tick_switch = false;
	switches++;
}

/*
 * Every tick, first thing (lesson 06's weak hyp_tick_enter): counter 2
 * before anything on the way in depends on the guest that was running.
 */
void hyp_tick_enter(void)
{
	el2_at_enter = el2_instructions();
}

/* Every tick, before any switch. */
void stats_tick(bool switched)
{
	u64 el2 = el2_at_enter;

	tick_switch = switched;		/* stats_switch() times the slice */
	if (last_tick_switched) {
		samples++;
		if (el2 - el2_at_tick < world_switch)
			world_switch = el2 - el2_at_tick;
	}
	el2_at_tick = el2;
	last_tick_switched = switched;
}

void stats_report(void)
{
	u64 el2 = el2_instructions() - el2_start;
	/*
	 * Every instruction is a guest's (counter 1) or the hypervisor's
	 * (counter 2): the total is their sum. Counter 0, which counts both,
	 * was the guests' once (lesson 03): no figure here comes from it.
	 */
	u64 all = read_sysreg(pmevcntr1_el0) - guests_start + el2;
	u64 share = el2 * 10000 / all;		/* in hundredths of a percent */

	printf("\nhypervisor: all guests have ended\n");
	printf("guest     instructions   CPU ms   HVC  MMIO   SYS   WFI   SMC   IRQ  vIRQ  abort  ended\n");
	for (int i = 0; i < nr_vcpus; i++) {
		struct vcpu *v = vcpus[i];
		u64 *c = v->exit_counts;

		/* A data abort is MMIO, unless it was the fault that stopped it. */
		u64 abort = v->faulted && (v->fault_ec == ESR_EC_DABT_LOW ||
					   v->fault_ec == ESR_EC_IABT_LOW);
		u64 mmio = c[ESR_EC_DABT_LOW] -
			   (v->faulted && v->fault_ec == ESR_EC_DABT_LOW);

		printf("%-8s %13lu %8lu %5lu %5lu %5lu %5lu %5lu %5lu %5lu %6lu  %s",
		       v->vm.name, v->instructions, counts_to(v->cpu_time, 1000),
		       c[ESR_EC_HVC64], mmio, c[ESR_EC_SYS64], c[ESR_EC_WFX],
		       c[ESR_EC_SMC64], c[EXIT_IRQ], v->vgic.completed, abort,
		       v->ended);
		/* An exit no handler takes: which one (the Arm ARM's EC). */
		if (v->faulted && !abort)
			printf(" 0x%02x", v->fault_ec);
		printf("\n");
	}
	if (samples)
		printf("world switch: %lu instructions, one guest's last to the "
		       "next guest's first (the least of %lu tick switches; "
		       "target: at most 550)\n", world_switch, samples);
	else
		printf("world switch: no tick switched guests: not measured\n");
	fpsimd_report(switches);
	if (shortest_slice != ~0UL) {
		printf("time slice: %u us from each switch; ", TICK_US);
		if (cut_short)
			printf("%lu cut short by a tick", cut_short);
		else
			printf("none cut short by a tick");
		printf(" (the shortest a guest ran before a tick switched it "
		       "out: %lu us)\n", counts_to(shortest_slice, 1000000));
	}
	printf("hypervisor: %lu of %lu instructions, %lu.%02lu%% "
	       "(target: at most 1%%, at a %u us tick)\n", el2, all,
	       share / 100, share % 100, TICK_US);
}
