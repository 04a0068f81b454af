/* SPDX-License-Identifier: MIT */
/*
 * arch.h - the one entry point to rseqprof's per-architecture rseq critical
 * sections (the librseq layout: one header per architecture, chosen here).
 *
 * Each architecture header provides, for a thread's registered area @rs:
 *
 *   RSEQPROF_SIG	the abort signature; the same as glibc's RSEQ_SIG, so
 *			that sections also work in glibc-registered areas
 *   int rseqprof_arch_snapshot(struct rseqprof_rseq_abi *rs, uint32_t out[4])
 *			copy cpu_id, node_id, mm_cid, cpu_id_start to @out
 *			inside one critical section: the four values were
 *			read with no preemption, migration or signal between
 *			them.  0, or -1 when aborted (retry).
 *   int rseqprof_arch_inc_slot(struct rseqprof_rseq_abi *rs,
 *			const uint32_t *index, uint64_t *slots, uint32_t nr)
 *			inside one critical section, load the index from the
 *			rseq field @index points to (cpu_id or mm_cid) and add
 *			1 to the 64-byte slot of that index in @slots; the add
 *			is the commit.  0, -1 when aborted (retry), -2 when the
 *			index is >= @nr (rseq not registered: cpu_id < 0).
 */
#ifndef RSEQPROF_ARCH_H
#define RSEQPROF_ARCH_H

#include <stdint.h>

#include "rseq-abi.h"

/* Counter slots are one cache line apart, against false sharing. */
#define RSEQPROF_SLOT_SHIFT	6
#define RSEQPROF_SLOT_U64	((1u << RSEQPROF_SLOT_SHIFT) / sizeof(uint64_t))

#if defined(__x86_64__)
#include "arch-x86.h"
#elif defined(__aarch64__)
#include "arch-arm64.h"
#else
#error "rseqprof: no rseq critical sections for this architecture (x86_64, aarch64 only)"
#endif

#endif /* RSEQPROF_ARCH_H */
