/* SPDX-License-Identifier: MIT */
/*
 * rseq-abi.h - the kernel's struct rseq as of Linux 6.3+ (uapi linux/rseq.h)
 *
 * The installed uapi header may predate node_id and mm_cid (Linux 6.3), so
 * rseqprof carries its own copy of the layout.  Which fields the running
 * kernel fills is told by getauxval(AT_RSEQ_FEATURE_SIZE): a field is valid
 * when it ends at or before that size.
 */
#ifndef RSEQPROF_RSEQ_ABI_H
#define RSEQPROF_RSEQ_ABI_H

#include <stddef.h>
#include <stdint.h>

/* auxv entries, not in Debian 12's headers. */
#ifndef AT_RSEQ_FEATURE_SIZE
#define AT_RSEQ_FEATURE_SIZE	27
#endif
#ifndef AT_RSEQ_ALIGN
#define AT_RSEQ_ALIGN		28
#endif

#define RSEQPROF_CPU_ID_UNINITIALIZED		(-1)
#define RSEQPROF_CPU_ID_REGISTRATION_FAILED	(-2)

/* Size of the original (Linux 4.18) ABI, the smallest area one can register. */
#define RSEQPROF_RSEQ_ORIG_SIZE	32

/**
 * struct rseqprof_rseq_cs - descriptor of one critical section
 * @version:		0
 * @flags:		0
 * @start_ip:		first instruction of the section
 * @post_commit_offset:	length of the section, commit instruction included
 * @abort_ip:		where the kernel jumps on abort; preceded by the signature
 */
struct rseqprof_rseq_cs {
	uint32_t version;
	uint32_t flags;
	uint64_t start_ip;
	uint64_t post_commit_offset;
	uint64_t abort_ip;
} __attribute__((aligned(32)));

/**
 * struct rseqprof_rseq_abi - a thread's registered rseq area
 * @cpu_id_start:	CPU the thread runs on, always a valid CPU number
 * @cpu_id:		same, or -1 (not registered) / -2 (registration failed)
 * @rseq_cs:		active critical section descriptor, or 0
 * @flags:		deprecated, 0
 * @node_id:		NUMA node of @cpu_id (Linux 6.3+)
 * @mm_cid:		per-memory-space concurrency id (Linux 6.3+)
 */
struct rseqprof_rseq_abi {
	uint32_t cpu_id_start;
	uint32_t cpu_id;
	uint64_t rseq_cs;
	uint32_t flags;
	uint32_t node_id;
	uint32_t mm_cid;
	char end[];
} __attribute__((aligned(32)));

_Static_assert(offsetof(struct rseqprof_rseq_abi, cpu_id) == 4, "rseq ABI");
_Static_assert(offsetof(struct rseqprof_rseq_abi, rseq_cs) == 8, "rseq ABI");
_Static_assert(offsetof(struct rseqprof_rseq_abi, node_id) == 20, "rseq ABI");
_Static_assert(offsetof(struct rseqprof_rseq_abi, mm_cid) == 24, "rseq ABI");
_Static_assert(sizeof(struct rseqprof_rseq_abi) == RSEQPROF_RSEQ_ORIG_SIZE, "rseq ABI");

#define RSEQPROF_RSEQ_CPU_ID_OFFSET	4
#define RSEQPROF_RSEQ_CS_OFFSET		8
#define RSEQPROF_RSEQ_NODE_ID_OFFSET	20
#define RSEQPROF_RSEQ_MM_CID_OFFSET	24

#endif /* RSEQPROF_RSEQ_ABI_H */
