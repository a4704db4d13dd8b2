/*
 * hypercall.h: the stepvisor hypercall ABI, shared by the hypervisor and
 * its guests.
 *
 *   hvc #0 with x8 = hypercall number, x0-x5 = arguments.
 *   The result comes back in x0. Every other register is preserved.
 *
 * The number is in x8, as in the seed's el01_sync (and as Linux passes a
 * system call number), so that x0-x5 stay free for arguments.
 */
#ifndef HYPERCALL_H
#define HYPERCALL_H

#define HVC_NULL		0	/* do nothing: the cost of a round trip */
#define HVC_PUTC		1	/* x0 = character for the console */
#define HVC_QUERY		2	/* x0 = what to ask, below */
#define HVC_EXIT		3	/* x0 = status (0-255); the guest ends */
#define HVC_SCRUB		4	/* test: HVC_NULL, but every register
					   is overwritten before kernel_exit */
#define HVC_NR			5	/* how many numbers there are */

#define HVC_QUERY_VERSION	0	/* -> HVC_ABI_VERSION */
#define HVC_QUERY_CALLS		1	/* -> hypercalls served so far */
#define HVC_ABI_VERSION		1

#define HVC_OK			0
#define HVC_ERR_UNKNOWN		(-1)	/* no such hypercall */
#define HVC_ERR_INVALID		(-2)	/* an argument is out of range */

#ifndef __ASSEMBLER__
#include "types.h"

/*
 * Guest side: one hypercall with the whole ABI, x0-x5. The asm lists every
 * argument register as an input, so the compiler has all six in place
 * before the hvc.
 */
static inline s64 hvc_call6(u64 nr, u64 a0, u64 a1, u64 a2, u64 a3, u64 a4,
			    u64 a5)
{
	register u64 x8 asm("x8") = nr;
	register u64 x0 asm("x0") = a0;
	register u64 x1 asm("x1") = a1;
	register u64 x2 asm("x2") = a2;
	register u64 x3 asm("x3") = a3;
	register u64 x4 asm("x4") = a4;
	register u64 x5 asm("x5") = a5;

	asm volatile("hvc #0" : "+r"(x0)
		     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
		     : "memory");
	return (s64)x0;
}

/*
 * The short form, for the calls that take at most two arguments (all of
 * this ABI's so far): it loads only x0 and x1, where hvc_call6() with
 * zeros would add up to four instructions to every HVC_PUTC.
 */
static inline s64 hvc_call(u64 nr, u64 a0, u64 a1)
{
	register u64 x8 asm("x8") = nr;
	register u64 x0 asm("x0") = a0;
	register u64 x1 asm("x1") = a1;

	asm volatile("hvc #0" : "+r"(x0) : "r"(x8), "r"(x1) : "memory");
	return (s64)x0;
}

/* Hypervisor side: how many of each number were made; [HVC_NR] = unknown. */
extern u64 hvc_counts[HVC_NR + 1];

/* A guest's byte to the UART, control characters escaped (hypercall.c). */
void put_guest_byte(char c);
/* HVC_PUTC: the running guest's console (__weak; lesson 05: its vpl011). */
void guest_putc(char c);
#endif

#endif
