/*
 * guest/corners.S: emulated device accesses through the corners of the
 * syndrome, in assembly so that the registers and instructions are ours,
 * not the compiler's:
 *
 *   a register above x15 (x23, x17, x16, x30: SRT is 5 bits, and a decoder
 *   that kept 4 would write x7, x1, x0, x14 instead)
 *   the zero register (SRT 31 is xzr on a load or store, not x31, and not
 *   SP: a write of it must write 0)
 *   sign-extending loads (SSE 1), into an x register (SF 1: all 64 bits)
 *   and into a w register (SF 0: bits [63:32] become 0)
 *
 * void mmio_corners(u64 base, u64 out[4]), base the PL011's:
 *   out[0] = CR through w23          (0x300)
 *   out[1] = PCellID3 by ldrsb x30   (0xb1 sign-extended to 64 bits)
 *   out[2] = PCellID1 by ldrsb w17   (0xf0 sign-extended to 32 bits)
 *   out[3] = IMSC, after 0x50 and then wzr were written to it (0)
 */
	.text
	.globl	mmio_corners
mmio_corners:
	stp	x23, x30, [sp, #-16]!	/* ours to use: the caller's to keep */
	ldr	w23, [x0, #0x030]	/* UARTCR */
	ldrsb	x30, [x0, #0xffc]	/* UARTPCellID3 */
	ldrsb	w17, [x0, #0xff4]	/* UARTPCellID1 */
	mov	w16, #0x50
	str	w16, [x0, #0x038]	/* UARTIMSC = 0x50 */
	str	wzr, [x0, #0x038]	/* UARTIMSC = 0 */
	ldr	w16, [x0, #0x038]
	stp	x23, x30, [x1]
	stp	x17, x16, [x1, #16]
	ldp	x23, x30, [sp], #16
	ret
