/*
 * A test Image for lesson 08: not Linux, but booted as Linux is (make run
 * LESSON=08 KERNEL=build/bootimage/Image), so that it can check what a run
 * of Debian's kernel cannot show (tests/test_linux_image.py):
 *
 *   1. PSCI answers the same over smc and over hvc: every call Linux makes,
 *      x4-x17 kept; an hvc with the kit's HVC_EXIT in x8 is still PSCI.
 *   2. More pending interrupts than list registers (4): eight SPIs made
 *      pending at once, each taken once, the highest priority first.
 *   3. Enables: the virtual timer's PPI 27 is not taken while it is
 *      disabled in the redistributor, nor while Group 1 is off in the
 *      distributor; the UART's SPI 33 not while disabled in the
 *      distributor; each is taken once enabled. A software-pended SPI waits
 *      for its enable too.
 *   4. SYSTEM_RESET over one conduit (the image boots again), SYSTEM_OFF
 *      over the other.
 *
 * Every line it prints starts with "image: "; the test compares them.
 */
#include "types.h"
#include "arm.h"
#include "sysreg.h"
#include "io.h"
#include "print.h"
#include "string.h"
#include "platform.h"
#include "guest.h"

/* PSCI functions Linux asks FEATURES of, beyond arm.h's */
#define PSCI_CPU_SUSPEND64	(PSCI_CPU_SUSPEND | SMC64_FN)
#define PSCI_SYSTEM_SUSPEND64	UL(0xc400000e)
#define PSCI_SYSTEM_RESET2	UL(0x84000012)

/* The emulated GIC's registers the image uses (lesson 08 vgicd.c, vgicr.c) */
#define GICD_CTLR		0x0000
#define GICD_CTLR_ENABLE_GRP1	BIT(1)
#define GIC_IGROUPR		0x0080
#define GIC_ISENABLER		0x0100
#define GIC_ICENABLER		0x0180
#define GIC_ISPENDR		0x0200
#define GIC_IPRIORITYR		0x0400
#define GICR_SGI		(GICR_BASE + 0x10000)
#define GICR_WAKER		0x0014
#define UARTIMSC		0x038
#define UART_TXIM		BIT(5)

#define INTID_CNTV		27
#define INTID_UART		33
#define FIRST_SPI		34	/* 34-41: eight made pending at once */
#define NR_SPI			8
#define LATE_SPI		42	/* pending while disabled */

u64 psci_smc(u64 fn, u64 a1, u64 a2, u64 a3);	/* head.S */
u64 psci_hvc(u64 fn, u64 a1, u64 a2, u64 a3);
extern u64 psci_clobbered;

static volatile u32 taken[64];		/* interrupts taken, by INTID */
static volatile u32 order[16], nr_order;

/* ---- the device tree: /psci's method and /chosen's bootargs -------------- */

#define FDT_BEGIN_NODE	1
#define FDT_END_NODE	2
#define FDT_PROP	3
#define FDT_NOP		4

static u32 be32(const void *p)
{
	const u8 *b = p;

	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

static bool same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* The value of the first property named `name`, or "" (a flat walk). */
static const char *dt_string(const u8 *dtb, const char *name)
{
	const u8 *p = dtb + be32(dtb + 8);		/* off_dt_struct */
	const char *strings = (const char *)dtb + be32(dtb + 12);

	for (;;) {
		u32 token = be32(p);

		p += 4;
		if (token == FDT_BEGIN_NODE) {
			while (*p++)
				;
			p = (const u8 *)(((u64)p + 3) & ~3UL);
		} else if (token == FDT_PROP) {
			u32 len = be32(p), nameoff = be32(p + 4);

			if (same(strings + nameoff, name))
				return (const char *)p + 8;
			p += 8 + ((len + 3) & ~3U);
		} else if (token != FDT_END_NODE && token != FDT_NOP) {
			return "";
		}
	}
}

/* ---- 1. PSCI both ways ---------------------------------------------------- */

static void psci_both(const char *conduit, u64 (*call)(u64, u64, u64, u64))
{
	u64 mpidr = read_sysreg(mpidr_el1) & MPIDR_AFFINITY_MASK;

	psci_clobbered = 0;
	printf("image: psci over %s: VERSION 0x%lx, SMCCC_VERSION 0x%lx, "
	       "MIGRATE_INFO_TYPE %ld\n", conduit, call(PSCI_VERSION, 0, 0, 0),
	       call(SMCCC_VERSION, 0, 0, 0), call(PSCI_MIGRATE_INFO_TYPE, 0, 0, 0));
	printf("image: psci over %s: FEATURES of SMCCC_VERSION %ld, CPU_SUSPEND64 "
	       "%ld, SYSTEM_SUSPEND64 %ld, SYSTEM_RESET2 %ld, SYSTEM_OFF %ld\n",
	       conduit, call(PSCI_FEATURES, SMCCC_VERSION, 0, 0),
	       call(PSCI_FEATURES, PSCI_CPU_SUSPEND64, 0, 0),
	       call(PSCI_FEATURES, PSCI_SYSTEM_SUSPEND64, 0, 0),
	       call(PSCI_FEATURES, PSCI_SYSTEM_RESET2, 0, 0),
	       call(PSCI_FEATURES, PSCI_SYSTEM_OFF, 0, 0));
	printf("image: psci over %s: CPU_ON of itself %ld, AFFINITY_INFO of "
	       "itself %ld, function 0x8400001f %ld; x4-x17 %s\n", conduit,
	       call(PSCI_CPU_ON | SMC64_FN, mpidr, 0, 0),
	       call(PSCI_AFFINITY_INFO | SMC64_FN, mpidr, 0, 0),
	       call(0x8400001f, 0, 0, 0),
	       psci_clobbered ? "CHANGED" : "kept");
}

/* ---- the GIC -------------------------------------------------------------- */

void guest_irq(void)
{
	u32 intid = gic_irq_ack();

	if (intid == INTID_SPURIOUS)
		return;
	if (intid < 64)
		taken[intid]++;
	if (nr_order < ARRAY_SIZE(order))
		order[nr_order++] = intid;
	if (intid == INTID_CNTV)	/* the timer's level: drop it */
		write_sysreg(cntv_ctl_el0, 0);
	if (intid == INTID_UART)	/* the UART's level: mask it */
		writel(0, UART0_BASE + UARTIMSC);
	gic_irq_eoi(intid);
}

static void set_bit(u64 frame, u64 reg, u32 intid)
{
	writel(BIT(intid % 32), frame + reg + 4 * (intid / 32));
}

/* Let `us` microseconds of virtual time pass with IRQs unmasked. */
static void wait_us(u64 us)
{
	u64 end = read_sysreg(cntvct_el0) +
		  read_sysreg(cntfrq_el0) * us / 1000000;	/* multiply first */

	asm volatile("msr daifclr, #2" ::: "memory");
	while (read_sysreg(cntvct_el0) < end)
		;
	asm volatile("msr daifset, #2" ::: "memory");
}

static void gic_setup(void)
{
	/* The redistributor awake, as Linux has it before the CPU interface. */
	writel(0, GICR_BASE + GICR_WAKER);
	/* Every INTID Group 1, priority 0xa0; nothing enabled yet. */
	writel(~0U, GICR_SGI + GIC_IGROUPR);
	writel(~0U, GICD_BASE + GIC_IGROUPR + 4);
	for (u32 i = 0; i < 64; i += 4)
		writel(0xa0a0a0a0, (i < 32 ? GICR_SGI : GICD_BASE) + GIC_IPRIORITYR + i);
	writel(~0U, GICR_SGI + GIC_ICENABLER);
	writel(~0U, GICD_BASE + GIC_ICENABLER + 4);
	writel(GICD_CTLR_ENABLE_GRP1, GICD_BASE + GICD_CTLR);
	gic_cpu_init();			/* common/guest: SRE, PMR, Group 1 on */
}

/* ---- 2. more pending than list registers --------------------------------- */

static void overflow(void)
{
	/* The last one a higher priority: it must come first. */
	writel(0x80, GICD_BASE + GIC_IPRIORITYR + FIRST_SPI + NR_SPI - 1);
	for (u32 i = FIRST_SPI; i < FIRST_SPI + NR_SPI; i++)
		set_bit(GICD_BASE, GIC_ISENABLER, i);
	/* One write: all eight pending at once, twice the list registers. */
	writel(((1U << NR_SPI) - 1) << (FIRST_SPI % 32),
	       GICD_BASE + GIC_ISPENDR + 4 * (FIRST_SPI / 32));
	nr_order = 0;
	wait_us(1000);
	/*
	 * Which of equal priorities comes first is the GIC's choice
	 * (IMPLEMENTATION DEFINED): only the first one and the counts are.
	 */
	printf("image: %u SPIs pending at once (%u-%u, %u the highest priority): "
	       "%u taken first; taken once:", NR_SPI, FIRST_SPI,
	       FIRST_SPI + NR_SPI - 1, FIRST_SPI + NR_SPI - 1, order[0]);
	for (u32 i = FIRST_SPI; i < FIRST_SPI + NR_SPI; i++)
		if (taken[i] == 1)
			printf(" %u", i);
	printf("\n");
	for (u32 i = FIRST_SPI; i < FIRST_SPI + NR_SPI; i++)
		if (taken[i] != 1)
			printf("image: SPI %u taken %u times\n", i, taken[i]);

	/* Pending while disabled: it waits for its enable. */
	set_bit(GICD_BASE, GIC_ISPENDR, LATE_SPI);
	wait_us(1000);
	printf("image: SPI %u pending, disabled: taken %u times", LATE_SPI,
	       taken[LATE_SPI]);
	set_bit(GICD_BASE, GIC_ISENABLER, LATE_SPI);
	wait_us(1000);
	printf("; enabled: %u\n", taken[LATE_SPI]);
}

/* ---- 3. enables ------------------------------------------------------------ */

/* The virtual timer fires 10 us from now, and stays asserted. */
static void timer_fire(void)
{
	write_sysreg(cntv_cval_el0, read_sysreg(cntvct_el0) +
		     read_sysreg(cntfrq_el0) / 100000);
	write_sysreg(cntv_ctl_el0, CNT_CTL_ENABLE);
	isb();
}

static void timer_off_in_redistributor(void)
{
	writel(BIT(INTID_CNTV), GICR_SGI + GIC_ICENABLER);
}

static void timer_on_in_redistributor(void)
{
	set_bit(GICR_SGI, GIC_ISENABLER, INTID_CNTV);
}

static void group1_off(void)
{
	writel(0, GICD_BASE + GICD_CTLR);
}

static void group1_on(void)
{
	writel(GICD_CTLR_ENABLE_GRP1, GICD_BASE + GICD_CTLR);
}

/* The UART's line high: TXIM, "room to send", which it always has. */
static void uart_raise(void)
{
	writel(UART_TXIM, UART0_BASE + UARTIMSC);
}

static void uart_off_in_distributor(void)
{
	writel(BIT(INTID_UART % 32), GICD_BASE + GIC_ICENABLER + 4);
}

static void uart_on_in_distributor(void)
{
	set_bit(GICD_BASE, GIC_ISENABLER, INTID_UART);
}

/*
 * intid's line raised for 3 ms while its GIC holds it back (`off`), then
 * let through (`on`): how many times it was taken each way (0, then 1).
 */
static void gate(const char *what, u32 intid, void (*off)(void),
		 void (*raise)(void), void (*on)(void))
{
	u32 before = taken[intid], closed;

	off();
	raise();
	wait_us(3000);
	closed = taken[intid] - before;
	on();
	wait_us(1000);
	printf("image: %s: taken %u times; then enabled: %u\n", what, closed,
	       taken[intid] - before - closed);
}

static void enables(void)
{
	gate("timer PPI 27 asserted 3 ms, disabled in the redistributor",
	     INTID_CNTV, timer_off_in_redistributor, timer_fire,
	     timer_on_in_redistributor);
	gate("timer PPI 27 asserted 3 ms, Group 1 off in the distributor",
	     INTID_CNTV, group1_off, timer_fire, group1_on);
	gate("UART SPI 33 high 3 ms, disabled in the distributor",
	     INTID_UART, uart_off_in_distributor, uart_raise, uart_on_in_distributor);
}

void image_main(const u8 *dtb)
{
	const char *method = dt_string(dtb, "method");
	const char *bootargs = dt_string(dtb, "bootargs");
	bool smc = same(method, "smc");
	bool again = strstr(bootargs, "stepvisor.restarted") != NULL;

	printf("image: entered at EL%u, x0 = 0x%lx: a device tree (magic 0x%x), "
	       "psci method %s\n", current_el(), (u64)dtb,
	       be32(dtb), method);
	if (again) {
		/* The second boot: the other conduit ends it. */
		printf("image: booted again; SYSTEM_OFF over %s\n", smc ? "hvc" : "smc");
		(smc ? psci_hvc : psci_smc)(PSCI_SYSTEM_OFF, 0, 0, 0);
		printf("image: SYSTEM_OFF returned\n");
		for (;;)
			;
	}
	psci_both("smc", psci_smc);
	psci_both("hvc", psci_hvc);
	gic_setup();
	overflow();
	enables();
	printf("image: SYSTEM_RESET over %s\n", method);
	(smc ? psci_smc : psci_hvc)(PSCI_SYSTEM_RESET, 0, 0, 0);
	printf("image: SYSTEM_RESET returned\n");
	for (;;)
		;
}

/* panic() and the like end the image: PSCI SYSTEM_OFF, either way works. */
void system_off(int status)
{
	(void)status;
	psci_hvc(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		;
}
