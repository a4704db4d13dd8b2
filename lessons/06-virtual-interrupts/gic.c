/*
 * gic.c: the hypervisor's own use of the GIC, at EL2. HCR_EL2.IMO sends
 * every physical IRQ here while a guest runs; the hypervisor reads it
 * from its CPU interface like any kernel would.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "io.h"
#include "gic.h"

void gic_init(void)
{
	/*
	 * Configure ICC_SRE_EL2
	 *
	 * 03:03 Enable x0 EL1's accesses to ICC_SRE_EL1 trap to EL2: a guest
	 *                 must not turn the system register interface off
	 *                 under the hypervisor (idregs.c answers them)
	 * 02:02 DIB    x1 no IRQ bypass
	 * 01:01 DFB    x1 no FIQ bypass
	 * 00:00 SRE    x1 the CPU interface is system registers
	 * (QEMU reads these bits back as fixed values and would not notice
	 *  their absence; hardware would.)
	 */
	write_sysreg(icc_sre_el2, ICC_SRE_DIB | ICC_SRE_DFB | ICC_SRE_SRE);
	isb();

	/*
	 * Configure ICC_CTLR_EL1 (at EL2: the hypervisor's own interface)
	 *
	 * 01:01 EOImode x1 a write to ICC_EOIR1_EL1 only drops the running
	 *                  priority; deactivation is a separate step
	 *                  (ICC_DIR_EL1, or the guest's EOI: see vgic.c)
	 */
	write_sysreg(icc_ctlr_el1, read_sysreg(icc_ctlr_el1) | ICC_CTLR_EOIMODE);

	/*
	 * Configure ICC_PMR_EL1: the priority mask
	 *
	 * 07:00 Priority xff the lowest: every priority gets through
	 */
	write_sysreg(icc_pmr_el1, 0xff);
	/*
	 * Configure ICC_IGRPEN1_EL1
	 *
	 * 00:00 Enable x1 take Group 1 interrupts
	 */
	write_sysreg(icc_igrpen1_el1, ICC_IGRPEN1_EN);
	isb();
}

void gic_enable_ppi(u32 intid)
{
	writel(1u << intid, GICR_SGI_BASE + GICR_ISENABLER0);
}

bool gic_ppi_active(u32 intid)
{
	return readl(GICR_SGI_BASE + GICR_ISACTIVER0) & (1u << intid);
}

void gic_ppi_set_active(u32 intid, bool active)
{
	writel(1u << intid,
	       GICR_SGI_BASE + (active ? GICR_ISACTIVER0 : GICR_ICACTIVER0));
}

u32 gic_ack(void)
{
	u32 intid = read_sysreg(icc_iar1_el1) & 0xffffff;

	asm volatile("dsb sy" ::: "memory");
	return intid;
}

void gic_eoi(u32 intid)
{
	/*
	 * Write ICC_EOIR1_EL1
	 *
	 * 23:00 INTID  x1a the INTID gic_ack() returned (26, the EL2 tick,
	 *                 or 27, a guest's timer): with EOImode = 1 (above),
	 *                 only the priority drop
	 */
	write_sysreg(icc_eoir1_el1, intid);
	isb();
}

void gic_deactivate(u32 intid)
{
	/*
	 * Write ICC_DIR_EL1: deactivate interrupt
	 *
	 * 23:00 INTID  x1a the interrupt to deactivate, after its priority
	 *                 drop (26, the EL2 tick)
	 */
	write_sysreg(icc_dir_el1, intid);
	isb();
}
