/*
 * linux.c: the arm64 Linux boot protocol (the kernel's
 * Documentation/arch/arm64/booting.rst), done by the hypervisor for its
 * guest:
 *
 *   1. RAM: the guest's, described in the device tree.
 *   2. The device tree, 8-byte aligned, at most 2 MiB (dt.c).
 *   3. The kernel Image, at a 2 MiB-aligned address + text_offset, with
 *      image_size bytes free from there (its .bss and first page tables).
 *   4. The initramfs anywhere else in RAM, named in /chosen.
 *   5. Enter the Image's first byte at EL1h (it may be entered at EL2; a
 *      guest never is) with x0 = the device tree's address, x1-x3 = 0,
 *      the MMU and data cache off, every interrupt masked.
 *
 * The Image's 64-byte header says how to place it:
 *
 *   offset  field        Debian's 6.1 cloud kernel
 *   0x00    code0/code1  "MZ..." and a branch: the EFI stub's PE header
 *                        doubles as the first instruction
 *   0x08    text_offset  0: load it at a 2 MiB boundary
 *   0x10    image_size   0x1ab0000: 26.7 MiB from the load address
 *   0x18    flags        0xa: little-endian, 4 KiB pages, anywhere in RAM
 *   0x38    magic        0x644d5241, "ARM\x64"
 *
 * QEMU has put the file at LINUX_KERNEL_PA (the Makefile's -device loader:
 * a boot loader's job); this file checks that what is there is an Image
 * that fits, and refuses anything else with one line.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "string.h"
#include "cache.h"
#include "print.h"
#include "power.h"
#include "vm.h"
#include "vcpu.h"
#include "linux.h"

#define IMAGE_MAGIC		0x644d5241	/* "ARM\x64", little-endian */
#define IMAGE_FLAG_BE		BIT(0)		/* kernel is big-endian */
#define IMAGE_FLAG_PAGE_MASK	(UL(3) << 1)	/* 0 unspecified, 1 4K, 2 16K, 3 64K */
#define IMAGE_FLAG_PAGE_4K	(UL(1) << 1)

struct image_header {
	u32 code0, code1;
	u64 text_offset, image_size, flags;
	u64 res2, res3, res4;
	u32 magic, res5;
};

/* The initramfs and the command line, embedded by the Makefile (BLOBS). */
extern const u8 blob_initramfs[], blob_initramfs_end[];
extern const char blob_cmdline[], blob_cmdline_end[];

static void __noreturn refuse(const char *why, u64 value)
{
	printf("hypervisor: linux: KERNEL is not an arm64 Linux Image it can "
	       "boot: %s (0x%lx)\n", why, value);
	system_off(1);
}

static const struct image_header *check_image(void)
{
	const struct image_header *h = (const void *)LINUX_KERNEL_PA;
	u64 room = LINUX_INITRD_OFFSET - LINUX_KERNEL_OFFSET;

	/*
	 * QEMU wrote the Image without our cache; on hardware a boot loader
	 * would have cleaned it to memory. Drop any stale line we hold.
	 */
	dcache_inval_range((u64)h, sizeof(*h));
	if (h->magic != IMAGE_MAGIC)
		refuse("no \"ARM\\x64\" at offset 0x38 of its header", h->magic);
	if (h->flags & IMAGE_FLAG_BE)
		refuse("it is big-endian", h->flags);
	if ((h->flags & IMAGE_FLAG_PAGE_MASK) &&
	    (h->flags & IMAGE_FLAG_PAGE_MASK) != IMAGE_FLAG_PAGE_4K)
		refuse("it needs 16 or 64 KiB pages; stage 2 is 4 KiB", h->flags);
	if (h->text_offset)
		refuse("text_offset is not 0 (kernels before 5.8): it was "
		       "loaded at a 2 MiB boundary", h->text_offset);
	if (h->image_size > room)
		refuse("image_size does not fit below the initramfs", h->image_size);
	if (h->image_size > LINUX_PRISTINE_SIZE)
		refuse("image_size is more than the copy kept for a restart",
		       h->image_size);
	return h;
}

/*
 * A CPU with state that Linux would use and this hypervisor neither
 * switches between guests nor hides from Linux is refused in one line, as
 * an Image is. Linux reads the real ID registers (TID3 off, main.c), so it
 * sees SVE, SME, pointer authentication or memory tagging where the CPU has
 * them; but CPTR_EL2 traps SVE and SME (TZ, TSM), HCR_EL2 traps pointer
 * authentication (API, APK 0), and tag access is off (HCR_EL2.ATA and
 * SCR_EL3.ATA 0: Linux's tag-check registers trap and are ignored, its tag
 * checks check nothing). So Linux would be stopped at its first use, an
 * "unhandled EC 0x19" deep in its boot, or would run believing in checks
 * that never happen. And nothing enables the memory copy and set
 * instructions (FEAT_MOPS: SCR_EL3.HXEn is 0, so HCRX_EL2 acts as 0 and
 * its MSCEn with it): they are UNDEFINED at EL1 and EL0, and under a Linux
 * that advertises them (6.5 on) a program whose memcpy uses them (glibc
 * 2.39 on) dies of SIGILL. A Cortex-A57 or A72 has none of them; an
 * Armv8.3 or Armv9 core, or QEMU's -cpu max, does. (Hiding them needs TID3
 * and lesson 05's table of ID registers for Linux too.)
 */
static void check_cpu(void)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1), pfr1 = read_sysreg(id_aa64pfr1_el1);
	u64 isar1 = read_sysreg(id_aa64isar1_el1), isar2 = read_sysreg(id_aa64isar2_el1);
	const char *what = NULL, *reg = NULL;
	const char *why = "neither switches nor hides from Linux";
	u64 value = 0;

	if ((pfr0 >> ID_AA64PFR0_SVE_SHIFT) & 0xf)
		what = "SVE", reg = "ID_AA64PFR0_EL1", value = pfr0;
	else if ((pfr1 >> ID_AA64PFR1_SME_SHIFT) & 0xf)
		what = "SME", reg = "ID_AA64PFR1_EL1", value = pfr1;
	else if (isar1 & ID_AA64ISAR1_PAUTH_MASK)
		what = "pointer authentication", reg = "ID_AA64ISAR1_EL1", value = isar1;
	else if (isar2 & ID_AA64ISAR2_PAUTH_MASK)
		what = "pointer authentication", reg = "ID_AA64ISAR2_EL1", value = isar2;
	else if (((pfr1 >> ID_AA64PFR1_MTE_SHIFT) & 0xf) >= 2)
		what = "memory tagging (MTE)", reg = "ID_AA64PFR1_EL1", value = pfr1;
	else if ((isar2 >> ID_AA64ISAR2_MOPS_SHIFT) & 0xf)
		what = "the memory copy and set instructions (MOPS)",
		reg = "ID_AA64ISAR2_EL1", value = isar2,
		why = "neither enables for Linux nor hides from it";
	if (!what)
		return;
	printf("hypervisor: linux: not started: this CPU has %s (%s 0x%016lx), "
	       "which this hypervisor %s\n", what, reg, value, why);
	system_off(1);
}

bool linux_interactive(void)
{
	return strstr(blob_cmdline, "stepvisor.shell") != NULL;
}

/*
 * The initramfs and the device tree into the guest's RAM, and out of our
 * cache: Linux starts with its MMU and caches off, it reads memory.
 * Returns the tree's size.
 */
static u64 load(const char *bootargs)
{
	u64 initrd_size = blob_initramfs_end - blob_initramfs;
	u64 dtb_size;

	memcpy((void *)(LINUX_RAM_PA + LINUX_INITRD_OFFSET), blob_initramfs,
	       initrd_size);
	dtb_size = linux_dt_write((void *)(LINUX_RAM_PA + LINUX_DTB_OFFSET),
				  GUEST_RAM_SIZE, LINUX_RAM_IPA + LINUX_INITRD_OFFSET,
				  initrd_size, bootargs);
	dcache_clean_inval_range(LINUX_RAM_PA + LINUX_INITRD_OFFSET, initrd_size);
	dcache_clean_inval_range(LINUX_RAM_PA + LINUX_DTB_OFFSET, dtb_size);
	return dtb_size;
}

/*
 * PSCI SYSTEM_RESET (restart.c): the guest starts again from its first
 * instruction, with the Image as QEMU loaded it (Linux has written its
 * data, its .bss and its page tables into that memory since), kept here.
 */
static u64 image_size;
struct vcpu *linux_vcpu;

void linux_reload(const char *bootargs)
{
	memcpy((void *)LINUX_KERNEL_PA, (const void *)LINUX_PRISTINE_PA, image_size);
	dcache_clean_inval_range(LINUX_KERNEL_PA, image_size);
	icache_invalidate_all();
	load(bootargs);
}

void linux_init(struct vcpu *v, const char *name, u64 vmid)
{
	const struct image_header *h;
	u64 initrd_size = blob_initramfs_end - blob_initramfs;
	u64 dtb_size;

	check_cpu();
	h = check_image();

	if (initrd_size > LINUX_RAM_SIZE - LINUX_INITRD_OFFSET)
		panic("linux: the initramfs (%lu bytes) does not fit", initrd_size);
	image_size = h->image_size;
	/*
	 * The whole Image, as its header was (check_image()): the copy reads
	 * it through the cache, and must read what the loader wrote to
	 * memory, not a line cached before it did. Whole lines: the Image
	 * starts at a 2 MiB boundary, and the rest of its last line is the
	 * kernel's own RAM, nothing of ours.
	 */
	dcache_inval_range(LINUX_KERNEL_PA,
			   (image_size + dcache_line() - 1) & ~(dcache_line() - 1));
	memcpy((void *)LINUX_PRISTINE_PA, (const void *)LINUX_KERNEL_PA, image_size);

	/*
	 * Lesson 07's vCPU, with no program: its first 2 MiB of RAM zeroed,
	 * where the device tree goes. The rest of its RAM is mapped as it is:
	 * the kernel is already there.
	 */
	vcpu_init(v, name, vmid, NULL, NULL, LINUX_RAM_PA, 0);
	linux_vcpu = v;
	vm_map(&v->vm, LINUX_RAM_IPA + GUEST_RAM_SIZE, LINUX_RAM_PA + GUEST_RAM_SIZE,
	       LINUX_RAM_SIZE - GUEST_RAM_SIZE,
	       S2_MEMATTR_NORMAL_WB | S2AP_RW | PTE_SH_INNER);
	v->vm.ram_size = LINUX_RAM_SIZE;

	dtb_size = load(blob_cmdline);
	vgic_dist_init(&v->vm);
	vuart_init(v, linux_interactive());
	count_exits(&v->uart.dev);
	restart_init(v);

	/* Boot protocol step 5: x0 = the tree, x1-x3 = 0 (vcpu_init), EL1h. */
	v->regs.x[0] = LINUX_RAM_IPA + LINUX_DTB_OFFSET;
	v->regs.elr = LINUX_RAM_IPA + LINUX_KERNEL_OFFSET;

	printf("%-8s Image: image_size %lu KiB, flags 0x%lx; initramfs %lu KiB; "
	       "device tree %lu bytes\n", name, h->image_size / 1024, h->flags,
	       initrd_size / 1024, dtb_size);
	printf("%-8s command line: %s\n", name, blob_cmdline);
}
