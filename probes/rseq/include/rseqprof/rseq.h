/* SPDX-License-Identifier: MIT */
/*
 * rseq.h - read the calling thread's rseq area (cpu_id, node_id, mm_cid)
 *
 * glibc >= 2.35 registers one struct rseq per thread inside its thread
 * control block, at __builtin_thread_pointer() + __rseq_offset, and sets
 * __rseq_size to a non-zero value.  When it did not (GLIBC_TUNABLES=
 * glibc.pthread.rseq=0, or an older glibc), this library registers its own
 * per-thread area on first use, the way librseq does.  The kernel tells
 * which fields it fills through getauxval(AT_RSEQ_FEATURE_SIZE): node_id and
 * mm_cid need Linux 6.3+.
 *
 * Every function is async-signal-safe once the calling thread's area is
 * known: rseqprof_rseq_thread_init() (called lazily by the others) issues at
 * most one rseq(2) system call and touches only initial-exec TLS.
 */
#ifndef RSEQPROF_RSEQ_H
#define RSEQPROF_RSEQ_H

#include <stdint.h>

#include "rseq-abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Error codes, returned negated.  rseqprof_rseq_strerror() words them. */
enum rseqprof_rseq_error {
	RSEQPROF_RSEQ_OK = 0,
	RSEQPROF_RSEQ_E_NO_RSEQ = 1,	/* kernel has no rseq(2) (ENOSYS) */
	RSEQPROF_RSEQ_E_REGISTER,	/* rseq(2) refused the area */
	RSEQPROF_RSEQ_E_NO_NODE_ID,	/* kernel fills cpu_id only (< 6.3) */
	RSEQPROF_RSEQ_E_NO_MM_CID,	/* kernel fills no mm_cid (< 6.3) */
	RSEQPROF_RSEQ_E_INVAL,		/* bad argument */
	RSEQPROF_RSEQ_NR_ERRORS,
};

/* Who registered the calling thread's area. */
enum rseqprof_rseq_owner {
	RSEQPROF_RSEQ_OWNER_NONE = 0,	/* nobody: rseq unusable */
	RSEQPROF_RSEQ_OWNER_GLIBC,	/* glibc, at thread pointer + __rseq_offset */
	RSEQPROF_RSEQ_OWNER_SELF,	/* this library, in its own TLS */
};

/* Fields the running kernel fills, from AT_RSEQ_FEATURE_SIZE. */
#define RSEQPROF_RSEQ_HAS_NODE_ID	0x1u
#define RSEQPROF_RSEQ_HAS_MM_CID	0x2u

/**
 * struct rseqprof_rseq_sample - one read of the calling thread's area
 * @cpu_id:		current CPU, or -1 / -2 when rseq is not registered
 * @cpu_id_start:	current CPU as the kernel's always-valid copy
 * @node_id:		NUMA node of @cpu_id, -1 when the kernel lacks it
 * @mm_cid:		concurrency id in the memory space, -1 when lacking
 */
struct rseqprof_rseq_sample {
	int32_t cpu_id;
	uint32_t cpu_id_start;
	int32_t node_id;
	int32_t mm_cid;
};

/**
 * rseqprof_rseq_features() - fields a kernel with this feature size fills
 * @feature_size:	getauxval(AT_RSEQ_FEATURE_SIZE); 0 for a pre-6.3
 *			kernel, which has no such auxv entry
 *
 * Return: a mask of RSEQPROF_RSEQ_HAS_NODE_ID and RSEQPROF_RSEQ_HAS_MM_CID.
 */
unsigned int rseqprof_rseq_features(unsigned long feature_size);

/**
 * rseqprof_rseq_thread_init() - find or register the calling thread's area
 *
 * Idempotent; the other functions call it.  Call it once per thread before
 * reading from a signal handler.
 *
 * Return: 0, -RSEQPROF_RSEQ_E_NO_RSEQ or -RSEQPROF_RSEQ_E_REGISTER.
 */
int rseqprof_rseq_thread_init(void);

/**
 * rseqprof_rseq_thread_area() - the calling thread's registered area
 *
 * Return: the area, or NULL when rseq cannot be used (see
 * rseqprof_rseq_thread_init() for why).
 */
struct rseqprof_rseq_abi *rseqprof_rseq_thread_area(void);

/**
 * rseqprof_rseq_owner() - who registered the calling thread's area
 */
enum rseqprof_rseq_owner rseqprof_rseq_owner(void);

/**
 * rseqprof_rseq_read() - read cpu_id, cpu_id_start, node_id, mm_cid
 * @s:	filled in every case; fields the kernel does not provide are -1
 *
 * Return: 0 when every field is valid; -RSEQPROF_RSEQ_E_NO_MM_CID or
 * -RSEQPROF_RSEQ_E_NO_NODE_ID when the cpu fields are valid but the kernel
 * predates the others; -RSEQPROF_RSEQ_E_NO_RSEQ / -RSEQPROF_RSEQ_E_REGISTER
 * when rseq is unusable (then @s->cpu_id is -2); -RSEQPROF_RSEQ_E_INVAL for
 * a NULL @s.
 */
int rseqprof_rseq_read(struct rseqprof_rseq_sample *s);

/**
 * rseqprof_rseq_strerror() - one line saying what @err means and what to do
 * @err:	a return value of this library (sign ignored)
 */
const char *rseqprof_rseq_strerror(int err);

/**
 * rseqprof_rseq_owner_name() - "none", "glibc" or "self"
 * @owner:	the owner
 */
const char *rseqprof_rseq_owner_name(enum rseqprof_rseq_owner owner);

#ifdef __cplusplus
}
#endif

#endif /* RSEQPROF_RSEQ_H */
