/* inject.h: making the guest take an exception (lessons/05-.../inject.c). */
#ifndef INJECT_H
#define INJECT_H

#include "types.h"
#include "frame.h"

/*
 * A synchronous external abort on a data access at guest address far;
 * esr is the abort as EL2 saw it (its WnR says whether it was a write).
 */
void inject_data_abort(struct frame *f, u64 esr, u64 far);

#endif
