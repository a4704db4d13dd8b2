/*
 * remap.c: the hypervisor moves a page of a running guest.
 *
 * The IPA -> PA map is the hypervisor's, and it may change it under a
 * guest that runs: to gather free memory into one piece, to move a guest
 * off failing RAM, to share or swap pages. The guest must not notice. What
 * makes that hard is the TLB: the CPU has cached the guest's translations
 * (stage 2 alone, and stage 1 and 2 combined: VA -> PA), and a cached one
 * goes on being used after the table entry changes, until a TLB
 * invalidation drops it. So every change to a live entry is
 * break-before-make:
 *
 *   1. write the entry invalid                        (the break)
 *   2. dsb ishst          the write is visible to every table walker
 *   3. tlbi ipas2e1is     drop stage-2 entries for the IPA (this VMID)
 *   4. dsb ish
 *   5. tlbi vmalle1is     drop the combined entries: they do not say which
 *                         IPA they came through, so all of this VMID's go
 *   6. dsb ish; isb
 *   7. write the new entry; dsb ishst                 (the make)
 *
 * (Break first, because two valid translations of one address at once, the
 * old cached and the new, are not allowed to coexist: the architecture
 * gives no guarantee which one the CPU then uses.)
 *
 * Lesson 07 does it once, when one guest is left (move_last_guest_page is
 * set by main.c): the page the guest is running in moves into the RAM of
 * a guest that has ended, and the old page is scrubbed. The guest goes on
 * as if nothing happened. Without steps 3-6 it would go on through its
 * stale translations, into the scrubbed page.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "string.h"
#include "cache.h"
#include "print.h"
#include "sched.h"

bool move_last_guest_page;

/* The stage-2 entry at level 2 for ipa (the walk starts at level 1). */
static u64 *level2_entry(struct vm *vm, u64 ipa)
{
	u64 l1 = vm->s2.root[PT_INDEX(ipa, 1)];

	if ((l1 & PTE_TYPE_MASK) != (PTE_TABLE | PTE_VALID))
		return NULL;
	return &((u64 *)(l1 & PTE_ADDR_MASK))[PT_INDEX(ipa, 2)];
}

/*
 * The 2 MiB block that maps ipa becomes a level-3 table of 512 pages with
 * the same attributes, the same PAs but one: ipa's page goes to new_pa.
 * Returns the old PA of that page, or 0 if ipa is not in a 2 MiB block.
 */
static u64 move_page(struct vm *vm, u64 ipa, u64 new_pa)
{
	static u64 pages[PT_ENTRIES] __attribute__((aligned(4096)));
	u64 *l2 = level2_entry(vm, ipa), block, attrs, old_pa;

	if (!l2 || (*l2 & PTE_TYPE_MASK) != PTE_VALID)
		return 0;			/* not a block: not this lesson's */
	block = *l2 & PTE_ADDR_MASK;
	attrs = *l2 & ~(PTE_ADDR_MASK | PTE_TYPE_MASK);
	for (u64 i = 0; i < PT_ENTRIES; i++)
		pages[i] = (block + i * PT_SIZE(3)) | attrs | PTE_PAGE | PTE_VALID;
	old_pa = block + (ipa & (PT_SIZE(2) - 1) & ~(PT_SIZE(3) - 1));
	pages[PT_INDEX(ipa, 3)] = new_pa | attrs | PTE_PAGE | PTE_VALID;

	/* The guest does not run meanwhile: copy, and push it to memory. */
	memcpy((void *)new_pa, (void *)old_pa, PT_SIZE(3));
	dcache_clean_inval_range(new_pa, PT_SIZE(3));
	asm volatile("dsb ishst" ::: "memory");	/* the new table too */

	*l2 = 0;				/* break */
	asm volatile("dsb ishst" ::: "memory");
	asm volatile("tlbi ipas2e1is, %0; dsb ish" :: "r"((ipa & ~(PT_SIZE(2) - 1)) >> 12) : "memory");
	asm volatile("tlbi vmalle1is; dsb ish; isb" ::: "memory");
	*l2 = (u64)pages | PTE_TABLE | PTE_VALID;	/* make */
	asm volatile("dsb ishst; isb" ::: "memory");

	/* The old page is free: nothing of the guest may stay in it. */
	memset((void *)old_pa, 0, PT_SIZE(3));
	dcache_clean_inval_range(old_pa, PT_SIZE(3));
	icache_invalidate_all();
	return old_pa;
}

/* From hyp_tick(): f is the one guest left, and this its first tick alone. */
void move_running_page(struct frame *f)
{
	struct vcpu *freed = NULL;
	u64 ipa, old_pa;

	for (int i = 0; i < nr_vcpus && !freed; i++)
		if (vcpus[i]->state == VCPU_DONE)
			freed = vcpus[i];
	if (!freed || !far_to_ipa(f->elr, &ipa))
		return;
	old_pa = move_page(&current->vm, ipa, freed->vm.ram_pa);
	if (old_pa)
		printf("hypervisor: 1 guest left: its running page moves to PA "
		       "0x%08lx (%s's), the old one scrubbed\n",
		       freed->vm.ram_pa, freed->vm.name);
}
