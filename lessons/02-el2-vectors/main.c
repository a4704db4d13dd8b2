/*
 * Lesson 02: take four exceptions at EL2 on purpose, and come back from
 * each one through the vector table.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "print.h"
#include "power.h"
#include "exception.h"
#include "register_test.h"

/* Labels on the faulting instructions, defined in the asm below. */
extern char fault_brk[], fault_udf[], fault_load[];

/* An address where the virt machine has nothing: reads are external aborts. */
#define NOWHERE	0x60000000UL

void hyp_main(void)
{
	u64 vbar, regs[31];
	int changed = 0;

	printf("stepvisor lesson 02: the EL2 vector table\n\n");
	exceptions_init();
	vbar = read_sysreg(vbar_el2);
	printf("VBAR_EL2 = el2_vectors: %s, 2 KiB aligned: %s\n\n",
	       vbar == (u64)el2_vectors ? "yes" : "no",
	       vbar & 0x7ff ? "no" : "yes");
	printf("its 16 entries, and the handler each branches to:\n");
	print_vector_table();
	ec_selftest();
	printf("\n");

	printf("1. brk #0x2a, a software breakpoint\n");
	expect_exception(ESR_EC_BRK64, fault_brk, "fault_brk");
	asm volatile(".globl fault_brk\nfault_brk: brk #0x2a" ::: "memory");
	printf("back in hyp_main after the brk\n\n");

	printf("2. udf #0, an instruction that is permanently undefined\n");
	expect_exception(ESR_EC_UNKNOWN, fault_udf, "fault_udf");
	asm volatile(".globl fault_udf\nfault_udf: udf #0" ::: "memory");
	printf("back in hyp_main after the udf\n\n");

	printf("3. ldr from 0x%lx, where no memory or device answers\n", NOWHERE);
	expect_exception(ESR_EC_DABT_CUR, fault_load, "fault_load");
	asm volatile(".globl fault_load\nfault_load: ldr xzr, [%0]"
		     : : "r"(NOWHERE) : "memory");
	printf("back in hyp_main after the load\n\n");

	printf("4. brk #0x2b, with x0-x30 each holding a value of its own\n");
	expect_exception(ESR_EC_BRK64, fault_scrub, "fault_scrub");
	brk_keeps_registers(regs);
	for (int n = 0; n < 31; n++) {
		if (regs[n] != REG_PATTERN(n)) {
			printf("  x%d changed: 0x%016lx, was 0x%016lx\n", n,
			       regs[n], REG_PATTERN(n));
			changed++;
		}
	}
	printf("back in hyp_main after the brk: x0-x30 %s\n\n",
	       changed ? "NOT all as they were" : "all as they were");

	printf("lesson 02 done: %lu exceptions taken, %lu recovered; "
	       "powering off through semihosting\n", exceptions_taken,
	       exceptions_recovered);
	system_off(0);
}
