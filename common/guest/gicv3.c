/*
 * gicv3.c: a guest's GICv3 CPU interface driver, the few system
 * registers any kernel uses. Under a hypervisor with HCR_EL2.IMO set these
 * accesses go to the virtual CPU interface, without an exit.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "guest.h"

void gic_cpu_init(void)
{
	/*
	 * Configure ICC_SRE_EL1 (from lesson 06 the hypervisor traps it,
	 * ICC_SRE_EL2.Enable 0, and answers: these bits, fixed. QEMU does not
	 * trap it and reads back the same; a board takes a SYS exit here.)
	 *
	 * 02:02 DIB    x1 no IRQ bypass: IRQs come from the GIC only
	 * 01:01 DFB    x1 no FIQ bypass
	 * 00:00 SRE    x1 the CPU interface is system registers (ICC_*),
	 *                 not the GICv2 memory-mapped one
	 */
	write_sysreg(icc_sre_el1, ICC_SRE_SRE | ICC_SRE_DFB | ICC_SRE_DIB);
	isb();
	/*
	 * Configure ICC_PMR_EL1: the priority mask
	 *
	 * 07:00 Priority xff the lowest priority: an interrupt is signalled
	 *                    when its priority is higher (numerically lower)
	 *                    than this, so every one passes. Unimplemented low
	 *                    bits read as 0 (5 bits here: 0xf8).
	 */
	write_sysreg(icc_pmr_el1, 0xff);
	/*
	 * Configure ICC_IGRPEN1_EL1
	 *
	 * 00:00 Enable x1 Group 1 interrupts (the Non-secure world's) are
	 *                 signalled to this CPU
	 */
	write_sysreg(icc_igrpen1_el1, ICC_IGRPEN1_EN);
	isb();
}

u32 gic_irq_ack(void)
{
	return read_sysreg(icc_iar1_el1) & 0xffffff;
}

void gic_irq_eoi(u32 intid)
{
	/*
	 * Write ICC_EOIR1_EL1: end of interrupt
	 *
	 * 23:00 INTID  x1b the interrupt ICC_IAR1_EL1 returned (27, the
	 *                 virtual timer, in the kit's guests). With
	 *                 ICC_CTLR_EL1.EOImode = 0 (its reset value, which
	 *                 this driver keeps) the write does both halves of
	 *                 ending an interrupt: the priority drop (the CPU
	 *                 interface takes interrupts of this priority again)
	 *                 and the deactivation (the interrupt may fire again).
	 */
	write_sysreg(icc_eoir1_el1, intid);
	isb();
}
