/* The few string functions a freestanding kernel needs (common/lib/string.c). */
#ifndef STRING_H
#define STRING_H

#include "types.h"

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
size_t strlen(const char *s);
char *strstr(const char *s, const char *word);

#endif
