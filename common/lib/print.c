/*
 * printf for the kit: enough of the standard one to print registers,
 * addresses and counters, and nothing more. The hypervisor's output goes
 * to the UART; a guest passes its own putc to vformat() (a hypercall, or
 * its own UART driver).
 */
#include <stdarg.h>
#include "types.h"
#include "uart.h"
#include "print.h"
#include "power.h"

/* Print u in the given base, padded to width with pad ('0' or ' '). */
static int print_num(putc_fn out, u64 u, int base, int width, char pad,
		     bool neg, bool left)
{
	char buf[24];
	int len = 0, n = 0;

	do {
		int d = u % base;
		buf[len++] = d < 10 ? '0' + d : 'a' + d - 10;
		u /= base;
	} while (u);
	if (neg)
		buf[len++] = '-';
	if (neg && pad == '0') {	/* the sign goes before the zeros */
		out('-');
		len--;
		width--;
		n++;
	}
	for (; !left && width > len; width--, n++)
		out(pad);
	for (int i = len - 1; i >= 0; i--, n++)
		out(buf[i]);
	for (; left && width > len; width--, n++)
		out(' ');
	return n;
}

int vformat(putc_fn out, const char *fmt, va_list ap)
{
	int n = 0;

	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			out(*fmt);
			n++;
			continue;
		}
		fmt++;
		bool left = false;
		char pad = ' ';
		int width = 0, longs = 0;

		for (; *fmt == '-' || *fmt == '0'; fmt++) {
			if (*fmt == '-')
				left = true;
			else
				pad = '0';
		}
		if (*fmt == '*') {		/* the width is an argument */
			width = va_arg(ap, int);
			fmt++;
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (; *fmt == 'l'; fmt++)
			longs++;
		if (left)
			pad = ' ';

		switch (*fmt) {
		case 'c':
			out((char)va_arg(ap, int));
			n++;
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			int len = 0;

			if (!s)
				s = "(null)";
			while (s[len])
				len++;
			for (; !left && width > len; width--, n++)
				out(' ');
			for (int i = 0; i < len; i++, n++)
				out(s[i]);
			for (; left && width > len; width--, n++)
				out(' ');
			break;
		}
		case 'd': {
			s64 v = longs ? va_arg(ap, s64) : va_arg(ap, int);

			n += print_num(out, v < 0 ? -(u64)v : (u64)v, 10, width, pad,
				       v < 0, left);
			break;
		}
		case 'u':
		case 'x': {
			u64 v = longs ? va_arg(ap, u64) : va_arg(ap, unsigned int);

			n += print_num(out, v, *fmt == 'u' ? 10 : 16, width, pad,
				       false, left);
			break;
		}
		case 'p':
			out('0');
			out('x');
			n += 2 + print_num(out, (u64)va_arg(ap, void *), 16, 16, '0',
					   false, false);
			break;
		case '%':
			out('%');
			n++;
			break;
		default:		/* unknown: print it as written */
			out('%');
			out(*fmt);
			n += 2;
			if (!*fmt)
				return n;
		}
	}
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vformat(uart_putc, fmt, ap);
	va_end(ap);
	return n;
}

void puts(const char *s)
{
	while (*s)
		uart_putc(*s++);
	uart_putc('\n');
}

void print_fields(const char *reg, u64 value, const struct field *fields, int n)
{
	printf("%s = 0x%016lx\n", reg, value);
	for (int i = 0; i < n; i++) {
		const struct field *f = &fields[i];
		u64 width = f->hi - f->lo + 1;
		u64 v = (value >> f->lo) & (width == 64 ? ~0UL : (1UL << width) - 1);
		/* the seed's notation: "x1" is the value written to the field */
		printf("  %02u:%02u %-8s x%-3lx %s\n", f->hi, f->lo, f->name, v,
		       f->meaning);
	}
}

void panic(const char *fmt, ...)
{
	va_list ap;

	printf("\nPANIC: ");
	va_start(ap, fmt);
	vformat(uart_putc, fmt, ap);
	va_end(ap);
	printf("\n");
	system_off(1);
}
