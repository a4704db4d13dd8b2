/*
 * rogue: a guest that misbehaves twice. First it masks its interrupts and
 * spins, as if it meant to keep the CPU: the hypervisor's tick is a
 * physical interrupt taken to EL2 (HCR_EL2.IMO), which the guest's PSTATE.I
 * does not mask, so the others run anyway. Then it writes outside its
 * memory, at the first byte past its UART: the device the hypervisor
 * emulates there is one page, and the byte after it is no more the
 * device's than any other unmapped IPA. The hypervisor stops it.
 */
#include "types.h"
#include "print.h"
#include "platform.h"
#include "guest.h"

#define SPIN_INSNS	4000000		/* about 4 ms of instructions */
#define OUTSIDE_IPA	(UART0_BASE + 0x1000)	/* its UART is one page */

int guest_main(u64 arg)
{
	(void)arg;
	printf("hello: masking my interrupts and spinning\n");
	/* (A guest starts with them masked; this says it means to keep them so.) */
	asm volatile("msr daifset, #2" ::: "memory");
	spin(SPIN_INSNS);
	printf("spun; now writing to IPA 0x%08lx\n", OUTSIDE_IPA);
	/*
	 * In asm, so that the register is ours and not the compiler's
	 * choice: the syndrome names it (SRT 0, w0) whichever compiler, and
	 * whichever optimisation, built this guest (GCC 12 at -O0 stores
	 * from w1). Lesson 04's guest does the same.
	 */
	asm volatile("mov w0, #0xbad\n\tstr w0, [%0]"
		     : : "r"(OUTSIDE_IPA) : "x0", "memory");
	printf("the write went through: stage 2 is broken\n");
	return 1;
}
