/* SPDX-License-Identifier: MIT */
/*
 * model_util.h - helpers for the allocator model's scenario tests: build a
 * model, feed it events with a running clock, compare counters.
 */
#ifndef RSEQPROF_MODEL_UTIL_H
#define RSEQPROF_MODEL_UTIL_H

#include <stdint.h>

#include "vcid_model.h"

struct sim {
	struct vcid_model *m;
	enum vcid_variant variant;
	void *mem;
	uint64_t ts;		/* advanced by 1000 ns per event */
	int errors;		/* events that did not return 0 */
	struct vcid_result res;	/* of the last event */
};

/* Build @s for @cfg; returns 0 or the init error. */
int sim_init_cfg(struct sim *s, const struct vcid_config *cfg);
/* Defaults of @v on @nr_cpus CPUs, all on node 0. */
int sim_init(struct sim *s, enum vcid_variant v, unsigned int nr_cpus);
void sim_fini(struct sim *s);

/* Events; each returns the id of the task it is about (switch: next). */
int sim_switch(struct sim *s, unsigned int cpu, unsigned int prev_tid,
	       unsigned int prev_mm, unsigned int next_tid, unsigned int next_mm);
int sim_migrate(struct sim *s, unsigned int tid, unsigned int mm,
		unsigned int from, unsigned int to);
int sim_fork(struct sim *s, unsigned int ptid, unsigned int pmm,
	     unsigned int ctid, unsigned int cmm);
int sim_exec(struct sim *s, unsigned int tid, unsigned int mm);
int sim_exit(struct sim *s, unsigned int tid, unsigned int mm);
int sim_free(struct sim *s, unsigned int tid);

/*
 * One TAP result: every counter equals @want (entries not named are 0), no
 * event failed, the model is consistent, and its net bit-sets match the
 * counters (every variant but v3-noopt).  Mismatches go to diag().
 */
int sim_expect(struct sim *s, const uint64_t want[VCID_NR_COUNTERS],
	       const char *what);

#endif /* RSEQPROF_MODEL_UTIL_H */
