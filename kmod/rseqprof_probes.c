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
#include <linux/version.h>

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

/**
 * rseqprof_emit_paths() - fire one rseqprof tracepoint per path taken
 * @paths:	the model's vcid_result.paths
 * @mm:		memory space the event is about
 * @tid:	task the event is about
 * @cpu:	CPU of the event
 * @cid:	id of the task after the event
 * @prev_cid:	id the task held before the event (for the paths that
 *		remove an id)
 */
void rseqprof_emit_paths(u64 paths, u32 mm, u32 tid, u32 cpu, s32 cid,
			 s32 prev_cid)
{
	if (!paths)
		return;
	if (paths & BIT_ULL(VCID_SW_SINGLE_THREADED))
		trace_rseqprof_single_threaded(mm, tid, cpu, cid);
	if (paths & BIT_ULL(VCID_SW_TRANSFER))
		trace_rseqprof_transfer(mm, tid, cpu, cid);
	if (paths & BIT_ULL(VCID_SW_CACHE_HIT))
		trace_rseqprof_cache_hit(mm, tid, cpu, cid);
	if (paths & BIT_ULL(VCID_SW_CACHE_EVICT))
		trace_rseqprof_cache_evict(mm, tid, cpu, cid);
	if (paths & BIT_ULL(VCID_SW_CACHE_DISCARD))
		trace_rseqprof_cache_discard(mm, tid, cpu, cid);
	if (paths & BIT_ULL(VCID_SW_ALLOC))
		trace_rseqprof_alloc(mm, tid, cpu, cid);
	if (paths & BIT_ULL(VCID_RELEASE_MM_REMOVE))
		trace_rseqprof_release_mm_remove(mm, tid, cpu, prev_cid);
	if (paths & BIT_ULL(VCID_MIGRATION_REMOVE))
		trace_rseqprof_migration_remove(mm, tid, cpu, prev_cid);
	if (paths & BIT_ULL(VCID_LAZY_FASTPATH_REUSE))
		trace_rseqprof_lazy_fastpath_reuse(mm, tid, cpu, cid);
	if (paths & BIT_ULL(VCID_LAZY_PUT_RECLAIM))
		trace_rseqprof_lazy_put_reclaim(mm, tid, cpu, prev_cid);
	if (paths & BIT_ULL(VCID_LAZY_MIGRATE_STEAL))
		trace_rseqprof_lazy_migrate_steal(mm, tid, cpu, cid);
	if (paths & BIT_ULL(VCID_LAZY_COMPACT_CLEAR))
		trace_rseqprof_lazy_compact_clear(mm, tid, cpu, prev_cid);
	if (paths & BIT_ULL(VCID_NUMA_NODE_REUSE))
		trace_rseqprof_numa_node_reuse(mm, tid, cpu, cid);
	if (paths & BIT_ULL(VCID_NUMA_NODE_NEW))
		trace_rseqprof_numa_node_new(mm, tid, cpu, cid);
	if (paths & BIT_ULL(VCID_NUMA_REBALANCE))
		trace_rseqprof_numa_rebalance(mm, tid, cpu, cid);
	if (paths & BIT_ULL(VCID_NUMA_STEAL))
		trace_rseqprof_numa_steal(mm, tid, cpu, cid);
	if (paths & BIT_ULL(VCID_TASK_OVERFLOW))
		trace_rseqprof_task_overflow(mm, tid, cpu, cid);
	if (paths & BIT_ULL(VCID_MM_OVERFLOW))
		trace_rseqprof_mm_overflow(mm, tid, cpu, cid);
}

/*
 * Each probe: take the lock, feed the model, account the result to a CPU,
 * drop the lock, then fire the path tracepoints (outside the lock: tracers
 * may take their own locks).
 */
#define RSEQPROF_FEED(acct_cpu, mm, tid, cpu, call)			\
	do {								\
		struct vcid_result res = { .cid = -1, .prev_cid = -1 };	\
		unsigned long flags;					\
		u64 ts;							\
		int ret;						\
									\
		raw_spin_lock_irqsave(&rseqprof.lock, flags);		\
		ts = rseqprof_now_locked();				\
		ret = call;						\
		rseqprof_account_locked(acct_cpu, ret, &res);		\
		raw_spin_unlock_irqrestore(&rseqprof.lock, flags);	\
		rseqprof_emit_paths(res.paths, mm, tid, cpu, res.cid,	\
				    res.prev_cid);			\
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
	u32 child_mm = rseqprof_mm_of(child);

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
