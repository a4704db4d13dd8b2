/*
 * The EL2 vector table and what happens when an entry nobody handles is
 * taken (lessons/02-el2-vectors/vectors.S and exception.c).
 */
#ifndef EXCEPTION_H
#define EXCEPTION_H

/*
 * The 16 entries of a vector table, in table order. Entry n sits at
 * VBAR_EL2 + n * 0x80; the number is what handle_invalid_entry reports.
 */
#define SYNC_INVALID_EL2T	0	/* current EL, SP_EL0 */
#define IRQ_INVALID_EL2T	1
#define FIQ_INVALID_EL2T	2
#define ERROR_INVALID_EL2T	3
#define SYNC_INVALID_EL2H	4	/* current EL, SP_EL2 */
#define IRQ_INVALID_EL2H	5
#define FIQ_INVALID_EL2H	6
#define ERROR_INVALID_EL2H	7
#define SYNC_INVALID_EL01_64	8	/* lower EL, AArch64 */
#define IRQ_INVALID_EL01_64	9
#define FIQ_INVALID_EL01_64	10
#define ERROR_INVALID_EL01_64	11
#define SYNC_INVALID_EL01_32	12	/* lower EL, AArch32 */
#define IRQ_INVALID_EL01_32	13
#define FIQ_INVALID_EL01_32	14
#define ERROR_INVALID_EL01_32	15

#ifndef __ASSEMBLER__
#include "types.h"

extern char el2_vectors[];

/* Point VBAR_EL2 at el2_vectors. */
void exceptions_init(void);

/*
 * Arm a one-shot expectation: the next exception at EL2 will have this EC
 * and be raised by the instruction at `site`. invalid_entry() then reports
 * it and resumes after that instruction; any other exception is fatal, and
 * so is arming a second expectation before the first one came.
 */
void expect_exception(u32 ec, const void *site, const char *site_name);

/* Exceptions invalid_entry() has seen, and those it came back from. */
extern u64 exceptions_taken, exceptions_recovered;

/* Fill x0-x30 with REG_PATTERN(n), take brk #0x2b, store them in out (preserve.S). */
void brk_keeps_registers(u64 out[31]);
extern char fault_scrub[];

/* Where each of the 16 entries of el2_vectors branches, one line each. */
void print_vector_table(void);

/* Check the syndrome decoder's EC names against the Arm ARM's (ec_selftest.c). */
void ec_selftest(void);

/* Called by handle_invalid_entry; returns the address to resume at. */
u64 invalid_entry(u64 type, u64 esr, u64 elr, u64 far);
#endif

#endif
