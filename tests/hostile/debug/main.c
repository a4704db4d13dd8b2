/*
 * debug: plants a watchpoint in the other guests' time. The debug
 * registers (MDSCR_EL1, DBGWVR/DBGWCR, the OS lock) are one set for the
 * CPU, and a hypervisor that neither traps nor switches them leaves a
 * guest's watchpoint armed while the next guest runs. This one unlocks the
 * OS lock, watches every load and store to 0x40000000-0x401fffff (where
 * every guest's RAM is, at EL1), and enables debug exceptions at EL1
 * (MDSCR_EL1.KDE, MDE). It keeps its own debug exceptions masked (PSTATE.D);
 * the others, like any kernel, do not, and take a watchpoint exception
 * they never asked for. With MDCR_EL2.TDA and TDOSA the writes trap and are
 * dropped: nothing is armed.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "guest.h"

#define MDSCR_KDE	BIT(13)		/* debug exceptions at EL1 */
#define MDSCR_MDE	BIT(15)		/* breakpoints, watchpoints on */
#define WCR_E		BIT(0)
#define WCR_PAC_EL1_EL0	(UL(3) << 1)
#define WCR_LSC_BOTH	(UL(3) << 3)	/* loads and stores */
#define WCR_BAS_ALL	(UL(0xff) << 5)
#define WCR_MASK(n)	((u64)(n) << 24)	/* ignore address bits [n-1:0] */
#define ROUNDS		100
#define SPIN_INSNS	100000		/* spin(): guest.h */

int guest_main(u64 arg)
{
	(void)arg;
	printf("hello: a watchpoint on 0x40000000-0x401fffff, for everyone\n");
	asm volatile("msr daifset, #8" ::: "memory");	/* not on myself */
	for (int r = 0; r < ROUNDS; r++) {
		write_sysreg(oslar_el1, 0);		/* the OS lock open */
		write_sysreg(dbgwvr0_el1, 0x40000000UL);
		write_sysreg(dbgwcr0_el1, WCR_E | WCR_PAC_EL1_EL0 | WCR_LSC_BOTH |
					  WCR_BAS_ALL | WCR_MASK(21));
		write_sysreg(mdscr_el1, MDSCR_KDE | MDSCR_MDE);
		isb();
		spin(SPIN_INSNS);
	}
	printf("MDSCR_EL1 reads 0x%lx, DBGWCR0_EL1 0x%lx\n",
	       read_sysreg(mdscr_el1), read_sysreg(dbgwcr0_el1));
	return 0;
}
