/*
 * lab.h: what the stubs of a handout call (tools/handout.py writes them).
 *
 * Where a handout left a function for you to write, its stub calls
 * lab_missing(): it prints which function is missing, the file it goes in
 * and the README section that teaches it, then powers the machine off. A
 * lab that is not written yet fails ./run.py at once, with that message,
 * and never hangs. Assembly (a macro such as kernel_entry) uses lab_stub.
 */
#ifndef LAB_H
#define LAB_H

#ifdef __ASSEMBLER__

/*
 * lab_stub "function", "file", "readme", "section": put the four strings in
 * .rodata and branch to lab_missing() with them in x0-x3. No register or
 * stack is saved: nothing runs after it. SP must be a valid EL2 stack, as
 * it is at every exception entry and in guest_enter.
 */
.macro lab_stub function, file, readme, section
	.pushsection .rodata.lab, "a"
9990:	.asciz	"\function"
9991:	.asciz	"\file"
9992:	.asciz	"\readme"
9993:	.asciz	"\section"
	.popsection
	adrp	x0, 9990b
	add	x0, x0, :lo12:9990b
	adrp	x1, 9991b
	add	x1, x1, :lo12:9991b
	adrp	x2, 9992b
	add	x2, x2, :lo12:9992b
	adrp	x3, 9993b
	add	x3, x3, :lo12:9993b
	b	lab_missing
.endm

#else

#include "types.h"

/* Say what to write and where to read about it; power off. */
void lab_missing(const char *function, const char *file, const char *readme,
		 const char *section) __noreturn;

#endif
#endif
