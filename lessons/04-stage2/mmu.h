/* mmu.h: the hypervisor's own address space (lessons/04-stage2/mmu.c). */
#ifndef MMU_H
#define MMU_H

#include "pgtable.h"

/* Build the EL2 identity map and turn the EL2 MMU and caches on. */
void mmu_init(void);

extern struct pgtable el2_map;

#endif
