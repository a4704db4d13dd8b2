/*
 * semihost: asks QEMU to end the run, behind the hypervisor's back.
 *
 * hlt #0xf000 with x0 = SYS_EXIT_EXTENDED is a semihosting call: with
 * QEMU's -semihosting it powers the machine off from any EL, EL1 included,
 * and EL2 cannot trap it. The kit refuses -semihosting for every lesson that
 * runs guests (common/build.mk), so here hlt is UNDEFINED, which this
 * guest takes at EL1 as an Unknown-reason exception, and the others go on.
 */
#include "types.h"
#include "arm.h"
#include "esr.h"
#include "print.h"
#include "guest.h"

#define SYS_EXIT_EXTENDED		0x20
#define ADP_STOPPED_APPLICATION_EXIT	0x20026

static volatile bool undefined;

u64 guest_sync(u64 esr, u64 elr, u64 far)
{
	(void)far;
	if (esr_ec(esr) != ESR_EC_UNKNOWN)
		panic("semihost: unexpected exception, EC 0x%02x", esr_ec(esr));
	undefined = true;
	return elr + 4;			/* past the hlt */
}

int guest_main(u64 arg)
{
	static volatile u64 block[2] = { ADP_STOPPED_APPLICATION_EXIT, 0 };
	register u64 x0 asm("x0") = SYS_EXIT_EXTENDED;
	register u64 x1 asm("x1") = (u64)block;

	(void)arg;
	printf("hello: hlt #0xf000, SYS_EXIT_EXTENDED: stopping the machine\n");
	asm volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	printf("hlt %s; the machine goes on\n",
	       undefined ? "was UNDEFINED (no semihosting)" : "returned");
	return 0;
}
