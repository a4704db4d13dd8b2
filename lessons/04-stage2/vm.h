/*
 * vm.h: a guest's memory: its stage-2 tables, its VMID, the RAM that
 * backs it, and the program that is loaded into that RAM.
 */
#ifndef VM_H
#define VM_H

#include "types.h"
#include "frame.h"
#include "pgtable.h"

struct vm {
	const char *name;
	u64 vmid;			/* tags its TLB entries: 1..255 */
	struct pgtable s2;		/* IPA -> PA */
	u64 ram_ipa, ram_pa, ram_size;	/* its RAM, as it sees it and really */
	const u8 *image, *image_end;	/* the program, embedded in our image */
	bool tables_changed;		/* since its TLB entries were dropped */
};

/*
 * Where every guest program believes its RAM is (the IPA it is linked at,
 * common/guest/guest.ld says the same) and how much it gets, and where the
 * hypervisor finds real RAM for guests: from GUEST_RAM_PA, 2 MiB each.
 */
#define GUEST_RAM_IPA	0x40000000UL
#define GUEST_RAM_SIZE	0x00200000UL
#define GUEST_RAM_PA	0x42000000UL

/* The embedded guest programs (common/build.mk makes these symbols). */
#define GUEST_IMAGE(name)	guest_image_##name
#define GUEST_IMAGE_END(name)	guest_image_##name##_end

/* Set VTCR_EL2: the shape of every guest's stage-2 tables. Once, at boot. */
void stage2_init(void);

/* A guest with RAM at ram_ipa, backed by ram_pa: Normal memory, RW, X. */
void vm_init(struct vm *vm, const char *name, u64 vmid, const u8 *image,
	     const u8 *image_end, u64 ram_ipa, u64 ram_pa, u64 ram_size);

/* Map more of the guest's world: attrs are S2AP_*, S2_XN, S2_MEMATTR_*. */
void vm_map(struct vm *vm, u64 ipa, u64 pa, u64 size, u64 attrs);

/* (Re)load the program into fresh RAM: zero it, copy the image. */
void vm_load(struct vm *vm);

/* Make vm the guest that runs: VTTBR_EL2 = its VMID and tables. */
void vm_activate(struct vm *vm);

/*
 * Run vm from the start: fresh RAM, its tables active, enter its first
 * instruction (at ram_ipa) with x0 = arg. Does not return.
 */
void vm_run(struct vm *vm, u64 arg) __noreturn;

/* The guest that runs now (vm_activate sets it). */
extern struct vm *current_vm;

/* The IPA of a guest's virtual address, through its stage 1 (s2fault.c). */
bool far_to_ipa(u64 far, u64 *ipa);

/*
 * Lesson 05 brings device emulation: a stage-2 fault on an address that a
 * virtual device claims is an access to emulate, not a fault. Until then
 * no address is a device: the default returns false (it is __weak).
 */
bool mmio_emulate(struct vm *vm, struct frame *f, u64 ipa, u64 esr);

#endif
