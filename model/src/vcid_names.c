// SPDX-License-Identifier: MIT OR GPL-2.0-only
/*
 * vcid_names.c - names, labels and groups of variants and counters.
 */
#include "vcid_model.h"

static const char *const vcid_variant_names[VCID_NR_VARIANTS] = {
	[VCID_V3_NOOPT] = "v3-noopt",
	[VCID_V3_OPT] = "v3-opt",
	[VCID_LAZY_PCPU] = "lazy-pcpu",
	[VCID_V3_NUMA] = "v3-numa",
};

static const struct {
	const char *name;
	const char *label;
	enum vcid_counter_group group;
	int variant;	/* -1: every variant */
} vcid_counters[VCID_NR_COUNTERS] = {
	[VCID_SW_SINGLE_THREADED] = { "single_threaded", "single-threaded vcpu-id",
				      VCID_GROUP_SCHED_SWITCH, -1 },
	[VCID_SW_TRANSFER] = { "transfer", "transfer between threads",
			       VCID_GROUP_SCHED_SWITCH, -1 },
	[VCID_SW_CACHE_HIT] = { "cache_hit", "runqueue cache hit",
				VCID_GROUP_SCHED_SWITCH, -1 },
	[VCID_SW_CACHE_EVICT] = { "cache_evict", "runqueue cache eviction (bit-clear)",
				  VCID_GROUP_SCHED_SWITCH, -1 },
	[VCID_SW_CACHE_DISCARD] = { "cache_discard", "runqueue cache discard (bit-clear)",
				    VCID_GROUP_SCHED_SWITCH, -1 },
	[VCID_SW_ALLOC] = { "alloc", "vcpu-id allocation (bit-set)",
			    VCID_GROUP_SCHED_SWITCH, -1 },
	[VCID_RELEASE_MM_REMOVE] = { "remove", "vcpu-id remove (bit-clear)",
				     VCID_GROUP_RELEASE_MM, -1 },
	[VCID_MIGRATION_REMOVE] = { "remove", "vcpu-id remove (bit-clear)",
				    VCID_GROUP_MIGRATION, -1 },
	[VCID_LAZY_FASTPATH_REUSE] = { "fastpath_reuse", "per-cpu cid fast-path reuse",
				       VCID_GROUP_VARIANT, VCID_LAZY_PCPU },
	[VCID_LAZY_PUT_RECLAIM] = { "lazy_put_reclaim", "lazy-put reclaim (bit-clear)",
				    VCID_GROUP_VARIANT, VCID_LAZY_PCPU },
	[VCID_LAZY_MIGRATE_STEAL] = { "migrate_steal", "steal on migration",
				      VCID_GROUP_VARIANT, VCID_LAZY_PCPU },
	[VCID_LAZY_COMPACT_CLEAR] = { "compact_clear", "compaction clear (bit-clear)",
				      VCID_GROUP_VARIANT, VCID_LAZY_PCPU },
	[VCID_NUMA_NODE_REUSE] = { "node_reuse", "node-local id reuse",
				   VCID_GROUP_VARIANT, VCID_V3_NUMA },
	[VCID_NUMA_NODE_NEW] = { "node_new", "new id for the node",
				 VCID_GROUP_VARIANT, VCID_V3_NUMA },
	[VCID_NUMA_REBALANCE] = { "rebalance", "id rebalanced to the node",
				  VCID_GROUP_VARIANT, VCID_V3_NUMA },
	[VCID_NUMA_STEAL] = { "steal", "id stolen from another node",
			      VCID_GROUP_VARIANT, VCID_V3_NUMA },
	[VCID_TASK_OVERFLOW] = { "task_overflow", "task table overflow",
				 VCID_GROUP_HEALTH, -1 },
	[VCID_MM_OVERFLOW] = { "mm_overflow", "mm table overflow",
			       VCID_GROUP_HEALTH, -1 },
};

int vcid_variant_from_name(const char *name)
{
	int v, i;

	if (!name)
		return -EINVAL;
	for (v = 0; v < VCID_NR_VARIANTS; v++) {
		const char *n = vcid_variant_names[v];

		for (i = 0; n[i] && n[i] == name[i]; i++)
			;
		if (!n[i] && !name[i])
			return v;
	}
	return -EINVAL;
}

const char *vcid_variant_name(enum vcid_variant v)
{
	if ((unsigned int)v >= VCID_NR_VARIANTS)
		return NULL;
	return vcid_variant_names[v];
}

const char *vcid_counter_name(enum vcid_counter c)
{
	if ((unsigned int)c >= VCID_NR_COUNTERS)
		return NULL;
	return vcid_counters[c].name;
}

const char *vcid_counter_label(enum vcid_counter c)
{
	if ((unsigned int)c >= VCID_NR_COUNTERS)
		return NULL;
	return vcid_counters[c].label;
}

enum vcid_counter_group vcid_counter_group(enum vcid_counter c)
{
	if ((unsigned int)c >= VCID_NR_COUNTERS)
		return VCID_GROUP_HEALTH;
	return vcid_counters[c].group;
}

bool vcid_counter_applies(enum vcid_variant v, enum vcid_counter c)
{
	if ((unsigned int)c >= VCID_NR_COUNTERS)
		return false;
	return vcid_counters[c].variant < 0 || vcid_counters[c].variant == (int)v;
}
