/*
 * gic.h: the GICv3 of QEMU's virt machine, and the kit's use of it.
 *
 *   GICD  0x08000000  the distributor: shared peripheral interrupts (SPIs)
 *   GICR  0x080a0000  this CPU's redistributor: its control frame, then
 *         0x080b0000  its SGI frame: the private interrupts (SGIs, PPIs)
 *
 * The CPU interface is system registers: ICC_*_EL1 (and, for the
 * hypervisor's control of the guest's virtual interface, ICH_*_EL2).
 */
#ifndef GIC_H
#define GIC_H

#include "types.h"
#include "platform.h"	/* GICD_BASE, GICR_BASE */

#define GICD_CTLR		0x0000
#define GICD_CTLR_ENABLE_G0	(1 << 0)
#define GICD_CTLR_ENABLE_G1NS	(1 << 1)
#define GICD_CTLR_ENABLE_G1S	(1 << 2)
#define GICD_CTLR_ARE_S		(1 << 4)
#define GICD_CTLR_ARE_NS	(1 << 5)
#define GICD_CTLR_RWP		(1U << 31)	/* a write is still in progress */
#define GICD_TYPER		0x0004
#define GICD_TYPER_ITLINES_MASK	0x1f		/* SPIs: 32 * (N + 1) - 32 */
#define GICD_IGROUPR		0x0080	/* 1 bit per INTID: 1 = Non-secure */
#define GICD_ISENABLER		0x0100	/* write 1 to enable */
#define GICD_ICENABLER		0x0180	/* write 1 to disable */
#define GICD_ICPENDR		0x0280	/* write 1 to clear pending */
#define GICD_ICACTIVER		0x0380	/* write 1 to clear active */
#define GICD_IPRIORITYR		0x0400	/* 1 byte per INTID */
#define GICD_ICFGR		0x0c00	/* 2 bits per INTID: 0 = level */
#define GICD_IGRPMODR		0x0d00	/* with IGROUPR: secure or not */
#define GICD_IROUTER		0x6000	/* 8 bytes per SPI: its target CPU */

#define GICR_CTLR		0x0000
#define GICR_CTLR_RWP		(1U << 3)	/* a write is still in progress */

#define GICR_WAKER		0x0014
#define GICR_WAKER_PROCESSOR_SLEEP (1 << 1)
#define GICR_WAKER_CHILDREN_ASLEEP (1 << 2)

#define GICR_SGI_BASE		(GICR_BASE + 0x10000)
#define GICR_IGROUPR0		0x0080	/* 1 bit per INTID 0-31: group */
#define GICR_ISENABLER0		0x0100	/* write 1 to enable */
#define GICR_ICENABLER0		0x0180	/* write 1 to disable */
#define GICR_ICPENDR0		0x0280	/* write 1 to clear pending */
#define GICR_ISACTIVER0		0x0300	/* 1 = active; write 1 to set */
#define GICR_ICACTIVER0		0x0380	/* write 1 to clear active */
#define GICR_IPRIORITYR		0x0400	/* 1 byte per INTID */
#define GICR_ICFGR1		0x0c04	/* PPIs: 2 bits each, 0 = level */
#define GICR_IGRPMODR0		0x0d00	/* with IGROUPR0: secure or not */

/* The priority the firmware gives every private interrupt. */
#define GIC_PRIORITY_DEFAULT	0xa0

/* EL2: switch on the CPU interface; enable one private interrupt. */
void gic_init(void);
void gic_enable_ppi(u32 intid);
bool gic_ppi_active(u32 intid);
void gic_ppi_set_active(u32 intid, bool active);

/* Acknowledge (INTID, or INTID_SPURIOUS), drop priority, deactivate. */
u32 gic_ack(void);
void gic_eoi(u32 intid);
void gic_deactivate(u32 intid);

#endif
