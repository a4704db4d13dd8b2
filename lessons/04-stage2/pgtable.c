/*
 * pgtable.c: build and print translation tables (Arm ARM D8: "The AArch64
 * Virtual Memory System Architecture").
 *
 * Table memory comes from a fixed pool: a hypervisor that allocates its
 * tables at boot needs no allocator more clever than this.
 */
#include "types.h"
#include "arm.h"
#include "print.h"
#include "sysreg.h"
#include "pgtable.h"

#define POOL_TABLES	32

static u64 pool[POOL_TABLES][PT_ENTRIES] __attribute__((aligned(4096)));
static int pool_used;

/* A zeroed table: every entry invalid (bit 0 clear). .bss starts zeroed. */
static u64 *table_alloc(void)
{
	if (pool_used == POOL_TABLES)
		panic("pgtable: all %d tables in use", POOL_TABLES);
	return pool[pool_used++];
}

void pt_init(struct pgtable *pt, int stage)
{
	pt->root = table_alloc();
	pt->stage = stage;
}

/*
 * The entry for va at `level`, creating the tables on the way down. EL2
 * runs with an identity map (or no MMU), so a table's address is its
 * physical address: what a table descriptor holds.
 */
/* lab: README "pt_map: building tables" */
static u64 *walk_create(struct pgtable *pt, u64 va, int level)
{
	u64 *table = pt->root;

	for (int l = PT_START_LEVEL; l < level; l++) {
		u64 *entry = &table[PT_INDEX(va, l)];

		if (!(*entry & PTE_VALID))
			*entry = (u64)table_alloc() | PTE_TABLE | PTE_VALID;
		else if (!(*entry & PTE_TABLE))
			panic("pgtable: 0x%lx is already inside a block", va);
		table = (u64 *)(*entry & PTE_ADDR_MASK);
	}
	return &table[PT_INDEX(va, level)];
}

void pt_map(struct pgtable *pt, u64 va, u64 pa, u64 size, u64 attrs)
{
	if ((va | pa | size) & (PT_SIZE(3) - 1))
		panic("pgtable: map 0x%lx -> 0x%lx size 0x%lx is not 4 KiB aligned",
		      va, pa, size);

	while (size) {
		/* The largest block that is aligned and fits; level 3 always does. */
		int level = PT_START_LEVEL;

		while (level < 3 && (((va | pa) & (PT_SIZE(level) - 1)) ||
				     size < PT_SIZE(level)))
			level++;

		u64 *entry = walk_create(pt, va, level);

		/*
		 * Never replace a valid entry: the walker may have it cached.
		 * Changing a live one needs break-before-make (README, section
		 * 3): invalid entry, dsb ishst, tlbi ipas2e1is, dsb ish, tlbi
		 * vmalle1is, dsb ish, isb, then the new entry.
		 */
		if (*entry & PTE_VALID)
			panic("pgtable: 0x%lx is mapped twice", va);
		/* A block (levels 1, 2) has bits [1:0] = 0b01, a page 0b11. */
		*entry = pa | attrs | PTE_AF | PTE_VALID | (level == 3 ? PTE_PAGE : 0);
		va += PT_SIZE(level);
		pa += PT_SIZE(level);
		size -= PT_SIZE(level);
	}
	asm volatile("dsb ishst" ::: "memory");	/* tables visible to walks */
}
/* end of lab */

/* ---- printing ------------------------------------------------------------ */

/* A memory type, from a MAIR_EL2 attribute byte. */
static const char *mair_type(u64 attr)
{
	switch (attr) {
	case MAIR_DEVICE_nGnRE:	return "Device-nGnRE";
	case MAIR_NORMAL_WB:	return "Normal-WB";
	case 0x00:		return "Device-nGnRnE";
	case 0x44:		return "Normal-NC";
	default:		return "other";
	}
}

/*
 * Shareability, SH[9:8] of a leaf: who else's caches must see its writes.
 * It matters for Normal memory only: Device memory is always treated as
 * Outer Shareable, so it shows none.
 */
static const char *shareability(u64 e, bool normal)
{
	static const char *const sh[] = { "NSH", "?SH", "OSH", "ISH" };

	return normal ? sh[(e >> 8) & 3] : "   ";
}

/*
 * The attribute bits that matter, in words. A stage-1 entry's memory type
 * is its AttrIndx looked up in MAIR_EL2 as the hardware holds it now (read
 * back, not the kit's intention): a MAIR that does not say what the tables
 * mean shows here.
 */
static void print_attrs(int stage, u64 e)
{
	const char *type;

	if (stage == 2) {
		static const char *const ap[] = { "--", "RO", "WO", "RW" };

		type = (e & S2_MEMATTR_MASK) == S2_MEMATTR_NORMAL_WB ? "Normal-WB" :
		       (e & S2_MEMATTR_MASK) == S2_MEMATTR_DEVICE_nGnRE ? "Device-nGnRE" :
		       "other";
		printf("%-13s %s %s %s", type,
		       shareability(e, type[0] == 'N'),
		       ap[(e & S2AP_MASK) >> 6], e & S2_XN ? "XN" : "X ");
	} else {
		u64 idx = (e & PTE_ATTRINDX_MASK) >> 2;

		type = mair_type((read_sysreg(mair_el2) >> (8 * idx)) & 0xff);
		printf("%-13s %s %s %s", type, shareability(e, type[0] == 'N'),
		       e & PTE_AP_RO ? "RO" : "RW", e & PTE_XN ? "XN" : "X ");
	}
}

/* Attribute bits of a leaf entry, without its address. */
static u64 leaf_attrs(u64 e)
{
	return e & ~PTE_ADDR_MASK;
}

static void dump_table(const struct pgtable *pt, const u64 *table, int level,
		       u64 base)
{
	static const char *const size_name[] = { "", "1 GiB block", "2 MiB block",
						 "4 KiB page" };
	const char *space = pt->stage == 2 ? "IPA" : "VA ";
	int indent = 2 * (level - PT_START_LEVEL);

	for (int i = 0; i < PT_ENTRIES; i++) {
		u64 e = table[i];
		u64 va = base + i * PT_SIZE(level);

		if (!(e & PTE_VALID))
			continue;
		if (level < 3 && (e & PTE_TABLE)) {
			printf("%*sL%d[%3d] %s 0x%08lx-0x%08lx: table\n", indent, "",
			       level, i, space, va, va + PT_SIZE(level) - 1);
			dump_table(pt, (const u64 *)(e & PTE_ADDR_MASK), level + 1, va);
			continue;
		}
		/* A run of leaves with the same attributes and adjacent outputs. */
		int j = i;

		while (j + 1 < PT_ENTRIES && (table[j + 1] & PTE_VALID) &&
		       leaf_attrs(table[j + 1]) == leaf_attrs(e) &&
		       (table[j + 1] & PTE_ADDR_MASK) ==
		       (e & PTE_ADDR_MASK) + (j + 1 - i) * PT_SIZE(level))
			j++;
		u64 end = va + (j - i + 1) * PT_SIZE(level) - 1;
		u64 pa = e & PTE_ADDR_MASK;

		if (j == i)
			printf("%*sL%d[%3d]     ", indent, "", level, i);
		else
			printf("%*sL%d[%3d-%3d] ", indent, "", level, i, j);
		printf("%s 0x%08lx-0x%08lx -> PA 0x%08lx  ", space, va, end, pa);
		print_attrs(pt->stage, e);
		printf("  %d x %s\n", j - i + 1, size_name[level]);
		i = j;
	}
}

void pt_dump(const struct pgtable *pt)
{
	dump_table(pt, pt->root, PT_START_LEVEL, 0);
}
