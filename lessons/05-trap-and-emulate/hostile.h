/*
 * hostile.h: a test guest that a build embeds (make HOSTILE=NAME builds
 * tests/hostile/NAME/ into the image: common/build.mk, tests/README.md).
 */
#ifndef HOSTILE_H
#define HOSTILE_H

#include "types.h"
#include "vm.h"

/* Weak: a build without a test guest leaves them 0. */
extern const u8 GUEST_IMAGE(hostile)[] __weak, GUEST_IMAGE_END(hostile)[] __weak;
extern const char guest_name_hostile[] __weak;

/*
 * The one guest of lessons 05 and 06: the lesson's own program (its
 * guest/), or the test guest in its place. VMID 1, RAM at GUEST_RAM_IPA,
 * backed at GUEST_RAM_PA; only RAM is mapped.
 */
void guest_or_hostile_init(struct vm *vm);

#endif
