/* SPDX-License-Identifier: MIT */
/*
 * model_gen.h - kernel-like random scheduler event streams for the model,
 * with a ground truth to check the allocator's invariants after each event.
 *
 * The generator simulates CPUs, processes, threads (and kernel threads),
 * forks of threads and processes, exec, exit, free, and migrations of tasks
 * that are not running.  Its choices come from a callback, so the same code
 * drives the seeded invariant test and the libFuzzer target.
 */
#ifndef RSEQPROF_MODEL_GEN_H
#define RSEQPROF_MODEL_GEN_H

#include <stdint.h>

#include "vcid_model.h"

/*
 * The bit-sets minus the bit-clears @m counted: what vcid_model_bits_set()
 * must answer (every variant but v3-noopt).
 */
static inline uint64_t model_net_bits(const struct vcid_model *m)
{
	return vcid_model_counter(m, VCID_SW_ALLOC) +
	       vcid_model_counter(m, VCID_V3_PARENT_RESERVE) -
	       vcid_model_counter(m, VCID_SW_CACHE_EVICT) -
	       vcid_model_counter(m, VCID_SW_CACHE_DISCARD) -
	       vcid_model_counter(m, VCID_RELEASE_MM_REMOVE) -
	       vcid_model_counter(m, VCID_MIGRATION_REMOVE);
}

#define GEN_MAX_TASKS	96
#define GEN_MAX_GENS	1024	/* mm instances per stream */
#define GEN_MAX_CPUS	16

struct gen_task {
	unsigned int tid;
	unsigned int tgid;	/* 0: kernel thread */
	int gen;		/* mm instance, -1 for kernel threads */
	int live;		/* did not exit */
	int running;
	unsigned int cpu;
};

struct gen {
	struct vcid_model *m;
	enum vcid_variant variant;
	unsigned int nr_cpus;
	uint8_t cpu_to_node[GEN_MAX_CPUS];
	/* choice source: a value in [0, n) */
	unsigned int (*pick)(void *ctx, unsigned int n);
	void *ctx;

	uint64_t ts;
	unsigned int next_tid;
	int curr[GEN_MAX_CPUS];		/* index into task[], -1 idle */
	struct gen_task task[GEN_MAX_TASKS];
	unsigned int nr_tasks;
	int nr_gens;
	int gen_live[GEN_MAX_GENS];	/* live threads of each mm instance */
	int8_t id_node[GEN_MAX_GENS][GEN_MAX_CPUS];	/* v3-numa, -1 unseen */
	unsigned int nr_events;
	char failure[256];		/* first broken invariant */
};

/* Start a stream on @m (built for @nr_cpus CPUs with @cpu_to_node). */
void gen_init(struct gen *g, struct vcid_model *m, enum vcid_variant variant,
	      unsigned int nr_cpus, const uint8_t *cpu_to_node,
	      unsigned int (*pick)(void *ctx, unsigned int n), void *ctx);

/* Emit one event and check every invariant; 0, or -1 with g->failure set. */
int gen_step(struct gen *g);

/*
 * Feed one raw event to @m, whatever its consistency: @op 0 switch (t1/m1
 * to t2/m2 on @cpu), 1 migration of t1 from @cpu to @cpu2, 2 fork of t2/m2
 * by t1/m1, 3 exec, 4 exit, other free of t1.  Returns the model's code.
 */
int gen_raw_event(struct vcid_model *m, uint64_t ts, unsigned int op,
		  unsigned int cpu, unsigned int cpu2, unsigned int t1,
		  unsigned int m1, unsigned int t2, unsigned int m2,
		  struct vcid_result *res);

#endif /* RSEQPROF_MODEL_GEN_H */
