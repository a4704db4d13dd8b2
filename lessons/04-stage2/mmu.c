/*
 * mmu.c: turn on the MMU for the hypervisor itself (the EL2 stage-1
 * translation regime), with an identity map: every virtual address is the
 * physical address with the same number.
 *
 * Why bother, if the map changes no address? Because with the MMU off every
 * data access is Device memory: never cached, never merged, and faulting
 * when unaligned. The map's attributes make RAM Normal, cacheable memory
 * and keep the devices Device-nGnRE.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "mmu.h"

#define DEVICE_BASE	0x00000000UL	/* flash, GIC, UART, GPIO, ... */
#define RAM_BASE	0x40000000UL
#define GIB		0x40000000UL

struct pgtable el2_map;

void mmu_init(void)
{
	pt_init(&el2_map, 1);
	/* Two 1 GiB blocks: all devices, then the first GiB of RAM. */
	pt_map(&el2_map, DEVICE_BASE, DEVICE_BASE, GIB,
	       PTE_ATTRINDX(0) | PTE_AP1 | PTE_XN);
	pt_map(&el2_map, RAM_BASE, RAM_BASE, GIB,
	       PTE_ATTRINDX(1) | PTE_AP1 | PTE_SH_INNER);

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
	 * 05:00 T0SZ  x32 virtual addresses are 64 - 32 = 32 bits, so a walk
	 *                 starts at level 1
	 */
	write_sysreg(tcr_el2, TCR_EL2_RES1 | TCR_EL2_PS_32BIT | TCR_TG0_4K |
			      TCR_SH0_INNER | TCR_ORGN0_WBWA | TCR_IRGN0_WBWA |
			      TCR_T0SZ(64 - PT_ADDR_BITS));

	/*
	 * Configure TTBR0_EL2
	 *
	 * 47:01 BADDR x.. the level-1 table's physical address (the map is
	 *                 an identity map, so its pointer is that address)
	 * 00:00 CnP   x0  translations not shared with other CPUs
	 */
	write_sysreg(ttbr0_el2, el2_map.root);

	/* No stale translations from before may survive. */
	asm volatile("dsb ish; tlbi alle2; dsb ish; isb" ::: "memory");

	/*
	 * Configure SCTLR_EL2
	 *
	 * 29:28 RES1  x3  reserved
	 * 23:22 RES1  x3  reserved
	 * 18:18 RES1  x1  reserved
	 * 16:16 RES1  x1  reserved
	 * 12:12 I     x1  instruction caching on
	 * 11:11 RES1  x1  reserved
	 * 05:04 RES1  x3  reserved
	 * 02:02 C     x1  data caching on
	 * 00:00 M     x1  stage-1 MMU on
	 */
	write_sysreg(sctlr_el2, SCTLR_EL2_RES1 | SCTLR_I | SCTLR_C | SCTLR_M);
	isb();
}
