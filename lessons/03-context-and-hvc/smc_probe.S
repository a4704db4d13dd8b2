/*
 * smc_probe.S: EL1 code that calls the EL3 monitor directly, for the one
 * test that clears HCR_EL2.TSC (main.c): an smc #0 with w0 = PSCI_VERSION,
 * whose answer goes back to the hypervisor in x1 of an HVC_EXIT(0).
 */
#include "arm.h"
#include "hypercall.h"

	.text
	.globl	smc_probe
smc_probe:
	ldr	w0, =PSCI_VERSION
	smc	#0			/* TSC clear: straight to EL3 */
	mov	x1, x0			/* the monitor's answer */
	mov	x0, #0
	mov	x8, #HVC_EXIT
	hvc	#0
	b	.			/* HVC_EXIT does not come back */
