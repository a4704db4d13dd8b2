/* Decoding the Exception Syndrome Register (common/lib/esr.c). */
#ifndef ESR_H
#define ESR_H

#include "types.h"
#include "arm.h"

static inline u32 esr_ec(u64 esr) { return (esr >> ESR_EC_SHIFT) & ESR_EC_MASK; }
static inline u32 esr_iss(u64 esr) { return esr & ESR_ISS_MASK; }

/*
 * The length of the instruction that trapped, to step past it: ESR.IL is 1
 * for a 32-bit instruction (every A64 one, and 32-bit T32 and A32 ones) and
 * 0 for a 16-bit T32 instruction, which an AArch32 EL0 can run.
 */
static inline u64 esr_insn_bytes(u64 esr) { return esr & ESR_IL ? 4 : 2; }

/* Indexed by EC; the gdb script reads this same table out of the image. */
extern const char *const esr_ec_names[64];

const char *esr_ec_name(u32 ec);		/* "DABT_CUR" */
const char *esr_fsc_name(u32 fsc);		/* "translation fault, level 3" */
bool esr_far_valid(u64 esr);			/* does FAR hold an address? */

/*
 * Print ESR decoded: the EC by name, IL, and the ISS fields that the EC
 * defines, two lines indented by two spaces, e.g.
 *   ESR_EL2 = 0x96000010: EC 0x25 DABT_CUR (data abort, same EL), IL 1
 *     ISS: ISV 0, EA 0, S1PTW 0, WnR 0 (read), DFSC 0x10 (synchronous external abort)
 */
void print_esr(int el, u64 esr);

/* The whole report for an exception nobody expected: ESR, ELR and FAR. */
void print_exception(int el, u64 esr, u64 elr, u64 far);

#endif
