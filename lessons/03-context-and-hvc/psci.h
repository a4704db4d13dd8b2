/* psci.h: calling the EL3 monitor (lessons/03-context-and-hvc/psci.c). */
#ifndef PSCI_H
#define PSCI_H

#include "types.h"

/* SMC calling convention: function ID in x0, arguments x1-x3, result x0. */
s64 psci_call(u64 fn, u64 a1, u64 a2, u64 a3);

#endif
