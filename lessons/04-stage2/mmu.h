/* mmu.h: the hypervisor's own address space (lessons/04-stage2/mmu.c). */
#ifndef MMU_H
#define MMU_H

#include "pgtable.h"

/* Build the EL2 identity map and turn the EL2 MMU and caches on. */
void mmu_init(void);

extern struct pgtable el2_map;

/* The machine's RAM, from RAM_BASE; __weak: a lesson with more says so. */
u64 platform_ram_size(void);

#endif
