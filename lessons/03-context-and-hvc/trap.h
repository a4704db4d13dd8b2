/*
 * trap.h: what the hypervisor does with an exception from its guest.
 *
 * Every lesson that handles a new kind of exit adds a row to one table,
 * with EXIT_HANDLER() in its own file. guest_start() sorts the rows into
 * an array indexed by exception class (EC), and guest_sync() picks the
 * handler by the EC in ESR_EL2. An EC with no row is reported and ends the
 * guest; an EC with two rows is a bug, found before the guest starts.
 */
#ifndef TRAP_H
#define TRAP_H

#include "types.h"
#include "frame.h"

typedef void (*exit_fn)(struct frame *f, u64 esr);

struct exit_handler {
	u32 ec;			/* ESR_EC_* */
	exit_fn fn;
	const char *name;
	exit_fn *next;		/* EXIT_HANDLER_BEFORE only: the one behind */
};

/*
 * The rows live in a linker section named exit_handlers. GNU ld defines
 * __start_exit_handlers and __stop_exit_handlers around any section whose
 * name is a C identifier, so no linker script has to know about it.
 */
#define EXIT_HANDLER(ec_, fn_)						\
	static const struct exit_handler __exit_##ec_			\
	__section("exit_handlers") __used = { (ec_), (fn_), #fn_, NULL }

/*
 * A later lesson's handler in front of an earlier lesson's row for the same
 * EC: fn_ is called for that EC, and exit_handlers_init() stores the
 * handler it stands in front of in next_ (an exit_fn variable), for what
 * fn_ leaves to it. Lesson 08: a Linux guest's hvc is a PSCI call, every
 * other guest's the kit's hypercall (lesson 03). The table is built once,
 * so the dispatch costs what it did.
 */
#define EXIT_HANDLER_BEFORE(ec_, fn_, next_)				\
	static const struct exit_handler __exit_before_##ec_		\
	__section("exit_handlers") __used = { (ec_), (fn_), #fn_, &(next_) }

/*
 * Sort the EXIT_HANDLER rows into the table guest_sync() uses. Before the
 * first entry into any guest: guest_start() calls it; so must any other
 * way into a guest (lesson 07's scheduler). Calling it again does nothing.
 */
void exit_handlers_init(void);

/* Called by el01_sync (entry.S) with the guest's saved registers. */
void guest_sync(struct frame *f);

/* An SError the guest caused (entry.S): report it, end the guest. */
void guest_serror(struct frame *f);

/*
 * Exits counted as they arrive: one counter per EC, and one for physical
 * interrupts (EXIT_IRQ, counted from lesson 06). exit_counts points at
 * the guest's own counters: lesson 07 points it at the running vCPU's.
 */
#define EXIT_IRQ	64
#define EXIT_KINDS	65
extern u64 *exit_counts;

/*
 * Start the guest at `entry` in EL1h with SP_EL1 = sp and x0 = arg.
 * Never returns: the hypervisor now runs only when the guest exits.
 */
void guest_start(u64 entry, u64 sp, u64 arg) __noreturn;
void guest_enter(const struct frame *f) __noreturn;	/* entry.S */

/*
 * Return to the guest from the frame f, the frame el01_sync pushed, with
 * every general register overwritten first (entry.S): the test that
 * kernel_exit restores all of them.
 */
void guest_resume_scrubbed(struct frame *f) __noreturn;

/* Status a guest_exit() gets when the guest ended by a fault. */
#define GUEST_FAULTED	(-1L)
/*
 * ... and when the hypervisor stopped a guest that would not end: it had
 * the CPU for all the time it may have (from lesson 06, which has a tick
 * to take the CPU back with).
 */
#define GUEST_OVER_BUDGET	(-2L)

/*
 * The guest has ended: by the exit hypercall (its own status), PSCI
 * SYSTEM_OFF (lesson 05), a stage-2 fault or an exit no handler takes
 * (GUEST_FAULTED). The default reports and powers off; it is __weak so
 * that a lesson can decide differently. It never returns to the guest
 * that ended: it powers off, starts a guest afresh (lesson 04), or
 * replaces *f with another guest's registers and returns, so that the
 * exception returns into that guest (lesson 07). Callers therefore touch
 * f no more after calling it.
 */
void guest_exit(struct frame *f, s64 status);

#endif
