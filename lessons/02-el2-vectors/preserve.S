/*
 * preserve.S: does an exception taken at EL2 give back every register?
 *
 * An exception can come between any two instructions, so its handler must
 * return with all 31 general registers as they were: the code it
 * interrupted never agreed to lose one. handle_invalid_entry (vectors.S)
 * saves x0-x18 and x30 itself and leaves x19-x29 to the C it calls
 * (common/include/caller_saved.h); the guest runtime's EL1 vectors use the
 * same macros. A mistake there shows only when a register happens to hold
 * something that matters, so this test fills every register with a value
 * of its own, takes a brk, and hands all 31 back to C to compare.
 *
 * void brk_keeps_registers(u64 out[31]): x<n> = REG_PATTERN(n)
 * (common/include/register_test.h), brk #0x2b at fault_scrub, then
 * out[n] = x<n>.
 */
#include "arm.h"
#include "register_test.h"

	.text
	.globl	brk_keeps_registers
brk_keeps_registers:
	regtest_begin
	.irp	n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	ldr	x\n, =REG_PATTERN(\n)
	.endr
	.globl	fault_scrub
fault_scrub:
	brk	#0x2b
	regtest_end
