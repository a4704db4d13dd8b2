/*
 * vpl011.c: enough of an Arm PL011 UART (DDI 0183) for a polled driver:
 * the guest writes characters to DR, polls FR, may program the control
 * registers and read the identification registers. The characters go to
 * the real UART, each line tagged with the guest's name.
 *
 * Not emulated: receive (DR reads 0, FR says the receive FIFO is empty),
 * interrupts (RIS and MIS read 0), DMA. Those reads and writes still
 * succeed; only offsets that are not PL011 registers are "unimplemented".
 */
#include "types.h"
#include "uart.h"
#include "print.h"
#include "hypercall.h"
#include "vpl011.h"

#define UARTDR		0x000
#define UARTRSR		0x004	/* receive status / error clear */
#define UARTFR		0x018
#define UARTILPR	0x020
#define UARTIBRD	0x024
#define UARTFBRD	0x028
#define UARTLCR_H	0x02c
#define UARTCR		0x030
#define UARTIFLS	0x034
#define UARTIMSC	0x038
#define UARTRIS		0x03c
#define UARTMIS		0x040
#define UARTICR		0x044
#define UARTDMACR	0x048
#define UARTPERIPHID0	0xfe0	/* ...ID3 at 0xfec */
#define UARTPCELLID0	0xff0	/* ...ID3 at 0xffc */

#define FR_RXFE		(1 << 4)	/* receive FIFO empty */
#define FR_TXFE		(1 << 7)	/* transmit FIFO empty */
#define CR_RESET	0x300		/* TXE | RXE */
#define IFLS_RESET	0x12

/* PL011 r1p5: PeriphID 0x00341011, PCellID 0xb105f00d, a byte per register. */
static const u8 periph_id[4] = { 0x11, 0x10, 0x34, 0x00 };
static const u8 pcell_id[4] = { 0x0d, 0xf0, 0x05, 0xb1 };

/*
 * Guests share one physical UART, and a guest can be switched out, or
 * stopped, in the middle of a line. So each guest's output is held back
 * until its line is whole (or the buffer is full), then written out in one
 * piece behind the guest's tag: the lines of two guests, and the
 * hypervisor's own, never mix within a line.
 */
void vpl011_flush(struct vpl011 *u)
{
	if (!u->len)
		return;
	printf("[%s] ", u->dev.vm->name);
	/*
	 * Every byte escaped but the line end (put_guest_byte(), lesson 03):
	 * the tag must be the first thing on the line, and stay there. A
	 * driver ends its lines with "\r\n"; that "\r" is part of the line
	 * end, and any other one is shown.
	 */
	for (u32 i = 0; i < u->len; i++)
		if (!(u->line[i] == '\r' && i + 1 < u->len && u->line[i + 1] == '\n'))
			put_guest_byte(u->line[i]);
	if (u->line[u->len - 1] != '\n')
		uart_putc('\n');	/* a cut line: the rest follows */
	u->len = 0;
}

static void out(struct vpl011 *u, char c)
{
	u->line[u->len++] = c;
	if (c == '\n' || u->len == sizeof(u->line))
		vpl011_flush(u);
}

/* Every vpl011, to find a guest's own (guest_putc()). */
static struct vpl011 *all[8];
static u32 nr_all;

/*
 * HVC_PUTC (lesson 03's weak guest_putc()): the same console as the
 * guest's UART, and the same tag. A guest without a vpl011 has no console.
 */
void guest_putc(char c)
{
	for (u32 i = 0; i < nr_all; i++)
		if (all[i]->dev.vm == current_vm) {
			out(all[i], c);
			return;
		}
}

/* lab: README "The vpl011" */
static u32 *reg(struct vpl011 *u, u64 off)
{
	switch (off) {
	case UARTILPR:	return &u->ilpr;
	case UARTIBRD:	return &u->ibrd;
	case UARTFBRD:	return &u->fbrd;
	case UARTLCR_H:	return &u->lcr_h;
	case UARTCR:	return &u->cr;
	case UARTIFLS:	return &u->ifls;
	case UARTIMSC:	return &u->imsc;
	case UARTDMACR:	return &u->dmacr;
	default:	return NULL;
	}
}

static bool vpl011_read(struct mmio_device *d, u64 off, int size, u64 *val)
{
	struct vpl011 *u = d->state;
	u32 *r;

	if (size > 4)		/* PL011 registers are 32 bits wide */
		return false;
	if (off >= UARTPERIPHID0 && off < UARTPERIPHID0 + 16 && !(off & 3))
		*val = periph_id[(off - UARTPERIPHID0) / 4];
	else if (off >= UARTPCELLID0 && off < UARTPCELLID0 + 16 && !(off & 3))
		*val = pcell_id[(off - UARTPCELLID0) / 4];
	else if (off == UARTFR)
		*val = FR_TXFE | FR_RXFE;	/* never busy, never full */
	else if (off == UARTDR || off == UARTRSR || off == UARTRIS || off == UARTMIS)
		*val = 0;			/* nothing received, no interrupts */
	else if ((r = reg(u, off)))
		*val = *r;
	else
		return false;
	return true;
}

static bool vpl011_write(struct mmio_device *d, u64 off, int size, u64 val)
{
	struct vpl011 *u = d->state;
	u32 *r;

	if (size > 4)
		return false;
	if (off == UARTDR)
		out(u, (char)val);
	else if (off == UARTRSR || off == UARTICR)
		;				/* clear errors, clear interrupts */
	else if ((r = reg(u, off)))
		*r = (u32)val;
	else
		return false;
	return true;
}
/* end of lab */

void vpl011_init(struct vpl011 *u, struct vm *vm, u64 base)
{
	u->cr = CR_RESET;
	u->ifls = IFLS_RESET;
	u->len = 0;
	mmio_add(&u->dev, "vpl011", vm, base, 0x1000, vpl011_read, vpl011_write, u);
	if (nr_all == ARRAY_SIZE(all))
		panic("vpl011: more than %u", nr_all);
	all[nr_all++] = u;
}
