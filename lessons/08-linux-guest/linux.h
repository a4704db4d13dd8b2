/*
 * linux.h: the Linux guest of lesson 08: where its memory is, where the
 * kernel, its initramfs and its device tree go, and what boots it.
 *
 *   IPA (what Linux sees)       PA (where it really is)
 *   0x40000000  device tree     0x48000000   written by the hypervisor
 *   0x40200000  the kernel      0x48200000   loaded there by QEMU (-device
 *                                            loader: the lesson's Makefile
 *                                            reads LINUX_KERNEL_PA here)
 *   0x44000000  the initramfs   0x4c000000   copied from the hypervisor's
 *                                            image
 *   0x47ffffff  end of its RAM  0x4fffffff   (the machine has 256 MiB)
 */
#ifndef LINUX_H
#define LINUX_H

#include "types.h"
#include "platform.h"
#include "mmio.h"
#include "vcpu.h"

#define LINUX_RAM_IPA		0x40000000UL
#define LINUX_RAM_SIZE		0x08000000UL	/* 128 MiB: 64 boots, 48 does not */
#define LINUX_RAM_PA		0x48000000UL
#define LINUX_DTB_OFFSET	0x00000000UL	/* from the start of its RAM */
#define LINUX_KERNEL_OFFSET	0x00200000UL	/* 2 MiB aligned, + text_offset 0 */
#define LINUX_INITRD_OFFSET	0x04000000UL
#define LINUX_KERNEL_PA		0x48200000	/* LINUX_RAM_PA + LINUX_KERNEL_OFFSET */

_Static_assert(LINUX_KERNEL_PA == LINUX_RAM_PA + LINUX_KERNEL_OFFSET,
	       "LINUX_KERNEL_PA");

/*
 * The Image as it was loaded, for a restart (PSCI SYSTEM_RESET): in RAM no
 * guest has in its map, after the counter's 2 MiB and before Linux's.
 */
#define LINUX_PRISTINE_PA	0x42400000UL
#define LINUX_PRISTINE_SIZE	(LINUX_RAM_PA - LINUX_PRISTINE_PA)

/*
 * Make v a Linux guest: check the Image QEMU loaded, give it its RAM,
 * copy the initramfs, write its device tree, and point its first
 * instruction at the kernel with x0 = the tree. A kernel that is not an
 * arm64 Image stops the hypervisor with one line saying why.
 */
void linux_init(struct vcpu *v, const char *name, u64 vmid);
extern struct vcpu *linux_vcpu;		/* that guest (linux_init) */

/*
 * Put the Image back as it was loaded, the initramfs, and a device tree
 * with bootargs (linux.c), to restart the guest (restart.c).
 */
void linux_reload(const char *bootargs);
void restart_init(struct vcpu *v);

/*
 * The virtual GICv3 distributor and redistributor (vgicd.c, vgicr.c), at
 * the addresses of the machine's own (platform.h), as a guest expects.
 */
#define VGICD_BASE	GICD_BASE
#define VGICR_BASE	GICR_BASE
void vgic_dist_init(struct vm *vm);
void vgic_dist_reset(void);		/* as it came out of reset */

/*
 * Linux's pending interrupts into its list registers (pending.c): after
 * anything that may change what its GIC forwards; an edge (vgic_pend), a
 * level line (vgic_set_level); the maintenance interrupt; a restart.
 */
void vgic_update(void);
void vgic_pend(u32 intid);
void vgic_set_level(u32 intid, bool high);
void vgic_maintenance(void);
void vgic_pending_reset(void);

/*
 * Linux's console receives (vuart.c): what is typed at QEMU's console, by
 * the UART's interrupt. interactive: its output goes out as it comes,
 * without a tag (make run LESSON=08 SH=1).
 */
void vuart_init(struct vcpu *v, bool interactive);
/* Was the kernel's command line built with SH=1 ("stepvisor.shell")? */
bool linux_interactive(void);

/* Count a device's exits (exits.c); printed after the table. */
void count_exits(struct mmio_device *d);

/* The guest's device tree (dt.c): written at dtb, its size returned. */
u32 linux_dt_write(void *dtb, u32 room, u64 initrd_ipa, u64 initrd_size,
		   const char *bootargs);

#endif
