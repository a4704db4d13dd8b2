/*
 * c_runtime.h: what must happen before the first C function runs, as an
 * assembler macro for every image's entry code (the hypervisor's entry2 in
 * lesson 01, every guest's _start in common/guest/start.S).
 */
#ifndef C_RUNTIME_H
#define C_RUNTIME_H

#ifdef __ASSEMBLER__
/*
 * Point SP at __stack_top and zero .bss (C expects zeroed globals; the
 * loader puts only the file's bytes in memory). Uses x1 and x2 only, so
 * x0, an argument for the C entry point, survives.
 */
.macro c_runtime_init
	ldr	x1, =__stack_top
	mov	sp, x1
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
.Lclear_bss\@:
	cmp	x1, x2
	b.hs	.Lbss_done\@
	str	xzr, [x1], #8
	b	.Lclear_bss\@
.Lbss_done\@:
.endm
#endif

#endif
