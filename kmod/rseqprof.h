/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * rseqprof.h - state shared by the parts of the rseqprof module
 *
 * One model instance (vcid_model.h) for the whole system, fed by the
 * scheduler tracepoint probes of every CPU and serialized by one raw
 * spinlock: the probes run with the runqueue lock held and preemption off,
 * sched_process_free runs from RCU callbacks, so the lock is taken with
 * interrupts off and nothing under it may sleep, allocate or fire a
 * scheduler tracepoint.
 */
#ifndef RSEQPROF_H
#define RSEQPROF_H

#include <linux/spinlock.h>
#include <linux/types.h>

#include "vcid_model.h"

/**
 * struct rseqprof - the module's global state
 * @lock:	serializes everything below
 * @feeding:	the probes feed the model: set once every probe is attached,
 *		cleared before any is detached, so that the model never sees
 *		a stream with some event kinds missing
 * @running:	the counters are live (false after "stop", until "reset")
 * @model:	the model, inside @mem
 * @mem:	vcid_model_size(@cfg) bytes (vmalloc)
 * @mem_size:	size of @mem
 * @cfg:	configuration built from the module parameters
 * @last_ts:	last timestamp given to the model (kept monotonic)
 * @generation:	number of resets since load
 * @shadow:	model counters as of the last event, to split their
 *		increments per CPU
 * @pcpu:	per-CPU counters, @cfg.nr_cpus rows of VCID_NR_COUNTERS
 * @events:	scheduler events fed to the model since the last reset
 * @dropped:	events the model refused (CPU out of range) since the reset
 * @frozen:	what "stop" froze: totals, then @cfg.nr_cpus rows, then
 *		events and dropped (the model itself keeps running, so that
 *		its tasks and ids stay right for the next reset)
 */
struct rseqprof {
	raw_spinlock_t lock;
	bool feeding;
	bool running;
	struct vcid_model *model;
	void *mem;
	size_t mem_size;
	struct vcid_config cfg;
	u64 last_ts;
	u64 generation;
	u64 shadow[VCID_NR_COUNTERS];
	u64 (*pcpu)[VCID_NR_COUNTERS];
	u64 events;
	u64 dropped;
	struct rseqprof_counters *frozen;
};

/**
 * struct rseqprof_counters - a copy of the counters
 * @events:	scheduler events fed to the model
 * @dropped:	events the model refused
 * @total:	the model's counters
 * @pcpu:	per-CPU rows
 */
struct rseqprof_counters {
	u64 events;
	u64 dropped;
	u64 total[VCID_NR_COUNTERS];
	u64 pcpu[][VCID_NR_COUNTERS];
};

extern struct rseqprof rseqprof;

/* rseqprof_main.c */
u64 rseqprof_now_locked(void);
void rseqprof_set_feeding(bool on);
void rseqprof_account_locked(u32 cpu, int ret, const struct vcid_result *res,
			     u8 *incs);
int rseqprof_reset(void);
int rseqprof_stop(void);
void rseqprof_counters_copy_locked(struct rseqprof_counters *dst);

/* rseqprof_probes.c */
int rseqprof_probes_register(void);
void rseqprof_probes_unregister(void);
void rseqprof_emit_paths(u64 paths, const u8 *incs, u32 mm, u32 tid, u32 cpu,
			 s32 cid, s32 prev_cid);

/* rseqprof_stat.c */
int rseqprof_stat_init(void);
void rseqprof_stat_exit(void);

#endif /* RSEQPROF_H */
