/* The PL011 UART of QEMU's virt machine (common/lib/pl011.c). */
#ifndef UART_H
#define UART_H

#define UART0_BASE	0x09000000UL

void uart_putc(char c);

#endif
