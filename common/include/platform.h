/*
 * platform.h: what the kit knows about the board it runs on, QEMU's virt
 * machine (-machine virt,secure=on,virtualization=on,gic-version=3, one
 * Cortex-A57), in one place. A port to a real board changes this file
 * (README "Running on hardware"); every other address is the guest's
 * view, which the hypervisor chooses.
 */
#ifndef PLATFORM_H
#define PLATFORM_H

#include "arm.h"		/* UL() */

/*
 * The system counter: its frequency, which firmware at the highest EL
 * must write into CNTFRQ_EL0 (its reset value is UNKNOWN), and the base of
 * its control frame, CNTControlBase, where CNTCR.EN starts it counting.
 * QEMU's counter runs at 62.5 MHz from reset and virt has no control
 * frame: 0 means "none, nothing to enable". (Juno: 50 MHz, 0x2a430000.)
 */
#define SYS_COUNTER_HZ		62500000
#define CNTCONTROL_BASE		0

/*
 * CPU errata the hypervisor must work around, when the board's CPU has
 * them (its revision, MIDR_EL1, says which apply: lesson 04 README).
 * QEMU models none. 834220: Cortex-A57 r0p0-r1p2 may report a stage-1
 * fault as a stage-2 one, with a wrong HPFAR_EL2.
 */
#define ERRATUM_A57_834220	0

/* RAM: where it starts, how much (build.mk: -m 128M). */
#define RAM_BASE		UL(0x40000000)
#define RAM_SIZE		UL(0x08000000)

/*
 * Secure RAM: only the Secure world can reach it. The EL3 monitor runs
 * there (common/hyp.ld), out of reach of EL2.
 */
#define SECURE_RAM_BASE		UL(0x0e000000)
#define SECURE_RAM_SIZE		UL(0x01000000)

/* Devices. */
#define GICD_BASE		UL(0x08000000)	/* distributor, 64 KiB */
#define GICD_SIZE		UL(0x00010000)
#define GICR_BASE		UL(0x080a0000)	/* redistributor of CPU 0 */
#define GICR_SIZE		UL(0x00020000)	/* two 64 KiB frames */
#define UART0_BASE		UL(0x09000000)	/* PL011 */
#define UART0_SIZE		UL(0x00001000)
#define INTID_UART0		33	/* its interrupt: SPI 1 (lesson 08) */
#define SECURE_GPIO_BASE	UL(0x090b0000)	/* PL061, Secure only */

#endif
