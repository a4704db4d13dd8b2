/* The register test shared by guest/regs.S and guest/guest.c. */
#ifndef REGTEST_H
#define REGTEST_H

#include "arm.h"

#include "register_test.h"	/* REG_PATTERN(n) */

#ifndef __ASSEMBLER__
#include "types.h"

/*
 * Fill x0-x30 with REG_PATTERN(n) (x8 with HVC_SCRUB, the number), make
 * the hypercall, and store x0-x30 as they came back into after[].
 */
void hvc_register_test(u64 after[31]);
#endif

#endif
