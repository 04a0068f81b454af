/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vcid_deps.h - the only header the vcpu-id allocator model includes.
 *
 * Two flavours, as the kernel's lib/zstd does: under __KERNEL__ the kernel's
 * own types and errno values, otherwise the C11 freestanding headers plus
 * <errno.h> and <string.h> for memset().  The model uses nothing else.
 */
#ifndef VCID_DEPS_H
#define VCID_DEPS_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
#endif

#endif /* VCID_DEPS_H */
