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
	write_sysreg(icc_sre_el1, ICC_SRE_SRE | ICC_SRE_DFB | ICC_SRE_DIB);
	isb();
	write_sysreg(icc_pmr_el1, 0xff);	/* every priority passes */
	write_sysreg(icc_igrpen1_el1, ICC_IGRPEN1_EN);
	isb();
}

u32 gic_irq_ack(void)
{
	return read_sysreg(icc_iar1_el1) & 0xffffff;
}

void gic_irq_eoi(u32 intid)
{
	write_sysreg(icc_eoir1_el1, intid);	/* priority drop and deactivate */
	isb();
}
