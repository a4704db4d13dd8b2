/*
 * vgic.h: the guest's virtual interrupts, through the GICv3 virtual CPU
 * interface (lessons/06-virtual-interrupts/vgic.c).
 */
#ifndef VGIC_H
#define VGIC_H

#include "types.h"

/* Switch the virtual CPU interface on (ICH_HCR_EL2.En). */
void vgic_init(void);

/*
 * Make vintid pending for the guest. With hw, the virtual interrupt is
 * tied to physical interrupt vintid: the guest's EOI deactivates it.
 */
void vgic_inject(u32 vintid, bool hw);

/* Count list registers the guest has finished with, and free them. */
void vgic_sweep(void);

/* ICH_LR<n>_EL2, n < nr_lrs (ICH_VTR_EL2.ListRegs + 1, at most 16). */
u64 vgic_read_lr(u32 n);
void vgic_write_lr(u32 n, u64 v);
extern u32 nr_lrs;

/* Every list register the CPU has, to lr[0..nr_lrs) and back. */
void vgic_save_lrs(u64 *lr);
void vgic_restore_lrs(const u64 *lr);

/* ICH_VMCR_EL2 for a virtual CPU interface that has just been reset. */
u64 vgic_vmcr_reset(void);

extern u64 vgic_injected, vgic_completed;
extern u32 vgic_in_use;		/* bit n: ICH_LR<n>_EL2 holds an injected interrupt */

#endif
