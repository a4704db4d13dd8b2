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
 * bit: SPI 33 was the hypervisor's and is already deactivated), so it is
 * injected with ICH_LR.EOI set: when Linux ends the interrupt, the vGIC
 * raises its maintenance interrupt (PPI 25), and the hypervisor looks at
 * the line again: still high (more bytes came), inject again.
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
static bool (*base_read)(struct mmio_device *d, u64 off, int size, u64 *val);
static bool (*base_write)(struct mmio_device *d, u64 off, int size, u64 val);
static u8 rx[RX_SIZE];
static u32 rx_head, rx_len;
static bool raw;			/* SH=1: bytes straight to the console */
static bool in_lr;			/* vINTID 33 is in a list register */
u64 vuart_received, vuart_injected;

/*
 * The interrupt status (RIS): receive while the FIFO holds data, transmit
 * always (this UART sends at once: its FIFO is never above its level).
 */
static u32 ris(void)
{
	return INT_TX | (rx_len ? INT_RX | INT_RT : 0);
}

/* The list register value for vINTID 33: pending, Group 1, EOI maintenance. */
static u64 uart_lr(void)
{
	/*
	 * ICH_LR<n>_EL2
	 *
	 * 63:62 State    x1  pending
	 * 61:61 HW       x0  a virtual interrupt alone: nothing to deactivate
	 * 60:60 Group    x1  Group 1
	 * 55:48 Priority xa0 the priority Linux gave SPIs
	 * 41:41 EOI      x1  a maintenance interrupt when Linux ends it
	 * 31:00 vINTID   x21 INTID 33
	 */
	return ICH_LR_PENDING | ICH_LR_GROUP1 | ICH_LR_EOI |
	       ((u64)GIC_PRIORITY_DEFAULT << ICH_LR_PRIORITY_SHIFT) | INTID_UART0;
}

/*
 * Linux's UART line is high: give vINTID 33 to its vCPU, in a free list
 * register. When Linux runs, that is the hardware's (ICH_ELRSR_EL2 says
 * which are free); when another guest runs, it is Linux's saved copy,
 * which the next switch to Linux loads (lesson 07's vgic_restore).
 */
static void inject(void)
{
	u32 n;

	if (guest == current) {
		u64 empty = read_sysreg(ich_elrsr_el2);

		for (n = 0; n < 4 && !(empty & BIT(n)); n++)
			;
		if (n == 4)
			return;		/* all busy: the maintenance IRQ retries */
		vgic_write_lr(n, uart_lr());
		isb();
		vgic_in_use |= BIT(n);
	} else {
		for (n = 0; n < 4 && (guest->vgic.lr[n] & ICH_LR_STATE_MASK); n++)
			;
		if (n == 4)
			return;
		guest->vgic.lr[n] = uart_lr();
		guest->vgic.in_use |= BIT(n);
	}
	in_lr = true;
	vuart_injected++;
}

/* Look at the line, after anything that may have changed it. */
static void update(void)
{
	if (!in_lr && (ris() & uart->imsc) && vgicd_spi_enabled(INTID_UART0))
		inject();
}

static bool rx_read(struct mmio_device *d, u64 off, int size, u64 *val)
{
	switch (off) {
	case UARTDR:
		*val = 0;
		if (rx_len) {
			*val = rx[rx_head];
			rx_head = (rx_head + 1) % RX_SIZE;
			rx_len--;
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
 * The physical interrupts vuart uses (lesson 06's irq_device()):
 *   33  the UART received: move the bytes to Linux's FIFO
 *   25  maintenance: Linux ended vINTID 33: free its list register
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
				vuart_received++;
			}
		}
	} else if (intid == INTID_MAINTENANCE) {
		/* ICH_EISR_EL2: the list registers whose EOI the guest made. */
		u64 eoi = read_sysreg(ich_eisr_el2);

		for (u32 n = 0; n < 4; n++)
			if (eoi & BIT(n)) {
				vgic_write_lr(n, 0);	/* invalid: the EOI bit goes */
				vgic_in_use &= ~BIT(n);
				in_lr = false;
			}
		isb();
	} else {
		return false;
	}
	gic_eoi(intid);
	gic_deactivate(intid);
	update();
	return true;
}

/* The guest restarts: its list registers were emptied (restart.c). */
void vuart_reset(void)
{
	in_lr = false;
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
