/*
 * The lesson 05 guest: the same kind of program as lesson 04's, with the
 * same PL011 driver (common/lib/pl011.c). It does not know that its UART,
 * its SMC calls and some of its system registers are now the hypervisor.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "io.h"
#include "uart.h"
#include "esr.h"
#include "print.h"
#include "psci.h"
#include "bench.h"
#include "guest.h"

#define UART_PERIPHID0	0xfe0
#define UART_PCELLID0	0xff0
#define UART_CR		0x030
#define UART_NOT_A_REG	0x080

void mmio_corners(u64 base, u64 out[4]);

static u32 id_word(u64 base)		/* four byte-wide ID registers */
{
	u32 v = 0;

	for (int i = 0; i < 4; i++)
		v |= (readl(base + 4 * i) & 0xff) << (8 * i);
	return v;
}

/*
 * The vpl011 cannot emulate an access with ISV = 0, so it injects a data
 * abort: here it is. Skip the instruction, as the hypervisor would have.
 */
static int aborts;

u64 guest_sync(u64 esr, u64 elr, u64 far)
{
	if (esr_ec(esr) != ESR_EC_DABT_CUR || far != UART0_BASE)
		panic("guest: unexpected exception, ESR_EL1 0x%lx", esr);
	aborts++;
	printf("a data abort at EL1, injected by the hypervisor:\n");
	print_esr(1, esr);
	printf("  FAR_EL1 = 0x%08lx; skipping the instruction\n", far);
	return elr + 4;
}

int guest_main(u64 arg)
{
	u64 trip, store, nothing;
	s64 r;

	(void)arg;
	printf("hello from EL%u, through a PL011 that is not there\n",
	       current_el());
	printf("PL011 PeriphID 0x%08x, PCellID 0x%08x, CR 0x%x\n",
	       id_word(UART0_BASE + UART_PERIPHID0),
	       id_word(UART0_BASE + UART_PCELLID0),
	       readl(UART0_BASE + UART_CR));

	printf("MIDR_EL1 0x%08lx, MPIDR_EL1 0x%08lx (no trap: VPIDR, VMPIDR)\n",
	       read_sysreg(midr_el1), read_sysreg(mpidr_el1));
	printf("ID_AA64PFR0_EL1 0x%016lx: EL2 %lu, EL3 %lu\n",
	       read_sysreg(id_aa64pfr0_el1),
	       (read_sysreg(id_aa64pfr0_el1) >> 8) & 0xf,
	       (read_sysreg(id_aa64pfr0_el1) >> 12) & 0xf);
	printf("ID_AA64MMFR0_EL1 0x%016lx: PARange %lu (32 bits)\n",
	       read_sysreg(id_aa64mmfr0_el1),
	       read_sysreg(id_aa64mmfr0_el1) & 0xf);

	asm volatile("wfi");
	printf("wfi returned: trapped (no interrupt will ever come to wake it)\n");
	asm volatile("wfe");
	printf("wfe returned\n");
	/*
	 * Two more traps the hypervisor set: HCR_EL2.TACR (ACTLR_EL1, read
	 * into x2: a fixed register, so the syndrome is the same with any
	 * compiler) and TSW (a clean and invalidate by set/way: level 1, set
	 * 0, way 0). Neither changes what the guest sees; the hypervisor's
	 * report and its count of SYS64 exits show them.
	 */
	{
		u64 actlr;

		asm volatile("mov x2, #0x5a; mrs x2, actlr_el1; mov %0, x2; "
			     "dc cisw, xzr" : "=r"(actlr) : : "x2", "memory");
		printf("ACTLR_EL1 reads 0x%lx; a cache line cleaned by set/way\n",
		       actlr);
	}

	r = psci_call(PSCI_VERSION, 0, 0, 0);
	printf("PSCI_VERSION = 0x%lx\n", r);
	printf("PSCI_FEATURES(SYSTEM_OFF) = %ld, PSCI_FEATURES(CPU_ON) = %ld, "
	       "PSCI_FEATURES(MIGRATE) = %ld\n",
	       psci_call(PSCI_FEATURES, PSCI_SYSTEM_OFF, 0, 0),
	       psci_call(PSCI_FEATURES, PSCI_CPU_ON | SMC64_FN, 0, 0),
	       psci_call(PSCI_FEATURES, PSCI_MIGRATE, 0, 0));
	printf("PSCI CPU_ON(CPU 1) = %ld (INVALID_PARAMETERS: there is no CPU 1), "
	       "CPU_ON(CPU 0) = %ld (ALREADY_ON)\n",
	       psci_call(PSCI_CPU_ON | SMC64_FN, 1, 0, 0),
	       psci_call(PSCI_CPU_ON | SMC64_FN, 0, 0, 0));

	{
		u64 c[4];

		mmio_corners(UART0_BASE, c);	/* corners.S */
		printf("device reads into x23, x30 and w17, a write of wzr:\n");
		printf("  ldr w23 <- CR: 0x%lx; ldrsb x30 <- PCellID3: 0x%016lx\n",
		       c[0], c[1]);
		printf("  ldrsb w17 <- PCellID1: 0x%016lx; IMSC after str wzr: 0x%lx\n",
		       c[2], c[3]);
	}
	printf("now the accesses the vpl011 does not implement:\n");
	r = readl(UART0_BASE + UART_NOT_A_REG);
	r += readl(UART0_BASE + UART_NOT_A_REG);
	writel(0x5a, UART0_BASE + UART_NOT_A_REG);
	r += readq(UART0_BASE);			/* 8 bytes: too wide */
	printf("two reads of offset 0x080 and a 64-bit read of DR: sum %ld\n", r);
	{
		u32 a = 1, b = 2;

		asm volatile("ldp %w0, %w1, [%2]" : "+r"(a), "+r"(b)
			     : "r"(UART0_BASE) : "memory");
		printf("after the ldp: %u aborts taken, and the guest goes on\n",
		       aborts);
	}

	/* Measure a character in mid-line: the line's "[guest] " tag is out. */
	printf("one emulated MMIO write, this '");
	nothing = bench_nothing();
	store = bench_store32(UART0_BASE, '>') - nothing;
	trip = bench_null_hvc() - nothing;
	printf("': %lu instructions (target: at most 200); a null hypercall: "
	       "%lu\n", store, trip);

	printf("PSCI SYSTEM_OFF\n");
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	return 1;		/* not reached */
}
