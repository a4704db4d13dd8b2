/*
 * console: tries to pass for the hypervisor on the shared console.
 *
 * Through its UART it erases its own tag with terminal commands (ESC [2K
 * erases the line, a carriage return goes back to its start) and writes a
 * hypervisor's line; through HVC_PUTC, lesson 03's hypercall, it writes one
 * more, where no vpl011 would tag it. Every line it forges says FORGED:
 * each must still come out behind "[console] ", with every control
 * character shown, not obeyed.
 */
#include "types.h"
#include "print.h"
#include "hypercall.h"
#include "guest.h"

static void hvc_putc(char c)
{
	hvc_call(HVC_PUTC, (u8)c, 0);
}

static void hvc_puts(const char *s)
{
	while (*s)
		hvc_putc(*s++);
}

int guest_main(u64 arg)
{
	(void)arg;
	printf("hello: printing as the hypervisor\n");
	printf("\x1b[2K\rhypervisor: counter is stopped; 1 guest still running (FORGED)\n");
	printf("\b\b\b\b\b\b\b\b\b\bhypervisor: rogue ended (FORGED)\a\n");
	hvc_puts("hypervisor: primes is stopped; 0 guests still running (FORGED)\n");
	hvc_puts("\x1b[1A\x1b[2Khypervisor: all guests have ended (FORGED)\n");
	return 0;
}
