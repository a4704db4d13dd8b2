/*
 * Cache maintenance. QEMU does not model caches, so nothing here changes
 * what a lesson prints; real hardware needs every line of it.
 */
#ifndef CACHE_H
#define CACHE_H

#include "types.h"

/*
 * Clean [start, start + size) to the Point of Coherency, so that an
 * observer that does not use the cache (a guest running with its MMU off,
 * whose accesses are therefore Non-cacheable) sees what we wrote.
 */
static inline void dcache_clean_range(u64 start, u64 size)
{
	u64 ctr, line;

	asm volatile("mrs %0, ctr_el0" : "=r"(ctr));
	line = 4UL << ((ctr >> 16) & 0xf);	/* CTR_EL0.DminLine: log2 words */
	for (u64 a = start & ~(line - 1); a < start + size; a += line)
		asm volatile("dc cvac, %0" : : "r"(a) : "memory");
	asm volatile("dsb sy" ::: "memory");
}

/* Invalidate all instruction caches to the Point of Unification. */
static inline void icache_invalidate_all(void)
{
	asm volatile("ic ialluis; dsb ish; isb" ::: "memory");
}

#endif
