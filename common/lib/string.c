/*
 * gcc may emit calls to memset and memcpy even in freestanding code (for
 * struct copies and zeroing), so they must exist. When both addresses and
 * the length are multiples of 8 they move 8 bytes at a time (a vCPU's
 * registers, a guest's RAM); otherwise one byte at a time, because with
 * the MMU off memory is Device memory, where an unaligned access faults.
 */
#include "string.h"

#define ALIGNED8(x)	(((uintptr_t)(x) & 7) == 0)

void *memset(void *dst, int c, size_t n)
{
	u8 *d = dst;

	if (ALIGNED8(d) && ALIGNED8(n)) {
		u64 v = 0x0101010101010101UL * (u8)c;

		for (u64 *w = dst; n; n -= 8)
			*w++ = v;
		return dst;
	}
	while (n--)
		*d++ = (u8)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	u8 *d = dst;
	const u8 *s = src;

	if (ALIGNED8(d) && ALIGNED8(s) && ALIGNED8(n)) {
		u64 *wd = dst;
		const u64 *ws = src;

		for (; n; n -= 8)
			*wd++ = *ws++;
		return dst;
	}
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

/* The first place word stands in s, or NULL (lesson 08: the command line). */
char *strstr(const char *s, const char *word)
{
	for (; *s; s++) {
		size_t i = 0;

		while (word[i] && s[i] == word[i])
			i++;
		if (!word[i])
			return (char *)s;
	}
	return *word ? NULL : (char *)s;
}
