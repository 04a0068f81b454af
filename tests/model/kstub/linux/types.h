/* SPDX-License-Identifier: MIT */
/*
 * Stand-in for the kernel's <linux/types.h>, just enough for the model to
 * be compiled the way Kbuild compiles it (-D__KERNEL__ -nostdinc) without
 * kernel headers: a check that the model needs nothing else.
 */
#ifndef KSTUB_LINUX_TYPES_H
#define KSTUB_LINUX_TYPES_H
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef short s16;
typedef int s32;
typedef long long s64;
typedef unsigned long size_t;
typedef _Bool bool;
#define true 1
#define false 0
#define NULL ((void *)0)
#endif
