/*
 * exception.c: what a guest does with an exception at EL1.
 *
 * guest_sync() and guest_irq() are the guest program's to define; the
 * defaults here, __weak, treat every exception as a bug: decode it, and
 * end the guest through HVC_EXIT. A program that must know which of the
 * 16 entries was taken (a test guest, tests/hostile/) defines
 * guest_exception() itself: it is __weak too.
 */
#include "types.h"
#include "sysreg.h"
#include "esr.h"
#include "print.h"
#include "guest.h"

__weak u64 guest_sync(u64 esr, u64 elr, u64 far)
{
	printf("guest: unexpected synchronous exception at EL1\n");
	print_exception(1, esr, elr, far);
	panic("guest stops");
}

__weak void guest_irq(void)
{
	panic("guest: an IRQ, and no guest_irq() to take it");
}

__weak u64 guest_exception(u64 type, u64 esr, u64 elr, u64 far)
{
	switch (type) {
	case 4:			/* synchronous, EL1 with SP_EL1 */
	case 8:			/* synchronous, from EL0 */
		return guest_sync(esr, elr, far);
	case 5:			/* IRQ, EL1 with SP_EL1 */
	case 9:			/* IRQ, from EL0 */
		guest_irq();
		return elr;
	default:
		printf("guest: exception through VBAR_EL1 + 0x%03lx\n", type * 0x80);
		print_exception(1, esr, elr, far);
		panic("guest stops");
	}
}
