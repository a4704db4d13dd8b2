/*
 * Cache maintenance. QEMU does not model caches, so nothing here changes
 * what a lesson prints; real hardware needs every line of it.
 *
 * By virtual address, one cache line at a time, to the Point of Coherency
 * (where every observer, cached or not, sees the same memory):
 *   dc ivac   invalidate: drop the line, dirty or not, without writing it
 *   dc civac  clean and invalidate: write it back if dirty, then drop it
 */
#ifndef CACHE_H
#define CACHE_H

#include "types.h"

/* The smallest data cache line: CTR_EL0.DminLine, log2 of 4-byte words. */
static inline u64 dcache_line(void)
{
	u64 ctr;

	asm volatile("mrs %0, ctr_el0" : "=r"(ctr));
	return 4UL << ((ctr >> 16) & 0xf);
}

/*
 * Clean and invalidate [start, start + size): what we wrote through the
 * cache reaches memory, where an observer that does not use the cache (a
 * guest with its MMU off, whose accesses are Non-cacheable) reads it; and
 * no copy stays in our cache, so that once that observer writes there, we
 * read what it wrote, not our old line.
 */
static inline void dcache_clean_inval_range(u64 start, u64 size)
{
	u64 line = dcache_line();

	for (u64 a = start & ~(line - 1); a < start + size; a += line)
		asm volatile("dc civac, %0" : : "r"(a) : "memory");
	asm volatile("dsb sy" ::: "memory");
}

/*
 * Invalidate [start, start + size): for memory written with the caches
 * off, so that a line cached before cannot hide what memory now holds.
 * start and size must be whole lines: a line only partly in the range
 * would lose its neighbours' dirty bytes too.
 */
static inline void dcache_inval_range(u64 start, u64 size)
{
	u64 line = dcache_line();

	for (u64 a = start; a < start + size; a += line)
		asm volatile("dc ivac, %0" : : "r"(a) : "memory");
	asm volatile("dsb sy" ::: "memory");
}

/* Invalidate all instruction caches to the Point of Unification. */
static inline void icache_invalidate_all(void)
{
	asm volatile("ic ialluis; dsb ish; isb" ::: "memory");
}

/* The same, this CPU's only: before it turns its own I-cache on. */
static inline void icache_invalidate_local(void)
{
	asm volatile("ic iallu; dsb nsh; isb" ::: "memory");
}

#endif
