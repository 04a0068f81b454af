// SPDX-License-Identifier: MIT OR GPL-2.0-only
/*
 * vcid_v3_numa.c - "v3-numa": v3-opt with NUMA-invariant vcpu-ids
 *
 * Follows the CONFIG_NUMA side of "[RFC PATCH v2 09/11] sched: Introduce per
 * memory space current virtual cpu id" (Mathieu Desnoyers, 2022-02-18,
 * kernel/sched/sched.h: __mm_vcpu_get(), mm_vcpu_first_node_vcpu(),
 * mm_vcpu_reserve_nodes(), mm_node_vcpumask_test_cpu()), the design carried
 * by the v3 series and described on the LPC 2022 "NUMA (3)" slide: each mm
 * has one vcpu-id allocation bitmap per node plus an overall "node alloc"
 * bitmap of the ids already given to some node; the fast paths (single
 * threaded, transfer, runqueue cache) are those of v3-opt (vcid_v3_opt.c),
 * only the allocation and the validity test of a cached id look at nodes.
 *
 * __mm_vcpu_get(rq, mm) on node N, each path with its counter:
 *   1. cpumask_first_one_and_zero(node_mask[N], vcpumask): an id this node
 *      already owns and nobody holds                         "node_reuse"
 *   2. cpumask_first_zero_and_zero(node_alloc, vcpumask): an id never given
 *      to any node; it becomes N's for the life of the mm    "node_new"
 *   3. every id is owned by some node: take a free id from a node that owns
 *      more ids than it has CPUs (nr_cpus_node(M) < weight(node_mask[M]))
 *      and move it to N                                      "rebalance"
 *   4. none: take the first free id of any node, move it    "steal"
 * The single-threaded static id is mm_vcpu_first_node_vcpu(N): N itself
 * (or the first CPU of N when there are fewer CPUs than nodes), and when the
 * mm becomes multi-threaded mm_vcpu_reserve_nodes() gives each node that id,
 * so the id a single-threaded process saw keeps its node.
 *
 * With a fixed topology an id never changes node once observed: a node owns
 * at most as many ids as it has CPUs unless it got a reserved id in step 0,
 * so step 3 only takes reserved ids of CPU-less nodes (never observed there)
 * and step 4, the kernel's answer to a NUMA reconfiguration, is unreachable.
 * "cache_discard" (a cached id no longer in the node's mask) happens when
 * mm_vcpu_reserve_nodes() takes back a reserved id that step 3 had lent.
 * vcid_result.node is the node whose mask holds the id (or the CPU's node
 * for the static id of a single-threaded mm).
 */
#include "vcid_internal.h"

static u32 nr_cpus_node(const struct vcid_model *m, u32 node)
{
	u32 cpu, nr = 0;

	for (cpu = 0; cpu < m->cfg.nr_cpus; cpu++)
		nr += vcid_cpu_node(m, cpu) == node;
	return nr;
}

static s32 numa_mm_vcpu_get(struct vcid_model *m, struct vcid_mm *mm, u32 node)
{
	u64 *cpumask = vcid_mm_vcpumask(mm);
	u64 *node_cpumask = vcid_mm_node_mask(m, mm, node);
	u64 *node_alloc_cpumask = vcid_mm_node_alloc_mask(m, mm);
	u32 other;
	s32 vcpu;

	/* Lowest available id among those already reserved for this node. */
	vcpu = vcid_find(m, node_cpumask, false, cpumask);
	if (vcpu >= 0) {
		vcid_set_bit(cpumask, vcpu);
		vcid_count(m, VCID_NUMA_NODE_REUSE);
		return vcpu;
	}
	/* Lowest available id not already allocated for a node. */
	vcpu = vcid_find(m, node_alloc_cpumask, true, cpumask);
	if (vcpu >= 0) {
		vcid_set_bit(cpumask, vcpu);
		vcid_set_bit(node_cpumask, vcpu);
		vcid_set_bit(node_alloc_cpumask, vcpu);
		vcid_count(m, VCID_NUMA_NODE_NEW);
		return vcpu;
	}
	/* Take an unused id from an overprovisioned node (numa_update). */
	for (other = 0; other < m->cfg.nr_nodes; other++) {
		u64 *iter_cpumask = vcid_mm_node_mask(m, mm, other);

		if (other == node)
			continue;
		if (nr_cpus_node(m, other) < vcid_weight(m, iter_cpumask)) {
			vcpu = vcid_find(m, iter_cpumask, false, cpumask);
			if (vcpu < 0)
				goto steal_fail;
			vcid_set_bit(cpumask, vcpu);
			vcid_clear_bit(iter_cpumask, vcpu);
			vcid_set_bit(node_cpumask, vcpu);
			vcid_count(m, VCID_NUMA_REBALANCE);
			return vcpu;
		}
	}
steal_fail:
	/* Fall back to the first available id, whatever node owns it. */
	vcpu = vcid_first_zero(m, cpumask);
	if (vcpu < 0)
		return -1;
	vcid_set_bit(cpumask, vcpu);
	for (other = 0; other < m->cfg.nr_nodes; other++) {
		u64 *iter_cpumask = vcid_mm_node_mask(m, mm, other);

		if (other != node && vcid_test_bit(iter_cpumask, vcpu)) {
			vcid_clear_bit(iter_cpumask, vcpu);
			break;
		}
	}
	vcid_set_bit(node_cpumask, vcpu);
	vcid_set_bit(node_alloc_cpumask, vcpu);
	vcid_count(m, VCID_NUMA_STEAL);
	return vcpu;
}

static s32 numa_first_node_vcpu(const struct vcid_model *m, u32 node)
{
	u32 cpu;

	if (m->cfg.nr_cpus >= m->cfg.nr_nodes)
		return (s32)node;
	for (cpu = 0; cpu < m->cfg.nr_cpus; cpu++)
		if (vcid_cpu_node(m, cpu) == node)
			return (s32)cpu;
	return -1;
}

/*
 * Single-threaded processes observe a mapping of vcpu_id->node_id where the
 * vcpu_id returned corresponds to mm_vcpu_first_node_vcpu().  When going from
 * single to multi-threaded, reserve this same mapping so it stays invariant.
 */
static void numa_reserve_nodes(struct vcid_model *m, struct vcid_mm *mm)
{
	u64 *node_alloc_cpumask = vcid_mm_node_alloc_mask(m, mm);
	u32 node, other;

	for (node = 0; node < m->cfg.nr_nodes; node++) {
		s32 vcpu = numa_first_node_vcpu(m, node);

		/* Skip nodes that have no CPU associated with them. */
		if (vcpu < 0)
			continue;
		vcid_set_bit(vcid_mm_node_mask(m, mm, node), vcpu);
		vcid_set_bit(node_alloc_cpumask, vcpu);
		for (other = 0; other < m->cfg.nr_nodes; other++)
			if (other != node)
				vcid_clear_bit(vcid_mm_node_mask(m, mm, other), vcpu);
	}
}

static s32 v3_numa_node_of(const struct vcid_model *m,
			   const struct vcid_task *t, s32 cid)
{
	u32 node;

	if (m->cfg.nr_nodes > 1 && t->mm && t->mm->static_holder != t)
		for (node = 0; node < m->cfg.nr_nodes; node++)
			if (vcid_test_bit(vcid_mm_node_mask(m, t->mm, node), cid))
				return (s32)node;
	return (s32)vcid_cpu_node(m, t->cpu);
}

/* Node masks are disjoint, inside node_alloc, and cover every held id. */
static int numa_check_mm(const struct vcid_model *m, const struct vcid_mm *mm)
{
	const u64 *alloc = vcid_mm_node_alloc_mask(m, mm);
	const u64 *held = vcid_mm_vcpumask(mm);
	u32 i, node;

	for (i = 0; i < m->words; i++) {
		u64 all = 0;

		for (node = 0; node < m->cfg.nr_nodes; node++) {
			u64 w = vcid_mm_node_mask(m, mm, node)[i];

			if (w & all)
				return -EUCLEAN;
			all |= w;
		}
		if ((all & ~alloc[i]) || (held[i] & ~all))
			return -EUCLEAN;
	}
	return 0;
}

static const struct vcid_numa_ops v3_numa_hooks = {
	.mm_vcpu_get = numa_mm_vcpu_get,
	.first_node_vcpu = numa_first_node_vcpu,
	.reserve_nodes = numa_reserve_nodes,
	.check_mm = numa_check_mm,
};

const struct vcid_ops vcid_v3_numa_ops = {
	.switch_mm = vcid_v3_switch_mm,
	.get_mm = vcid_v3_get_mm,
	.release_mm = vcid_v3_release_mm,
	.activate_mm = vcid_v3_activate_mm,
	.migrate = vcid_v3_migrate,
	.node_of = v3_numa_node_of,
	.check = vcid_v3_check,
	.numa = &v3_numa_hooks,
};
