/*
 * lab.c: a handout's stub was reached: the function it stands for is yet
 * to be written (lab.h). Say which, and where to read about it, then power
 * off: the run ends at once instead of hanging on a missing piece.
 */
#include "types.h"
#include "print.h"
#include "power.h"
#include "lab.h"

void lab_missing(const char *function, const char *file, const char *readme,
		 const char *section)
{
	printf("LAB: %s is not written yet: write it in %s\n", function, file);
	printf("LAB: %s, section \"%s\", teaches it\n", readme, section);
	system_off(1);
}
