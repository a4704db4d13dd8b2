/*
 * tick.c: a guest's report of one virtual-timer tick (lessons 06 and 07).
 *
 * How late a tick comes is the hypervisor's doing, and varies with its
 * cost, its scheduler and the other guests; that it never comes before its
 * deadline does not: an early one would be a deadline the hypervisor got
 * wrong, or another guest's timer delivered to this one.
 */
#include "types.h"
#include "counter.h"
#include "print.h"
#include "guest.h"

int tick_report(int n, u64 start, u64 due, u64 now)
{
	if (now < due) {
		printf("tick %d: due %lu ms, but taken %lu us before it\n", n,
		       counts_to(due - start, 1000), counts_to(due - now, 1000000));
		return 1;
	}
	printf("tick %d: due %lu ms, taken %lu us after it\n", n,
	       counts_to(due - start, 1000), counts_to(now - due, 1000000));
	return 0;
}
