// SPDX-License-Identifier: MIT
/*
 * test_invariants.c - every variant under thousands of seeded random event
 * streams (model_gen.c): ids unique among running threads of an mm, below
 * nr_cpus, no more distinct ids than min(threads, CPUs), v3-numa ids never
 * change node, counters consistent with the bitmaps, vcid_model_check() clean.
 *
 * A failure prints the seed; rerun one seed with: test_model_invariants SEED
 * (VCID_SEEDS=N sets how many seeds run, default 1000 per variant).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_gen.h"
#include "model_util.h"
#include "tap.h"

#define STEPS	400

static uint64_t totals[VCID_NR_COUNTERS];

/* Paths each variant must reach over the seeds, so the test is not vacuous. */
static const enum vcid_counter reached[VCID_NR_VARIANTS][12] = {
	[VCID_V3_NOOPT] = { VCID_SW_ALLOC, VCID_RELEASE_MM_REMOVE, VCID_NR_COUNTERS },
	[VCID_V3_OPT] = { VCID_SW_SINGLE_THREADED, VCID_SW_TRANSFER,
			  VCID_SW_CACHE_HIT, VCID_SW_CACHE_EVICT, VCID_SW_ALLOC,
			  VCID_RELEASE_MM_REMOVE, VCID_MIGRATION_REMOVE,
			  VCID_V3_PARENT_RESERVE, VCID_NR_COUNTERS },
	[VCID_LAZY_6_4] = { VCID_SW_TRANSFER, VCID_SW_CACHE_HIT,
			    VCID_SW_CACHE_EVICT, VCID_SW_CACHE_DISCARD,
			    VCID_SW_ALLOC, VCID_RELEASE_MM_REMOVE,
			    VCID_MIGRATION_REMOVE, VCID_LAZY_FASTPATH_REUSE,
			    VCID_LAZY_PUT_RECLAIM, VCID_LAZY_MIGRATE_STEAL,
			    VCID_LAZY_COMPACT_CLEAR, VCID_NR_COUNTERS },
	[VCID_LAZY_6_13] = { VCID_SW_TRANSFER, VCID_SW_CACHE_HIT,
			     VCID_SW_CACHE_EVICT, VCID_SW_CACHE_DISCARD,
			     VCID_SW_ALLOC, VCID_RELEASE_MM_REMOVE,
			     VCID_MIGRATION_REMOVE, VCID_LAZY_FASTPATH_REUSE,
			     VCID_LAZY_PUT_RECLAIM, VCID_LAZY_MIGRATE_STEAL,
			     VCID_LAZY_COMPACT_CLEAR, VCID_NR_COUNTERS },
	[VCID_OWNER_6_19] = { VCID_SW_TRANSFER, VCID_SW_CACHE_HIT,
			      VCID_SW_CACHE_EVICT, VCID_SW_CACHE_DISCARD,
			      VCID_SW_ALLOC, VCID_RELEASE_MM_REMOVE,
			      VCID_OWNER_TASK_REUSE, VCID_OWNER_CPU_REUSE,
			      VCID_OWNER_FORK_ALLOC, VCID_OWNER_TO_PERCPU,
			      VCID_OWNER_TO_PERTASK, VCID_NR_COUNTERS },
	[VCID_V3_NUMA] = { VCID_SW_SINGLE_THREADED, VCID_SW_TRANSFER,
			   VCID_SW_CACHE_HIT, VCID_SW_CACHE_EVICT, VCID_SW_ALLOC,
			   VCID_MIGRATION_REMOVE, VCID_NUMA_NODE_REUSE,
			   VCID_NUMA_NODE_NEW, VCID_NUMA_REBALANCE,
			   VCID_NR_COUNTERS },
};

static unsigned int xorshift_pick(void *ctx, unsigned int n)
{
	uint64_t *x = ctx;

	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return (unsigned int)((*x >> 11) % n);
}

/* Run one seed; returns 0 or -1 after printing why. */
static int run_seed(enum vcid_variant v, unsigned int seed, unsigned int *events)
{
	uint64_t rng = 0x9e3779b97f4a7c15ULL ^ ((uint64_t)seed << 17) ^ v;
	static struct gen g;
	struct vcid_config cfg;
	struct sim s;
	unsigned int cpu, i;
	int ret = 0;

	xorshift_pick(&rng, 2);
	vcid_config_default(&cfg, v, 1 + xorshift_pick(&rng, 8));
	cfg.max_tasks = 128;
	cfg.max_mms = 256;
	if (xorshift_pick(&rng, 2))
		cfg.cache_size = 1 + xorshift_pick(&rng, 8);
	if (xorshift_pick(&rng, 2))
		cfg.compact_period_ns = 1000000ULL * (1 + xorshift_pick(&rng, 20));
	if (v == VCID_V3_NUMA) {
		cfg.nr_nodes = 1 + xorshift_pick(&rng, 3);
		for (cpu = 0; cpu < cfg.nr_cpus; cpu++)
			cfg.cpu_to_node[cpu] = (uint8_t)xorshift_pick(&rng, cfg.nr_nodes);
	}
	if (sim_init_cfg(&s, &cfg)) {
		diag("%s seed %u: init failed", vcid_variant_name(v), seed);
		return -1;
	}
	gen_init(&g, s.m, v, cfg.nr_cpus, cfg.cpu_to_node, xorshift_pick, &rng);
	for (i = 0; i < STEPS; i++) {
		if (gen_step(&g)) {
			diag("%s seed %u (%u cpus, %u nodes, cache %u): %s",
			     vcid_variant_name(v), seed, cfg.nr_cpus,
			     cfg.nr_nodes, cfg.cache_size, g.failure);
			ret = -1;
			break;
		}
	}
	*events += g.nr_events;
	for (i = 0; i < VCID_NR_COUNTERS; i++)
		totals[i] += vcid_model_counter(s.m, i);
	sim_fini(&s);
	return ret;
}

int main(int argc, char **argv)
{
	unsigned int seeds = 1000, first = 1, seed;
	const char *env = getenv("VCID_SEEDS");
	int v;

	if (env)
		seeds = (unsigned int)strtoul(env, NULL, 0);
	if (argc > 1) {
		first = (unsigned int)strtoul(argv[1], NULL, 0);
		seeds = 1;
	}
	plan_tests(2 * VCID_NR_VARIANTS);
	for (v = 0; v < VCID_NR_VARIANTS; v++) {
		unsigned int failed = 0, events = 0, i, missed = 0;

		memset(totals, 0, sizeof(totals));
		for (seed = first; seed < first + seeds; seed++)
			if (run_seed(v, seed, &events) && ++failed >= 3)
				break;
		ok(!failed, "%s: invariants hold over %u seeds (%u events)",
		   vcid_variant_name(v), seeds, events);
		for (i = 0; i < VCID_NR_COUNTERS; i++)
			if (totals[i])
				diag("  %s %s: %llu", vcid_variant_name(v),
				     vcid_counter_name(i),
				     (unsigned long long)totals[i]);
		for (i = 0; reached[v][i] != VCID_NR_COUNTERS; i++)
			if (!totals[reached[v][i]]) {
				diag("%s never took %s", vcid_variant_name(v),
				     vcid_counter_name(reached[v][i]));
				missed++;
			}
		ok(!missed || seeds < 100, "%s: the streams reach every path of the variant",
		   vcid_variant_name(v));
	}
	return exit_status();
}
