/*
 * hypercall.c: the hypervisor's side of the hypercall ABI.
 */
#include "types.h"
#include "arm.h"
#include "uart.h"
#include "print.h"
#include "trap.h"
#include "hypercall.h"

u64 hvc_counts[HVC_NR + 1];

/*
 * A guest's byte for the console. A terminal obeys control characters: a
 * carriage return goes back to the start of the line, ESC starts a command
 * (erase the line, move the cursor, change colours). A guest that could
 * send them could rewrite what the hypervisor printed, or print a line that
 * looks like its own. So only a line end passes; every other control
 * character, and every byte that is not ASCII, is shown as \xNN.
 */
void put_guest_byte(char c)
{
	u8 b = (u8)c;

	if (c == '\n' || (b >= 0x20 && b < 0x7f))
		uart_putc(c);
	else
		printf("\\x%02x", b);
}

/*
 * HVC_PUTC's byte. Here the console is the guest's alone: escaped, and
 * no more. Lesson 05 gives each guest a virtual UART whose lines carry the
 * guest's name, and sends HVC_PUTC through it too (vpl011.c).
 */
__weak void guest_putc(char c)
{
	put_guest_byte(c);
}

/* lab: README "handle_hvc: the hypercall ABI" */
static s64 hvc_query(u64 what)
{
	u64 calls = 0;

	switch (what) {
	case HVC_QUERY_VERSION:
		return HVC_ABI_VERSION;
	case HVC_QUERY_CALLS:
		for (int i = 0; i <= HVC_NR; i++)
			calls += hvc_counts[i];
		return calls;
	default:
		return HVC_ERR_INVALID;
	}
}

/*
 * The preferred return address of an HVC is the next instruction: ELR_EL2
 * already points past the hvc, so, unlike a trapped instruction (lesson 05),
 * nothing needs advancing. The result goes into the saved x0, and
 * kernel_exit hands it to the guest.
 */
static void handle_hvc(struct frame *f, u64 esr)
{
	u64 nr = f->x[8];

	(void)esr;
	hvc_counts[nr < HVC_NR ? nr : HVC_NR]++;
	switch (nr) {
	case HVC_NULL:
		f->x[0] = HVC_OK;
		break;
	case HVC_PUTC: {
		char c = (char)f->x[0];

		f->x[0] = HVC_OK;	/* first, so the call is a tail call */
		guest_putc(c);
		break;
	}
	case HVC_QUERY:
		f->x[0] = hvc_query(f->x[0]);
		break;
	case HVC_EXIT:
		/* 0-255, as a process's exit status: never GUEST_FAULTED. */
		guest_exit(f, f->x[0] & 0xff);
		break;
	case HVC_SCRUB:
		/*
		 * The hypervisor's C code preserves x19-x29 and need not touch
		 * x6-x18 at all, so a guest register that kernel_exit forgot
		 * to restore could still come back right. Leave C here and go
		 * back through guest_resume_scrubbed(), which overwrites every
		 * register first: only what the frame restores survives.
		 */
		f->x[0] = HVC_OK;
		guest_resume_scrubbed(f);	/* does not return */
	default:		/* an unknown number is the guest's error, not ours */
		f->x[0] = HVC_ERR_UNKNOWN;
	}
}
/* end of lab */
EXIT_HANDLER(ESR_EC_HVC64, handle_hvc);
