/*
 * trap.c: from an exception at el01_sync to the handler for its class.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "string.h"
#include "esr.h"
#include "print.h"
#include "power.h"
#include "trap.h"

extern const struct exit_handler __start_exit_handlers[];
extern const struct exit_handler __stop_exit_handlers[];

/* The rows of the exit_handlers section, indexed by EC for a quick lookup. */
static exit_fn exit_handlers[64];
static const char *exit_handler_names[64];

void exit_handlers_init(void)
{
	static bool done;
	const struct exit_handler *h;

	if (done)		/* guests may be started again (lesson 04) */
		return;
	done = true;
	for (h = __start_exit_handlers; h < __stop_exit_handlers; h++) {
		if (h->ec >= ARRAY_SIZE(exit_handlers))
			panic("exit handler %s: EC 0x%x is not an EC", h->name, h->ec);
		if (h->next)
			continue;	/* EXIT_HANDLER_BEFORE: below */
		if (exit_handlers[h->ec])
			panic("two exit handlers for EC 0x%02x: %s and %s", h->ec,
			      exit_handler_names[h->ec], h->name);
		exit_handlers[h->ec] = h->fn;
		exit_handler_names[h->ec] = h->name;
	}
	/* Each row that stands in front of another: it takes the EC first. */
	for (h = __start_exit_handlers; h < __stop_exit_handlers; h++) {
		if (!h->next)
			continue;
		if (!exit_handlers[h->ec])
			panic("exit handler %s: no handler for EC 0x%02x to stand "
			      "in front of", h->name, h->ec);
		*h->next = exit_handlers[h->ec];
		exit_handlers[h->ec] = h->fn;
		exit_handler_names[h->ec] = h->name;
	}
}

static u64 guest_exit_counts[EXIT_KINDS];
u64 *exit_counts = guest_exit_counts;

/*
 * No row for this EC: report it and end the guest. Rare, so kept apart
 * (noinline, cold): guest_sync()'s fast path then needs no stack frame.
 */
static void __attribute__((noinline, cold)) unhandled_exit(struct frame *f,
							  u64 esr)
{
	printf("\nhypervisor: the guest raised an exception no handler takes\n");
	print_exception(2, esr, f->elr, read_sysreg(far_el2));
	guest_exit(f, GUEST_FAULTED);
}

/*
 * An SError that belongs to the guest: taken from it (el01_serror, with
 * HCR_EL2.AMO), or in the window as it exited (serror_exit). ESR_EL2 is
 * its syndrome. Whatever the guest was doing, it cannot be trusted to go
 * on: stop it.
 */
void __attribute__((noinline, cold)) guest_serror(struct frame *f)
{
	u64 esr = read_sysreg(esr_el2);

	printf("\nhypervisor: an SError, caused by the guest; it is stopped\n");
	print_esr(2, esr);
	guest_exit(f, GUEST_FAULTED);
}

void guest_sync(struct frame *f)
{
	u64 esr = read_sysreg(esr_el2);
	u32 ec = esr_ec(esr);
	exit_fn fn = exit_handlers[ec];

	exit_counts[ec]++;
	if (fn)
		fn(f, esr);
	else
		unhandled_exit(f, esr);
}

__weak void guest_exit(struct frame *f, s64 status)
{
	(void)f;
	printf("hypervisor: the guest ended with status %ld; powering off\n",
	       status);
	system_off(status != 0);
}

void guest_start(u64 entry, u64 sp, u64 arg)
{
	static struct frame first;	/* static: guest_enter reuses the stack */

	exit_handlers_init();

	/*
	 * Configure SCTLR_EL1: the guest starts as a CPU comes out of reset,
	 * with its MMU and caches off.
	 *
	 * 29:28 RES1  x3 reserved
	 * 25:25 EE    x0 little-endian data at EL1
	 * 23:22 RES1  x3 reserved
	 * 20:20 RES1  x1 reserved
	 * 12:12 I     x0 no instruction caching
	 * 11:11 RES1  x1 reserved
	 * 02:02 C     x0 no data caching
	 * 00:00 M     x0 stage-1 MMU off
	 */
	write_sysreg(sctlr_el1, SCTLR_EL1_RES1);
	write_sysreg(sp_el1, sp);

	memset(&first, 0, sizeof(first));
	first.x[0] = arg;
	first.elr = entry;
	/*
	 * SPSR_EL2 for the first ERET into the guest
	 *
	 * 09:09 D      x1 Mask debug exceptions
	 * 08:08 A      x1 Mask SErrors
	 * 07:07 I      x1 Mask IRQs
	 * 06:06 F      x1 Mask FIQs
	 * 04:04 M[4]   x0 AArch64
	 * 03:00 M[3:0] x5 EL1h: EL1, using SP_EL1
	 */
	first.spsr = SPSR_DAIF | SPSR_M_EL1H;
	guest_enter(&first);
}
