/* The register test shared by guest/regs.S and guest/guest.c. */
#ifndef REGTEST_H
#define REGTEST_H

#include "arm.h"

/*
 * What register xN holds before the hypercall: 0x5356 ("SV") + N in the
 * top 16 bits and N in each of the other three, distinct for every N
 * (x19 = 0x5369001300130013).
 */
#define REG_PATTERN(n)	(UL(0x5356000000000000) + (n) * UL(0x0001000100010001))

#ifndef __ASSEMBLER__
#include "types.h"

/*
 * Fill x0-x30 with REG_PATTERN(n) (x8 with HVC_SCRUB, the number), make
 * the hypercall, and store x0-x30 as they came back into after[].
 */
void hvc_register_test(u64 after[31]);
#endif

#endif
