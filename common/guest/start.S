/*
 * start.S: a guest program's first instructions, at EL1 with its MMU off.
 *
 * The hypervisor enters here with x0 = an argument of its choosing. Set
 * up the stack, clear .bss (the hypervisor loads only the file's bytes),
 * install the EL1 vector table, unmask debug exceptions, call
 * guest_main(x0), and hand its return value to HVC_EXIT.
 */
#include "hypercall.h"
#include "c_runtime.h"

	.section .text.boot, "ax"
	.globl	_start
_start:
	c_runtime_init			/* x0 survives it */
	adr	x1, guest_vectors	/* vectors.S */
	msr	vbar_el1, x1
	isb
	/*
	 * PSTATE.D = 0, as a kernel runs: its debugger's breakpoints and
	 * watchpoints may fire (none is set: MDSCR_EL1 is 0). IRQs stay
	 * masked until the program unmasks them.
	 */
	msr	daifclr, #8
	bl	guest_main		/* x0 = the argument */
	mov	x8, #HVC_EXIT		/* x0 = guest_main's return value */
	hvc	#0
1:	b	1b			/* HVC_EXIT does not return */
