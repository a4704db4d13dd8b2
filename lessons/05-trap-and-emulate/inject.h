/* inject.h: making the guest take an exception (lessons/05-.../inject.c). */
#ifndef INJECT_H
#define INJECT_H

#include "types.h"
#include "frame.h"

/* A synchronous external abort on a data access at guest address far. */
void inject_data_abort(struct frame *f, u64 far);

#endif
