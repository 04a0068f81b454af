// SPDX-License-Identifier: MIT OR GPL-2.0-only
/*
 * rseqprof_main.c - load, unload, reset and stop of the rseqprof module
 *
 * rseqprof runs the project's rseq vcpu-id allocator model (model/, the same
 * source the babeltrace2 analyses replay traces with) online on the
 * scheduler tracepoints, counts the allocator paths per CPU in the format of
 * the LPC 2022 "Schedstats Counter Profiling" slides
 * (/proc/rseqprof_schedstat) and fires one tracepoint per path taken.
 *
 * Module parameters: variant (v3-noopt, v3-opt, lazy-6.4, lazy-6.13,
 * owner-6.19, v3-numa),
 * cache_size, max_tasks and max_mms (the model's bounded tables: events that
 * do not fit are counted as overflow, never fail).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpumask.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/nodemask.h>
#include <linux/slab.h>
#include <linux/stop_machine.h>
#include <linux/timekeeping.h>
#include <linux/topology.h>
#include <linux/vmalloc.h>

#include "rseqprof.h"
#include "rseqprof_trace.h"

static char *variant = "v3-opt";
module_param(variant, charp, 0444);
MODULE_PARM_DESC(variant, "allocator modelled: v3-noopt, v3-opt (default), lazy-6.4, lazy-6.13, owner-6.19, v3-numa");

static uint cache_size = VCID_DEFAULT_CACHE;
module_param(cache_size, uint, 0444);
MODULE_PARM_DESC(cache_size, "runqueue cache entries (v3-opt, v3-numa), 1.." __stringify(VCID_MAX_CACHE));

static uint max_tasks = 8192;
module_param(max_tasks, uint, 0444);
MODULE_PARM_DESC(max_tasks, "capacity of the model's task table (overflow is counted)");

static uint max_mms = 2048;
module_param(max_mms, uint, 0444);
MODULE_PARM_DESC(max_mms, "capacity of the model's mm table (overflow is counted)");

struct rseqprof rseqprof = {
	.lock = __RAW_SPIN_LOCK_UNLOCKED(rseqprof.lock),
};

/**
 * rseqprof_now_locked() - timestamp for the next model event
 *
 * Context: rseqprof.lock held.
 *
 * Return: CLOCK_MONOTONIC in nanoseconds, as recorded by
 * ``perf record -k CLOCK_MONOTONIC`` and LTTng, clamped so that it never
 * goes backwards between serialized events.
 */
u64 rseqprof_now_locked(void)
{
	u64 now = ktime_get_mono_fast_ns();

	if (now < rseqprof.last_ts)
		now = rseqprof.last_ts;
	rseqprof.last_ts = now;
	return now;
}

/**
 * rseqprof_set_feeding() - let the probes feed the model, or stop them
 * @on:	whether they do
 */
void rseqprof_set_feeding(bool on)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&rseqprof.lock, flags);
	rseqprof.feeding = on;
	raw_spin_unlock_irqrestore(&rseqprof.lock, flags);
}

/**
 * rseqprof_account_locked() - attribute what one event did to a CPU
 * @cpu:	CPU the event happened on (migration: the source CPU)
 * @ret:	what the model returned
 * @res:	the model's result
 * @incs:	VCID_NR_COUNTERS entries: set to how much each counter of
 *		@res->paths grew with this event (an event can remove several
 *		ids), for one path tracepoint per increment
 *
 * The model keeps global counters; their increments since the previous
 * event are added to @cpu's row, so that the per-CPU rows always add up to
 * the model's totals.  Called with rseqprof.lock held.
 */
void rseqprof_account_locked(u32 cpu, int ret, const struct vcid_result *res,
			     u8 *incs)
{
	u64 paths = res->paths;

	rseqprof.events++;
	if (ret == -EINVAL || cpu >= rseqprof.cfg.nr_cpus) {
		rseqprof.dropped++;
		return;
	}
	while (paths) {
		unsigned int c = __ffs64(paths);
		u64 now, inc;

		paths &= paths - 1;
		if (c >= VCID_NR_COUNTERS)
			continue;
		now = vcid_model_counter(rseqprof.model, c);
		inc = now - rseqprof.shadow[c];
		rseqprof.pcpu[cpu][c] += inc;
		rseqprof.shadow[c] = now;
		incs[c] = min_t(u64, inc, U8_MAX);
	}
}

static void rseqprof_counters_zero_locked(void)
{
	memset(rseqprof.shadow, 0, sizeof(rseqprof.shadow));
	memset(rseqprof.pcpu, 0, rseqprof.cfg.nr_cpus * sizeof(*rseqprof.pcpu));
	rseqprof.events = 0;
	rseqprof.dropped = 0;
}

/*
 * Run under stop_machine(): every other CPU spins with interrupts off, so
 * each scheduler event is entirely before (probe and tracers done) or
 * entirely after this, and the marker event splits a trace exactly.
 */
static int rseqprof_reset_stopped(void *unused)
{
	raw_spin_lock(&rseqprof.lock);
	vcid_model_reset(rseqprof.model);
	rseqprof_counters_zero_locked();
	rseqprof.running = true;
	rseqprof.generation++;
	trace_rseqprof_reset(rseqprof.cfg.variant, rseqprof.generation);
	raw_spin_unlock(&rseqprof.lock);
	return 0;
}

/**
 * rseqprof_counters_copy_locked() - copy the live counters
 * @dst:	room for struct_size(@dst, pcpu, rseqprof.cfg.nr_cpus) bytes
 *
 * Called with rseqprof.lock held.
 */
void rseqprof_counters_copy_locked(struct rseqprof_counters *dst)
{
	int c;

	dst->events = rseqprof.events;
	dst->dropped = rseqprof.dropped;
	for (c = 0; c < VCID_NR_COUNTERS; c++)
		dst->total[c] = vcid_model_counter(rseqprof.model, c);
	memcpy(dst->pcpu, rseqprof.pcpu,
	       rseqprof.cfg.nr_cpus * sizeof(*rseqprof.pcpu));
}

static int rseqprof_stop_stopped(void *unused)
{
	raw_spin_lock(&rseqprof.lock);
	if (rseqprof.running)
		rseqprof_counters_copy_locked(rseqprof.frozen);
	rseqprof.running = false;
	trace_rseqprof_stop(rseqprof.cfg.variant, rseqprof.generation);
	raw_spin_unlock(&rseqprof.lock);
	return 0;
}

/**
 * rseqprof_reset() - zero the counters and (re)start counting
 *
 * Context: process context, sleeps (stop_machine()).  The model keeps its
 * tasks and ids, as an offline replay given a begin time keeps feeding its
 * models with the events before it.
 *
 * Return: 0 or -errno.
 */
int rseqprof_reset(void)
{
	return stop_machine(rseqprof_reset_stopped, NULL, NULL);
}

/**
 * rseqprof_stop() - freeze the counters shown until the next reset
 *
 * Context: process context, sleeps (stop_machine()).
 *
 * Return: 0 or -errno.
 */
int rseqprof_stop(void)
{
	return stop_machine(rseqprof_stop_stopped, NULL, NULL);
}

static int __init rseqprof_config(struct vcid_config *cfg)
{
	int v = vcid_variant_from_name(variant);
	unsigned int cpu;

	if (v < 0) {
		pr_err("unknown variant '%s' (v3-noopt, v3-opt, lazy-6.4, lazy-6.13, owner-6.19, v3-numa)\n",
		       variant);
		return -EINVAL;
	}
	vcid_config_default(cfg, v, min_t(u32, nr_cpu_ids, VCID_MAX_CPUS));
	if (nr_cpu_ids > VCID_MAX_CPUS)
		pr_warn("%u CPUs: events of CPUs >= %u are dropped (counted)\n",
			nr_cpu_ids, VCID_MAX_CPUS);
	cfg->nr_nodes = clamp_t(u32, nr_node_ids, 1, VCID_MAX_NODES);
	for (cpu = 0; cpu < cfg->nr_cpus; cpu++)
		cfg->cpu_to_node[cpu] = min_t(u32, cpu_to_node(cpu),
					      cfg->nr_nodes - 1);
	cfg->cache_size = cache_size;
	cfg->max_tasks = max_tasks;
	cfg->max_mms = max_mms;
	return 0;
}

static int __init rseqprof_init(void)
{
	int ret;

	ret = rseqprof_config(&rseqprof.cfg);
	if (ret)
		return ret;
	rseqprof.mem_size = vcid_model_size(&rseqprof.cfg);
	if (!rseqprof.mem_size) {
		pr_err("invalid configuration (cache_size 1..%u, max_tasks, max_mms > 0)\n",
		       VCID_MAX_CACHE);
		return -EINVAL;
	}
	rseqprof.mem = vzalloc(rseqprof.mem_size);
	rseqprof.pcpu = kcalloc(rseqprof.cfg.nr_cpus, sizeof(*rseqprof.pcpu),
				GFP_KERNEL);
	rseqprof.frozen = kvzalloc(struct_size(rseqprof.frozen, pcpu,
					       rseqprof.cfg.nr_cpus), GFP_KERNEL);
	if (!rseqprof.mem || !rseqprof.pcpu || !rseqprof.frozen) {
		ret = -ENOMEM;
		goto err_free;
	}
	/* Nothing runs concurrently yet. */
	ret = vcid_model_init(&rseqprof.model, rseqprof.mem, rseqprof.mem_size,
			      &rseqprof.cfg);
	if (ret)
		goto err_free;
	rseqprof.running = true;

	ret = rseqprof_stat_init();
	if (ret)
		goto err_free;
	ret = rseqprof_probes_register();
	if (ret)
		goto err_stat;
	rseqprof_set_feeding(true);
	pr_info("variant %s, %u cpus, %u tasks, %u mms, %zu bytes\n",
		vcid_variant_name(rseqprof.cfg.variant), rseqprof.cfg.nr_cpus,
		rseqprof.cfg.max_tasks, rseqprof.cfg.max_mms, rseqprof.mem_size);
	return 0;

err_stat:
	rseqprof_stat_exit();
err_free:
	kvfree(rseqprof.frozen);
	kfree(rseqprof.pcpu);
	vfree(rseqprof.mem);
	return ret;
}

static void __exit rseqprof_exit(void)
{
	rseqprof_set_feeding(false);
	/* No probe runs after this returns: then nothing uses the model. */
	rseqprof_probes_unregister();
	rseqprof_stat_exit();
	kvfree(rseqprof.frozen);
	kfree(rseqprof.pcpu);
	vfree(rseqprof.mem);
}

module_init(rseqprof_init);
module_exit(rseqprof_exit);

MODULE_LICENSE("Dual MIT/GPL");
MODULE_AUTHOR("rseqprof");
MODULE_DESCRIPTION("rseq vcpu-id allocator model on the scheduler tracepoints: live schedstat counters and path tracepoints");
