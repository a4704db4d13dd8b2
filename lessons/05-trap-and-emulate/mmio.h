/*
 * mmio.h: emulated devices. A device claims a range of a guest's IPA
 * space that stage 2 leaves unmapped; every access there faults to EL2,
 * and mmio_emulate() (this lesson's definition of lesson 04's weak hook)
 * turns the fault into a call to the device.
 */
#ifndef MMIO_H
#define MMIO_H

#include "types.h"
#include "vm.h"

struct mmio_device {
	const char *name;
	struct vm *vm;			/* whose device it is */
	u64 base, size;			/* the IPA range it claims */
	/* An access of `size` bytes (1, 2, 4 or 8) at byte offset `off`.
	   Return false if the device does not implement it. */
	bool (*read)(struct mmio_device *d, u64 off, int size, u64 *val);
	bool (*write)(struct mmio_device *d, u64 off, int size, u64 val);
	void *state;			/* the device's registers */
	u64 reported[3][16];		/* per kind: offsets already reported */
};

void mmio_register(struct mmio_device *d);

/* Exits counted by mmio_emulate(). */
extern u64 mmio_reads, mmio_writes, mmio_unemulated;

#endif
