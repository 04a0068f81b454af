/* SPDX-License-Identifier: MIT */
/* Stand-in for the kernel's <linux/string.h> (see types.h). */
#ifndef KSTUB_LINUX_STRING_H
#define KSTUB_LINUX_STRING_H
void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
#endif
