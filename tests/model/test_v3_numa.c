// SPDX-License-Identifier: MIT
/*
 * test_v3_numa.c - hand-computed scenarios for the "v3-numa" allocator,
 * following model/src/vcid_v3_numa.c: ids keep the node they were first
 * given, per-node reuse, new ids, rebalance from a CPU-less node.
 */
#include "model_util.h"
#include <string.h>

#include "tap.h"

static void numa_init(struct sim *s, unsigned int nr_cpus, unsigned int nodes,
		      const uint8_t *map)
{
	struct vcid_config cfg;

	vcid_config_default(&cfg, VCID_V3_NUMA, nr_cpus);
	cfg.nr_nodes = nodes;
	memcpy(cfg.cpu_to_node, map, nr_cpus);
	cfg.max_tasks = 64;
	cfg.max_mms = 16;
	sim_init_cfg(s, &cfg);
}

/* 4 CPUs: 0,1 on node 0, 2,3 on node 1; one thread hops across nodes. */
static void cross_node(void)
{
	static const uint8_t map[] = { 0, 0, 1, 1 };
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	numa_init(&s, 4, 2, map);
	sim_switch(&s, 0, 0, 0, 800, 800);	/* single 1: first vcpu of node 0 = 0 */
	is_int(s.res.node, 0, "cross-node: static id 0 on node 0");
	/*
	 * 2 users: reserve node0 {0}, node1 {1}; 800 re-gets on node 0:
	 * reserve_parent 1, node_reuse 1 -> 0, cached on rq0.
	 */
	sim_fork(&s, 800, 800, 801, 800);
	/* cpu2 (node 1): node_reuse 2 -> 1 */
	is_int(sim_switch(&s, 2, 0, 0, 801, 800), 1, "cross-node: node 1 reuses its id 1");
	is_int(s.res.node, 1, "cross-node: id 1 is node 1's");
	sim_switch(&s, 2, 801, 800, 0, 0);
	sim_migrate(&s, 801, 800, 2, 1);	/* rq2 idle: migration remove 1 */
	/* node 0 owns {0}, held: node_new 1 -> 2 joins node 0 */
	is_int(sim_switch(&s, 1, 0, 0, 801, 800), 2, "cross-node: new id 2 for node 0");
	sim_switch(&s, 1, 801, 800, 0, 0);
	sim_migrate(&s, 801, 800, 1, 3);	/* migration remove 2 */
	/* back on node 1: its own id 1 again (node_reuse 3) */
	is_int(sim_switch(&s, 3, 0, 0, 801, 800), 1, "cross-node: id 1 reused on node 1");
	sim_switch(&s, 3, 801, 800, 0, 0);
	sim_migrate(&s, 801, 800, 3, 1);	/* migration remove 3 */
	is_int(sim_switch(&s, 1, 0, 0, 801, 800), 2, "cross-node: id 2 stays node 0's"); /* node_reuse 4 */
	is_int(s.res.node, 0, "cross-node: reported on node 0");
	want[VCID_SW_SINGLE_THREADED] = 1;
	want[VCID_V3_PARENT_RESERVE] = 1;
	want[VCID_SW_ALLOC] = 4;
	want[VCID_MIGRATION_REMOVE] = 3;
	want[VCID_NUMA_NODE_REUSE] = 4;
	want[VCID_NUMA_NODE_NEW] = 1;
	sim_expect(&s, want, "cross-node: 4 node reuse, 1 node new, 3 migration remove");
	sim_fini(&s);
}

/*
 * 2 CPUs both on node 0, node 1 has none: node 0 runs out of ids and takes
 * the id reserved for node 1, never used there (rebalance); re-reserving it
 * later makes node 0's cached copy invalid (cache discard).
 */
static void out_of_ids(void)
{
	static const uint8_t map[] = { 0, 0 };
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	numa_init(&s, 2, 2, map);
	sim_switch(&s, 0, 0, 0, 900, 900);	/* single 1: id 0 */
	/* reserve node0 {0}, node1 {1}: reserve_parent 1, node_reuse 1 -> 0 */
	sim_fork(&s, 900, 900, 901, 900);
	/*
	 * cpu1 (node 0): node 0's only id is held, node_alloc {0,1} is full,
	 * node 1 owns 1 id for 0 CPUs: rebalance 1, id 1 moves to node 0.
	 */
	is_int(sim_switch(&s, 1, 0, 0, 901, 900), 1, "out of ids: node 0 takes id 1");
	is_int(s.res.node, 0, "out of ids: id 1 now node 0's");
	sim_switch(&s, 1, 901, 900, 0, 0);	/* rq1 keeps (900, 1) */
	sim_exit(&s, 901, 900);			/* not running: nothing removed */
	/*
	 * 900 (running) forks again: 1 -> 2 users, reserve gives 1 back to
	 * node 1; rq0's entry removed (release mm remove 1),
	 * reserve_parent 2, node_reuse 2 -> 0.
	 */
	sim_fork(&s, 900, 900, 902, 900);
	is_int(vcid_task_cid(s.m, 900), 0, "out of ids: parent keeps 0");
	/*
	 * cpu1: cached (900, 1) is not node 0's any more: discard 1; alloc 2:
	 * rebalance 2 takes 1 again.
	 */
	is_int(sim_switch(&s, 1, 0, 0, 902, 900), 1, "out of ids: id 1 rebalanced again");
	want[VCID_SW_SINGLE_THREADED] = 1;
	want[VCID_V3_PARENT_RESERVE] = 2;
	want[VCID_SW_ALLOC] = 2;
	want[VCID_SW_CACHE_DISCARD] = 1;
	want[VCID_RELEASE_MM_REMOVE] = 1;
	want[VCID_NUMA_NODE_REUSE] = 2;
	want[VCID_NUMA_REBALANCE] = 2;
	sim_expect(&s, want, "out of ids: 2 rebalance, 1 discard");
	sim_fini(&s);
}

int main(void)
{
	plan_tests(13);
	cross_node();
	out_of_ids();
	return exit_status();
}
