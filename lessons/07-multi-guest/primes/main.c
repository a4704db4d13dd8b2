/*
 * primes: a guest that computes, and checks what it computed: the number
 * of primes below 500000, 1000000, 1500000 and 2000000, by a sieve of
 * Eratosthenes (one bit per number), against the known values of the
 * prime-counting function. Tens of millions of instructions, a handful of
 * lines of output: the kind of guest whose time a hypervisor must not eat.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "guest.h"

#define LIMIT		2000000
#define SEGMENTS	4

/* pi(x) for x = 500000, 1000000, 1500000, 2000000. */
static const u32 known[SEGMENTS] = { 41538, 78498, 114155, 148933 };

static u8 composite[LIMIT / 8];		/* .bss: zeroed by start.S */

/*
 * Unlike the other guests, primes runs with its own stage-1 translation
 * on, as a real kernel does: one level-1 table, VA = IPA, two 1 GiB
 * blocks. So its SCTLR_EL1, TTBR0_EL1, TCR_EL1 and MAIR_EL1 differ from
 * every other guest's, and a world switch that forgot one of them would
 * run primes (or the next guest) through the wrong translation.
 */
static u64 l1_table[512] __attribute__((aligned(4096)));

/*
 * Its RAM a second time, at VA 0x80000000, and its exception vectors taken
 * through that alias: so its VBAR_EL1 differs from every other guest's too
 * (their runtimes' vectors all lie at the same IPA). A switch that forgot
 * VBAR_EL1 would send another guest's next interrupt to 0x8000xxxx, an
 * address it does not have.
 */
#define ALIAS_VA	0x80000000UL
extern char guest_vectors[];		/* common/guest/vectors.S */

static u64 mair(void)
{
	return MAIR_ATTR(0, MAIR_DEVICE_nGnRE) | MAIR_ATTR(1, MAIR_NORMAL_WB);
}

static u64 tcr(void)
{
	return TCR_T0SZ(32) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA |
	       TCR_SH0_INNER | TCR_TG0_4K | TCR_EL1_EPD1 | TCR_EL1_IPS_32BIT;
}

static void mmu_on(void)
{
	/* IPA 0-1 GiB: the devices; 1-2 GiB: RAM (this guest's 2 MiB in it). */
	l1_table[0] = 0x00000000UL | PTE_VALID | PTE_ATTRINDX(0) | PTE_AF |
		      PTE_PXN | PTE_XN;
	l1_table[1] = 0x40000000UL | PTE_VALID | PTE_ATTRINDX(1) | PTE_AF |
		      PTE_SH_INNER;
	l1_table[ALIAS_VA >> 30] = l1_table[1];	/* the same RAM again */
	asm volatile("dsb ishst" ::: "memory");	/* tables before walks */
	/*
	 * Configure MAIR_EL1: the memory types AttrIndx picks
	 *
	 * 15:08 Attr1 xff Normal, write-back, read/write-allocate
	 * 07:00 Attr0 x04 Device-nGnRE
	 */
	write_sysreg(mair_el1, mair());
	/*
	 * Configure TCR_EL1
	 *
	 * 34:32 IPS   x0  32-bit intermediate physical addresses
	 * 23:23 EPD1  x1  no TTBR1_EL1 walks: this guest has no upper half
	 * 15:14 TG0   x0  4 KiB granule
	 * 13:12 SH0   x3  table walks inner shareable
	 * 11:10 ORGN0 x1  walks outer write-back
	 * 09:08 IRGN0 x1  walks inner write-back
	 * 05:00 T0SZ  x20 32: a 4 GiB VA space, walks start at level 1
	 */
	write_sysreg(tcr_el1, tcr());
	write_sysreg(ttbr0_el1, l1_table);
	isb();
	asm volatile("tlbi vmalle1; dsb nsh; isb" ::: "memory");
	/*
	 * Configure SCTLR_EL1 (the other fields as the hypervisor set them)
	 *
	 * 12:12 I     x1 instruction caching
	 * 02:02 C     x1 data caching
	 * 00:00 M     x1 stage-1 MMU on
	 */
	write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) | SCTLR_I | SCTLR_C | SCTLR_M);
	isb();
	write_sysreg(vbar_el1, (u64)guest_vectors - 0x40000000UL + ALIAS_VA);
	isb();
}

/* Is the translation still the one mmu_on() made? */
static bool mmu_still_mine(void)
{
	return (read_sysreg(sctlr_el1) & SCTLR_M) &&
	       read_sysreg(vbar_el1) == (u64)guest_vectors - 0x40000000UL + ALIAS_VA &&
	       read_sysreg(ttbr0_el1) == (u64)l1_table &&
	       read_sysreg(tcr_el1) == tcr() && read_sysreg(mair_el1) == mair();
}

static bool is_composite(u32 n) { return composite[n >> 3] & (1 << (n & 7)); }
static void mark(u32 n) { composite[n >> 3] |= 1 << (n & 7); }

int guest_main(u64 arg)
{
	u32 count = 0, bad = 0;

	(void)arg;
	/*
	 * Its interrupt controller and interrupts on, as in any kernel. None
	 * is meant for this guest: one that arrived (another guest's, left in
	 * a list register) would end it, through the runtime's default
	 * guest_irq().
	 */
	mmu_on();
	gic_cpu_init();
	asm volatile("msr daifclr, #2" ::: "memory");
	printf("hello: counting primes below %d, with my MMU on (my own "
	       "tables, VA = IPA) and my vectors at VA 0x%lx and up\n", LIMIT,
	       ALIAS_VA);
	for (u32 i = 2; (u64)i * i < LIMIT; i++)
		if (!is_composite(i))
			for (u32 j = i * i; j < LIMIT; j += i)
				mark(j);
	for (int s = 0; s < SEGMENTS; s++) {
		u32 lo = s * (LIMIT / SEGMENTS), hi = lo + LIMIT / SEGMENTS;

		for (u32 n = lo < 2 ? 2 : lo; n < hi; n++)
			count += !is_composite(n);
		printf("primes below %7u: %6u (known: %6u) %s\n", hi, count,
		       known[s], count == known[s] ? "ok" : "WRONG");
		bad += count != known[s];
	}
	printf("my MMU, tables, memory types and vectors after %s: %s\n",
	       "all those world switches",
	       mmu_still_mine() ? "still mine" : "NOT mine");
	printf("%s; goodbye\n", bad ? "some counts are wrong" : "all counts right");
	return bad;
}
