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

struct mmio_device;

/* An access of `size` bytes (1, 2, 4 or 8) at byte offset `off`.
   Return false if the device does not implement it. */
typedef bool mmio_read_fn(struct mmio_device *d, u64 off, int size, u64 *val);
typedef bool mmio_write_fn(struct mmio_device *d, u64 off, int size, u64 val);

struct mmio_device {
	const char *name;
	struct vm *vm;			/* whose device it is */
	u64 base, size;			/* the IPA range it claims */
	mmio_read_fn *read;
	mmio_write_fn *write;
	void *state;			/* the device's registers */
	u64 reported[3][16];		/* per kind: offsets already reported */
};

void mmio_register(struct mmio_device *d);
/* Fill d in (vm's device `name` at [base, base + size)) and register it. */
void mmio_add(struct mmio_device *d, const char *name, struct vm *vm, u64 base,
	      u64 size, mmio_read_fn *read, mmio_write_fn *write, void *state);

/* Exits counted by mmio_emulate(). */
extern u64 mmio_reads, mmio_writes, mmio_unemulated;

#endif
