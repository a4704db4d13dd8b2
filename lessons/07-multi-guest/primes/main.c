/*
 * primes: a guest that computes, and checks what it computed: the number
 * of primes below 500000, 1000000, 1500000 and 2000000, by a sieve of
 * Eratosthenes (one bit per number), against the known values of the
 * prime-counting function. Tens of millions of instructions, a handful of
 * lines of output: the kind of guest whose time a hypervisor must not eat.
 */
#include "types.h"
#include "print.h"
#include "guest.h"

#define LIMIT		2000000
#define SEGMENTS	4

/* pi(x) for x = 500000, 1000000, 1500000, 2000000. */
static const u32 known[SEGMENTS] = { 41538, 78498, 114155, 148933 };

static u8 composite[LIMIT / 8];		/* .bss: zeroed by start.S */

static bool is_composite(u32 n) { return composite[n >> 3] & (1 << (n & 7)); }
static void mark(u32 n) { composite[n >> 3] |= 1 << (n & 7); }

int guest_main(u64 arg)
{
	u32 count = 0, bad = 0;

	(void)arg;
	/*
	 * Its interrupt controller and interrupts on, as in any kernel. None
	 * is meant for this guest: one that arrived (another guest's, left in
	 * a list register) would end it, through the runtime's default
	 * guest_irq().
	 */
	gic_cpu_init();
	asm volatile("msr daifclr, #2" ::: "memory");
	printf("hello: counting primes below %d\n", LIMIT);
	for (u32 i = 2; (u64)i * i < LIMIT; i++)
		if (!is_composite(i))
			for (u32 j = i * i; j < LIMIT; j += i)
				mark(j);
	for (int s = 0; s < SEGMENTS; s++) {
		u32 lo = s * (LIMIT / SEGMENTS), hi = lo + LIMIT / SEGMENTS;

		for (u32 n = lo < 2 ? 2 : lo; n < hi; n++)
			count += !is_composite(n);
		printf("primes below %7u: %6u (known: %6u) %s\n", hi, count,
		       known[s], count == known[s] ? "ok" : "WRONG");
		bad += count != known[s];
	}
	printf("%s; goodbye\n", bad ? "some counts are wrong" : "all counts right");
	return bad;
}
