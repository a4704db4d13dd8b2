/*
 * aarch32: a program at EL0 in AArch32 (T32), as a guest kernel may run
 * one. Its instructions reach EL2 with AArch32 syndromes, which a
 * hypervisor written for AArch64 guests gets wrong in three ways:
 *   - a 16-bit wfi or str traps with ESR_EL2.IL = 0: stepping past it by 4
 *     bytes skips the next instruction (el0.S counts them);
 *   - an abort injected into the guest must enter its vector table at the
 *     entry for "lower EL, AArch32" (VBAR_EL1 + 0x600), not 0x400, with the
 *     instruction's own IL;
 *   - an mrc of a trapped register (EC 0x03) must have a handler, not stop
 *     the whole guest.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "esr.h"
#include "uart.h"
#include "print.h"
#include "power.h"
#include "guest.h"

#define STEPS		6		/* the "adds r4, #1" of el0.S */
#define SCTLR_nTWI	BIT(16)		/* EL0's WFI not trapped to EL1 */
#define CNTKCTL_EL0PTEN	BIT(9)		/* EL0 may use the physical timer */

void enter_el0_aarch32(u64 code, u64 uart, u64 result) __noreturn;
extern const u8 el0_code[];
u64 guest_exception(u64 type, u64 esr, u64 elr, u64 far);

static volatile u32 result[2];		/* r4 (steps), r5 (the mrc's value) */
static int aborts, bad_aborts;

/*
 * The length of the T32 instruction at addr. (An abort with ISV = 0 has
 * ESR.IL = 1 whatever the instruction: RES1, the Arm ARM says. So look.)
 */
static u64 t32_bytes(u64 addr)
{
	u16 first = *(volatile u16 *)addr;

	return (first >> 11) >= 0x1d ? 4 : 2;	/* 0b11101, 0b11110, 0b11111 */
}

u64 guest_exception(u64 type, u64 esr, u64 elr, u64 far)
{
	u32 ec = esr_ec(esr);

	(void)far;
	if (type == 12 && ec == ESR_EC_DABT_LOW) {
		/* The ldm's abort, injected by the hypervisor: step past it. */
		aborts++;
		return elr + t32_bytes(elr);
	}
	if (type == 8 && ec == ESR_EC_DABT_LOW) {
		bad_aborts++;
		printf("an abort from AArch32 came through VBAR_EL1 + 0x400, the "
		       "entry for AArch64\n");
		return elr + t32_bytes(elr);
	}
	if (type == 12 && ec == ESR_EC_SVC32) {
		bool ok = result[0] == STEPS && result[1] == 0 && aborts == 1 &&
			  !bad_aborts;

		printf("\nback at EL1: %u of %d steps after trapped instructions; "
		       "CNTP_CTL read 0x%x; %d abort through VBAR_EL1 + 0x600\n",
		       result[0], STEPS, result[1], aborts);
		printf("%s\n", ok ? "every AArch32 trap handled as AArch32" :
		       "AArch32 traps mishandled");
		system_off(ok ? 0 : 1);
	}
	printf("unexpected exception through VBAR_EL1 + 0x%03lx\n", type * 0x80);
	print_exception(1, esr, elr, far);
	system_off(1);
}

int guest_main(u64 arg)
{
	(void)arg;
	printf("hello: to EL0 in AArch32, T32 state: 16-bit wfi, str and ldm, "
	       "and an mrc of a trapped register: ");
	write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) | SCTLR_nTWI);
	write_sysreg(cntkctl_el1, read_sysreg(cntkctl_el1) | CNTKCTL_EL0PTEN);
	isb();
	enter_el0_aarch32((u64)el0_code, UART0_BASE, (u64)result);
}
