/*
 * gcc may emit calls to memset and memcpy even in freestanding code (for
 * struct copies and zeroing), so they must exist. Byte loops: with the MMU
 * off memory is Device memory, where wider unaligned accesses would fault.
 */
#include "string.h"

void *memset(void *dst, int c, size_t n)
{
	u8 *d = dst;

	while (n--)
		*d++ = (u8)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}
