/*
 * mmio.c: from a stage-2 data abort to a device's read or write.
 *
 * When ESR_EL2.ISV is 1 the syndrome describes the access completely:
 *   SAS  access size (log2 bytes)    SRT  the register (x0-x30; 31 = xzr)
 *   SSE  sign-extend a load          SF   64-bit (x) or 32-bit (w) register
 *   WnR  write or read
 * so the hypervisor can do the access itself: call the device, write the
 * value into the saved register for a load, and step past the instruction.
 *
 * The rules for what the emulator does not implement (see the README):
 *   - an offset or size the device does not implement: reads as zero,
 *     writes are ignored, reported once per 32-bit register offset
 *     (reads and writes apart); the guest goes on;
 *   - ISV = 0 (load/store pair, writeback, SIMD...): the syndrome does not
 *     say which registers; instead of decoding the instruction, inject a
 *     synchronous external abort into the guest, as a bus would.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "esr.h"
#include "print.h"
#include "mmio.h"
#include "inject.h"
#include "traps.h"

#define MAX_DEVICES	8

static struct mmio_device *devices[MAX_DEVICES];
static int ndevices;
u64 mmio_reads, mmio_writes, mmio_unemulated;

void mmio_register(struct mmio_device *d)
{
	if (ndevices == MAX_DEVICES)
		panic("mmio: more than %d devices", MAX_DEVICES);
	devices[ndevices++] = d;
}

void mmio_add(struct mmio_device *d, const char *name, struct vm *vm, u64 base,
	      u64 size, mmio_read_fn *read, mmio_write_fn *write, void *state)
{
	d->name = name;
	d->vm = vm;
	d->base = base;
	d->size = size;
	d->read = read;
	d->write = write;
	d->state = state;
	mmio_register(d);
}

static struct mmio_device *find(struct vm *vm, u64 ipa)
{
	for (int i = 0; i < ndevices; i++) {
		struct mmio_device *d = devices[i];

		if (d->vm == vm && ipa >= d->base && ipa - d->base < d->size)
			return d;
	}
	return NULL;
}

/* Kinds of access the device cannot emulate, each reported on its own. */
enum { BAD_READ, BAD_WRITE, BAD_NO_ISV };

/* True the first time a kind of access at a word offset is not emulated. */
static bool first_report(struct mmio_device *d, int kind, u64 off)
{
	u64 word = (off >> 2) & 1023, bit = 1UL << (word & 63);
	u64 *seen = &d->reported[kind][word >> 6];

	mmio_unemulated++;
	if (*seen & bit)
		return false;
	*seen |= bit;
	return true;
}

/* lab: README "The first character: one trapped store, emulated" */
bool mmio_emulate(struct vm *vm, struct frame *f, u64 ipa, u64 esr)
{
	struct mmio_device *d = find(vm, ipa);
	u32 iss = esr_iss(esr);

	if (!d)
		return false;
	if (!(iss & ESR_ISS_ISV)) {
		if (first_report(d, BAD_NO_ISV, ipa - d->base)) {
			printf("hypervisor: %s: access at offset 0x%03lx with ISV = 0 "
			       "(the syndrome names no register): injecting a data "
			       "abort into %s\n", d->name, ipa - d->base, vm->name);
			print_esr(2, esr);
		}
		inject_data_abort(f, esr, read_sysreg(far_el2));
		return true;
	}

	u64 off = ipa - d->base;
	int size = 1 << ((iss >> ESR_ISS_SAS_SHIFT) & ESR_ISS_SAS_MASK);
	u32 rt = (iss >> ESR_ISS_SRT_SHIFT) & ESR_ISS_SRT_MASK;
	u64 mask = size == 8 ? ~0UL : (1UL << (8 * size)) - 1;
	bool ok;

	/*
	 * An access that starts in the device's range and runs past its end
	 * (an unaligned one, with the guest's stage 1 on) also touches the
	 * page after it, which the guest does not have: it is a stage-2
	 * fault like any other access there, not the device's to answer.
	 */
	if (off + size > d->size)
		return false;

	if (iss & ESR_ISS_WNR) {
		u64 val = rt == 31 ? 0 : f->x[rt] & mask;

		mmio_writes++;
		ok = d->write(d, off, size, val);
		if (!ok && first_report(d, BAD_WRITE, off))
			printf("hypervisor: %s: %d-byte write of 0x%lx to offset "
			       "0x%03lx is not emulated: ignored\n", d->name, size,
			       val, off);
	} else {
		u64 val = 0;

		mmio_reads++;
		ok = d->read(d, off, size, &val);
		if (!ok) {
			val = 0;
			if (first_report(d, BAD_READ, off))
				printf("hypervisor: %s: %d-byte read of offset 0x%03lx "
				       "is not emulated: reads as zero\n", d->name,
				       size, off);
		}
		val &= mask;
		if ((iss & ESR_ISS_SSE) && size < 8 && (val >> (8 * size - 1)))
			val |= ~mask;			/* sign-extend */
		if (!(iss & ESR_ISS_SF))
			val &= 0xffffffffUL;		/* a w register */
		if (rt != 31)
			f->x[rt] = val;
	}
	/*
	 * The fault's preferred return address is the load or store itself:
	 * step over it (ESR.IL: 4 bytes, or 2 for a 16-bit T32 instruction),
	 * or the guest would fault on it again, forever.
	 */
	skip_instruction(f, esr);
	return true;
}
/* end of lab */
