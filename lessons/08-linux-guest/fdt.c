/*
 * fdt.c: a flattened device tree writer (fdt.h). Small on purpose: it
 * writes one tree, front to back, into memory the caller gives it.
 */
#include "types.h"
#include "string.h"
#include "print.h"
#include "fdt.h"

#define FDT_MAGIC	0xd00dfeed
#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_END		9
#define FDT_VERSION	17
#define FDT_LAST_COMP	16	/* the oldest version a reader must know */
#define HEADER_SIZE	40
#define RSVMAP_SIZE	16	/* one entry: address 0, size 0 = the end */

static u32 be32(u32 x) { return __builtin_bswap32(x); }

static void put(struct fdt *t, const void *p, u32 len)
{
	if (t->off + len > t->room)
		panic("fdt: the tree does not fit in %u bytes", t->room);
	memcpy(t->buf + t->off, p, len);
	t->off += len;
}

/* Tokens and values are 4-byte aligned: pad with zeros. */
static void align4(struct fdt *t)
{
	static const u8 zeros[4];

	put(t, zeros, -t->off & 3);
}

static void put32(struct fdt *t, u32 x)
{
	x = be32(x);
	put(t, &x, 4);
}

static bool same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* A property name's offset in the strings block, added the first time. */
static u32 string_offset(struct fdt *t, const char *name)
{
	u32 len = strlen(name) + 1;

	for (u32 i = 0; i < t->strings_len; i += strlen(t->strings + i) + 1)
		if (same(t->strings + i, name))
			return i;
	if (t->strings_len + len > sizeof(t->strings))
		panic("fdt: more than %lu bytes of property names",
		      sizeof(t->strings));
	memcpy(t->strings + t->strings_len, name, len);
	t->strings_len += len;
	return t->strings_len - len;
}

void fdt_begin(struct fdt *t, void *buf, u32 room)
{
	t->buf = buf;
	t->room = room;
	t->strings_len = 0;
	/* The header is written last; the reservation block is all zero. */
	t->off = 0;
	for (u32 i = 0; i < (HEADER_SIZE + RSVMAP_SIZE) / 4; i++)
		put32(t, 0);
}

void fdt_begin_node(struct fdt *t, const char *name)
{
	put32(t, FDT_BEGIN_NODE);
	put(t, name, strlen(name) + 1);
	align4(t);
}

void fdt_end_node(struct fdt *t)
{
	put32(t, FDT_END_NODE);
}

void fdt_prop(struct fdt *t, const char *name, const void *value, u32 len)
{
	put32(t, FDT_PROP);
	put32(t, len);
	put32(t, string_offset(t, name));
	put(t, value, len);
	align4(t);
}

void fdt_prop_cells(struct fdt *t, const char *name, const u32 *cells, u32 n)
{
	put32(t, FDT_PROP);
	put32(t, 4 * n);
	put32(t, string_offset(t, name));
	for (u32 i = 0; i < n; i++)
		put32(t, cells[i]);
}

void fdt_prop_u32(struct fdt *t, const char *name, u32 value)
{
	fdt_prop_cells(t, name, &value, 1);
}

void fdt_prop_string(struct fdt *t, const char *name, const char *s)
{
	fdt_prop(t, name, s, strlen(s) + 1);
}

void fdt_prop_strings(struct fdt *t, const char *name, const char *s, u32 len)
{
	fdt_prop(t, name, s, len);
}

u32 fdt_finish(struct fdt *t)
{
	u32 struct_off = HEADER_SIZE + RSVMAP_SIZE;
	u32 struct_size, strings_off;
	u32 *h = (u32 *)t->buf;

	put32(t, FDT_END);
	struct_size = t->off - struct_off;
	strings_off = t->off;
	put(t, t->strings, t->strings_len);

	h[0] = be32(FDT_MAGIC);
	h[1] = be32(t->off);			/* totalsize */
	h[2] = be32(struct_off);		/* off_dt_struct */
	h[3] = be32(strings_off);		/* off_dt_strings */
	h[4] = be32(HEADER_SIZE);		/* off_mem_rsvmap */
	h[5] = be32(FDT_VERSION);
	h[6] = be32(FDT_LAST_COMP);
	h[7] = be32(0);				/* boot_cpuid_phys: CPU 0 */
	h[8] = be32(t->strings_len);		/* size_dt_strings */
	h[9] = be32(struct_size);		/* size_dt_struct */
	return t->off;
}
