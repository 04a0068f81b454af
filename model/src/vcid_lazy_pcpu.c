// SPDX-License-Identifier: MIT OR GPL-2.0-only
/*
 * vcid_lazy_pcpu.c - the per-CPU lazy mm_cid of Linux 6.4 to 6.18:
 * "lazy-6.4" (6.4 to 6.12) and "lazy-6.13" (6.13 to 6.18)
 *
 * Both follow commit 223baf9d17f2 "sched: Fix performance regression
 * introduced by mm_cid" (v6.4, kernel/sched/sched.h: mm_cid_get(),
 * __mm_cid_get(), mm_cid_put_lazy(), mm_cid_put(), mm_cid_snapshot_time(),
 * switch_mm_cid(); kernel/sched/core.c: sched_mm_cid_migrate_from/to(),
 * sched_mm_cid_remote_clear(), sched_mm_cid_remote_clear_old(),
 * sched_mm_cid_remote_clear_weight(), task_mm_cid_work(),
 * sched_mm_cid_exit_signals(), sched_mm_cid_before/after_execve()).
 *
 * lazy-6.4: __mm_cid_try_get() takes the first zero bit of the cidmask;
 * sched_mm_cid_migrate_to() takes a destination whose cid is set as
 * holding one.
 *
 * lazy-6.13: the allocation policy of 6.13 (commit 7e019dcc470f "sched:
 * Improve cache locality of RSEQ concurrency IDs for intermittent
 * workloads", and 02d954c0fdf9 "sched: Compact RSEQ concurrency IDs with
 * reduced threads and affinity", 6.14-rc4, in 6.13.y stable):
 * __mm_cid_try_get() first tries the CPU's recent_cid, then
 * expands max_nr_cid up to min(nr_cpus_allowed, mm_users), then takes the
 * first zero bit; sched_mm_cid_migrate_to() takes a destination whose cid
 * or recent_cid is set as holding a cid, a steal unsetting the source's
 * recent_cid too.
 *
 * The model has no affinity: nr_cpus_allowed is nr_cpus.  6.19 replaced
 * all of this (vcid_owner.c).
 *
 * Each mm keeps one cid per CPU (struct mm_cid).  Switching out leaves it on
 * the CPU (lazy put); switching in a thread of the mm reuses it.  A remote
 * actor that wants it back marks it MM_CID_LAZY_PUT and unsets it when the
 * CPU does not run the mm, otherwise the CPU drops it at its next switch.
 *
 * Counter mapping, so the eight schedstat counters compare with v3:
 *   mm_cid_get() reuses the CPU's valid cid   "fastpath_reuse", plus
 *       "transfer" when prev is a thread of the same mm (the case v3 hands
 *       over, which 6.4 folded into the per-CPU cid), else "cache_hit"
 *   a lazy-put cid reclaimed on switch        "lazy_put_reclaim" and
 *       (mm_cid_put_lazy() or mm_cid_get())   "cache_discard" (bit-clear)
 *   __mm_cid_get() bit-set                    "alloc" (also after execve)
 *   task_mm_cid_work() clears a cid unused    "compact_clear" and
 *       for 100 ms, or >= the cidmask weight  "cache_evict" (bit-clear): the
 *       time-based policy that replaces v3's LRU eviction
 *   sched_mm_cid_migrate_to() takes the source CPU's cid  "migrate_steal";
 *       if the destination already has one, the source cid is dropped:
 *       also "remove" on migration (bit-clear)
 *   mm_cid_put() at exit or before execve     "remove" on release mm
 *   "single_threaded": never, 6.4+ has no single-threaded special case.
 *
 * Time: rq->clock is the event time.  task_mm_cid_work() runs at a tick
 * (task_tick_mm_cid(), kernel/sched/core.c) that finds a thread of the mm
 * running at or after mm->mm_cid_next_scan: jiffies + 100 ms at fork
 * (init_sched_mm_cid()), at the first tick after execve (the new mm's
 * next_scan is 0), then the scan's jiffies + 100 ms.  Ticks fall on
 * multiples of TICK_NSEC in CLOCK_MONOTONIC (tick_init_jiffy_update()), so
 * with cfg.tick_ns (HZ) the model runs the scan at the tick itself, the
 * trace having no tick event; the task work really runs on the thread's
 * return to user, at once for a thread interrupted in user space.  With
 * tick_ns 0 it runs at the first switch-in of a thread once due.
 *
 * Wakeups: try_to_wake_up() calls set_task_cpu() (sched_migrate_task,
 * sched_mm_cid_migrate_from()) on the waking CPU, but a task woken onto an
 * idle CPU goes on that CPU's wake list (ttwu_queue_cond():
 * !cpu_rq(cpu)->nr_running) and is activated there, with
 * sched_mm_cid_migrate_to(), by sched_ttwu_pending() once the IPI is
 * taken: later, while the source CPU may start or stop running the mm.  No
 * recorded event marks that moment (sched_wakeup would); the model
 * activates such a task just before the destination's next switch, the
 * latest it can be.  A task migrated onto a busy CPU is activated at once.
 */
#include "vcid_internal.h"

/* 6.13's recent_cid and max_nr_cid are modelled. */
static bool lazy_recent_cid(const struct vcid_model *m)
{
	return m->cfg.variant == VCID_LAZY_6_13;
}

static bool mm_cid_is_unset(s32 cid)
{
	return cid == MM_CID_UNSET;
}

static bool mm_cid_is_lazy_put(s32 cid)
{
	return !mm_cid_is_unset(cid) && (cid & MM_CID_LAZY_PUT);
}

static bool mm_cid_is_valid(s32 cid)
{
	return !(cid & MM_CID_LAZY_PUT);	/* MM_CID_UNSET has it set */
}

static s32 mm_cid_set_lazy_put(s32 cid)
{
	return cid | MM_CID_LAZY_PUT;
}

static s32 mm_cid_clear_lazy_put(s32 cid)
{
	return cid & ~MM_CID_LAZY_PUT;
}

static bool rq_curr_uses_mm(const struct vcid_rq *rq, const struct vcid_mm *mm)
{
	return rq->curr && rq->curr->active && rq->curr->mm == mm;
}

static void __mm_cid_put(struct vcid_mm *mm, s32 cid)
{
	if (cid < 0)
		return;
	vcid_clear_bit(vcid_mm_vcpumask(mm), cid);
}

static void mm_cid_reclaim(struct vcid_model *m, struct vcid_mm *mm,
			   struct vcid_pcpu_cid *pcpu_cid)
{
	s32 cid = pcpu_cid->cid;

	pcpu_cid->cid = MM_CID_UNSET;
	__mm_cid_put(mm, mm_cid_clear_lazy_put(cid));
	vcid_count(m, VCID_LAZY_PUT_RECLAIM);
	vcid_count(m, VCID_SW_CACHE_DISCARD);
}

static void mm_cid_put_lazy(struct vcid_model *m, struct vcid_rq *rq,
			    struct vcid_task *t)
{
	struct vcid_pcpu_cid *pcpu_cid = vcid_mm_pcpu(m, t->mm, rq->cpu);

	if (mm_cid_is_lazy_put(pcpu_cid->cid))
		mm_cid_reclaim(m, t->mm, pcpu_cid);
}

static bool cpumask_test_and_set_cpu(u64 *mask, s32 cid)
{
	if (vcid_test_bit(mask, cid))
		return true;
	vcid_set_bit(mask, cid);
	return false;
}

static s32 __mm_cid_try_get(struct vcid_model *m, struct vcid_rq *rq,
			    struct vcid_mm *mm)
{
	u64 *cidmask = vcid_mm_vcpumask(mm);
	u32 nr_cpus_allowed = m->cfg.nr_cpus;
	u32 allowed_max_nr_cid = mm->users < nr_cpus_allowed ?
				 mm->users : nr_cpus_allowed;
	s32 cid;

	if (!lazy_recent_cid(m))
		goto first_zero;
	/*
	 * After shrinking the number of threads, reduce max_nr_cid so that
	 * expansion preserves cache locality if threads increase again.
	 */
	if (mm->max_nr_cid > allowed_max_nr_cid)
		mm->max_nr_cid = allowed_max_nr_cid;
	/* Try to re-use recent cid. This improves cache locality. */
	cid = vcid_mm_pcpu(m, mm, rq->cpu)->recent_cid;
	if (!mm_cid_is_unset(cid) && (u32)cid < mm->max_nr_cid &&
	    !cpumask_test_and_set_cpu(cidmask, cid))
		return cid;
	/* Expand cid allocation below min(nr_cpus_allowed, mm_users). */
	for (cid = (s32)mm->max_nr_cid;
	     (u32)cid < nr_cpus_allowed && (u32)cid < mm->users; cid++) {
		mm->max_nr_cid = (u32)cid + 1;
		if (!cpumask_test_and_set_cpu(cidmask, cid))
			return cid;
	}
first_zero:
	/* Find the first available concurrency id. */
	cid = vcid_first_zero(m, cidmask);
	if (cid >= 0)
		vcid_set_bit(cidmask, cid);
	return cid;
}

static void sched_mm_cid_migrate_to(struct vcid_model *m, u32 dst_cpu,
				    struct vcid_task *t);

static struct vcid_task *lazy_task_at(struct vcid_model *m, u32 ref)
{
	return ref ? &m->tasks[ref - 1] : NULL;
}

/* __ttwu_queue_wakelist(): @t waits on @rq's wake list, in wakeup order. */
static void lazy_wakelist_add(struct vcid_model *m, struct vcid_rq *rq,
			      struct vcid_task *t)
{
	u32 *link = &rq->pending;

	while (*link)
		link = &lazy_task_at(m, *link)->next_pending;
	*link = (u32)(t - m->tasks) + 1;
	t->next_pending = 0;
	t->mig_pending = 1;
}

/* Unlink @t from @rq's wake list: false if it is not there. */
static bool lazy_wakelist_del(struct vcid_model *m, struct vcid_rq *rq,
			      struct vcid_task *t)
{
	u32 ref = (u32)(t - m->tasks) + 1;
	u32 *link = &rq->pending;

	while (*link && *link != ref)
		link = &lazy_task_at(m, *link)->next_pending;
	if (!*link)
		return false;
	*link = t->next_pending;
	return true;
}

/*
 * Activate @t, queued on the wake list of its CPU, now: the kernel did so
 * before @t could run, migrate again or exit.  Its CPU is the list's, unless
 * a trace moved it without a migration the model could replay.
 */
static void lazy_activate_pending(struct vcid_model *m, struct vcid_task *t)
{
	struct vcid_rq *rq = vcid_rq(m, t->cpu);
	u32 cpu;

	if (!t->mig_pending)
		return;
	for (cpu = 0; !lazy_wakelist_del(m, rq, t); cpu++) {
		if (cpu == m->cfg.nr_cpus) {
			t->mig_pending = 0;	/* not reached: listed somewhere */
			return;
		}
		rq = vcid_rq(m, cpu);
	}
	t->mig_pending = 0;
	sched_mm_cid_migrate_to(m, rq->cpu, t);
}

/* sched_ttwu_pending(): @rq activates the tasks woken onto it. */
static void sched_ttwu_pending(struct vcid_model *m, struct vcid_rq *rq)
{
	while (rq->pending) {
		struct vcid_task *t = lazy_task_at(m, rq->pending);

		rq->pending = t->next_pending;
		t->mig_pending = 0;
		sched_mm_cid_migrate_to(m, rq->cpu, t);
	}
}

static s32 mm_cid_get(struct vcid_model *m, struct vcid_rq *rq,
		      struct vcid_mm *mm, bool same_mm)
{
	struct vcid_pcpu_cid *pcpu_cid = vcid_mm_pcpu(m, mm, rq->cpu);
	s32 cid = pcpu_cid->cid;

	if (mm_cid_is_valid(cid)) {
		pcpu_cid->time = m->now;	/* mm_cid_snapshot_time() */
		vcid_count(m, VCID_LAZY_FASTPATH_REUSE);
		vcid_count(m, same_mm ? VCID_SW_TRANSFER : VCID_SW_CACHE_HIT);
		return cid;
	}
	if (mm_cid_is_lazy_put(cid))
		mm_cid_reclaim(m, mm, pcpu_cid);
	/* __mm_cid_get() */
	cid = __mm_cid_try_get(m, rq, mm);
	pcpu_cid->time = m->now;
	vcid_count(m, VCID_SW_ALLOC);
	pcpu_cid->cid = cid < 0 ? MM_CID_UNSET : cid;
	if (cid >= 0 && lazy_recent_cid(m))
		pcpu_cid->recent_cid = cid;
	return cid;
}

static void lazy_switch_mm_cid(struct vcid_model *m, struct vcid_rq *rq,
			       struct vcid_task *prev, struct vcid_task *next)
{
	bool prev_active = prev && prev->active;
	bool same_mm = prev_active && next && next->active &&
		       prev->mm == next->mm;

	/* The wake list is taken before the CPU switches to a woken task. */
	sched_ttwu_pending(m, rq);
	if (next)
		lazy_activate_pending(m, next);
	if (prev_active) {
		vcid_mm_pcpu(m, prev->mm, rq->cpu)->time = m->now;
		mm_cid_put_lazy(m, rq, prev);
		prev->cid = -1;
	}
	if (next && next->active) {
		next->cid = mm_cid_get(m, rq, next->mm, same_mm);
		next->last_cid = next->cid;
	}
}

static void lazy_get_mm(struct vcid_model *m, struct vcid_task *t,
			struct vcid_task *parent)
{
	/* sched_mm_cid_fork(): mm_cid_active = 1, nothing allocated. */
	(void)m;
	(void)t;
	(void)parent;
}

/* sched_mm_cid_exit_signals(), sched_mm_cid_before_execve(): mm_cid_put(). */
static void lazy_release_mm(struct vcid_model *m, struct vcid_task *t)
{
	lazy_activate_pending(m, t);
	if (t->running) {
		struct vcid_pcpu_cid *pcpu_cid = vcid_mm_pcpu(m, t->mm, t->cpu);
		s32 cid = pcpu_cid->cid;

		if (!mm_cid_is_unset(cid)) {
			pcpu_cid->cid = MM_CID_UNSET;
			__mm_cid_put(t->mm, mm_cid_clear_lazy_put(cid));
			vcid_count(m, VCID_RELEASE_MM_REMOVE);
		}
	}
	t->cid = -1;
	t->last_cid = -1;
}

/* sched_mm_cid_after_execve() */
static void lazy_activate_mm(struct vcid_model *m, struct vcid_task *t)
{
	u64 tick = m->cfg.tick_ns;

	/* The new mm's next_scan is 0: its first tick sets it 100 ms ahead. */
	if (tick)
		t->mm->next_scan = m->now - m->now % tick + tick +
				   m->cfg.compact_period_ns;
	if (!t->running)
		return;
	t->cid = mm_cid_get(m, vcid_rq(m, t->cpu), t->mm, false);
	t->last_cid = t->cid;
}

static s32 __sched_mm_cid_migrate_from_fetch_cid(struct vcid_rq *src_rq,
						 struct vcid_task *t,
						 struct vcid_pcpu_cid *src_pcpu_cid)
{
	s32 src_cid, last_mm_cid = t->last_cid;

	/*
	 * If the migrated task has no last cid, or if the current task on src
	 * rq uses the cid, the source cid does not need to be moved.
	 */
	if (last_mm_cid == -1)
		return -1;
	src_cid = src_pcpu_cid->cid;
	if (!mm_cid_is_valid(src_cid) || last_mm_cid != src_cid)
		return -1;
	if (rq_curr_uses_mm(src_rq, t->mm)) {
		t->last_cid = -1;
		return -1;
	}
	return src_cid;
}

static s32 __sched_mm_cid_migrate_from_try_steal_cid(struct vcid_model *m,
						     struct vcid_rq *src_rq,
						     struct vcid_task *t,
						     struct vcid_pcpu_cid *src_pcpu_cid,
						     s32 src_cid)
{
	if (src_cid == -1)
		return -1;
	/* Attempt to clear the source cpu cid to move it to the destination. */
	src_pcpu_cid->cid = mm_cid_set_lazy_put(src_cid);
	if (rq_curr_uses_mm(src_rq, t->mm)) {
		/* The running task unsets it at its next switch. */
		t->last_cid = -1;
		return -1;
	}
	src_pcpu_cid->cid = MM_CID_UNSET;
	if (lazy_recent_cid(m))
		src_pcpu_cid->recent_cid = MM_CID_UNSET;
	return src_cid;
}

/* activate_task(ENQUEUE_MIGRATED) on @dst_cpu */
static void sched_mm_cid_migrate_to(struct vcid_model *m, u32 dst_cpu,
				    struct vcid_task *t)
{
	struct vcid_pcpu_cid *src_pcpu_cid, *dst_pcpu_cid;
	struct vcid_mm *mm = t->mm;
	struct vcid_rq *src_rq;
	bool dst_cid_is_set;
	s32 src_cid;

	/*
	 * sched_mm_cid_migrate_to(dst_rq, t): since 6.13 a destination whose
	 * cid or recent_cid is set counts as holding one.  Clearing the src
	 * cid is not useful when the mm has as many users as allowed CPUs:
	 * user-space can expect that many cids anyway.
	 */
	dst_pcpu_cid = vcid_mm_pcpu(m, mm, dst_cpu);
	dst_cid_is_set = !mm_cid_is_unset(dst_pcpu_cid->cid) ||
			 (lazy_recent_cid(m) &&
			  !mm_cid_is_unset(dst_pcpu_cid->recent_cid));
	if (dst_cid_is_set && mm->users >= m->cfg.nr_cpus)
		return;
	src_rq = vcid_rq(m, (u32)t->migrate_from_cpu);
	src_pcpu_cid = vcid_mm_pcpu(m, mm, src_rq->cpu);
	src_cid = __sched_mm_cid_migrate_from_fetch_cid(src_rq, t, src_pcpu_cid);
	if (src_cid == -1)
		return;
	src_cid = __sched_mm_cid_migrate_from_try_steal_cid(m, src_rq, t,
							    src_pcpu_cid,
							    src_cid);
	if (src_cid == -1)
		return;
	vcid_count(m, VCID_LAZY_MIGRATE_STEAL);
	if (dst_cid_is_set) {
		__mm_cid_put(mm, src_cid);
		vcid_count(m, VCID_MIGRATION_REMOVE);
		return;
	}
	/* Move src_cid to dst cpu. */
	dst_pcpu_cid->time = m->now;
	dst_pcpu_cid->cid = src_cid;
	if (lazy_recent_cid(m))
		dst_pcpu_cid->recent_cid = src_cid;
}

/*
 * set_task_cpu() -> sched_mm_cid_migrate_from(), then activate_task() on the
 * destination: at once, or from its wake list when it is idle.
 */
static void lazy_migrate(struct vcid_model *m, struct vcid_task *t, u32 from,
			 u32 to)
{
	struct vcid_rq *dst_rq = vcid_rq(m, to);

	lazy_activate_pending(m, t);
	t->migrate_from_cpu = (s16)from;	/* sched_mm_cid_migrate_from() */
	if (!dst_rq->curr) {
		lazy_wakelist_add(m, dst_rq, t);
		return;
	}
	sched_mm_cid_migrate_to(m, to, t);
}

static void sched_mm_cid_remote_clear(struct vcid_model *m, struct vcid_mm *mm,
				      struct vcid_pcpu_cid *pcpu_cid, u32 cpu)
{
	s32 cid = pcpu_cid->cid;

	if (!mm_cid_is_valid(cid))
		return;
	/*
	 * Clear the cpu cid to keep cid allocation compact.  If a task using
	 * the mm runs there, it unsets the lazy-put cid at its next switch.
	 */
	pcpu_cid->cid = mm_cid_set_lazy_put(cid);
	if (rq_curr_uses_mm(vcid_rq(m, cpu), mm))
		return;
	pcpu_cid->cid = MM_CID_UNSET;
	__mm_cid_put(mm, cid);
	vcid_count(m, VCID_LAZY_COMPACT_CLEAR);
	vcid_count(m, VCID_SW_CACHE_EVICT);
}

static void sched_mm_cid_remote_clear_old(struct vcid_model *m,
					  struct vcid_mm *mm, u32 cpu)
{
	struct vcid_pcpu_cid *pcpu_cid = vcid_mm_pcpu(m, mm, cpu);
	u64 rq_clock = m->now;

	/* Bump the time of a cid an active task of the mm is using. */
	if (rq_curr_uses_mm(vcid_rq(m, cpu), mm)) {
		pcpu_cid->time = rq_clock;
		return;
	}
	if (rq_clock < pcpu_cid->time + m->cfg.compact_period_ns)
		return;
	sched_mm_cid_remote_clear(m, mm, pcpu_cid, cpu);
}

static void sched_mm_cid_remote_clear_weight(struct vcid_model *m,
					     struct vcid_mm *mm, u32 cpu,
					     u32 weight)
{
	struct vcid_pcpu_cid *pcpu_cid = vcid_mm_pcpu(m, mm, cpu);
	s32 cid = pcpu_cid->cid;

	if (!mm_cid_is_valid(cid) || (u32)cid < weight)
		return;
	sched_mm_cid_remote_clear(m, mm, pcpu_cid, cpu);
}

static void task_mm_cid_work(struct vcid_model *m, struct vcid_mm *mm)
{
	u32 cpu, weight;

	mm->next_scan = m->now + m->cfg.compact_period_ns;
	/* Clear cids that were not recently used. */
	for (cpu = 0; cpu < m->cfg.nr_cpus; cpu++)
		sched_mm_cid_remote_clear_old(m, mm, cpu);
	weight = vcid_weight(m, vcid_mm_vcpumask(mm));
	/* Clear cids that are greater or equal to the cidmask weight. */
	for (cpu = 0; cpu < m->cfg.nr_cpus; cpu++)
		sched_mm_cid_remote_clear_weight(m, mm, cpu, weight);
}

/* Without a tick grid: the scan is due when the mm's thread runs. */
static void lazy_tick(struct vcid_model *m, struct vcid_task *curr)
{
	if (!m->cfg.tick_ns && m->now >= curr->mm->next_scan)
		task_mm_cid_work(m, curr->mm);
}

/*
 * task_tick_mm_cid() at each tick in (m->now, @ts]: a CPU running a thread
 * of an mm whose scan is due (in jiffies: the tick at or before
 * next_scan) runs task_mm_cid_work() for it.
 */
static void lazy_ticks(struct vcid_model *m, u64 ts)
{
	u64 period = m->cfg.tick_ns, now = m->now, first;
	u32 cpu;

	if (!period)
		return;
	first = now - now % period + period;
	if (first > ts)
		return;
	for (cpu = 0; cpu < m->cfg.nr_cpus; cpu++) {
		struct vcid_task *t = vcid_rq(m, cpu)->curr;
		u64 tick = first;

		if (!t || !t->active)
			continue;
		for (;;) {
			u64 due = t->mm->next_scan - t->mm->next_scan % period;

			if (tick < due)
				tick = due;
			if (tick > ts)
				break;
			m->now = tick;
			task_mm_cid_work(m, t->mm);
			tick += period;
		}
	}
	m->now = now;
}

static s32 lazy_node_of(const struct vcid_model *m, const struct vcid_task *t,
			s32 cid)
{
	(void)cid;
	return (s32)vcid_cpu_node(m, t->cpu);
}

/*
 * Each set bit of an mm's cidmask is held by exactly one CPU's cid (valid or
 * lazy-put), the wake lists hold the pending tasks, and a running thread
 * holds its CPU's cid.
 */
static int lazy_check(const struct vcid_model *m)
{
	u32 slot, cpu, held;

	for (slot = 0; slot < m->cfg.max_mms; slot++) {
		const struct vcid_mm *mm = (const struct vcid_mm *)
			(m->mms + (size_t)slot * m->mm_stride);
		u64 seen[VCID_WORDS(VCID_MAX_CPUS)] = { 0 };

		if (!mm->refs)
			continue;
		held = 0;
		for (cpu = 0; cpu < m->cfg.nr_cpus; cpu++) {
			s32 cid = vcid_mm_pcpu(m, mm, cpu)->cid;

			if (mm_cid_is_unset(cid))
				continue;
			cid = mm_cid_clear_lazy_put(cid);
			if (cid < 0 || cid >= (s32)m->cfg.nr_cpus ||
			    vcid_test_bit(seen, cid) ||
			    !vcid_test_bit(vcid_mm_vcpumask(mm), cid))
				return -EUCLEAN;
			vcid_set_bit(seen, cid);
			held++;
		}
		if (held != vcid_weight(m, vcid_mm_vcpumask(mm)))
			return -EUCLEAN;
		if (mm->max_nr_cid > m->cfg.nr_cpus)
			return -EUCLEAN;
	}
	/* A wake list holds active tasks marked pending, each once. */
	for (cpu = 0, held = 0; cpu < m->cfg.nr_cpus; cpu++) {
		u32 ref = vcid_rq(m, cpu)->pending;

		for (; ref; ref = m->tasks[ref - 1].next_pending) {
			const struct vcid_task *t = &m->tasks[ref - 1];

			if (ref > m->cfg.max_tasks || !t->tid || !t->active ||
			    !t->mig_pending || ++held > m->cfg.max_tasks)
				return -EUCLEAN;
		}
	}
	for (slot = 0; slot < m->cfg.max_tasks; slot++)
		if (m->tasks[slot].tid && m->tasks[slot].mig_pending)
			held--;
	if (held)
		return -EUCLEAN;
	for (cpu = 0; cpu < m->cfg.nr_cpus; cpu++) {
		const struct vcid_task *t = vcid_rq(m, cpu)->curr;

		if (!t || !t->active || t->cid < 0)
			continue;
		if (mm_cid_clear_lazy_put(vcid_mm_pcpu(m, t->mm, cpu)->cid) != t->cid)
			return -EUCLEAN;
	}
	return 0;
}

const struct vcid_ops vcid_lazy_pcpu_ops = {
	.switch_mm = lazy_switch_mm_cid,
	.get_mm = lazy_get_mm,
	.release_mm = lazy_release_mm,
	.activate_mm = lazy_activate_mm,
	.migrate = lazy_migrate,
	.tick = lazy_tick,
	.ticks = lazy_ticks,
	.node_of = lazy_node_of,
	.check = lazy_check,
};
