/* vpl011.h: a virtual PL011 UART (lessons/05-trap-and-emulate/vpl011.c). */
#ifndef VPL011_H
#define VPL011_H

#include "types.h"
#include "mmio.h"

struct vpl011 {
	struct mmio_device dev;
	u32 cr, lcr_h, ibrd, fbrd, ifls, imsc, dmacr, ilpr;
	char line[128];			/* the guest's line, until it is whole */
	u32 len;
};

/* Give vm a PL011 at IPA base; its output goes out tagged "[vm name] ". */
void vpl011_init(struct vpl011 *u, struct vm *vm, u64 base);
/* Write out what the guest has of a line (it ended, or was stopped). */
void vpl011_flush(struct vpl011 *u);

#endif
