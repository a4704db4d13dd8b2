/*
 * PL011 UART driver: transmit only, polled.
 *
 * Polling is the simplest correct driver: wait until the transmit FIFO has
 * room (FR.TXFF clear), then write the data register. QEMU's PL011 is ready
 * without any set-up; real hardware would also need UARTIBRD/FBRD/LCR_H/CR.
 */
#include "types.h"
#include "sysreg.h"
#include "io.h"
#include "uart.h"

#define UART_DR		0x000	/* data register */
#define UART_FR		0x018	/* flag register */
#define UART_FR_TXFF	(1 << 5)	/* transmit FIFO full */

void uart_write_byte(char c)
{
	while (readl(UART0_BASE + UART_FR) & UART_FR_TXFF)
		;
	writel((u8)c, UART0_BASE + UART_DR);
}

/* A terminal wants "\r\n" for a new line. */
void uart_putc(char c)
{
	if (c == '\n')
		uart_write_byte('\r');
	uart_write_byte(c);
}
