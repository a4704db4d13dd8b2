/*
 * guest/guest.c: the first guest. It runs at EL1 and speaks to the world
 * only through hypercalls.
 */
#include "types.h"
#include "sysreg.h"
#include "print.h"
#include "hypercall.h"
#include "regtest.h"
#include "bench.h"

/* The guest's stack; the hypervisor points SP_EL1 at its top. */
static u8 guest_stack[4096] __attribute__((aligned(16)));
u8 *const guest_stack_top = guest_stack + sizeof(guest_stack);

static void hvc_putc(char c)
{
	hvc_call(HVC_PUTC, (u8)c, 0);
}

static void guest_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vformat(hvc_putc, fmt, ap);
	va_end(ap);
}

static void register_test(void)
{
	u64 after[31];
	int good = 0;

	hvc_register_test(after);
	for (int n = 0; n < 31; n++) {
		u64 want = n == 0 ? HVC_OK : n == 8 ? HVC_SCRUB : REG_PATTERN(n);

		if (after[n] == want)
			good++;
		else
			guest_printf("guest: x%d changed across the hvc: "
				     "0x%016lx, want 0x%016lx\n",
				     n, after[n], want);
	}
	guest_printf("guest: register test: %d of 31 registers restored "
		     "after HVC_SCRUB (x0 = result, x8 = number, others as set)\n",
		     good);
}

void guest_main(void)
{
	s64 r;
	u64 trip;

	guest_printf("guest: hello from EL%u\n", current_el());

	r = hvc_call(HVC_QUERY, HVC_QUERY_VERSION, 0);
	guest_printf("guest: HVC_QUERY(VERSION) = %ld\n", r);
	r = hvc_call(HVC_QUERY, 42, 0);
	guest_printf("guest: HVC_QUERY(42) = %ld (HVC_ERR_INVALID)\n", r);
	r = hvc_call(0x77, 0, 0);
	guest_printf("guest: hypercall 0x77 = %ld (HVC_ERR_UNKNOWN), "
		     "and the guest goes on\n", r);

	register_test();

	trip = bench_null_hvc() - bench_nothing();
	guest_printf("guest: null hypercall round trip: %lu instructions "
		     "(target: at most 80)\n", trip);

	r = hvc_call(HVC_QUERY, HVC_QUERY_CALLS, 0);
	guest_printf("guest: done after %ld hypercalls; HVC_EXIT(0)\n", r);
	hvc_call(HVC_EXIT, 0, 0);
}
