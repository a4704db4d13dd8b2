/*
 * vgicr.c: the redistributor of the guest's one CPU, emulated: 128 KiB in
 * two frames.
 *   RD_base   the CPU's connection to the GIC: TYPER (which CPU, and that
 *             it is the last redistributor), WAKER (the sleep handshake
 *             Linux does before it uses the CPU interface)
 *   SGI_base  (+64 KiB) the private interrupts: groups, enables, pending,
 *             active, priorities and configuration of INTIDs 0-31
 */
#include "types.h"
#include "arm.h"
#include "mmio.h"
#include "vgicd.h"
#include "linux.h"

#define GICR_CTLR		0x0000
#define GICR_IIDR		0x0004
#define GICR_TYPER		0x0008	/* 64 bits */
#define GICR_STATUSR		0x0010
#define GICR_WAKER		0x0014
#define GICR_PROPBASER		0x0070	/* LPIs: not implemented, RAZ/WI */
#define GICR_PENDBASER		0x0078
#define SGI_BASE		0x10000
#define GICR_ICFGR1		0x0c04	/* PPIs; ICFGR0 (SGIs) is fixed: edge */
#define GICR_IGRPMODR0		0x0d00
#define GICR_NSACR		0x0e00

#define WAKER_PROCESSOR_SLEEP	BIT(1)
#define WAKER_CHILDREN_ASLEEP	BIT(2)

/*
 * TYPER
 * 63:32 Affinity         x0 Aff3.Aff2.Aff1.Aff0 of its CPU: VMPIDR_EL2's
 * 23:08 Processor_Number x0 CPU 0
 * 04:04 Last             x1 the last (only) redistributor
 * 00:00 PLPIS            x0 no LPIs
 */
#define TYPER_VALUE	BIT(4)

static bool rd_read(struct vgic_dist *g, u64 off, int size, u64 *val)
{
	if (off == GICR_TYPER || off == GICR_TYPER + 4) {
		*val = TYPER_VALUE >> (8 * (off & 4));
		return size == 8 || size == 4;
	}
	if (off == GICR_PROPBASER || off == GICR_PENDBASER)
		return size == 8 || size == 4;
	if (size != 4)
		return false;
	switch (off) {
	case GICR_CTLR:		/* RWP, UWP 0: writes complete at once */
	case GICR_STATUSR:
		return true;
	case GICR_IIDR:
		*val = GIC_IIDR;
		return true;
	case GICR_WAKER:
		*val = g->waker;
		return true;
	case GIC_PIDR2:
		*val = GIC_PIDR2_V3;
		return true;
	default:
		return off >= 0xffd0;	/* the other ID registers: 0 */
	}
}

static bool rd_write(struct vgic_dist *g, u64 off, int size, u64 val)
{
	if (off == GICR_PROPBASER || off == GICR_PENDBASER)
		return size == 8 || size == 4;
	if (size != 4)
		return false;
	switch (off) {
	case GICR_CTLR:		/* EnableLPIs: there are none */
	case GICR_STATUSR:
		return true;
	case GICR_WAKER:
		/* Asleep as soon as asked, awake as soon as asked. */
		g->waker = val & WAKER_PROCESSOR_SLEEP ?
			   WAKER_PROCESSOR_SLEEP | WAKER_CHILDREN_ASLEEP : 0;
		return true;
	default:
		return false;
	}
}

static bool sgi_read(struct vgic_dist *g, u64 off, int size, u64 *val)
{
	if (off >= GIC_IPRIORITYR && off < GIC_IPRIORITYR + 32) {
		vgic_priority_read(g, off - GIC_IPRIORITYR, size, val);
		return true;
	}
	if (size != 4)
		return false;
	if (off >= GIC_IGROUPR && off <= GIC_ICACTIVER && !(off & 0x7f))
		return vgic_bits_read(g, off, 0, val);
	switch (off) {
	case GIC_ICFGR:
		*val = 0xaaaaaaaa;	/* SGIs: edge-triggered, always */
		return true;
	case GICR_ICFGR1:
		*val = g->icfgr[1];
		return true;
	case GICR_IGRPMODR0:
	case GICR_NSACR:
		return true;
	default:
		return false;
	}
}

static bool sgi_write(struct vgic_dist *g, u64 off, int size, u64 val)
{
	if (off >= GIC_IPRIORITYR && off < GIC_IPRIORITYR + 32) {
		vgic_priority_write(g, off - GIC_IPRIORITYR, size, val);
		return true;
	}
	if (size != 4)
		return false;
	if (off >= GIC_IGROUPR && off <= GIC_ICACTIVER && !(off & 0x7f))
		return vgic_bits_write(g, off, 0, val);
	switch (off) {
	case GIC_ICFGR:
	case GICR_IGRPMODR0:
	case GICR_NSACR:
		return true;
	case GICR_ICFGR1:
		g->icfgr[1] = (u32)val & 0xaaaaaaaa;
		return true;
	default:
		return false;
	}
}

static bool gicr_read(struct mmio_device *d, u64 off, int size, u64 *val)
{
	*val = 0;
	return off < SGI_BASE ? rd_read(d->state, off, size, val) :
				sgi_read(d->state, off - SGI_BASE, size, val);
}

static bool gicr_write(struct mmio_device *d, u64 off, int size, u64 val)
{
	return off < SGI_BASE ? rd_write(d->state, off, size, val) :
				sgi_write(d->state, off - SGI_BASE, size, val);
}

/* As a CPU comes out of reset: its redistributor asleep. */
void vgicr_reset(struct vgic_dist *g)
{
	g->waker = WAKER_PROCESSOR_SLEEP | WAKER_CHILDREN_ASLEEP;
}

void vgicr_init(struct vgic_dist *g, struct vm *vm)
{
	vgicr_reset(g);
	mmio_add(&g->gicr, "vgicr", vm, VGICR_BASE, GICR_SIZE, gicr_read,
		 gicr_write, g);
	count_exits(&g->gicr);
}
