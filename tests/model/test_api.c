// SPDX-License-Identifier: MIT
/*
 * test_api.c - the model's API contract: configuration checks, names,
 * errors, full tables (-ENOSPC, counted, model consistent), reset, and the
 * normalization of incomplete traces.
 */
#include <stdlib.h>
#include <string.h>

#include "model_util.h"
#include "tap.h"

static void config(void)
{
	struct vcid_config cfg;
	struct vcid_model *m;
	size_t size;
	void *mem;

	vcid_config_default(&cfg, VCID_V3_OPT, 4);
	size = vcid_model_size(&cfg);
	ok(size > 0, "default config has a size");
	cfg.nr_cpus = 0;
	is_u64(vcid_model_size(&cfg), 0, "0 CPUs is invalid");
	cfg.nr_cpus = VCID_MAX_CPUS + 1;
	is_u64(vcid_model_size(&cfg), 0, "too many CPUs is invalid");
	cfg.nr_cpus = 4;
	cfg.cache_size = VCID_MAX_CACHE + 1;
	is_u64(vcid_model_size(&cfg), 0, "too large cache is invalid");
	cfg.cache_size = 8;
	cfg.nr_nodes = 2;
	cfg.cpu_to_node[3] = 2;
	is_u64(vcid_model_size(&cfg), 0, "a CPU on a node >= nr_nodes is invalid");
	cfg.cpu_to_node[3] = 1;
	cfg.variant = VCID_NR_VARIANTS;
	is_u64(vcid_model_size(&cfg), 0, "unknown variant is invalid");
	cfg.variant = VCID_V3_OPT;
	size = vcid_model_size(&cfg);
	mem = aligned_alloc(8, size + 8);
	is_int(vcid_model_init(&m, mem, size - 1, &cfg), -EINVAL, "too small memory is refused");
	is_int(vcid_model_init(&m, (char *)mem + 4, size, &cfg), -EINVAL, "misaligned memory is refused");
	is_int(vcid_model_init(&m, mem, size, &cfg), 0, "exact size works");
	is_int(vcid_sched_switch(m, 1, 4, 0, 0, 10, 10, NULL), -EINVAL,
	       "switch on cpu >= nr_cpus: -EINVAL");
	is_int(vcid_sched_migrate_task(m, 1, 10, 10, 0, 7, NULL), -EINVAL,
	       "migration to cpu >= nr_cpus: -EINVAL");
	is_int(vcid_task_cid(m, 10), -ENOENT, "a rejected event creates nothing");
	free(mem);
}

static void names(void)
{
	int v, c, bad = 0;

	for (v = 0; v < VCID_NR_VARIANTS; v++)
		if (vcid_variant_from_name(vcid_variant_name(v)) != v)
			bad++;
	is_int(bad, 0, "variant names round-trip");
	is_int(vcid_variant_from_name("v3"), -EINVAL, "unknown variant name: -EINVAL");
	is_int(vcid_variant_from_name("lazy-pcpu"), VCID_LAZY_6_13,
	       "lazy-pcpu, the former name, is lazy-6.13");
	for (c = 0; c < VCID_NR_COUNTERS; c++)
		if (!vcid_counter_name(c) || !vcid_counter_label(c))
			bad++;
	is_int(bad, 0, "every counter has a name and a label");
	ok(!vcid_counter_applies(VCID_V3_OPT, VCID_LAZY_COMPACT_CLEAR) &&
	   vcid_counter_applies(VCID_LAZY_6_13, VCID_LAZY_COMPACT_CLEAR) &&
	   vcid_counter_applies(VCID_LAZY_6_4, VCID_LAZY_COMPACT_CLEAR) &&
	   !vcid_counter_applies(VCID_LAZY_6_4, VCID_NUMA_STEAL) &&
	   vcid_counter_applies(VCID_V3_NUMA, VCID_SW_ALLOC),
	   "variant counters apply to their variant only");
}

/* Every variant with 3 task slots and 2 mm slots. */
static void overflow(void)
{
	int v;

	for (v = 0; v < VCID_NR_VARIANTS; v++) {
		struct vcid_config cfg;
		struct sim s;
		int r1, r2, r3;

		vcid_config_default(&cfg, v, 2);
		cfg.max_tasks = 3;
		cfg.max_mms = 2;
		sim_init_cfg(&s, &cfg);
		sim_switch(&s, 0, 0, 0, 10, 10);
		sim_switch(&s, 1, 0, 0, 20, 20);
		/* third mm: no slot, the task lives without an mm */
		r1 = vcid_sched_switch(s.m, 10000, 0, 10, 10, 30, 30, &s.res);
		r2 = s.res.cid;
		/* fourth task: no slot, the CPU runs "nobody" */
		r3 = vcid_sched_switch(s.m, 11000, 1, 20, 20, 40, 40, &s.res);
		ok(r1 == -ENOSPC && r2 == -1 && r3 == -ENOSPC &&
		   vcid_model_counter(s.m, VCID_MM_OVERFLOW) == 1 &&
		   vcid_model_counter(s.m, VCID_TASK_OVERFLOW) == 1 &&
		   vcid_model_check(s.m) == 0,
		   "%s: full tables return -ENOSPC, are counted, stay consistent",
		   vcid_variant_name(v));
		/* freeing 20 frees its task and mm slots */
		sim_free(&s, 20);
		is_int(sim_switch(&s, 1, 0, 0, 40, 40), 0, "%s: a freed slot is reused",
		       vcid_variant_name(v));
		sim_fini(&s);
	}
}

static void reset(void)
{
	struct sim s;

	sim_init(&s, VCID_V3_OPT, 2);
	sim_switch(&s, 0, 0, 0, 10, 10);
	sim_fork(&s, 10, 10, 11, 10);
	vcid_model_reset(s.m);
	is_int(vcid_task_cid(s.m, 10), 0, "reset keeps the ids");
	sim_switch(&s, 0, 10, 10, 11, 10);	/* transfer after reset */
	/* bits == alloc - clears does not hold across a reset: use check only */
	ok(vcid_model_counter(s.m, VCID_SW_TRANSFER) == 1 &&
	   vcid_model_counter(s.m, VCID_SW_ALLOC) == 0 && !vcid_model_check(s.m),
	   "reset zeroes the counters only");
	sim_fini(&s);
}

/* Incomplete traces: the model repairs what it believed. */
static void normalization(void)
{
	struct sim s;

	sim_init(&s, VCID_V3_NOOPT, 2);
	sim_switch(&s, 0, 0, 0, 10, 10);		/* 10 runs on cpu0, id 0 */
	/* lost switch-out: 10 appears on cpu1 */
	sim_switch(&s, 1, 0, 0, 10, 10);
	ok(vcid_task_cid(s.m, 10) == 0 && vcid_model_bits_set(s.m) == 1 &&
	   !vcid_model_check(s.m), "a task seen on another CPU is switched out of the first");
	/* the trace says cpu1 ran 20, not 10: 10 is switched out */
	sim_switch(&s, 1, 20, 10, 11, 10);
	ok(vcid_task_cid(s.m, 10) == -1 && vcid_task_cid(s.m, 11) == 0 &&
	   !vcid_model_check(s.m), "a switch from another prev deschedules the believed one");
	/* migration of a task believed running */
	sim_migrate(&s, 11, 10, 1, 0);
	ok(vcid_task_cid(s.m, 11) == -1 && vcid_model_bits_set(s.m) == 0 &&
	   !vcid_model_check(s.m), "a migrating task is not running");
	/* fork reusing a tid whose free was lost */
	sim_switch(&s, 0, 0, 0, 11, 10);
	sim_fork(&s, 11, 10, 10, 10);
	ok(vcid_task_cid(s.m, 10) == -1 && !vcid_model_check(s.m) && !s.errors,
	   "a reused tid starts afresh");
	sim_fini(&s);
}

/*
 * Lookups: tids 10, 1034 and 2058 share an entry of the model's task cache
 * (tid modulo 1024), and 2058 takes the slot 1034 had.
 */
static void lookups(void)
{
	struct sim s;

	sim_init(&s, VCID_V3_NOOPT, 2);
	sim_switch(&s, 0, 0, 0, 10, 10);
	sim_fork(&s, 10, 10, 1034, 10);
	sim_switch(&s, 1, 0, 0, 1034, 10);
	ok(vcid_task_cid(s.m, 10) == 0 && vcid_task_cid(s.m, 1034) == 1,
	   "two tasks of one cache entry keep their own ids");
	is_int(vcid_rseq_update(s.m, 0, 10), 0, "rseq_update of the task running there");
	is_int(vcid_rseq_update(s.m, 1, 10), 0, "rseq_update of a task running elsewhere");
	is_int(vcid_rseq_update(s.m, 0, 99), -ENOENT, "rseq_update of an unknown task");
	sim_free(&s, 1034);
	sim_fork(&s, 10, 10, 2058, 10);
	ok(vcid_task_cid(s.m, 1034) == -ENOENT && vcid_task_cid(s.m, 2058) == -1 &&
	   vcid_task_cid(s.m, 10) == 0,
	   "a freed task's slot, reused by another tid, is not found by the old one");
	ok(!s.errors && !vcid_model_check(s.m), "model consistent");
	sim_fini(&s);
}

int main(void)
{
	plan_tests(13 + 4 + 2 * VCID_NR_VARIANTS + 2 + 4 + 6);
	config();
	names();
	overflow();
	reset();
	normalization();
	lookups();
	return exit_status();
}
