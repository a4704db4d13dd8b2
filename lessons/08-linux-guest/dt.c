/*
 * dt.c: the machine Linux is told it has. The hypervisor writes the tree
 * at boot from the same constants it emulates the machine with (the GIC's
 * and UART's addresses, the RAM stage 2 gives the guest), so that the
 * tree and the hypervisor cannot disagree; a .dts compiled by dtc would be
 * a second copy of them. In .dts form, with the constants filled in:
 *
 * / {
 *	#address-cells = <2>; #size-cells = <2>;	addresses: 64 bits
 *	compatible = "linux,dummy-virt";
 *	interrupt-parent = <&gic>;
 *	chosen {
 *		bootargs = "...";			the kernel's command line
 *		stdout-path = "/pl011@9000000";		its console
 *		linux,initrd-start = <0 0x44000000>;
 *		linux,initrd-end = <0 (start + size)>;
 *	};
 *	memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x8000000>; };
 *	cpus { #address-cells = <1>; #size-cells = <0>;
 *		cpu@0 { device_type = "cpu"; compatible = "arm,cortex-a57";
 *			reg = <0>; enable-method = "psci"; };	MPIDR aff 0
 *	};
 *	psci { compatible = "arm,psci-1.0", "arm,psci-0.2"; method = "hvc"; };
 *	gic: intc@8000000 { compatible = "arm,gic-v3"; interrupt-controller;
 *		#interrupt-cells = <3>;			type, number, flags
 *		reg = <0 0x8000000 0 0x10000>,		distributor
 *		      <0 0x80a0000 0 0x20000>;		one redistributor
 *	};
 *	timer { compatible = "arm,armv8-timer";		PPIs: secure and
 *		interrupts = <1 13 4>, <1 14 4>,	non-secure physical,
 *			     <1 11 4>, <1 10 4>; };	virtual, hypervisor
 *	apb_pclk: clock { compatible = "fixed-clock"; #clock-cells = <0>;
 *		clock-frequency = <24000000>; };
 *	pl011@9000000 { compatible = "arm,pl011", "arm,primecell";
 *		reg = <0 0x9000000 0 0x1000>; interrupts = <0 1 4>;   SPI 1
 *		clocks = <&apb_pclk>, <&apb_pclk>; clock-names = "uartclk", "apb_pclk"; };
 * };
 *
 * Without the clock, Linux's PL011 driver never binds (the AMBA bus needs
 * apb_pclk to read the device's ID registers) and /init prints nowhere.
 */
#include "types.h"
#include "arm.h"
#include "string.h"
#include "uart.h"
#include "fdt.h"
#include "linux.h"

#define PHANDLE_GIC	1
#define PHANDLE_CLOCK	2

/* interrupts = <type number flags>: a PPI or SPI, level-high. */
#define DT_SPI		0
#define DT_PPI		1
#define DT_LEVEL_HIGH	4

/* A 64-bit address or size: two cells, high first. */
#define CELLS64(x)	(u32)((u64)(x) >> 32), (u32)(x)

/* A string list: "a\0b" is "a", "b" (sizeof counts the last NUL). */
#define STRINGS(t, name, s)	fdt_prop_strings(t, name, s, sizeof(s))

u32 linux_dt_write(void *dtb, u32 room, u64 initrd_ipa, u64 initrd_size,
		   const char *bootargs)
{
	static struct fdt tree;
	struct fdt *t = &tree;

	fdt_begin(t, dtb, room);
	fdt_begin_node(t, "");
	fdt_prop_u32(t, "#address-cells", 2);
	fdt_prop_u32(t, "#size-cells", 2);
	fdt_prop_string(t, "compatible", "linux,dummy-virt");
	fdt_prop_u32(t, "interrupt-parent", PHANDLE_GIC);

	fdt_begin_node(t, "chosen");
	fdt_prop_string(t, "bootargs", bootargs);
	fdt_prop_string(t, "stdout-path", "/pl011@9000000");
	fdt_prop_cells(t, "linux,initrd-start", (u32[]){ CELLS64(initrd_ipa) }, 2);
	fdt_prop_cells(t, "linux,initrd-end",
		       (u32[]){ CELLS64(initrd_ipa + initrd_size) }, 2);
	fdt_end_node(t);

	fdt_begin_node(t, "memory@40000000");
	fdt_prop_string(t, "device_type", "memory");
	fdt_prop_cells(t, "reg", (u32[]){ CELLS64(LINUX_RAM_IPA),
					  CELLS64(LINUX_RAM_SIZE) }, 4);
	fdt_end_node(t);

	fdt_begin_node(t, "cpus");
	fdt_prop_u32(t, "#address-cells", 1);
	fdt_prop_u32(t, "#size-cells", 0);
	fdt_begin_node(t, "cpu@0");
	fdt_prop_string(t, "device_type", "cpu");
	fdt_prop_string(t, "compatible", "arm,cortex-a57");
	fdt_prop_u32(t, "reg", 0);
	fdt_prop_string(t, "enable-method", "psci");
	fdt_end_node(t);
	fdt_end_node(t);

	fdt_begin_node(t, "psci");
	STRINGS(t, "compatible", "arm,psci-1.0\0arm,psci-0.2");
	/* hvc (README "PSCI: why the tree says hvc"); smc on request, to test it */
	fdt_prop_string(t, "method",
			strstr(bootargs, "stepvisor.psci=smc") ? "smc" : "hvc");
	fdt_end_node(t);

	fdt_begin_node(t, "intc@8000000");
	fdt_prop_string(t, "compatible", "arm,gic-v3");
	fdt_prop(t, "interrupt-controller", NULL, 0);
	fdt_prop_u32(t, "#interrupt-cells", 3);
	fdt_prop_cells(t, "reg", (u32[]){ CELLS64(VGICD_BASE), CELLS64(GICD_SIZE),
					  CELLS64(VGICR_BASE), CELLS64(GICR_SIZE) }, 8);
	fdt_prop_u32(t, "phandle", PHANDLE_GIC);
	fdt_end_node(t);

	fdt_begin_node(t, "timer");
	fdt_prop_string(t, "compatible", "arm,armv8-timer");
	fdt_prop_cells(t, "interrupts", (u32[]){
		/* PPI n is INTID 16 + n */
		DT_PPI, INTID_CNTPS - 16, DT_LEVEL_HIGH,	/* secure physical */
		DT_PPI, INTID_CNTP - 16, DT_LEVEL_HIGH,		/* physical */
		DT_PPI, INTID_CNTV - 16, DT_LEVEL_HIGH,		/* virtual: Linux's */
		DT_PPI, INTID_CNTHP - 16, DT_LEVEL_HIGH,	/* hypervisor */
	}, 12);
	fdt_end_node(t);

	fdt_begin_node(t, "clock");
	fdt_prop_string(t, "compatible", "fixed-clock");
	fdt_prop_u32(t, "#clock-cells", 0);
	fdt_prop_u32(t, "clock-frequency", 24000000);
	fdt_prop_u32(t, "phandle", PHANDLE_CLOCK);
	fdt_end_node(t);

	fdt_begin_node(t, "pl011@9000000");
	STRINGS(t, "compatible", "arm,pl011\0arm,primecell");
	fdt_prop_cells(t, "reg", (u32[]){ CELLS64(UART0_BASE), CELLS64(UART0_SIZE) }, 4);
	fdt_prop_cells(t, "interrupts",
		       (u32[]){ DT_SPI, INTID_UART0 - 32, DT_LEVEL_HIGH }, 3);
	fdt_prop_cells(t, "clocks", (u32[]){ PHANDLE_CLOCK, PHANDLE_CLOCK }, 2);
	STRINGS(t, "clock-names", "uartclk\0apb_pclk");
	fdt_end_node(t);

	fdt_end_node(t);
	return fdt_finish(t);
}
