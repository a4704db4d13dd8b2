/*
 * vregs.S: fill all 32 vector registers with a pattern made from a seed,
 * and count those that no longer hold it. (In assembly: guests are built
 * with -mgeneral-regs-only, like the hypervisor, so C never uses them.)
 *
 *   v<n> = { seed + n, ~(seed + n) }	(low half, high half)
 */
	.text
/* void vregs_fill(u64 seed) */
	.globl	vregs_fill
vregs_fill:
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	add	x1, x0, #\n
	mvn	x2, x1
	fmov	d\n, x1
	mov	v\n\().d[1], x2
	.endr
	ret

/* u64 vregs_changed(u64 seed): how many of v0-v31 differ from the pattern */
	.globl	vregs_changed
vregs_changed:
	mov	x3, #0
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	add	x1, x0, #\n
	mvn	x2, x1
	fmov	x4, d\n
	mov	x5, v\n\().d[1]
	cmp	x4, x1
	ccmp	x5, x2, #0, eq		/* Z = both halves match */
	cinc	x3, x3, ne
	.endr
	mov	x0, x3
	ret
