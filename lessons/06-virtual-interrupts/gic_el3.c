/*
 * gic_el3.c: the firmware's part of the interrupt controller, at EL3.
 *
 * With secure=on the GIC comes up owned by the Secure world: every
 * interrupt is Group 0 (Secure, FIQ) and the Non-secure world cannot even
 * change that, because the group registers are Secure-only. A hypervisor
 * never configures this itself; on a real board, firmware (Trusted
 * Firmware-A) does it before the hypervisor starts. Here the firmware is
 * lesson 01's entry3, and this is its el3_platform_init() (weak there).
 *
 * The order is TF-A's (gicv3_distif_init, gicv3_spis_config_defaults,
 * gicv3_ppi_sgi_config_defaults): every interrupt disabled and inactive
 * before its group, priority and trigger are set, so that none fires
 * half-configured; then the groups are enabled. On a board the GIC's
 * state after reset is in part UNKNOWN, and a warm reset leaves whatever
 * the last software set.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "io.h"
#include "gic.h"

static void gicd_wait(void)
{
	while (readl(GICD_BASE + GICD_CTLR) & GICD_CTLR_RWP)
		;
}

static void gicr_wait(void)
{
	while (readl(GICR_BASE + GICR_CTLR) & GICR_CTLR_RWP)
		;
}

/*
 * Every SPI (INTID 32 and up, as many as GICD_TYPER says): disabled,
 * inactive, not pending, Non-secure Group 1, a middling priority,
 * level-sensitive, routed to this CPU. Enabling one is for whoever uses it.
 */
static void spis_config_defaults(void)
{
	u32 lines = readl(GICD_BASE + GICD_TYPER) & GICD_TYPER_ITLINES_MASK;
	u32 nr = 32 * (lines + 1);

	for (u32 intid = 32; intid < nr; intid += 32) {
		u64 reg = intid / 32 * 4;

		writel(0xffffffff, GICD_BASE + GICD_ICENABLER + reg);
		writel(0xffffffff, GICD_BASE + GICD_ICACTIVER + reg);
		writel(0xffffffff, GICD_BASE + GICD_ICPENDR + reg);
		writel(0xffffffff, GICD_BASE + GICD_IGROUPR + reg);
		writel(0, GICD_BASE + GICD_IGRPMODR + reg);
	}
	gicd_wait();
	for (u32 intid = 32; intid < nr; intid += 4)
		writel(GIC_PRIORITY_DEFAULT * 0x01010101u,
		       GICD_BASE + GICD_IPRIORITYR + intid);
	for (u32 intid = 32; intid < nr; intid += 16)
		writel(0, GICD_BASE + GICD_ICFGR + intid / 16 * 4);
	for (u32 intid = 32; intid < nr; intid++)	/* Aff3-0 0, IRM 0 */
		writeq(0, GICD_BASE + GICD_IROUTER + 8 * intid);
}

/*
 * This CPU's SGIs (0-15) and PPIs (16-31), in its redistributor: the same
 * defaults. PPIs level-sensitive (GICR_ICFGR1 = 0), as the timers' are;
 * SGIs are always edge-triggered (GICR_ICFGR0 is read-only).
 */
static void ppi_sgi_config_defaults(void)
{
	writel(0xffffffff, GICR_SGI_BASE + GICR_ICENABLER0);
	gicr_wait();
	writel(0xffffffff, GICR_SGI_BASE + GICR_ICACTIVER0);
	writel(0xffffffff, GICR_SGI_BASE + GICR_ICPENDR0);
	writel(0xffffffff, GICR_SGI_BASE + GICR_IGROUPR0);
	writel(0, GICR_SGI_BASE + GICR_IGRPMODR0);
	for (u32 intid = 0; intid < 32; intid += 4)
		writel(GIC_PRIORITY_DEFAULT * 0x01010101u,
		       GICR_SGI_BASE + GICR_IPRIORITYR + intid);
	writel(0, GICR_SGI_BASE + GICR_ICFGR1);
}

void el3_platform_init(void)
{
	/*
	 * GICD_CTLR: first every group off (a warm boot may find them on),
	 * then affinity routing alone (the enables may only be set once ARE
	 * is), then, once the interrupts are configured, the groups. Each
	 * write completes when RWP reads 0.
	 *
	 * 05:05 ARE_NS       x1 affinity routing for the Non-secure state
	 * 04:04 ARE_S        x1 affinity routing for the Secure state
	 * 02:02 EnableGrp1S  x1 Secure Group 1 interrupts on
	 * 01:01 EnableGrp1NS x1 Non-secure Group 1 interrupts on (ours)
	 * 00:00 EnableGrp0   x1 Group 0 interrupts on
	 */
	writel(0, GICD_BASE + GICD_CTLR);
	gicd_wait();
	writel(GICD_CTLR_ARE_S | GICD_CTLR_ARE_NS, GICD_BASE + GICD_CTLR);
	gicd_wait();
	spis_config_defaults();

	/*
	 * Wake this CPU's redistributor: clear ProcessorSleep, then wait
	 * until ChildrenAsleep reads 0 (the interface to the CPU is up).
	 */
	writel(readl(GICR_BASE + GICR_WAKER) & ~GICR_WAKER_PROCESSOR_SLEEP,
	       GICR_BASE + GICR_WAKER);
	while (readl(GICR_BASE + GICR_WAKER) & GICR_WAKER_CHILDREN_ASLEEP)
		;
	ppi_sgi_config_defaults();

	writel(GICD_CTLR_ARE_S | GICD_CTLR_ARE_NS |
		     GICD_CTLR_ENABLE_G1S | GICD_CTLR_ENABLE_G1NS |
		     GICD_CTLR_ENABLE_G0, GICD_BASE + GICD_CTLR);
	gicd_wait();

	/*
	 * Configure ICC_SRE_EL3
	 *
	 * 03:03 Enable x1 Non-secure EL2 may use ICC_SRE_EL2, and Non-secure
	 *                EL1 its ICC_SRE_EL1 (with EL2's Enable)
	 * 02:02 DIB    x1 no IRQ bypass
	 * 01:01 DFB    x1 no FIQ bypass
	 * 00:00 SRE    x1 the CPU interface is system registers (GICv3)
	 */
	write_sysreg(icc_sre_el3, ICC_SRE_ENABLE | ICC_SRE_DIB | ICC_SRE_DFB |
				  ICC_SRE_SRE);
	isb();
}
