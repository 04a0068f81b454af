// SPDX-License-Identifier: MIT OR GPL-2.0-only
/*
 * vcid_names.c - names, labels and groups of variants and counters.
 */
#include "vcid_model.h"

static const char *const vcid_variant_names[VCID_NR_VARIANTS] = {
	[VCID_V3_NOOPT] = "v3-noopt",
	[VCID_V3_OPT] = "v3-opt",
	[VCID_LAZY_6_4] = "lazy-6.4",
	[VCID_LAZY_6_13] = "lazy-6.13",
	[VCID_OWNER_6_19] = "owner-6.19",
	[VCID_V3_NUMA] = "v3-numa",
};

static const struct {
	const char *key;
	const char *title;
} vcid_groups[VCID_NR_GROUPS] = {
	[VCID_GROUP_SCHED_SWITCH] = { "sched_switch", "On sched-switch:" },
	[VCID_GROUP_RELEASE_MM] = { "release_mm", "On release mm:" },
	[VCID_GROUP_MIGRATION] = { "migration", "On migration:" },
	[VCID_GROUP_VARIANT] = { "variant", "Variant only:" },
	[VCID_GROUP_HEALTH] = { "health", "Model health:" },
};

#define VCID_ALL	0U	/* a counter of every variant */
#define VCID_LAZY	((1U << VCID_LAZY_6_4) | (1U << VCID_LAZY_6_13))
#define VCID_OWNER	(1U << VCID_OWNER_6_19)
#define VCID_NUMA	(1U << VCID_V3_NUMA)
#define VCID_V3_OPTS	((1U << VCID_V3_OPT) | VCID_NUMA)

static const struct {
	const char *name;
	const char *label;
	enum vcid_counter_group group;
	u32 variants;	/* bit (1 << variant) of those it applies to */
} vcid_counters[VCID_NR_COUNTERS] = {
	[VCID_SW_SINGLE_THREADED] = { "single_threaded", "single-threaded vcpu-id",
				      VCID_GROUP_SCHED_SWITCH, VCID_ALL },
	[VCID_SW_TRANSFER] = { "transfer", "transfer between threads",
			       VCID_GROUP_SCHED_SWITCH, VCID_ALL },
	[VCID_SW_CACHE_HIT] = { "cache_hit", "runqueue cache hit",
				VCID_GROUP_SCHED_SWITCH, VCID_ALL },
	[VCID_SW_CACHE_EVICT] = { "cache_evict", "runqueue cache eviction (bit-clear)",
				  VCID_GROUP_SCHED_SWITCH, VCID_ALL },
	[VCID_SW_CACHE_DISCARD] = { "cache_discard", "runqueue cache discard (bit-clear)",
				    VCID_GROUP_SCHED_SWITCH, VCID_ALL },
	[VCID_SW_ALLOC] = { "alloc", "vcpu-id allocation (bit-set)",
			    VCID_GROUP_SCHED_SWITCH, VCID_ALL },
	[VCID_RELEASE_MM_REMOVE] = { "remove", "vcpu-id remove (bit-clear)",
				     VCID_GROUP_RELEASE_MM, VCID_ALL },
	[VCID_MIGRATION_REMOVE] = { "remove", "vcpu-id remove (bit-clear)",
				    VCID_GROUP_MIGRATION, VCID_ALL },
	[VCID_LAZY_FASTPATH_REUSE] = { "fastpath_reuse", "per-cpu cid fast-path reuse",
				       VCID_GROUP_VARIANT, VCID_LAZY },
	[VCID_LAZY_PUT_RECLAIM] = { "lazy_put_reclaim", "lazy-put reclaim (bit-clear)",
				    VCID_GROUP_VARIANT, VCID_LAZY },
	[VCID_LAZY_MIGRATE_STEAL] = { "migrate_steal", "steal on migration",
				      VCID_GROUP_VARIANT, VCID_LAZY },
	[VCID_LAZY_COMPACT_CLEAR] = { "compact_clear", "compaction clear (bit-clear)",
				      VCID_GROUP_VARIANT, VCID_LAZY },
	[VCID_V3_PARENT_RESERVE] = { "reserve_parent",
				     "vcpu-id for the parent at 2 threads (bit-set)",
				     VCID_GROUP_VARIANT, VCID_V3_OPTS },
	[VCID_OWNER_TASK_REUSE] = { "task_reuse", "per-task id reuse",
				    VCID_GROUP_VARIANT, VCID_OWNER },
	[VCID_OWNER_CPU_REUSE] = { "cpu_reuse", "CPU-owned id reuse",
				   VCID_GROUP_VARIANT, VCID_OWNER },
	[VCID_OWNER_CONVERGE] = { "converge", "id moved below max_cids (bit-set, bit-clear)",
				  VCID_GROUP_VARIANT, VCID_OWNER },
	[VCID_OWNER_FORK_ALLOC] = { "fork_alloc", "allocation at fork or exec (bit-set)",
				    VCID_GROUP_VARIANT, VCID_OWNER },
	[VCID_OWNER_TO_PERCPU] = { "to_percpu", "mode switch to per-CPU ids",
				   VCID_GROUP_VARIANT, VCID_OWNER },
	[VCID_OWNER_TO_PERTASK] = { "to_pertask", "mode switch to per-task ids",
				    VCID_GROUP_VARIANT, VCID_OWNER },
	[VCID_OWNER_TRANSIT_FREE] = { "transit_free", "transitional id freed (bit-clear)",
				      VCID_GROUP_VARIANT, VCID_OWNER },
	[VCID_NUMA_NODE_REUSE] = { "node_reuse", "node-local id reuse",
				   VCID_GROUP_VARIANT, VCID_NUMA },
	[VCID_NUMA_NODE_NEW] = { "node_new", "new id for the node",
				 VCID_GROUP_VARIANT, VCID_NUMA },
	[VCID_NUMA_REBALANCE] = { "rebalance", "id rebalanced to the node",
				  VCID_GROUP_VARIANT, VCID_NUMA },
	[VCID_NUMA_STEAL] = { "steal", "id stolen from another node",
			      VCID_GROUP_VARIANT, VCID_NUMA },
	[VCID_TASK_OVERFLOW] = { "task_overflow", "task table overflow",
				 VCID_GROUP_HEALTH, VCID_ALL },
	[VCID_MM_OVERFLOW] = { "mm_overflow", "mm table overflow",
			       VCID_GROUP_HEALTH, VCID_ALL },
};

static bool vcid_streq(const char *a, const char *b)
{
	int i;

	for (i = 0; a[i] && a[i] == b[i]; i++)
		;
	return !a[i] && !b[i];
}

int vcid_variant_from_name(const char *name)
{
	int v;

	if (!name)
		return -EINVAL;
	for (v = 0; v < VCID_NR_VARIANTS; v++)
		if (vcid_streq(vcid_variant_names[v], name))
			return v;
	/* The name of lazy-6.13 before the variants were named by kernel. */
	if (vcid_streq("lazy-pcpu", name))
		return VCID_LAZY_6_13;
	return -EINVAL;
}

int vcid_variant_of_kernel(u32 major, u32 minor)
{
	u32 v = major * 1000 + minor;

	if (v < 6003)
		return -ENOENT;
	if (v == 6003)
		return -EOPNOTSUPP;
	if (v < 6013)
		return VCID_LAZY_6_4;
	if (v < 6019)
		return VCID_LAZY_6_13;
	return VCID_OWNER_6_19;
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

const char *vcid_group_key(enum vcid_counter_group g)
{
	if ((unsigned int)g >= VCID_NR_GROUPS)
		return NULL;
	return vcid_groups[g].key;
}

const char *vcid_group_title(enum vcid_counter_group g)
{
	if ((unsigned int)g >= VCID_NR_GROUPS)
		return NULL;
	return vcid_groups[g].title;
}

bool vcid_counter_applies(enum vcid_variant v, enum vcid_counter c)
{
	if ((unsigned int)c >= VCID_NR_COUNTERS)
		return false;
	return vcid_counters[c].variants == VCID_ALL ||
	       (vcid_counters[c].variants >> v) & 1;
}
