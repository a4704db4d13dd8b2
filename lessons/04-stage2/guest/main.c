/*
 * The lesson 04 guest: an ordinary program at EL1, MMU off, that believes
 * its RAM is at 0x40000000 and its UART at 0x09000000. Both are true in the
 * only sense that matters to it: stage 2 says so.
 */
#include "types.h"
#include "sysreg.h"
#include "print.h"
#include "guest.h"

#define INFO_IPA	0x40200000UL	/* a read-only page from the hypervisor */
#define SCRATCH_IPA	0x40100000UL	/* the upper 1 MiB of RAM: unused */
#define SCRATCH_SIZE	0x00040000UL	/* 256 KiB of it for the test */
#define OUTSIDE_IPA	0x48000000UL	/* past the machine's RAM, not in our map */

extern char _start[];

/* Write a pattern over [SCRATCH_IPA, + SCRATCH_SIZE) and read it back. */
static int ram_test(void)
{
	volatile u32 *p = (volatile u32 *)SCRATCH_IPA;
	u64 n = SCRATCH_SIZE / sizeof(u32);
	int bad = 0;

	for (u64 i = 0; i < n; i++)
		p[i] = (u32)(i * 0x9e3779b9u);
	for (u64 i = 0; i < n; i++)
		bad += p[i] != (u32)(i * 0x9e3779b9u);
	return bad;
}

int guest_main(u64 run)
{
	printf("guest: run %lu at EL%u, my code starts at IPA 0x%lx\n", run,
	       current_el(), (u64)_start);

	switch (run) {
	case 1:
		printf("guest: RAM test, %lu KiB at IPA 0x%lx: %d bad words\n",
		       SCRATCH_SIZE / 1024, SCRATCH_IPA, ram_test());
		printf("guest: the page at IPA 0x%lx says \"%s\"\n", INFO_IPA,
		       (const char *)INFO_IPA);
		return 0;
	case 2:
		printf("guest: writing to IPA 0x%lx\n", INFO_IPA);
		/*
		 * In asm, so that the register is ours and not the
		 * compiler's choice: the syndrome names it (SRT 2, w2)
		 * whichever compiler built this guest.
		 */
		asm volatile("mov w2, #1\n\tstr w2, [%0]"
			     : : "r"(INFO_IPA) : "x2", "memory");
		printf("guest: the write went through: stage 2 is broken\n");
		return 1;
	case 3:
		printf("guest: reading IPA 0x%lx\n", OUTSIDE_IPA);
		asm volatile("ldr w1, [%0]"	/* SRT 1, w1 */
			     : : "r"(OUTSIDE_IPA) : "x1", "memory");
		printf("guest: the read went through: stage 2 is broken\n");
		return 1;
	}
	return 2;
}
