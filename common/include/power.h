/* Ending a run: the machine powers off and QEMU exits. */
#ifndef POWER_H
#define POWER_H

/*
 * Power the machine off. Lessons 01 and 02 have no firmware that could do
 * it, so the default (common/lib/semihost.c) asks QEMU directly through
 * semihosting. From lesson 03 on, the EL3 monitor answers PSCI SYSTEM_OFF
 * and the lesson's psci.c supplies this function instead.
 */
void system_off(int status) __attribute__((noreturn));

#endif
