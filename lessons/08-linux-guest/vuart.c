/*
 * vuart.c: Linux's console both ways. Lesson 05's vpl011 transmits; this
 * file gives Linux's vpl011 a receive FIFO and an interrupt, so that what
 * is typed at QEMU's console reaches Linux (make run LESSON=08 SH=1: a
 * busybox shell).
 *
 *   keyboard -> QEMU's PL011 -> SPI 33 at EL2 (irq_device) -> the FIFO
 *   here -> Linux's UART line: (RX data or TX room) AND IMSC -> vINTID 33
 *   in a list register -> Linux's pl011 driver reads DR until FR.RXFE
 *
 * The physical UART belongs to the hypervisor; it takes the receive
 * interrupt and drains the hardware FIFO into the guest's. The guest's line
 * is level-sensitive and it is not tied to a physical interrupt (no HW
 * bit: SPI 33 was the hypervisor's and is already deactivated): this file
 * says whether the line is high (vgic_set_level), and pending.c delivers
 * it with ICH_LR.EOI set: when Linux ends the interrupt, the vGIC raises
 * its maintenance interrupt (PPI 25), and the hypervisor looks at the line
 * again: still high (more bytes came), deliver again.
 *
 * Only the focused guest, Linux, receives. The other registers are lesson
 * 05's: this file wraps the device's read and write (as exits.c does).
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "io.h"
#include "print.h"
#include "uart.h"
#include "gic.h"
#include "vgic.h"
#include "sched.h"
#include "linux.h"

#define UARTDR		0x000
#define UARTFR		0x018
#define UARTIMSC	0x038
#define UARTRIS		0x03c
#define UARTMIS		0x040
#define UARTICR		0x044
#define FR_RXFE		BIT(4)		/* receive FIFO empty */
#define FR_TXFE		BIT(7)		/* transmit FIFO empty */
#define INT_RX		BIT(4)		/* RXIM, RXRIS, RXMIS: data received */
#define INT_TX		BIT(5)		/* TXIM ...: room to transmit */
#define INT_RT		BIT(6)		/* RTIM ...: receive timeout */

#define RX_SIZE		256

static struct vcpu *guest;		/* the one that receives */
static struct vpl011 *uart;
static mmio_read_fn *base_read;		/* lesson 05's vpl011 */
static mmio_write_fn *base_write;
static u8 rx[RX_SIZE];
static u32 rx_head, rx_len;
static bool raw;			/* SH=1: bytes straight to the console */

/*
 * The interrupt status (RIS): receive while the FIFO holds data, transmit
 * always (this UART sends at once: its FIFO is never above its level).
 */
static u32 ris(void)
{
	return INT_TX | (rx_len ? INT_RX | INT_RT : 0);
}

/* Linux's UART line, after anything that may have changed it. */
static void update(void)
{
	vgic_set_level(INTID_UART0, (ris() & uart->imsc) != 0);
}

static bool rx_read(struct mmio_device *d, u64 off, int size, u64 *val)
{
	switch (off) {
	case UARTDR:
		*val = 0;
		if (rx_len) {
			*val = rx[rx_head];
			rx_head = (rx_head + 1) % RX_SIZE;
			if (!--rx_len)
				update();	/* the line falls */
		}
		return size <= 4;
	case UARTFR:
		*val = FR_TXFE | (rx_len ? 0 : FR_RXFE);
		return size <= 4;
	case UARTRIS:
		*val = ris();
		return size <= 4;
	case UARTMIS:
		*val = ris() & uart->imsc;
		return size <= 4;
	default:
		return base_read(d, off, size, val);
	}
}

static bool rx_write(struct mmio_device *d, u64 off, int size, u64 val)
{
	bool ok;

	if (raw && off == UARTDR && size <= 4) {
		/*
		 * SH=1: the shell has the terminal. Its echo, prompt and
		 * escape sequences go out as they come: no tag, no wait for
		 * a whole line, no escaping (lesson 03's rule, that a guest
		 * cannot write control characters to the console, is lifted
		 * for the guest the user asked to talk to).
		 */
		uart_write_byte((char)val);
		return true;
	}
	ok = base_write(d, off, size, val);
	if (off == UARTIMSC || off == UARTICR)
		update();
	return ok;
}

/*
 * The physical interrupts lesson 08 takes (lesson 06's irq_device()):
 *   33  the UART received: move the bytes to Linux's FIFO
 *   25  maintenance: Linux ended an interrupt with the EOI bit, or its
 *       list registers ran low (pending.c)
 */
bool irq_device(struct frame *f, u32 intid)
{
	(void)f;
	if (intid == INTID_UART0) {
		while (!(readl(UART0_BASE + UARTFR) & FR_RXFE)) {
			u8 c = readl(UART0_BASE + UARTDR);

			if (rx_len < RX_SIZE) {
				rx[(rx_head + rx_len) % RX_SIZE] = c;
				rx_len++;
			}
		}
		gic_eoi(intid);
		gic_deactivate(intid);
		update();
	} else if (intid == INTID_MAINTENANCE) {
		vgic_maintenance();	/* its cause goes first: it is a level */
		gic_eoi(intid);
		gic_deactivate(intid);
	} else {
		return false;
	}
	return true;
}

void vuart_init(struct vcpu *v, bool interactive)
{
	guest = v;
	uart = &v->uart;
	raw = interactive;
	base_read = uart->dev.read;
	base_write = uart->dev.write;
	uart->dev.read = rx_read;
	uart->dev.write = rx_write;

	/*
	 * UARTIMSC of the physical UART
	 * 06:06 RTIM  x1 an interrupt when received bytes wait (timeout)
	 * 04:04 RXIM  x1 an interrupt when the receive FIFO fills to its level
	 */
	writel(INT_RT | INT_RX, UART0_BASE + UARTIMSC);
	/* SPI 33 at the physical GIC: on (EL3 made it Non-secure Group 1,
	   routed to this CPU: lesson 06's gic_el3.c). */
	writel(BIT(INTID_UART0 % 32), GICD_BASE + GICD_ISENABLER + 4 * (INTID_UART0 / 32));
	gic_enable_ppi(INTID_MAINTENANCE);
}
