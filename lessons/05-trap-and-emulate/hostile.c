/*
 * hostile.c: the guest a one-guest lesson runs, its own or a test guest
 * (hostile.h). Lesson 07 runs the test guest beside its own five instead.
 */
#include "types.h"
#include "vm.h"
#include "hostile.h"

/*
 * The lesson's own program. Weak: lessons 07 and 08 have no program
 * called `guest` (their main.c never calls guest_or_hostile_init()).
 */
extern const u8 GUEST_IMAGE(guest)[] __weak, GUEST_IMAGE_END(guest)[] __weak;

void guest_or_hostile_init(struct vm *vm)
{
	if (GUEST_IMAGE(hostile))
		vm_init(vm, guest_name_hostile, 1, GUEST_IMAGE(hostile),
			GUEST_IMAGE_END(hostile), GUEST_RAM_IPA, GUEST_RAM_PA,
			GUEST_RAM_SIZE);
	else
		vm_init(vm, "guest", 1, GUEST_IMAGE(guest),
			GUEST_IMAGE_END(guest), GUEST_RAM_IPA, GUEST_RAM_PA,
			GUEST_RAM_SIZE);
}
