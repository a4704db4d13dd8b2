/*
 * vgicd.h: the interrupt controller's memory-mapped half, as the Linux
 * guest sees it: a GICv3 distributor (GICD, the shared interrupts) and one
 * redistributor (GICR, this CPU's private ones), trapped and emulated
 * (vgicd.c, vgicr.c). Its CPU interface, the ICC_* system registers, is
 * the hardware's virtual one (lesson 06): no trap there.
 *
 * The guest's view of one interrupt, by INTID:
 *   0-15   SGIs, 16-31 PPIs   configured in the redistributor
 *   32-63  SPIs               configured in the distributor
 */
#ifndef VGICD_H
#define VGICD_H

#include "types.h"
#include "mmio.h"

#define VGIC_NR_IRQS	64	/* TYPER.ITLinesNumber = 1: INTIDs 0-63 */

struct vgic_dist {
	struct mmio_device gicd, gicr;
	u32 ctlr;			/* GICD_CTLR's enable bits */
	u32 waker;			/* GICR_WAKER */
	/* One bit per INTID, 32 to a word: word 0 in the GICR, 1 in the GICD. */
	u32 group[2], enabled[2], pending[2], active[2];
	u32 level[2];			/* lines a device holds high (vuart.c) */
	u32 icfgr[4];			/* 2 bits per INTID: edge or level */
	u8 priority[VGIC_NR_IRQS];
	u64 irouter[VGIC_NR_IRQS];	/* SPIs: which CPU (there is one) */
};

/* Linux's (vgicd.c); pending.c delivers from it. */
extern struct vgic_dist linux_gic;

/*
 * GICD_CTLR as a GIC with one security state (DS = 1) has it: Linux's
 * group enables, and what it reads as fixed.
 */
#define VGICD_CTLR_ENABLE_GRP0	BIT(0)
#define VGICD_CTLR_ENABLE_GRP1	BIT(1)
#define VGICD_CTLR_ARE		BIT(4)
#define VGICD_CTLR_DS		BIT(6)

/* The register file behind a set/clear pair (ISENABLER/ICENABLER, ...). */
bool vgic_bits_read(struct vgic_dist *g, u64 reg, u32 word, u64 *val);
bool vgic_bits_write(struct vgic_dist *g, u64 reg, u32 word, u64 val);
/* IPRIORITYR: a byte per INTID, from `first`, any access size up to 4. */
void vgic_priority_read(struct vgic_dist *g, u32 first, int size, u64 *val);
void vgic_priority_write(struct vgic_dist *g, u32 first, int size, u64 val);

/* The registers' offsets, in either frame: 0x80 IGROUPR to 0x380 ICACTIVER. */
#define GIC_IGROUPR	0x080
#define GIC_ISENABLER	0x100
#define GIC_ICENABLER	0x180
#define GIC_ISPENDR	0x200
#define GIC_ICPENDR	0x280
#define GIC_ISACTIVER	0x300
#define GIC_ICACTIVER	0x380
#define GIC_IPRIORITYR	0x400
#define GIC_ICFGR	0xc00
#define GIC_PIDR2	0xffe8
/* PIDR2.ArchRev [7:4] = 3, GICv3 (what Linux checks), JEDEC bit 3 */
#define GIC_PIDR2_V3	0x3b
/* IIDR: implementer 0x43b, Arm (JEP106); product, variant, revision 0 */
#define GIC_IIDR	0x0000043b

void vgicr_init(struct vgic_dist *g, struct vm *vm);	/* vgicr.c */
void vgicr_reset(struct vgic_dist *g);

#endif
