/* The PL011 UART of QEMU's virt machine (common/lib/pl011.c). */
#ifndef UART_H
#define UART_H

#include "platform.h"	/* UART0_BASE */

void uart_putc(char c);		/* "\n" goes out as "\r\n" */
void uart_write_byte(char c);	/* exactly c */

#endif
