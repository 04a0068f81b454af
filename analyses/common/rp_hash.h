/* SPDX-License-Identifier: MIT */
/*
 * rp_hash.h - the hash of the tables keyed by a thread or process id.
 *
 * Threads are created with consecutive tids and a workload's threads run in
 * turn: blocks of 16 consecutive ids take 16 consecutive slots (a few cache
 * lines), and the blocks themselves are spread by Fibonacci hashing, so a
 * stride of ids does not pile up in one run of slots.
 */
#ifndef RP_HASH_H
#define RP_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Slot of @id in a table of @cap slots, @cap a power of two. */
static inline size_t rp_id_hash(uint32_t id, size_t cap)
{
	return (size_t)((((id >> 4) * 2654435761u) << 4 | (id & 15)) & (cap - 1));
}

#endif /* RP_HASH_H */
