// SPDX-License-Identifier: MIT OR GPL-2.0-only
/*
 * rseqprof_probes.c - scheduler tracepoint probes feeding the model
 *
 * The scheduler tracepoints are not exported to modules: they are found by
 * name with for_each_kernel_tracepoint() and attached with
 * tracepoint_probe_register().  Probe signatures follow the kernel the
 * module is built against (Linux 6.1 and later).
 *
 * A memory space is identified as the analyses identify it in a trace: by
 * its thread-group id; kernel threads (and idle) have none (mm 0).  A user
 * task keeps its tgid as mm while it exits (sched_process_exit fires after
 * exit_mm(), and the final switch-out follows it), as in the trace.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/binfmts.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

#include "rseqprof.h"
#include "rseqprof_trace.h"

static u32 rseqprof_mm_of(const struct task_struct *p)
{
	unsigned int flags = READ_ONCE(p->flags);

	if (flags & PF_KTHREAD)
		return 0;
	if (!READ_ONCE(p->mm) && !(flags & PF_EXITING))
		return 0;
	return p->tgid;
}

/* The path tracepoints, indexed by counter. */
#define RSEQPROF_PATH(counter, event) [counter] = trace_rseqprof_##event
static void (*const rseqprof_path_events[VCID_NR_COUNTERS])(u32, u32, u32, s32) = {
	RSEQPROF_PATH(VCID_SW_SINGLE_THREADED, single_threaded),
	RSEQPROF_PATH(VCID_SW_TRANSFER, transfer),
	RSEQPROF_PATH(VCID_SW_CACHE_HIT, cache_hit),
	RSEQPROF_PATH(VCID_SW_CACHE_EVICT, cache_evict),
	RSEQPROF_PATH(VCID_SW_CACHE_DISCARD, cache_discard),
	RSEQPROF_PATH(VCID_SW_ALLOC, alloc),
	RSEQPROF_PATH(VCID_RELEASE_MM_REMOVE, release_mm_remove),
	RSEQPROF_PATH(VCID_MIGRATION_REMOVE, migration_remove),
	RSEQPROF_PATH(VCID_LAZY_FASTPATH_REUSE, lazy_fastpath_reuse),
	RSEQPROF_PATH(VCID_LAZY_PUT_RECLAIM, lazy_put_reclaim),
	RSEQPROF_PATH(VCID_LAZY_MIGRATE_STEAL, lazy_migrate_steal),
	RSEQPROF_PATH(VCID_LAZY_COMPACT_CLEAR, lazy_compact_clear),
	RSEQPROF_PATH(VCID_V3_PARENT_RESERVE, v3_reserve_parent),
	RSEQPROF_PATH(VCID_OWNER_TASK_REUSE, owner_task_reuse),
	RSEQPROF_PATH(VCID_OWNER_CPU_REUSE, owner_cpu_reuse),
	RSEQPROF_PATH(VCID_OWNER_CONVERGE, owner_converge),
	RSEQPROF_PATH(VCID_OWNER_FORK_ALLOC, owner_fork_alloc),
	RSEQPROF_PATH(VCID_OWNER_TO_PERCPU, owner_to_percpu),
	RSEQPROF_PATH(VCID_OWNER_TO_PERTASK, owner_to_pertask),
	RSEQPROF_PATH(VCID_OWNER_TRANSIT_FREE, owner_transit_free),
	RSEQPROF_PATH(VCID_NUMA_NODE_REUSE, numa_node_reuse),
	RSEQPROF_PATH(VCID_NUMA_NODE_NEW, numa_node_new),
	RSEQPROF_PATH(VCID_NUMA_REBALANCE, numa_rebalance),
	RSEQPROF_PATH(VCID_NUMA_STEAL, numa_steal),
	RSEQPROF_PATH(VCID_TASK_OVERFLOW, task_overflow),
	RSEQPROF_PATH(VCID_MM_OVERFLOW, mm_overflow),
};

/* The paths that remove an id report the id removed. */
#define RSEQPROF_REMOVALS (BIT_ULL(VCID_RELEASE_MM_REMOVE) |			\
			   BIT_ULL(VCID_MIGRATION_REMOVE) |			\
			   BIT_ULL(VCID_LAZY_PUT_RECLAIM) |			\
			   BIT_ULL(VCID_LAZY_COMPACT_CLEAR))

/**
 * rseqprof_emit_paths() - fire one rseqprof tracepoint per path increment
 * @paths:	the model's vcid_result.paths
 * @incs:	how much each counter of @paths grew
 * @mm:		memory space the event is about
 * @tid:	task the event is about
 * @cpu:	CPU of the event
 * @cid:	id of the task after the event
 * @prev_cid:	id the task held before the event (for the paths that
 *		remove an id)
 */
void rseqprof_emit_paths(u64 paths, const u8 *incs, u32 mm, u32 tid, u32 cpu,
			 s32 cid, s32 prev_cid)
{
	while (paths) {
		unsigned int c = __ffs64(paths);
		s32 id = BIT_ULL(c) & RSEQPROF_REMOVALS ? prev_cid : cid;
		unsigned int i;

		paths &= paths - 1;
		if (c >= VCID_NR_COUNTERS)
			continue;
		for (i = 0; i < incs[c]; i++)
			rseqprof_path_events[c](mm, tid, cpu, id);
	}
}

/*
 * Each probe: take the lock, feed the model, account the result to a CPU,
 * drop the lock, then fire the path tracepoints (outside the lock: tracers
 * may take their own locks), one per counter increment.
 */
#define RSEQPROF_FEED(acct_cpu, mm, tid, cpu, call)			\
	do {								\
		struct vcid_result res = { .cid = -1, .prev_cid = -1 };	\
		u8 incs[VCID_NR_COUNTERS] = { 0 };			\
		unsigned long flags;					\
		u64 ts;							\
		int ret;						\
									\
		raw_spin_lock_irqsave(&rseqprof.lock, flags);		\
		if (rseqprof.feeding) {					\
			ts = rseqprof_now_locked();			\
			ret = call;					\
			rseqprof_account_locked(acct_cpu, ret, &res,	\
						incs);			\
		}							\
		raw_spin_unlock_irqrestore(&rseqprof.lock, flags);	\
		rseqprof_emit_paths(res.paths, incs, mm, tid, cpu,	\
				    res.cid, res.prev_cid);		\
	} while (0)

static void rseqprof_sched_switch(void *data, bool preempt,
				  struct task_struct *prev,
				  struct task_struct *next,
				  unsigned int prev_state)
{
	u32 cpu = smp_processor_id();
	u32 prev_mm = rseqprof_mm_of(prev), next_mm = rseqprof_mm_of(next);

	RSEQPROF_FEED(cpu, next_mm, next->pid, cpu,
		      vcid_sched_switch(rseqprof.model, ts, cpu, prev->pid,
					prev_mm, next->pid, next_mm, &res));
}

static void rseqprof_sched_migrate_task(void *data, struct task_struct *p,
					int dest_cpu)
{
	u32 orig_cpu = task_cpu(p);
	u32 mm = rseqprof_mm_of(p);

	RSEQPROF_FEED(orig_cpu, mm, p->pid, orig_cpu,
		      vcid_sched_migrate_task(rseqprof.model, ts, p->pid, mm,
					      orig_cpu, dest_cpu, &res));
}

static void rseqprof_sched_process_fork(void *data, struct task_struct *parent,
					struct task_struct *child)
{
	u32 cpu = smp_processor_id();
	u32 parent_mm = rseqprof_mm_of(parent);
	/* A vfork (CLONE_VM) child uses its parent's mm until it execs. */
	u32 child_mm = child->mm && child->mm == parent->mm ?
		       parent_mm : rseqprof_mm_of(child);

	RSEQPROF_FEED(cpu, child_mm, child->pid, cpu,
		      vcid_sched_process_fork(rseqprof.model, ts, parent->pid,
					      parent_mm, child->pid, child_mm,
					      &res));
}

static void rseqprof_sched_process_exec(void *data, struct task_struct *p,
					pid_t old_pid,
					struct linux_binprm *bprm)
{
	u32 cpu = smp_processor_id();
	u32 mm = rseqprof_mm_of(p);

	RSEQPROF_FEED(cpu, mm, p->pid, cpu,
		      vcid_sched_process_exec(rseqprof.model, ts, p->pid, mm,
					      &res));
}

#ifdef RSEQPROF_EXIT_GROUP_DEAD
static void rseqprof_sched_process_exit(void *data, struct task_struct *p,
					bool group_dead)
#else
static void rseqprof_sched_process_exit(void *data, struct task_struct *p)
#endif
{
	u32 cpu = smp_processor_id();
	u32 mm = rseqprof_mm_of(p);

	RSEQPROF_FEED(cpu, mm, p->pid, cpu,
		      vcid_sched_process_exit(rseqprof.model, ts, p->pid, mm,
					      &res));
}

static void rseqprof_sched_process_free(void *data, struct task_struct *p)
{
	u32 cpu = raw_smp_processor_id();
	u32 mm = rseqprof_mm_of(p);

	RSEQPROF_FEED(cpu, mm, p->pid, cpu,
		      vcid_sched_process_free(rseqprof.model, ts, p->pid,
					      &res));
}

struct rseqprof_probe {
	const char *name;
	void *func;
	struct tracepoint *tp;
	bool registered;
};

static struct rseqprof_probe rseqprof_probes[] = {
	{ .name = "sched_switch", .func = rseqprof_sched_switch },
	{ .name = "sched_migrate_task", .func = rseqprof_sched_migrate_task },
	{ .name = "sched_process_fork", .func = rseqprof_sched_process_fork },
	{ .name = "sched_process_exec", .func = rseqprof_sched_process_exec },
	{ .name = "sched_process_exit", .func = rseqprof_sched_process_exit },
	{ .name = "sched_process_free", .func = rseqprof_sched_process_free },
};

static void rseqprof_find_tracepoint(struct tracepoint *tp, void *priv)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rseqprof_probes); i++)
		if (!strcmp(tp->name, rseqprof_probes[i].name))
			rseqprof_probes[i].tp = tp;
}

/**
 * rseqprof_probes_unregister() - detach every probe and wait for them
 *
 * After it returns no probe of this module runs on any CPU.
 */
void rseqprof_probes_unregister(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rseqprof_probes); i++) {
		struct rseqprof_probe *p = &rseqprof_probes[i];

		if (p->registered)
			tracepoint_probe_unregister(p->tp, p->func, NULL);
		p->registered = false;
	}
	tracepoint_synchronize_unregister();
}

/**
 * rseqprof_probes_register() - attach the probes to the scheduler tracepoints
 *
 * Return: 0, -ENOENT when the kernel lacks one of them, or the error of
 * tracepoint_probe_register(); on error nothing stays attached.
 */
int rseqprof_probes_register(void)
{
	unsigned int i;
	int ret;

	for_each_kernel_tracepoint(rseqprof_find_tracepoint, NULL);
	for (i = 0; i < ARRAY_SIZE(rseqprof_probes); i++) {
		struct rseqprof_probe *p = &rseqprof_probes[i];

		if (!p->tp) {
			pr_err("kernel has no tracepoint %s\n", p->name);
			ret = -ENOENT;
			goto err;
		}
		ret = tracepoint_probe_register(p->tp, p->func, NULL);
		if (ret) {
			pr_err("cannot attach to %s: %d\n", p->name, ret);
			goto err;
		}
		p->registered = true;
	}
	return 0;
err:
	rseqprof_probes_unregister();
	return ret;
}
