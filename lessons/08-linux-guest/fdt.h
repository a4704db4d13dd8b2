/*
 * fdt.h: write a flattened device tree (the Devicetree Specification,
 * chapter 5): the binary form of a .dts that a kernel reads at boot.
 *
 *   header  magic 0xd00dfeed, sizes and offsets of the blocks below
 *   memory reservation block   here: empty (one terminating entry)
 *   structure block  FDT_BEGIN_NODE name, FDT_PROP len nameoff value,
 *                    FDT_END_NODE, ..., FDT_END: the tree, depth first
 *   strings block    each property name once; FDT_PROP points into it
 *
 * Every number in it is big-endian, whatever the CPU's byte order.
 */
#ifndef FDT_H
#define FDT_H

#include "types.h"

struct fdt {
	u8 *buf;		/* where the tree is written */
	u32 room;		/* bytes there */
	u32 off;		/* the structure block's end, so far */
	char strings[512];	/* the strings block, until fdt_finish() */
	u32 strings_len;
};

void fdt_begin(struct fdt *t, void *buf, u32 room);
void fdt_begin_node(struct fdt *t, const char *name);
void fdt_end_node(struct fdt *t);
void fdt_prop(struct fdt *t, const char *name, const void *value, u32 len);
void fdt_prop_u32(struct fdt *t, const char *name, u32 value);
/* A list of 32-bit cells, <a b c ...> in a .dts. */
void fdt_prop_cells(struct fdt *t, const char *name, const u32 *cells, u32 n);
void fdt_prop_string(struct fdt *t, const char *name, const char *s);
/* Several strings, "a", "b" in a .dts: pass them as "a\0b". */
void fdt_prop_strings(struct fdt *t, const char *name, const char *s, u32 len);
/* Close the tree and write the header; the tree's size in bytes. */
u32 fdt_finish(struct fdt *t);

#endif
