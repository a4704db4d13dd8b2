/*
 * vm.c: stage-2 translation: what the guest calls physical memory
 * (intermediate physical addresses, IPAs) is translated once more, by
 * tables the hypervisor owns, into real physical addresses (PAs).
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "string.h"
#include "cache.h"
#include "print.h"
#include "trap.h"
#include "vm.h"

struct vm *current_vm;

/* lab: README "stage2_init: VTCR_EL2" */
void stage2_init(void)
{
	/*
	 * Configure VTCR_EL2: the shape of the stage-2 tables
	 *
	 * 31:31 RES1  x1  reserved
	 * 19:19 VS    x0  8-bit VMIDs
	 * 18:16 PS    x0  physical (output) addresses are 32 bits
	 * 15:14 TG0   x0  4 KiB granule, as for EL2's own map
	 * 13:12 SH0   x3  table walks are inner shareable
	 * 11:10 ORGN0 x1  table walks: outer write-back, write-allocate
	 * 09:08 IRGN0 x1  table walks: inner write-back, write-allocate
	 * 07:06 SL0   x1  with 4 KiB granule: the walk starts at level 1
	 * 05:00 T0SZ  x20 IPAs are 64 - 32 = 32 bits: 4 GiB, the part of the
	 *                 address map where the virt machine puts devices and
	 *                 the start of RAM; 3 levels, 4 level-1 entries
	 */
	write_sysreg(vtcr_el2, VTCR_EL2_RES1 | VTCR_EL2_PS_32BIT |
			       VTCR_EL2_TG0_4K | VTCR_EL2_SH0_INNER |
			       VTCR_EL2_ORGN0_WBWA | VTCR_EL2_IRGN0_WBWA |
			       VTCR_EL2_SL0_L1 | VTCR_EL2_T0SZ(64 - PT_ADDR_BITS));
	isb();
}
/* end of lab */

void vm_init(struct vm *vm, const char *name, u64 vmid, const u8 *image,
	     const u8 *image_end, u64 ram_ipa, u64 ram_pa, u64 ram_size)
{
	vm->name = name;
	vm->vmid = vmid;
	vm->image = image;
	vm->image_end = image_end;
	vm->ram_ipa = ram_ipa;
	vm->ram_pa = ram_pa;
	vm->ram_size = ram_size;
	pt_init(&vm->s2, 2);
	vm_map(vm, ram_ipa, ram_pa, ram_size,
	       S2_MEMATTR_NORMAL_WB | S2AP_RW | PTE_SH_INNER);
}

void vm_map(struct vm *vm, u64 ipa, u64 pa, u64 size, u64 attrs)
{
	pt_map(&vm->s2, ipa, pa, size, attrs);
	vm->tables_changed = true;
}

void vm_load(struct vm *vm)
{
	u64 size = vm->image_end - vm->image;

	if (size > vm->ram_size)
		panic("%s: image of %lu bytes does not fit its RAM", vm->name, size);
	memset((void *)vm->ram_pa, 0, vm->ram_size);
	memcpy((void *)vm->ram_pa, vm->image, size);
	/*
	 * We wrote through the cache; the guest, with its MMU off, reads and
	 * writes around it. Push the bytes to memory, and drop our copies
	 * (clean and invalidate): a line we kept would hide what the guest
	 * writes there from us. Then drop stale instructions.
	 */
	dcache_clean_inval_range(vm->ram_pa, vm->ram_size);
	icache_invalidate_all();
}

/* lab: README "vm_activate: VTTBR_EL2, the VMID, and the TLB" */
void vm_activate(struct vm *vm)
{
	/*
	 * Configure VTTBR_EL2
	 *
	 * 55:48 VMID  xN  the guest's VMID: TLB entries are tagged with it, so
	 *                 guests never see each other's translations
	 * 47:01 BADDR x?  the physical address of its level-1 table
	 * 00:00 CnP   x0  translations not shared with other CPUs
	 */
	write_sysreg(vttbr_el2, (vm->vmid << VTTBR_VMID_SHIFT) | (u64)vm->s2.root);
	isb();
	/*
	 * TLB entries are tagged with the VMID, so switching guests needs no
	 * flush; only a change to this guest's tables makes its cached
	 * translations stale. Drop them then (TLBI applies to the VMID in
	 * VTTBR_EL2, which is why it comes after the write).
	 */
	if (vm->tables_changed) {
		asm volatile("tlbi vmalls12e1is; dsb ish; isb" ::: "memory");
		vm->tables_changed = false;
	}
	current_vm = vm;
}
/* end of lab */

void vm_run(struct vm *vm, u64 arg)
{
	vm_load(vm);
	/*
	 * A run is a new machine: nothing the last run of this VMID left in
	 * the TLB (its own stage-1 translations, cached with the VMID's tag)
	 * may survive into it. vm_activate() flushes the VMID.
	 */
	vm->tables_changed = true;
	vm_activate(vm);
	guest_start(vm->ram_ipa, 0, arg);
}

__weak bool mmio_emulate(struct vm *vm, struct frame *f, u64 ipa, u64 esr)
{
	(void)vm; (void)f; (void)ipa; (void)esr;
	return false;
}
