/* Fixed-width types for a freestanding kernel: no libc headers here. */
#ifndef TYPES_H
#define TYPES_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long u64;
typedef signed int s32;
typedef signed long s64;
typedef unsigned long size_t;
typedef unsigned long uintptr_t;
typedef _Bool bool;

#define true 1
#define false 0
#define NULL ((void *)0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define offsetof(t, m) __builtin_offsetof(t, m)
#define __noreturn __attribute__((noreturn))
#define __weak __attribute__((weak))
#define __section(s) __attribute__((section(s)))
#define __used __attribute__((used))

#endif
