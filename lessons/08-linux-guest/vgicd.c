/*
 * vgicd.c: the distributor, emulated. Linux programs it at boot (about 300
 * accesses: it turns it off, makes every SPI Group 1, level-triggered,
 * priority 0xa0, disabled and inactive, routes each to CPU 0, turns it on)
 * and then enables the SPIs its drivers use: here the UART's.
 *
 * What the guest sees (GICD_TYPER and GICD_CTLR):
 *   - 64 INTIDs, so 32 SPIs; no LPIs (and so no ITS in its device tree);
 *   - one security state (CTLR.DS = 1): a guest has no Secure world, and
 *     every interrupt it is given is Group 1;
 *   - affinity routing always on (CTLR.ARE = 1): SGIs and PPIs are
 *     configured in the redistributor, IROUTER names a CPU by MPIDR.
 * A register in the distributor's map that a GIC without those features
 * implements as zero (ITARGETSR, IGRPMODR, NSACR, the extended SPI range)
 * reads as zero and ignores writes; an offset the map does not define is
 * left to mmio.c, which reports it once.
 */
#include "types.h"
#include "arm.h"
#include "print.h"
#include "mmio.h"
#include "vgicd.h"
#include "linux.h"

#define GICD_CTLR		0x0000
#define GICD_TYPER		0x0004
#define GICD_IIDR		0x0008
#define GICD_TYPER2		0x000c
#define GICD_ITARGETSR		0x0800	/* to 0x0bfc: RAZ/WI with ARE */
#define GICD_IGRPMODR		0x0d00
#define GICD_NSACR		0x0e00
#define GICD_SGIR		0x0f00	/* to 0x0f2c: no use with ARE */
#define GICD_EXT_START		0x1000	/* extended SPI registers, to 0x5ffc */
#define GICD_IROUTER		0x6000	/* 8 bytes per INTID */

/*
 * TYPER
 * 25:25 No1N          x1 no "1 of N" routing
 * 23:19 IDbits        x9 INTIDs have 10 bits
 * 17:17 LPIS          x0 no LPIs
 * 10:10 SecurityExtn  x0 one security state
 * 04:00 ITLinesNumber x1 32 * (1 + 1) = 64 INTIDs
 */
#define TYPER_VALUE	(BIT(25) | (9 << 19) | (VGIC_NR_IRQS / 32 - 1))

struct vgic_dist linux_gic;

/* The word of a set/clear register, and which one it is. */
bool vgic_bits_read(struct vgic_dist *g, u64 reg, u32 word, u64 *val)
{
	u32 *bits;

	switch (reg) {
	case GIC_IGROUPR:	bits = g->group; break;
	case GIC_ISENABLER:
	case GIC_ICENABLER:	bits = g->enabled; break;
	case GIC_ISPENDR:
	case GIC_ICPENDR:	bits = g->pending; break;
	case GIC_ISACTIVER:
	case GIC_ICACTIVER:	bits = g->active; break;
	default:		return false;
	}
	*val = word < 2 ? bits[word] : 0;
	if (bits == g->pending && word < 2)
		*val |= g->level[word];		/* a line held high is pending */
	return true;
}

bool vgic_bits_write(struct vgic_dist *g, u64 reg, u32 word, u64 val)
{
	u32 v = (u32)val;

	if (word >= 2)
		return true;		/* INTIDs the GIC does not have: WI */
	switch (reg) {
	case GIC_IGROUPR:	g->group[word] = v; break;
	case GIC_ISENABLER:	g->enabled[word] |= v; break;
	case GIC_ICENABLER:	g->enabled[word] &= ~v; break;
	case GIC_ISPENDR:	g->pending[word] |= v; break;
	case GIC_ICPENDR:	g->pending[word] &= ~v; break;
	case GIC_ISACTIVER:	g->active[word] |= v; break;
	case GIC_ICACTIVER:	g->active[word] &= ~v; break;
	default:		return false;
	}
	vgic_update();		/* an enable, a group or a pending bit moved */
	return true;
}

void vgic_priority_read(struct vgic_dist *g, u32 first, int size, u64 *val)
{
	*val = 0;
	for (int i = 0; i < size; i++)
		if (first + i < VGIC_NR_IRQS)
			*val |= (u64)g->priority[first + i] << (8 * i);
}

void vgic_priority_write(struct vgic_dist *g, u32 first, int size, u64 val)
{
	for (int i = 0; i < size; i++)
		if (first + i < VGIC_NR_IRQS)	/* 5 bits implemented, as the CPU's */
			g->priority[first + i] = (val >> (8 * i)) & 0xf8;
}

/* Registers of the SPIs (words >= 1, bytes >= 32); SGIs/PPIs are the GICR's. */
static bool gicd_read(struct mmio_device *d, u64 off, int size, u64 *val)
{
	struct vgic_dist *g = d->state;

	*val = 0;
	if (off >= GIC_IPRIORITYR && off < GICD_ITARGETSR) {
		if (off >= GIC_IPRIORITYR + 32)
			vgic_priority_read(g, off - GIC_IPRIORITYR, size, val);
		return true;
	}
	if (off >= GICD_IROUTER && off < GICD_IROUTER + 8 * 1024 &&
	    (size == 8 || size == 4)) {
		u32 n = (off - GICD_IROUTER) / 8;

		if (n >= 32 && n < VGIC_NR_IRQS)
			*val = g->irouter[n] >> (8 * (off & 4));
		return true;
	}
	if (size != 4)
		return false;
	if (off >= GIC_IGROUPR && off < GIC_IPRIORITYR) {
		u32 word = (off & 0x7f) / 4;

		return word ? vgic_bits_read(g, off & ~0x7fUL, word, val) : true;
	}
	if (off >= GIC_ICFGR && off < GICD_IGRPMODR) {
		u32 word = (off - GIC_ICFGR) / 4;

		if (word >= 2 && word < 4)
			*val = g->icfgr[word];
		return true;
	}
	if ((off >= GICD_ITARGETSR && off < GIC_ICFGR) ||
	    (off >= GICD_IGRPMODR && off < GICD_EXT_START + 0x5000))
		return true;			/* RAZ */
	switch (off) {
	case GICD_CTLR:	  *val = g->ctlr | VGICD_CTLR_ARE | VGICD_CTLR_DS; return true;
	case GICD_TYPER:  *val = TYPER_VALUE; return true;
	case GICD_IIDR:	  *val = GIC_IIDR; return true;
	case GICD_TYPER2: return true;
	case GIC_PIDR2:	  *val = GIC_PIDR2_V3; return true;
	default:	  return off >= 0xffd0;	/* the other ID registers: 0 */
	}
}

static bool gicd_write(struct mmio_device *d, u64 off, int size, u64 val)
{
	struct vgic_dist *g = d->state;

	if (off >= GIC_IPRIORITYR && off < GICD_ITARGETSR) {
		if (off >= GIC_IPRIORITYR + 32)
			vgic_priority_write(g, off - GIC_IPRIORITYR, size, val);
		return true;
	}
	if (off >= GICD_IROUTER && off < GICD_IROUTER + 8 * 1024 &&
	    (size == 8 || size == 4)) {
		u32 n = (off - GICD_IROUTER) / 8;

		if (n >= 32 && n < VGIC_NR_IRQS) {
			u64 mask = size == 8 ? ~0UL : 0xffffffffUL << (8 * (off & 4));

			g->irouter[n] = (g->irouter[n] & ~mask) |
					((val << (8 * (off & 4))) & mask);
		}
		return true;
	}
	if (size != 4)
		return false;
	if (off >= GIC_IGROUPR && off < GIC_IPRIORITYR) {
		u32 word = (off & 0x7f) / 4;

		return word ? vgic_bits_write(g, off & ~0x7fUL, word, val) : true;
	}
	if (off >= GIC_ICFGR && off < GICD_IGRPMODR) {
		u32 word = (off - GIC_ICFGR) / 4;

		if (word >= 2 && word < 4)
			g->icfgr[word] = (u32)val & 0xaaaaaaaa;	/* [2n+1]: edge */
		return true;
	}
	if ((off >= GICD_ITARGETSR && off < GIC_ICFGR) ||
	    (off >= GICD_IGRPMODR && off < GICD_EXT_START + 0x5000))
		return true;			/* WI */
	switch (off) {
	case GICD_CTLR:
		/* RWP never reads 1: every write here is done at once. */
		g->ctlr = val & (VGICD_CTLR_ENABLE_GRP0 | VGICD_CTLR_ENABLE_GRP1);
		vgic_update();
		return true;
	case GICD_TYPER:
	case GICD_IIDR:
	case GICD_TYPER2:
		return true;			/* read-only */
	default:
		return false;
	}
}

void vgic_dist_reset(void)
{
	struct vgic_dist *g = &linux_gic;

	g->ctlr = 0;
	for (u32 w = 0; w < 2; w++)
		g->group[w] = g->enabled[w] = g->pending[w] = g->active[w] =
			g->level[w] = 0;
	for (u32 i = 0; i < 4; i++)
		g->icfgr[i] = 0;
	for (u32 i = 0; i < VGIC_NR_IRQS; i++) {
		g->priority[i] = 0;
		g->irouter[i] = 0;
	}
	vgicr_reset(g);
}

void vgic_dist_init(struct vm *vm)
{
	struct vgic_dist *g = &linux_gic;

	mmio_add(&g->gicd, "vgicd", vm, VGICD_BASE, GICD_SIZE, gicd_read,
		 gicd_write, g);
	count_exits(&g->gicd);
	vgicr_init(g, vm);
}
