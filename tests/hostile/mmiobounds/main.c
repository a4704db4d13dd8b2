/*
 * mmiobounds: a 4-byte read at offset 0xffe of the emulated UART's page:
 * two bytes inside it, two in the next page, which the guest's stage-2 map
 * does not have. The access must fault as that unmapped page would; the
 * device must not answer it as if it were a register of its own.
 *
 * With its MMU off every guest access is to Device memory, which must be
 * aligned: the read would fault at EL1 first. So the guest maps its world
 * with stage 1 (Normal memory, 1 GiB blocks, VA = IPA), where an unaligned
 * access is allowed, and reads across the page boundary.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "uart.h"
#include "print.h"
#include "guest.h"

static u64 level1[512] __attribute__((aligned(4096)));

#define BLOCK_NORMAL	(PTE_VALID | PTE_AF | PTE_SH_INNER | PTE_ATTRINDX(0))

static void mmu_on(void)
{
	level1[0] = 0x00000000UL | BLOCK_NORMAL;	/* the UART's GiB */
	level1[1] = 0x40000000UL | BLOCK_NORMAL;	/* RAM */
	asm volatile("dsb sy" ::: "memory");
	write_sysreg(mair_el1, MAIR_ATTR(0, MAIR_NORMAL_WB));
	/* T0SZ 32 (4 GiB, from level 1), 4 KiB granule, EPD1: no TTBR1 walks. */
	write_sysreg(tcr_el1, TCR_T0SZ(32) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA |
			      TCR_SH0_INNER | TCR_TG0_4K | BIT(23));
	write_sysreg(ttbr0_el1, (u64)level1);
	isb();
	asm volatile("tlbi vmalle1; dsb sy; isb" ::: "memory");
	write_sysreg(sctlr_el1, read_sysreg(sctlr_el1) | SCTLR_M);
	isb();
}

int guest_main(u64 arg)
{
	u32 val;

	(void)arg;
	printf("hello: stage 1 on; a 4-byte read at IPA 0x%lx, across the end "
	       "of the UART's page\n", UART0_BASE + 0xffe);
	mmu_on();
	asm volatile("ldr %w0, [%1]" : "=r"(val) : "r"(UART0_BASE + 0xffe) : "memory");
	printf("the read went through, as a device access: 0x%x\n", val);
	return 1;
}
