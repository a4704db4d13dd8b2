/*
 * sched.c: which guest runs. Round robin: every EL2 tick (hyp_tick, from
 * lesson 06's IRQ path), and every WFI (vcpu_yield, from lesson 05's trap),
 * the next runnable vCPU gets the CPU. A guest that ends, by HVC_EXIT,
 * PSCI SYSTEM_OFF or a fault, leaves the queue (guest_exit); when none is
 * left, the hypervisor reports and powers off.
 *
 * A world switch happens inside an exception from the guest: the frame
 * that kernel_entry pushed holds the outgoing guest's registers. Copy it
 * into that vCPU, copy the incoming vCPU's registers over it, and let
 * kernel_exit return into the other guest.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "esr.h"
#include "power.h"
#include "trap.h"
#include "irq.h"
#include "traps.h"
#include "timer.h"
#include "exception.h"
#include "pmu.h"
#include "mmu.h"
#include "vm.h"
#include "gic.h"
#include "vgic.h"
#include "sched.h"

struct vcpu *vcpus[MAX_VCPUS];
int nr_vcpus;
struct vcpu *current;
static u64 hcr_base;
static int runnable;		/* vCPUs in state VCPU_RUNNABLE */

/*
 * HCR_EL2.TWI: with other guests waiting, a WFI hands the CPU on. Alone,
 * a guest's WFI may really wait (its timer will wake it): trapping it
 * would only spin through the hypervisor. (KVM does the same when a vCPU
 * is the only task on its physical CPU.)
 */
static void set_hcr(void)
{
	/*
	 * HCR_EL2: hcr_base (HCR_EL2_GUESTS, sched.h's table), and
	 * 13:13 TWI   x1 with two or more guests runnable: trap WFI
	 */
	write_sysreg(hcr_el2, hcr_base | (runnable > 1 ? HCR_EL2_TWI : 0));
	isb();
}

/*
 * README section 12. Called by hyp_init(), so that no guest of lesson 07
 * or 08 ever runs without it; lesson 07's hyp_main() prints it, read back.
 */
static void trap_pmu_and_debug(void)
{
	/*
	 * Configure MDCR_EL2: the PMU and the debug registers are not the
	 * guests'. Their accesses trap to EL2 (EC 0x18, or 0x03/0x05 from
	 * AArch32), where lesson 05's handlers read them as zero and ignore
	 * writes: a guest sees a PMU with no counters and debug registers
	 * that hold nothing, and cannot touch the hypervisor's counters or
	 * plant a breakpoint or watchpoint in another guest's time.
	 *
	 * 11:11 TDRA  x1 trap the debug ROM address registers
	 * 10:10 TDOSA x1 trap the OS lock and power-down registers
	 * 09:09 TDA   x1 trap the other debug registers (MDSCR_EL1, DBGB*,
	 *                DBGW*...)
	 * 08:08 TDE   x0 debug exceptions (a guest's own brk) stay at EL1
	 * 07:07 HPME  x1 counters [HPMN, N) run: the hypervisor's (stats.c)
	 * 06:06 TPM   x1 trap every PMU access of EL1 and EL0
	 * 05:05 TPMCR x1 trap PMCR_EL0 (TPM covers it; set for clarity)
	 * 04:00 HPMN  x1 counter 0 would be EL1's; with TPM no guest reaches
	 *                any. (HPMN alone is not enough: QEMU does not
	 *                enforce it against EL1, and counter 0 counts EL2
	 *                too, so even where it is enforced the guest owns it.)
	 */
	write_sysreg(mdcr_el2, MDCR_EL2_TDRA | MDCR_EL2_TDOSA | MDCR_EL2_TDA |
			       MDCR_EL2_HPME | MDCR_EL2_TPM | MDCR_EL2_TPMCR |
			       (1UL << MDCR_EL2_HPMN_SHIFT));
	isb();
}

/*
 * What lesson 06 set up, before any vCPU is made (lessons 07 and 08):
 * exceptions, the PMU, the hypervisor's own map and stage 2, the GIC and
 * its virtual CPU interface, PPI 27 (the guests' timer). CNTHCTL_EL2 is
 * boot.S's (lesson 01); each guest's CNTVOFF_EL2 is its vCPU's (vcpu.c).
 */
void hyp_init(void)
{
	exceptions_init();
	pmu_init();
	trap_pmu_and_debug();	/* lesson 07's own: after lesson 03's PMU */
	mmu_init();
	stage2_init();
	gic_init();
	vgic_init();
	gic_enable_ppi(INTID_CNTV);
}

void sched_init(u64 hcr)
{
	hcr_base = hcr;
	stats_init();
}

/* The next runnable vCPU after v, round the ring; v itself last. */
/* lab: README "When to switch: hyp_tick and vcpu_yield" */
static struct vcpu *next_after(struct vcpu *v)
{
	int i = 0;

	while (vcpus[i] != v)
		i++;
	for (int k = 0; k < nr_vcpus; k++) {
		if (++i == nr_vcpus)
			i = 0;
		if (vcpus[i]->state == VCPU_RUNNABLE)
			return vcpus[i];
	}
	return NULL;
}
/* end of lab */

/* The world switch: f is the frame of the exception we are handling. */
/* lab: README "The world switch: switch_to" */
static void switch_to(struct frame *f, struct vcpu *next)
{
	struct vcpu *prev = current;

	frame_copy(&prev->regs, f);	/* as kernel_entry saved them */
	stats_switch(prev);
	vcpu_put(prev);
	current = next;
	exit_counts = next->exit_counts;	/* its exits are counted apart */
	vcpu_load(next);
	frame_copy(f, &next->regs);	/* kernel_exit restores these */
	set_hcr();
	fpsimd_switch(next);		/* its FP/SIMD: on its first use */
	tick_restart();			/* a whole slice, from now */
}
/* end of lab */

/*
 * Every EL2 tick (lesson 06's weak hyp_tick): the next guest's turn. And
 * the budget: a guest that will not end (a masked spin, a WFI that nothing
 * wakes) is stopped when it has held the CPU for BUDGET_MS in all.
 */
/* lab: README "When to switch: hyp_tick and vcpu_yield" */
void hyp_tick(struct frame *f)
{
	struct vcpu *next;
	bool switched;

	/* Its CPU time: until this slice, and this slice so far. */
	if (current->cpu_time + read_sysreg(cntpct_el0) - slice_start >=
	    current->budget) {
		guest_exit(f, GUEST_OVER_BUDGET);
		return;
	}
	next = next_after(current);
	switched = next && next != current;

	stats_tick(switched);
	if (switched)
		switch_to(f, next);
	else if (move_last_guest_page && runnable == 1) {
		move_last_guest_page = false;	/* once */
		move_running_page(f);
	}
}

/* A trapped WFI (lesson 05's weak vcpu_yield): nothing to do, so yield. */
void vcpu_yield(struct frame *f)
{
	struct vcpu *next = next_after(current);

	if (next && next != current)
		switch_to(f, next);
}
/* end of lab */

/*
 * After the table, before the power-off: what a later lesson adds to the
 * report (lesson 08: Linux's MMIO exits by device). Here, nothing.
 */
__weak void sched_report(void)
{
}

/* A guest ended (lesson 03's weak guest_exit): take it out of the queue. */
void guest_exit(struct frame *f, s64 status)
{
	struct vcpu *next;

	vpl011_flush(&current->uart);	/* the rest of its last line, if any */
	vgic_sweep();			/* its last EOIs: counted as its own */
	current->state = VCPU_DONE;
	runnable--;
	fpsimd_forget(current);
	if (status == GUEST_FAULTED) {
		/* ESR_EL2 still describes the exception that is ending it. */
		u32 ec = esr_ec(read_sysreg(esr_el2));

		current->faulted = true;
		current->fault_ec = ec;
		current->ended = ec == ESR_EC_DABT_LOW || ec == ESR_EC_IABT_LOW ?
				 "stopped: stage-2 fault" : "stopped: unhandled EC";
	} else if (status == GUEST_OVER_BUDGET) {
		current->ended = "stopped: budget";
		printf("hypervisor: %s has held the CPU for its %u ms\n",
		       current->vm.name, current->budget_ms);
	} else {
		current->ended = status ? "exit, error" : "exit(0)";
	}
	printf("hypervisor: %s %s at %lu ms; %d guest%s still running\n",
	       current->vm.name, status < 0 ? "is stopped" : "ended",
	       stats_ms(), runnable, runnable == 1 ? "" : "s");
	next = next_after(current);
	if (next) {
		switch_to(f, next);	/* set_hcr(): TWI for those left */
		if (runnable == 1)
			printf("hypervisor: %s is alone: HCR_EL2.TWI reads %lu "
			       "(0: its WFI waits in the CPU, not in the "
			       "hypervisor)\n", next->vm.name,
			       (read_sysreg(hcr_el2) & HCR_EL2_TWI) ? 1UL : 0UL);
		return;
	}
	stats_switch(current);
	vcpu_put(current);
	stats_report();
	sched_report();
	system_off(0);
}

void sched_start(void)
{
	exit_handlers_init();
	runnable = nr_vcpus;
	for (int i = 0; i < nr_vcpus; i++) {
		struct vcpu *v = vcpus[i];

		/* BUDGET_MS, unless its creator gave it another (lesson 08). */
		if (!v->budget_ms)
			v->budget_ms = BUDGET_MS;
		v->budget = read_sysreg(cntfrq_el0) * v->budget_ms / 1000;
		/* Its virtual time starts now, at 0: CNTVCT = CNTPCT - CNTVOFF. */
		v->timer.cntvoff = read_sysreg(cntpct_el0);
	}
	current = vcpus[0];
	exit_counts = current->exit_counts;
	vcpu_load(current);
	set_hcr();
	printf("\nHCR_EL2 with %d guests runnable, read back:\n", runnable);
	print_hcr_el2();
	printf("\nround robin on a %u us tick; starting %s\n\n", TICK_US,
	       current->vm.name);
	fpsimd_measure();
	fpsimd_switch(current);
	stats_start();
	tick_restart();			/* its first slice, whole */
	guest_enter(&current->regs);
}
