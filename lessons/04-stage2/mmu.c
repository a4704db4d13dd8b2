/*
 * mmu.c: turn on the MMU for the hypervisor itself (the EL2 stage-1
 * translation regime), with an identity map: every virtual address is the
 * physical address with the same number.
 *
 * Why bother, if the map changes no address? Because with the MMU off every
 * data access is Device memory: never cached, never merged, and faulting
 * when unaligned. The map's attributes make RAM Normal, cacheable memory
 * and keep the devices Device-nGnRE.
 *
 * The map holds what exists and what EL2 uses, nothing more: a CPU may
 * read Normal memory speculatively, and a speculative access into a hole
 * of the address map can end in an SError on a real board. So: the three
 * devices the hypervisor touches, and the RAM the board has (platform.h).
 * Secure RAM, where EL3's monitor lives, is not in it (lesson 01). And no
 * memory is both writable and executable: the hypervisor's text is
 * read-only, everything else, guest RAM included, is execute-never.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "platform.h"
#include "cache.h"
#include "print.h"
#include "mmu.h"

/* common/hyp.ld: the image's parts, each starting on a page. */
extern char __image_start[], __rodata_start[], __data_start[], __image_end[];

#define DEVICE		(PTE_ATTRINDX(0) | PTE_AP1 | PTE_XN)
#define RAM_RW		(PTE_ATTRINDX(1) | PTE_AP1 | PTE_SH_INNER | PTE_XN)
#define RAM_RO		(PTE_ATTRINDX(1) | PTE_AP1 | PTE_SH_INNER | PTE_AP_RO | PTE_XN)
#define TEXT		(PTE_ATTRINDX(1) | PTE_AP1 | PTE_SH_INNER | PTE_AP_RO)

struct pgtable el2_map;

/*
 * How much RAM the machine has: platform.h's RAM_SIZE, which is QEMU's
 * -m 128M. A lesson that runs QEMU with more (QEMU_MEMORY in its Makefile)
 * says so by defining this function again: it is __weak.
 */
__weak u64 platform_ram_size(void)
{
	return RAM_SIZE;
}

static void map(u64 start, u64 end, u64 attrs)
{
	pt_map(&el2_map, start, start, end - start, attrs);
}

void mmu_init(void)
{
	u64 text = (u64)__image_start, rodata = (u64)__rodata_start;
	u64 data = (u64)__data_start;

	pt_init(&el2_map, 1);
	map(GICD_BASE, GICD_BASE + GICD_SIZE, DEVICE);
	map(GICR_BASE, GICR_BASE + GICR_SIZE, DEVICE);
	map(UART0_BASE, UART0_BASE + UART0_SIZE, DEVICE);
	map(RAM_BASE, text, RAM_RW);		/* the device tree, below us */
	map(text, rodata, TEXT);		/* our code: RO, executable */
	map(rodata, data, RAM_RO);		/* constants, guest images */
	map(data, RAM_BASE + platform_ram_size(), RAM_RW); /* data, stacks, guests */

	/*
	 * Configure MAIR_EL2: the memory types a descriptor's AttrIndx picks
	 *
	 * 15:08 Attr1 xff Normal, inner and outer write-back, read- and
	 *                 write-allocate: RAM
	 * 07:00 Attr0 x04 Device-nGnRE: no gathering, no reordering, early
	 *                 write acknowledgement allowed: devices
	 */
	write_sysreg(mair_el2, MAIR_ATTR(0, MAIR_DEVICE_nGnRE) |
			       MAIR_ATTR(1, MAIR_NORMAL_WB));

	/*
	 * Configure TCR_EL2 (non-VHE: one range, TTBR0_EL2)
	 *
	 * 31:31 RES1  x1  reserved
	 * 23:23 RES1  x1  reserved
	 * 18:16 PS    x0  physical addresses are 32 bits (4 GiB)
	 * 15:14 TG0   x0  4 KiB granule
	 * 13:12 SH0   x3  table walks are inner shareable
	 * 11:10 ORGN0 x1  table walks: outer write-back, write-allocate
	 * 09:08 IRGN0 x1  table walks: inner write-back, write-allocate
	 * 05:00 T0SZ  x20 virtual addresses are 64 - 32 = 32 bits, so a walk
	 *                 starts at level 1
	 */
	write_sysreg(tcr_el2, TCR_EL2_RES1 | TCR_EL2_PS_32BIT | TCR_TG0_4K |
			      TCR_SH0_INNER | TCR_ORGN0_WBWA | TCR_IRGN0_WBWA |
			      TCR_T0SZ(64 - PT_ADDR_BITS));

	/*
	 * Configure TTBR0_EL2
	 *
	 * 47:01 BADDR x? the level-1 table's physical address (the map is
	 *                an identity map, so its pointer is that address)
	 * 00:00 CnP   x0 translations not shared with other CPUs
	 */
	write_sysreg(ttbr0_el2, el2_map.root);

	/* No stale translations from before may survive. */
	asm volatile("dsb ish; tlbi alle2; dsb ish; isb" ::: "memory");

	/*
	 * Everything so far (.bss, the stack, these tables) was written with
	 * the caches off, straight to memory. Once they are on, a read may be
	 * served from the cache instead, and a line left there by whatever
	 * ran before us (a boot loader, an earlier run) would be stale.
	 * Invalidate the image's lines (dc ivac: invalidate without writing
	 * back, so no stale dirty line lands on what we wrote), and the
	 * instruction cache before it is switched on (ic iallu).
	 */
	dcache_inval_range((u64)__image_start,
			   (u64)__image_end - (u64)__image_start);
	icache_invalidate_local();

	/*
	 * Configure SCTLR_EL2
	 *
	 * 29:28 RES1  x3  reserved
	 * 23:22 RES1  x3  reserved
	 * 19:19 WXN   x0  writable memory is not forced execute-never (the
	 *                 map makes nothing both writable and executable)
	 * 18:18 RES1  x1  reserved
	 * 16:16 RES1  x1  reserved
	 * 12:12 I     x1  instruction fetches cacheable
	 * 11:11 RES1  x1  reserved
	 * 05:04 RES1  x3  reserved
	 * 02:02 C     x1  data accesses cacheable
	 * 00:00 M     x1  stage-1 MMU on
	 */
	write_sysreg(sctlr_el2, SCTLR_EL2_RES1 | SCTLR_I | SCTLR_C | SCTLR_M);
	isb();
}
