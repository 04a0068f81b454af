// SPDX-License-Identifier: MIT
/*
 * model_util.c - helpers for the allocator model's scenario tests.
 */
#include <stdio.h>
#include <stdlib.h>

#include "model_gen.h"
#include "model_util.h"
#include "tap.h"

int sim_init_cfg(struct sim *s, const struct vcid_config *cfg)
{
	size_t size = vcid_model_size(cfg);
	int ret;

	memset(s, 0, sizeof(*s));
	if (!size)
		return -EINVAL;
	s->mem = aligned_alloc(8, (size + 7) & ~(size_t)7);
	if (!s->mem)
		return -ENOMEM;
	s->variant = cfg->variant;
	ret = vcid_model_init(&s->m, s->mem, size, cfg);
	if (ret) {
		free(s->mem);
		s->mem = NULL;
	}
	return ret;
}

int sim_init(struct sim *s, enum vcid_variant v, unsigned int nr_cpus)
{
	struct vcid_config cfg;

	vcid_config_default(&cfg, v, nr_cpus);
	cfg.max_tasks = 256;
	cfg.max_mms = 64;
	return sim_init_cfg(s, &cfg);
}

void sim_fini(struct sim *s)
{
	free(s->mem);
	s->mem = NULL;
	s->m = NULL;
}

static int sim_done(struct sim *s, int ret)
{
	if (ret) {
		s->errors++;
		diag("event returned %d", ret);
	}
	return s->res.cid;
}

int sim_switch(struct sim *s, unsigned int cpu, unsigned int prev_tid,
	       unsigned int prev_mm, unsigned int next_tid, unsigned int next_mm)
{
	s->ts += 1000;
	return sim_done(s, vcid_sched_switch(s->m, s->ts, cpu, prev_tid, prev_mm,
					     next_tid, next_mm, &s->res));
}

int sim_migrate(struct sim *s, unsigned int tid, unsigned int mm,
		unsigned int from, unsigned int to)
{
	s->ts += 1000;
	return sim_done(s, vcid_sched_migrate_task(s->m, s->ts, tid, mm, from,
						   to, &s->res));
}

int sim_fork(struct sim *s, unsigned int ptid, unsigned int pmm,
	     unsigned int ctid, unsigned int cmm)
{
	s->ts += 1000;
	return sim_done(s, vcid_sched_process_fork(s->m, s->ts, ptid, pmm, ctid,
						   cmm, &s->res));
}

int sim_exec(struct sim *s, unsigned int tid, unsigned int mm)
{
	s->ts += 1000;
	return sim_done(s, vcid_sched_process_exec(s->m, s->ts, tid, mm,
						   &s->res));
}

int sim_exit(struct sim *s, unsigned int tid, unsigned int mm)
{
	s->ts += 1000;
	return sim_done(s, vcid_sched_process_exit(s->m, s->ts, tid, mm,
						   &s->res));
}

int sim_free(struct sim *s, unsigned int tid)
{
	s->ts += 1000;
	return sim_done(s, vcid_sched_process_free(s->m, s->ts, tid, &s->res));
}

int sim_expect(struct sim *s, const uint64_t want[VCID_NR_COUNTERS],
	       const char *what)
{
	int c, pass = 1, check = vcid_model_check(s->m);
	uint64_t bits = vcid_model_bits_set(s->m);
	uint64_t net = model_net_bits(s->m);

	for (c = 0; c < VCID_NR_COUNTERS; c++) {
		uint64_t got = vcid_model_counter(s->m, c);

		if (got != want[c]) {
			diag("%s: %s (%s) = %llu, expected %llu", what,
			     vcid_counter_name(c),
			     vcid_counter_group(c) == VCID_GROUP_MIGRATION ?
			     "migration" : vcid_counter_group(c) ==
			     VCID_GROUP_RELEASE_MM ? "release mm" : "",
			     (unsigned long long)got, (unsigned long long)want[c]);
			pass = 0;
		}
	}
	if (s->errors) {
		diag("%s: %d events failed", what, s->errors);
		pass = 0;
	}
	if (check) {
		diag("%s: vcid_model_check() = %d", what, check);
		pass = 0;
	}
	if (s->variant != VCID_V3_NOOPT && bits != net) {
		diag("%s: %llu bits set, but bit-sets - clears = %llu", what,
		     (unsigned long long)bits, (unsigned long long)net);
		pass = 0;
	}
	return ok(pass, "%s", what);
}
