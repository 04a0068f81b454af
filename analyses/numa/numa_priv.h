/* SPDX-License-Identifier: MIT */
/*
 * numa_priv.h - what the numa analysis (numa.c) keeps per mm and variant
 * and its report writer (numa_report.c) prints.
 */
#ifndef RP_NUMA_PRIV_H
#define RP_NUMA_PRIV_H

#include <stdint.h>

#include "idtable.h"
#include "rp_sink.h"

#define NUMA_DEFAULT_LOG	256
#define NUMA_TEXT_VIOLATIONS	5
#define NUMA_NR_VCOUNTERS	(VCID_NUMA_STEAL - VCID_NUMA_NODE_REUSE + 1)
#define NUMA_PATHS		(((1ULL << NUMA_NR_VCOUNTERS) - 1) << VCID_NUMA_NODE_REUSE)

/**
 * struct numa_change - one entry of an id's node over time
 * @from:	node before, -1 for the id's first use
 * @to:		node now
 */
struct numa_change {
	uint64_t ts;
	uint32_t tid;
	uint32_t id;
	int32_t from;
	int32_t to;
};

/**
 * struct numa_id - one vcpu-id of one mm in one variant
 * @home:	node at its first use, -1 while unused
 * @last:	node at its last use
 */
struct numa_id {
	int32_t home;
	int32_t last;
	uint64_t violations;
};

/**
 * struct numa_var - one mm in one variant
 * @ids:	owned, nr_cpus entries
 * @runs:	counted switch-ins of the mm's tasks with an id
 * @remote:	those on a CPU outside the id's home node
 * @violations:	counted switch-ins that saw an id change node
 * @counters:	v3-numa node reuse, new, rebalance, steal
 * @log:	owned, @log_cap entries, grown up to log-limit; @log_dropped beyond
 */
struct numa_var {
	struct numa_id *ids;
	uint64_t runs;
	uint64_t remote;
	uint64_t violations;
	uint64_t counters[NUMA_NR_VCOUNTERS];
	struct numa_change *log;
	uint32_t log_nr;
	uint32_t log_cap;
	uint64_t log_dropped;
};

/**
 * struct numa_mm - one life of one mm
 * @life:	1 for the first mm seen with this tgid, + 1 per exec/reuse
 * @counted:	a counted event touched it (only those are reported)
 */
struct numa_mm {
	uint32_t tgid;
	uint32_t life;
	bool counted;
	char comm[RP_COMM_LEN];
	struct numa_var v[VCID_NR_VARIANTS];
};

/**
 * struct numa_totals - one variant over all mms
 */
struct numa_totals {
	uint64_t runs;
	uint64_t remote;
	uint64_t violations;
	uint64_t ids_moved;
};

/**
 * struct numa - private data of the numa section
 * @base:	the section base, first (decoder, models, document: the host's)
 * @mms:	owned: struct numa_mm by tgid (older lives stay in the array)
 * @log_limit:	changes kept per mm and variant
 */
struct numa {
	struct rp_sink base;
	struct idtable mms;
	uint32_t log_limit;
};

static inline struct numa *to_numa(struct rp_sink *s)
{
	return (struct numa *)s;
}

/* The section's report (ops->report): text, csv or json. */
int numa_report(struct rp_sink *s);

#endif /* RP_NUMA_PRIV_H */
