/* Formatted output on the PL011 UART (common/lib/print.c). */
#ifndef PRINT_H
#define PRINT_H

#include <stdarg.h>
#include "types.h"

typedef void (*putc_fn)(char c);

/*
 * A small printf: %c %s %d %u %x %p and %%, with an optional l or ll, a
 * field width (a number, or * to take it from the arguments), and the
 * flags '0' (pad with zeros) and '-' (left-align).
 */
int vformat(putc_fn out, const char *fmt, va_list ap);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void puts(const char *s);		/* writes s and a newline */

/*
 * One named bit field of a register, for print_fields(). The same table
 * shape as the comment above every msr in the kit: bits, field, meaning.
 */
struct field {
	u8 hi, lo;			/* bit range [hi:lo] */
	const char *name;		/* as the Arm ARM spells it */
	const char *meaning;		/* what the field does: "1 = MMU on" */
};

/* Print "NAME = 0x..." then one line per field: range, name, value, meaning. */
void print_fields(const char *reg, u64 value, const struct field *fields, int n);

/* HCR_EL2 as print_fields() shows it (common/lib/hcr.c). */
void print_hcr_el2(void);

/* CPTR_EL2, VTCR_EL2, MDCR_EL2, CNTHCTL_EL2 the same way (common/lib/el2regs.c). */
void print_cptr_el2(void);
void print_vtcr_el2(void);
void print_mdcr_el2(void);
void print_cnthctl_el2(void);

/* Stop with a message; never returns (see common/lib/print.c). */
void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
