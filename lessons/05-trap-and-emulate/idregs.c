/*
 * idregs.c: the ID registers, as the guest sees them.
 *
 * HCR_EL2.TID3 traps the guest's reads of the ID group 3 registers (the
 * ID_AA64* feature registers, EC SYS64), so the hypervisor can describe
 * the machine the guest really has rather than the physical one:
 *   ID_AA64PFR0_EL1   EL2 and EL3 fields 0: the guest has neither
 *   ID_AA64MMFR0_EL1  PARange 0 (32 bits): its IPA space is 4 GiB
 * Other registers of the list read their real value. A trapped register
 * not in the list reads as zero (unallocated ID registers do), reported
 * once. (TID3 traps reads only: an MSR to an ID register is UNDEFINED at
 * EL1 and never reaches EL2; the write branch below serves other traps a
 * later lesson might turn on.)
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "esr.h"
#include "trap.h"
#include "traps.h"
#include "vm.h"
#include "cache.h"

struct idreg {
	u32 key;		/* SYS_REG() encoding, as the ISS has it */
	const char *name;
	u64 value;		/* what the guest reads */
};

static struct idreg idregs[] = {
	{ SYS_ID_AA64PFR0_EL1, "ID_AA64PFR0_EL1", 0 },
	{ SYS_ID_AA64PFR1_EL1, "ID_AA64PFR1_EL1", 0 },
	{ SYS_ID_AA64DFR0_EL1, "ID_AA64DFR0_EL1", 0 },
	{ SYS_ID_AA64ISAR0_EL1, "ID_AA64ISAR0_EL1", 0 },
	{ SYS_ID_AA64ISAR1_EL1, "ID_AA64ISAR1_EL1", 0 },
	{ SYS_ID_AA64MMFR0_EL1, "ID_AA64MMFR0_EL1", 0 },
	{ SYS_ID_AA64MMFR1_EL1, "ID_AA64MMFR1_EL1", 0 },
};

void idregs_init(void)
{
	u64 pfr0 = read_sysreg(id_aa64pfr0_el1);
	u64 mmfr0 = read_sysreg(id_aa64mmfr0_el1);

	idregs[0].value = pfr0 & ~((0xfUL << ID_AA64PFR0_EL2_SHIFT) |
				   (0xfUL << ID_AA64PFR0_EL3_SHIFT));
	idregs[1].value = read_sysreg(id_aa64pfr1_el1);
	idregs[2].value = read_sysreg(id_aa64dfr0_el1);
	idregs[3].value = read_sysreg(id_aa64isar0_el1);
	idregs[4].value = read_sysreg(id_aa64isar1_el1);
	idregs[5].value = mmfr0 & ~ID_AA64MMFR0_PARANGE_MASK;
	idregs[6].value = read_sysreg(id_aa64mmfr1_el1);

	printf("ID registers the guest reads differently (HCR_EL2.TID3):\n");
	printf("  ID_AA64PFR0_EL1  0x%016lx -> 0x%016lx  EL2, EL3: not there\n",
	       pfr0, idregs[0].value);
	printf("  ID_AA64MMFR0_EL1 0x%016lx -> 0x%016lx  PARange: 32 bits\n",
	       mmfr0, idregs[5].value);
}

/*
 * A trapped register access that nothing emulates (an MSR/MRS here, or an
 * AArch32 MCR/MRC, aarch32.c): the register reads as zero and writes to it
 * are ignored, and the first such access is reported.
 */
void report_unemulated(bool read, u64 esr)
{
	static bool reported;

	if (reported)
		return;
	reported = true;
	printf("hypervisor: %s: a trapped %s of a register the hypervisor "
	       "does not emulate: %s (reported once)\n", current_vm->name,
	       read ? "read" : "write", read ? "reads as zero" : "ignored");
	print_esr(2, esr);
}

/*
 * DC ISW, DC CSW, DC CISW: cache maintenance by set and way, trapped by
 * HCR_EL2.TSW. They name lines of the physical caches, not addresses: a
 * guest could clean or drop lines that hold another guest's data or the
 * hypervisor's, and on a system with caches shared between CPUs, no set/way
 * loop is ever complete. What the guest wants is its memory coherent: give
 * it that, by address (KVM does the same).
 */
static bool set_way_op(u32 key)
{
	return key == SYS_DC_ISW || key == SYS_DC_CSW || key == SYS_DC_CISW;
}

/*
 * A later lesson may emulate a trapped register first (lesson 07: a
 * guest's ICC_SGI1R_EL1, its software-generated interrupts). It returns
 * true if it did; handle_sysreg() then steps past the instruction.
 */
__weak bool sysreg_more(struct frame *f, u32 key, bool read, u32 rt)
{
	(void)f; (void)key; (void)read; (void)rt;
	return false;
}

/* SYS64 exits by what they were (lesson 05's report). */
u64 sys_idregs, sys_set_way, sys_unemulated;

static void handle_sysreg(struct frame *f, u64 esr)
{
	u32 key = esr & ESR_SYS64_REG_MASK;
	u32 rt = (esr >> ESR_SYS64_RT_SHIFT) & ESR_SYS64_RT_MASK;
	bool read = esr & ESR_SYS64_READ;
	u64 val = 0;
	unsigned i;

	/*
	 * ICC_SRE_EL1, trapped from lesson 06 on (ICC_SRE_EL2.Enable = 0):
	 * the guest's GIC CPU interface is system registers, fixed. It reads
	 * SRE, DFB and DIB set; a write cannot change them.
	 */
	if (key == SYS_ICC_SRE_EL1) {
		if (read && rt != 31)
			f->x[rt] = ICC_SRE_SRE | ICC_SRE_DFB | ICC_SRE_DIB;
		skip_instruction(f, esr);
		return;
	}
	if (sysreg_more(f, key, read, rt)) {
		skip_instruction(f, esr);
		return;
	}
	if (set_way_op(key)) {
		sys_set_way++;
		dcache_clean_inval_range(current_vm->ram_pa, current_vm->ram_size);
		skip_instruction(f, esr);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(idregs) && idregs[i].key != key; i++)
		;
	if (i < ARRAY_SIZE(idregs) && read) {
		val = idregs[i].value;
		sys_idregs++;
	} else {
		sys_unemulated++;
		report_unemulated(read, esr);
	}
	if (read && rt != 31)
		f->x[rt] = val;
	skip_instruction(f, esr);	/* the mrs trapped before it executed */
}
EXIT_HANDLER(ESR_EC_SYS64, handle_sysreg);
