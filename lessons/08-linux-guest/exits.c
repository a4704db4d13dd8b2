/*
 * exits.c: Linux's MMIO exits, by device. lesson 05's mmio_emulate() calls
 * a device through the read and write pointers of its struct mmio_device;
 * count_exits() puts a counting step in front of them, so that no device
 * has to count for itself. The hypervisor prints the counts after its
 * table (sched_report(), lesson 07's weak hook).
 */
#include "types.h"
#include "print.h"
#include "mmio.h"
#include "linux.h"

#define MAX_COUNTED	4

struct counted {
	struct mmio_device *d;
	mmio_read_fn *read;
	mmio_write_fn *write;
	u64 exits;
};

static struct counted counted[MAX_COUNTED];
static u32 nr_counted;
static const char *counted_guest;

static struct counted *of(struct mmio_device *d)
{
	u32 i = 0;

	while (counted[i].d != d)	/* every device here was counted */
		i++;
	return &counted[i];
}

static bool count_read(struct mmio_device *d, u64 off, int size, u64 *val)
{
	struct counted *c = of(d);

	c->exits++;
	return c->read(d, off, size, val);
}

static bool count_write(struct mmio_device *d, u64 off, int size, u64 val)
{
	struct counted *c = of(d);

	c->exits++;
	return c->write(d, off, size, val);
}

void count_exits(struct mmio_device *d)
{
	struct counted *c = &counted[nr_counted++];

	if (nr_counted > MAX_COUNTED)
		panic("exits: more than %d devices to count", MAX_COUNTED);
	c->d = d;
	c->read = d->read;
	c->write = d->write;
	d->read = count_read;
	d->write = count_write;
	counted_guest = d->vm->name;
}

/* Lesson 07's weak hook: after the table, before the power-off. */
void sched_report(void)
{
	printf("%s: MMIO exits by device:", counted_guest);
	for (u32 i = 0; i < nr_counted; i++)
		printf(" %s %lu%s", counted[i].d->name, counted[i].exits,
		       i + 1 < nr_counted ? "," : "\n");
}
