/*
 * gic_el3.c: the firmware's part of the interrupt controller, at EL3.
 *
 * With secure=on the GIC comes up owned by the Secure world: every
 * interrupt is Group 0 (Secure, FIQ) and the Non-secure world cannot even
 * change that, because the group registers are Secure-only. A hypervisor
 * never configures this itself; on a real board, firmware (Trusted
 * Firmware-A) does it before the hypervisor starts. Here the firmware is
 * lesson 01's entry3, and this is its el3_platform_init() (weak there).
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "io.h"
#include "gic.h"

void el3_platform_init(void)
{
	/*
	 * GICD_CTLR, first affinity routing alone (the enables may only be
	 * set once ARE is), then the groups. Each write completes when RWP
	 * reads 0.
	 *
	 * 05:05 ARE_NS       x1 affinity routing for the Non-secure state
	 * 04:04 ARE_S        x1 affinity routing for the Secure state
	 * 02:02 EnableGrp1S  x1 Secure Group 1 interrupts on
	 * 01:01 EnableGrp1NS x1 Non-secure Group 1 interrupts on (ours)
	 * 00:00 EnableGrp0   x1 Group 0 interrupts on
	 */
	writel(GICD_CTLR_ARE_S | GICD_CTLR_ARE_NS, GICD_BASE + GICD_CTLR);
	while (readl(GICD_BASE + GICD_CTLR) & GICD_CTLR_RWP)
		;
	writel(GICD_CTLR_ARE_S | GICD_CTLR_ARE_NS | GICD_CTLR_ENABLE_G1S |
	       GICD_CTLR_ENABLE_G1NS | GICD_CTLR_ENABLE_G0,
	       GICD_BASE + GICD_CTLR);
	while (readl(GICD_BASE + GICD_CTLR) & GICD_CTLR_RWP)
		;

	/*
	 * Wake this CPU's redistributor: clear ProcessorSleep, then wait
	 * until ChildrenAsleep reads 0 (the interface to the CPU is up).
	 */
	writel(readl(GICR_BASE + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP,
	       GICR_BASE + GICR_WAKER);
	while (readl(GICR_BASE + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP)
		;

	/*
	 * Every SGI and PPI: Non-secure Group 1 (IGROUPR0 = 1, IGRPMODR0 =
	 * 0), at one middling priority. Enabling them is left to whoever uses
	 * them (the hypervisor, lesson 06 gic.c).
	 */
	writel(0xffffffff, GICR_SGI_BASE + GICR_IGROUPR0);
	writel(0, GICR_SGI_BASE + GICR_IGRPMODR0);
	for (u32 intid = 0; intid < 32; intid += 4)
		writel(GIC_PRIORITY_DEFAULT * 0x01010101u,
		       GICR_SGI_BASE + GICR_IPRIORITYR + intid);

	/*
	 * Configure ICC_SRE_EL3
	 *
	 * 03:03 Enable x1 EL2 may use ICC_SRE_EL2
	 * 02:02 DIB    x1 no IRQ bypass
	 * 01:01 DFB    x1 no FIQ bypass
	 * 00:00 SRE    x1 the CPU interface is system registers (GICv3)
	 */
	write_sysreg(icc_sre_el3, ICC_SRE_ENABLE | ICC_SRE_DIB | ICC_SRE_DFB |
				  ICC_SRE_SRE);
	isb();
}
