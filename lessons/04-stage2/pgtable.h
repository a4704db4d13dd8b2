/*
 * pgtable.h: translation tables with the 4 KiB granule, for the EL2
 * stage-1 map and for every guest's stage-2 map: the two formats differ
 * only in their attribute bits, so one mapper and one walker serve both.
 *
 * The kit's address spaces are 32 bits (4 GiB, which covers all of the virt
 * machine's devices and its first 3 GiB of RAM), so a walk starts at
 * level 1 and has three levels:
 *
 *   address bits  [31:30]   [29:21]   [20:12]   [11:0]
 *                 level 1   level 2   level 3   offset in the page
 *   one entry     1 GiB     2 MiB     4 KiB
 */
#ifndef PGTABLE_H
#define PGTABLE_H

#include "types.h"

#define PT_ENTRIES		512
#define PT_START_LEVEL		1
#define PT_ADDR_BITS		32
#define PT_SHIFT(level)		(12 + 9 * (3 - (level)))	/* 30, 21, 12 */
#define PT_SIZE(level)		(1UL << PT_SHIFT(level))
#define PT_INDEX(a, level)	(((a) >> PT_SHIFT(level)) & (PT_ENTRIES - 1))

struct pgtable {
	u64 *root;		/* the level-1 table; its address goes in a TTBR */
	int stage;		/* 1 (EL2's own map) or 2 (a guest's map) */
};

void pt_init(struct pgtable *pt, int stage);

/*
 * Map [va, va + size) to [pa, pa + size) with the attribute bits attrs,
 * using the largest blocks the alignment allows (1 GiB, 2 MiB, 4 KiB).
 * All three must be 4 KiB aligned.
 */
void pt_map(struct pgtable *pt, u64 va, u64 pa, u64 size, u64 attrs);

/* Print the tables as a tree, runs of like entries on one line. */
void pt_dump(const struct pgtable *pt);

#endif
