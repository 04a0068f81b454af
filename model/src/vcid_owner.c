// SPDX-License-Identifier: MIT OR GPL-2.0-only
/*
 * vcid_owner.c - "owner-6.19": the mm_cid ownership design of Linux 6.19+
 *
 * Follows Thomas Gleixner's "sched/mmcid" rewrite, merged in 6.19-rc1
 * (653fda7ae73d "sched/mmcid: Switch over to the new mechanism", tip
 * 2635fb0f0973), with the fixes of 6.19 (4327fb13fa47 live lock on the
 * task to CPU transition, 47ee94efccf6 mm_cid.mode, 007d84287c74 drop the
 * CPU's cid when switching to per-task mode, 4463c7aa11a6 "Optimize
 * transitional CIDs when scheduling out"), 7.0 (1e83ccd5921a), the 2026-03
 * fork-race series (b2e48c429ec5 fork hook in sched_post_fork(),
 * 28b5a1395036 vfork/CLONE_VM, 192d852129b1 user list) and the 2026-06
 * de3ab9bd3133 (no transit for an unset cid in the fixup).  Names are the
 * kernel's: kernel/sched/sched.h mm_cid_schedin(), mm_cid_from_task(),
 * mm_cid_from_cpu(), mm_cid_schedout(), mm_get_cid(), mm_cid_converge();
 * kernel/sched/core.c mm_update_max_cids(), mm_cid_fixup_cpus_to_tasks(),
 * mm_cid_fixup_tasks_to_cpus(), sched_mm_cid_fork(), sched_mm_cid_exit().
 *
 * An id is owned by a task (per-task mode, while the mm has at most
 * max_cids = min(opt + opt / 4, CPUs) users, opt = min(allowed CPUs,
 * users)) or by a CPU (per-CPU mode, above it: running tasks borrow their
 * CPU's id); the mm goes back to per-task mode below pcpu_thrs = max(min(opt
 * - opt / 4, CPUs / 2), 1).  A mode switch marks the ids in use TRANSIT;
 * their owners settle them at their next switch-out.  Fork allocates the
 * child's id in per-task mode; switch-in keeps or borrows one, moving it
 * below max_cids when it is above ("converge"); switch-out acts on TRANSIT
 * ids only.  No lazy put, no migration hook, no compaction.
 *
 * Not modelled: affinity (allowed CPUs are all CPUs; mm_update_cpus_allowed()
 * and the deferred switch back it queues never happen), and the spin of
 * mm_get_cid() on a full bitmap (the model takes no id then).
 *
 * Not observable: the order in which CPUs switching in at about the same
 * time take new ids (after their sched_switch events).  owner_observe()
 * takes it from the kernel's rseq_update (vcid_rseq_observe()).
 *
 * Counters:
 *   switch-in keeping its id                     "transfer" when prev is a
 *       (task's own: "task_reuse"; the CPU's:    thread of the same mm, else
 *       "cpu_reuse")                             "cache_hit"
 *   switch-in taking a new id (mm_get_cid(),     "alloc" (bit-set)
 *       or "converge", which also frees the old one: "cache_evict")
 *   switch-in dropping the id it does not use    "cache_discard" (bit-clear)
 *   switch-out freeing a TRANSIT id              "cache_discard" and
 *                                                "transit_free"
 *   a mode switch freeing the ids of tasks or    "cache_evict" and
 *       CPUs not running the mm                  "transit_free"
 *   an id given at fork or exec                  "alloc" and "fork_alloc"
 *   an exiting or exec'ing task's id freed       "remove" on release mm
 *   mode switches                                "to_percpu", "to_pertask"
 * So switch-ins = transfer + cache_hit + alloc - fork_alloc.
 */
#include "vcid_internal.h"

/* 6.19+ flag bits of a cid (MM_CID_UNSET was ~0U before: vcid_internal.h) */
#define MM_CID_UNSET_619	0x80000000U	/* BIT(31) */
#define MM_CID_ONCPU		0x40000000U	/* BIT(30) */
#define MM_CID_TRANSIT		0x20000000U	/* BIT(29) */

static bool cid_on_cpu(u32 cid)
{
	return cid & MM_CID_ONCPU;
}

static bool cid_in_transit(u32 cid)
{
	return cid & MM_CID_TRANSIT;
}

/* None of MM_CID_ONCPU, MM_CID_TRANSIT, MM_CID_UNSET is set. */
static bool cid_on_task(u32 cid)
{
	return cid < MM_CID_TRANSIT;
}

static u32 cpu_cid_to_cid(u32 cid)
{
	return cid & ~MM_CID_ONCPU;
}

static u32 pcpu_cid(const struct vcid_model *m, const struct vcid_mm *mm, u32 cpu)
{
	return (u32)vcid_mm_pcpu(m, mm, cpu)->cid;
}

static void set_pcpu_cid(const struct vcid_model *m, struct vcid_mm *mm,
			 u32 cpu, u32 cid)
{
	struct vcid_pcpu_cid *pc = vcid_mm_pcpu(m, mm, cpu);

	pc->cid = (s32)cid;
	pc->unread = 0;
}

/* task_mm_cid(), the id user space sees; -1 when the task has none. */
static void owner_publish(struct vcid_task *t)
{
	u32 cid = t->raw_cid & ~(MM_CID_ONCPU | MM_CID_TRANSIT);

	/* A stale CPU-owned copy is the task's only while it runs. */
	if ((t->raw_cid & MM_CID_UNSET_619) ||
	    (cid_on_cpu(t->raw_cid) && !t->running))
		t->cid = -1;
	else
		t->cid = (s32)cid;
}

static void mm_drop_cid(struct vcid_mm *mm, u32 cid)
{
	vcid_clear_bit(vcid_mm_vcpumask(mm), (s32)cid);
}

/* Free @t's id if it owns it (no flag); @t has none afterwards. */
static bool mm_unset_cid_on_task(struct vcid_task *t)
{
	u32 cid = t->raw_cid;

	t->raw_cid = MM_CID_UNSET_619;
	if (!cid_on_task(cid))
		return false;
	mm_drop_cid(t->mm, cid);
	return true;
}

static bool mm_drop_cid_on_cpu(struct vcid_model *m, struct vcid_mm *mm, u32 cpu)
{
	u32 cid = pcpu_cid(m, mm, cpu);

	if (!cid_on_cpu(cid))
		return false;
	set_pcpu_cid(m, mm, cpu, cpu_cid_to_cid(cid));
	mm_drop_cid(mm, cpu_cid_to_cid(cid));
	return true;
}

static u32 __mm_get_cid(struct vcid_model *m, struct vcid_mm *mm, u32 max_cids)
{
	u64 *cidmask = vcid_mm_vcpumask(mm);
	s32 cid = vcid_first_zero(m, cidmask);

	if (cid < 0 || (u32)cid >= max_cids)
		return MM_CID_UNSET_619;
	vcid_set_bit(cidmask, cid);
	return (u32)cid;
}

/* Below max_cids, else below the CPUs (the kernel spins until one frees). */
static u32 mm_get_cid(struct vcid_model *m, struct vcid_mm *mm)
{
	u32 cid = __mm_get_cid(m, mm, mm->max_cids);

	if (cid == MM_CID_UNSET_619)
		cid = __mm_get_cid(m, mm, m->cfg.nr_cpus);
	return cid;
}

static u32 mm_cid_converge(struct vcid_model *m, struct vcid_mm *mm,
			   u32 orig_cid, u32 max_cids)
{
	u32 new_cid, cid = cpu_cid_to_cid(orig_cid);

	if (cid < max_cids)
		return orig_cid;
	new_cid = __mm_get_cid(m, mm, max_cids);
	if (new_cid == MM_CID_UNSET_619)
		return orig_cid;
	mm_drop_cid(mm, cid);
	vcid_count(m, VCID_OWNER_CONVERGE);
	vcid_count(m, VCID_SW_CACHE_EVICT);
	return new_cid | (orig_cid & MM_CID_ONCPU);
}

/* The switch-in took a new id: "alloc" when there was one to take. */
static u32 owner_alloc(struct vcid_model *m, struct vcid_mm *mm)
{
	u32 cid = mm_get_cid(m, mm);

	if (cid != MM_CID_UNSET_619)
		vcid_count(m, VCID_SW_ALLOC);
	return cid;
}

/* The switch-in kept an id: one of transfer or cache_hit. */
static void owner_count_reuse(struct vcid_model *m, bool same_mm, enum vcid_counter c)
{
	vcid_count(m, c);
	vcid_count(m, same_mm ? VCID_SW_TRANSFER : VCID_SW_CACHE_HIT);
}

static void mm_cid_from_task(struct vcid_model *m, struct vcid_task *t, u32 cpu,
			     u32 cpu_cid, u32 mode, bool same_mm)
{
	struct vcid_mm *mm = t->mm;
	u32 tcid = t->raw_cid;

	if (cid_on_task(tcid | cpu_cid)) {
		if (tcid < mm->max_cids) {
			set_pcpu_cid(m, mm, cpu, tcid);
			owner_count_reuse(m, same_mm, VCID_OWNER_TASK_REUSE);
			return;
		}
		tcid = mm_cid_converge(m, mm, tcid, mm->max_cids);
		if (tcid == t->raw_cid)
			owner_count_reuse(m, same_mm, VCID_OWNER_TASK_REUSE);
		else
			vcid_count(m, VCID_SW_ALLOC);
	} else {
		/* Hand over or drop the CPU owned CID */
		if (cid_on_cpu(cpu_cid)) {
			if (cid_on_task(tcid)) {
				mm_drop_cid_on_cpu(m, mm, cpu);
				vcid_count(m, VCID_SW_CACHE_DISCARD);
				owner_count_reuse(m, same_mm, VCID_OWNER_TASK_REUSE);
			} else {
				tcid = cpu_cid_to_cid(cpu_cid);
				owner_count_reuse(m, same_mm, VCID_OWNER_CPU_REUSE);
			}
		} else if (cid_on_task(tcid)) {
			owner_count_reuse(m, same_mm, VCID_OWNER_TASK_REUSE);
		}
		if (!cid_on_task(tcid))
			tcid = owner_alloc(m, mm);
		if (tcid != MM_CID_UNSET_619)
			tcid |= mode & MM_CID_TRANSIT;
	}
	set_pcpu_cid(m, mm, cpu, tcid);
	t->raw_cid = tcid;
}

static void mm_cid_from_cpu(struct vcid_model *m, struct vcid_task *t, u32 cpu,
			    u32 cpu_cid, u32 mode, bool same_mm)
{
	struct vcid_mm *mm = t->mm;
	u32 tcid = t->raw_cid;
	bool fresh = false;

	if (cid_on_cpu(cpu_cid & tcid)) {
		if (cpu_cid_to_cid(cpu_cid) < mm->max_cids) {
			t->raw_cid = cpu_cid;
			owner_count_reuse(m, same_mm, VCID_OWNER_CPU_REUSE);
			return;
		}
		tcid = mm_cid_converge(m, mm, cpu_cid, mm->max_cids);
		if (tcid == cpu_cid)
			owner_count_reuse(m, same_mm, VCID_OWNER_CPU_REUSE);
		else
			vcid_count(m, VCID_SW_ALLOC);
		cpu_cid = tcid;
	} else {
		/* Hand over or drop the task owned CID */
		if (cid_on_task(tcid)) {
			if (cid_on_cpu(cpu_cid)) {
				mm_unset_cid_on_task(t);
				vcid_count(m, VCID_SW_CACHE_DISCARD);
				owner_count_reuse(m, same_mm, VCID_OWNER_CPU_REUSE);
			} else {
				cpu_cid = tcid | MM_CID_ONCPU;
				owner_count_reuse(m, same_mm, VCID_OWNER_TASK_REUSE);
			}
		} else if (cid_on_cpu(cpu_cid)) {
			owner_count_reuse(m, same_mm, VCID_OWNER_CPU_REUSE);
		}
		if (!cid_on_cpu(cpu_cid)) {
			cpu_cid = owner_alloc(m, mm);
			if (cpu_cid != MM_CID_UNSET_619)
				cpu_cid |= MM_CID_ONCPU;
			fresh = cpu_cid != MM_CID_UNSET_619 && !(mode & MM_CID_TRANSIT);
		}
		if ((mode & MM_CID_TRANSIT) && cpu_cid != MM_CID_UNSET_619)
			cpu_cid = cpu_cid_to_cid(cpu_cid) | MM_CID_TRANSIT;
	}
	set_pcpu_cid(m, mm, cpu, cpu_cid);
	vcid_mm_pcpu(m, mm, cpu)->unread = fresh;
	t->raw_cid = cpu_cid;
}

/*
 * Per-task mode: @t, running, reads @real, which the model gave a task of
 * the mm that does not run (or nobody): the two exchange their ids.
 */
static int owner_observe_task(struct vcid_model *m, struct vcid_task *t, u32 cpu, u32 real)
{
	struct vcid_mm *mm = t->mm;
	struct vcid_task *u;

	if (!cid_on_task(t->raw_cid) || cid_in_transit(mm->mode) || cid_on_cpu(mm->mode))
		return 0;
	for (u = m->tasks; u < m->tasks + m->cfg.max_tasks; u++)
		if (u->tid && u != t && u->active && u->mm == mm && u->raw_cid == real)
			break;
	if (u < m->tasks + m->cfg.max_tasks) {
		if (u->running)
			return 0;
		u->raw_cid = t->raw_cid;
		owner_publish(u);
	} else if (vcid_test_bit(vcid_mm_vcpumask(mm), (s32)real)) {
		return 0;	/* a CPU's or an exited task's: not ours to take */
	} else {
		mm_drop_cid(mm, t->raw_cid);
		vcid_set_bit(vcid_mm_vcpumask(mm), (s32)real);
	}
	t->raw_cid = real;
	set_pcpu_cid(m, mm, cpu, real);
	owner_publish(t);
	return 1;
}

/*
 * rseq_update() with the kernel's @real id, for @t running on @cpu.  A
 * trace cannot order what CPUs do at about the same time: each allocates
 * in context_switch(), after its sched_switch event, and a fork's mode
 * switch comes before its perf_fork record; a vCPU of a single-threaded
 * TCG guest stalled in between lets the other CPUs run first for whole
 * milliseconds.  When the kernel's read shows the other order:
 * - per-CPU mode: the CPU's new id, unread yet, is another CPU's unread
 *   new id: the two CPUs exchange them;
 * - per-task mode: the id is one the model gave a task that does not run
 *   (or no task): the two tasks exchange them (a fork's switch to per-CPU
 *   ids, seen late, then starts from the kernel's ids).
 */
static int owner_observe(struct vcid_model *m, struct vcid_task *t, u32 cpu, s32 real)
{
	struct vcid_mm *mm = t->mm;
	struct vcid_pcpu_cid *mine, *other;
	struct vcid_task *curr;
	u32 b;

	if (!mm || cpu >= m->cfg.nr_cpus || t->cid == real || real < 0 ||
	    (u32)real >= m->cfg.nr_cpus) {
		if (mm && cpu < m->cfg.nr_cpus)
			vcid_mm_pcpu(m, mm, cpu)->unread = 0;
		return 0;
	}
	mine = vcid_mm_pcpu(m, mm, cpu);
	if (mine->unread <= 0 || (u32)mine->cid != t->raw_cid) {
		mine->unread = 0;
		return owner_observe_task(m, t, cpu, (u32)real);
	}
	mine->unread = 0;
	for (b = 0; b < m->cfg.nr_cpus; b++) {
		other = vcid_mm_pcpu(m, mm, b);
		if (b == cpu || other->unread <= 0 ||
		    (u32)other->cid != ((u32)real | MM_CID_ONCPU))
			continue;
		other->cid = mine->cid;
		mine->cid = (s32)((u32)real | MM_CID_ONCPU);
		t->raw_cid = (u32)mine->cid;
		owner_publish(t);
		curr = vcid_rq(m, b)->curr;
		if (curr && curr->mm == mm && curr->running) {
			curr->raw_cid = (u32)other->cid;
			owner_publish(curr);
		}
		return 1;
	}
	return 0;
}

static void mm_cid_schedout(struct vcid_model *m, u32 cpu, struct vcid_task *prev)
{
	struct vcid_mm *mm = prev->mm;
	u32 cid;

	if (!mm || !cid_in_transit(prev->raw_cid) ||
	    (prev->raw_cid & MM_CID_UNSET_619))
		return;
	cid = prev->raw_cid & ~MM_CID_TRANSIT;
	if (!cid_in_transit(mm->mode) && cid < mm->max_cids) {
		if (cid_on_cpu(mm->mode))
			cid |= MM_CID_ONCPU;
		set_pcpu_cid(m, mm, cpu, cid);
		prev->raw_cid = cid;
	} else {
		mm_drop_cid(mm, cid);
		prev->raw_cid = MM_CID_UNSET_619;
		vcid_count(m, VCID_SW_CACHE_DISCARD);
		vcid_count(m, VCID_OWNER_TRANSIT_FREE);
	}
}

/* mm_cid_switch_to(): schedout(prev), then schedin(next). */
static void owner_switch_mm(struct vcid_model *m, struct vcid_rq *rq,
			    struct vcid_task *prev, struct vcid_task *next)
{
	bool same_mm = prev && next && prev->active && next->active &&
		       prev->mm == next->mm;

	if (prev) {
		mm_cid_schedout(m, rq->cpu, prev);
		prev->running = 0;
		owner_publish(prev);
	}
	if (next && next->active) {
		struct vcid_mm *mm = next->mm;
		u32 cpu_cid = pcpu_cid(m, mm, rq->cpu);

		if (!cid_on_cpu(mm->mode))
			mm_cid_from_task(m, next, rq->cpu, cpu_cid, mm->mode, same_mm);
		else
			mm_cid_from_cpu(m, next, rq->cpu, cpu_cid, mm->mode, same_mm);
		next->running = 1;
		owner_publish(next);
	}
}

static void __mm_update_max_cids(struct vcid_model *m, struct vcid_mm *mm,
				 u32 users)
{
	u32 opt = users < m->cfg.nr_cpus ? users : m->cfg.nr_cpus;
	u32 max = opt + opt / 4;

	mm->max_cids = max < m->cfg.nr_cpus ? max : m->cfg.nr_cpus;
}

static u32 mm_cid_calc_pcpu_thrs(const struct vcid_model *m, u32 users)
{
	u32 opt = users < m->cfg.nr_cpus ? users : m->cfg.nr_cpus;
	u32 thrs = opt - opt / 4;

	if (thrs > m->cfg.nr_cpus / 2)
		thrs = m->cfg.nr_cpus / 2;
	return thrs ? thrs : 1;
}

/* @users: the mm's id users after the change.  True on a mode switch. */
static bool mm_update_max_cids(struct vcid_model *m, struct vcid_mm *mm, u32 users)
{
	bool percpu = cid_on_cpu(mm->mode);

	__mm_update_max_cids(m, mm, users);
	if (!percpu) {
		if (users > mm->max_cids)
			mm->pcpu_thrs = mm_cid_calc_pcpu_thrs(m, users);
	} else if (users < mm->pcpu_thrs) {
		mm->pcpu_thrs = 0;
	}
	if (percpu == !!mm->pcpu_thrs)
		return false;
	mm->mode ^= MM_CID_TRANSIT | MM_CID_ONCPU;
	vcid_count(m, percpu ? VCID_OWNER_TO_PERTASK : VCID_OWNER_TO_PERCPU);
	return true;
}

static void mm_cid_transit_to_task(struct vcid_model *m, struct vcid_task *t,
				   u32 cpu)
{
	if (cid_on_cpu(t->raw_cid)) {
		t->raw_cid = cpu_cid_to_cid(t->raw_cid) | MM_CID_TRANSIT;
		set_pcpu_cid(m, t->mm, cpu, t->raw_cid);
	}
}

static void mm_cid_transit_to_cpu(struct vcid_model *m, struct vcid_task *t,
				  u32 cpu)
{
	if (cid_on_task(t->raw_cid)) {
		t->raw_cid |= MM_CID_TRANSIT;
		set_pcpu_cid(m, t->mm, cpu, t->raw_cid);
	}
}

static void mm_cid_fixup_cpus_to_tasks(struct vcid_model *m, struct vcid_mm *mm)
{
	u32 cpu;

	for (cpu = 0; cpu < m->cfg.nr_cpus; cpu++) {
		struct vcid_task *curr = vcid_rq(m, cpu)->curr;
		bool runs_mm = curr && curr->active && curr->mm == mm;
		u32 cid = pcpu_cid(m, mm, cpu);

		if (cid_on_cpu(cid)) {
			if (runs_mm) {
				mm_cid_transit_to_task(m, curr, cpu);
			} else if (mm_drop_cid_on_cpu(m, mm, cpu)) {
				vcid_count(m, VCID_SW_CACHE_EVICT);
				vcid_count(m, VCID_OWNER_TRANSIT_FREE);
			}
		} else if (runs_mm && curr->raw_cid != MM_CID_UNSET_619 &&
			   !cid_in_transit(curr->raw_cid)) {
			curr->raw_cid |= MM_CID_TRANSIT;
			set_pcpu_cid(m, mm, cpu, curr->raw_cid);
		}
		if (runs_mm)
			owner_publish(curr);
	}
	mm->mode = 0;
}

static void mm_cid_fixup_tasks_to_cpus(struct vcid_model *m, struct vcid_mm *mm,
				       struct vcid_task *current)
{
	struct vcid_task *t;

	/* The mm's user list, current aside: it transferred already. */
	for (t = m->tasks; t < m->tasks + m->cfg.max_tasks; t++) {
		if (!t->tid || !t->active || t->mm != mm || t == current ||
		    !cid_on_task(t->raw_cid))
			continue;
		if (t->running) {
			mm_cid_transit_to_cpu(m, t, t->cpu);
		} else if (mm_unset_cid_on_task(t)) {
			vcid_count(m, VCID_SW_CACHE_EVICT);
			vcid_count(m, VCID_OWNER_TRANSIT_FREE);
		}
		owner_publish(t);
	}
	mm->mode = MM_CID_ONCPU;
}

/*
 * sched_mm_cid_fork(): @t joins its mm (users already counted), @parent is
 * current (NULL: a task first seen in the trace); it runs on @t->cpu.
 */
static void owner_get_mm(struct vcid_model *m, struct vcid_task *t,
			 struct vcid_task *parent)
{
	struct vcid_mm *mm = t->mm;
	bool percpu;

	t->raw_cid = MM_CID_UNSET_619;
	if (mm->users == 1) {
		mm_update_max_cids(m, mm, 1);
		t->raw_cid = mm_get_cid(m, mm);
		set_pcpu_cid(m, mm, t->cpu, t->raw_cid);
		goto allocated;
	}
	if (!mm_update_max_cids(m, mm, mm->users)) {
		if (cid_on_cpu(mm->mode))
			goto out;
		t->raw_cid = mm_get_cid(m, mm);
		goto allocated;
	}
	percpu = cid_on_cpu(mm->mode);
	/* current forks: a parent the trace does not show running is not. */
	if (parent && !parent->running)
		parent = NULL;
	if (parent) {
		if (!percpu)
			mm_cid_transit_to_task(m, parent, parent->cpu);
		else
			mm_cid_transit_to_cpu(m, parent, parent->cpu);
		owner_publish(parent);
	}
	if (percpu) {
		mm_cid_fixup_tasks_to_cpus(m, mm, parent);
		goto out;
	}
	mm_cid_fixup_cpus_to_tasks(m, mm);
	t->raw_cid = mm_get_cid(m, mm);
allocated:
	if (t->raw_cid != MM_CID_UNSET_619) {
		vcid_count(m, VCID_SW_ALLOC);
		vcid_count(m, VCID_OWNER_FORK_ALLOC);
	}
out:
	owner_publish(t);
}

/* sched_mm_cid_exit() of an active @t (exit, or before execve). */
static void owner_release_mm(struct vcid_model *m, struct vcid_task *t)
{
	struct vcid_mm *mm = t->mm;
	u32 users = mm->users - 1;
	bool change;

	if (!users && t->running)
		mm_cid_transit_to_task(m, t, t->cpu);
	/* sched_mm_cid_remove_user() */
	t->raw_cid &= ~MM_CID_TRANSIT;
	if (mm_unset_cid_on_task(t))
		vcid_count(m, VCID_RELEASE_MM_REMOVE);
	change = mm_update_max_cids(m, mm, users);
	if (users && change) {
		/*
		 * Only ever a switch back to per-task mode.  The exiting task
		 * is current: its CPU's id is the one it used.
		 */
		if (t->running && mm_drop_cid_on_cpu(m, mm, t->cpu)) {
			vcid_count(m, VCID_SW_CACHE_EVICT);
			vcid_count(m, VCID_OWNER_TRANSIT_FREE);
		}
		mm_cid_fixup_cpus_to_tasks(m, mm);
	}
	t->cid = -1;
}

/* sched_mm_cid_after_execve(): the first user of the new mm. */
static void owner_activate_mm(struct vcid_model *m, struct vcid_task *t)
{
	owner_get_mm(m, t, NULL);
}

/* No migration hook since 6.19: the id follows the task or its new CPU. */
static void owner_migrate(struct vcid_model *m, struct vcid_task *t, u32 from,
			  u32 to)
{
	(void)m;
	(void)t;
	(void)from;
	(void)to;
}

static s32 owner_node_of(const struct vcid_model *m, const struct vcid_task *t,
			 s32 cid)
{
	(void)cid;
	return (s32)vcid_cpu_node(m, t->cpu);
}

/*
 * Each set bit of an mm's cidmask has one owner: a task holding it plain
 * or TRANSIT (a running task then), or a CPU holding it ONCPU.
 */
static int owner_check(const struct vcid_model *m)
{
	u64 seen[VCID_WORDS(VCID_MAX_CPUS)];
	u32 slot, cpu;

	for (slot = 0; slot < m->cfg.max_mms; slot++) {
		const struct vcid_mm *mm = (const struct vcid_mm *)
			(m->mms + (size_t)slot * m->mm_stride);
		const struct vcid_task *t;
		u32 w;

		if (!mm->refs)
			continue;
		memset(seen, 0, sizeof(seen));
		for (t = m->tasks; t < m->tasks + m->cfg.max_tasks; t++) {
			u32 cid = t->raw_cid & ~MM_CID_TRANSIT;

			if (!t->tid || !t->active || t->mm != mm ||
			    !(cid_on_task(t->raw_cid) || cid_in_transit(t->raw_cid)) ||
			    (t->raw_cid & MM_CID_UNSET_619))
				continue;
			if (cid_in_transit(t->raw_cid) && !t->running)
				return -EUCLEAN;
			if (cid >= m->cfg.nr_cpus || vcid_test_bit(seen, (s32)cid))
				return -EUCLEAN;
			vcid_set_bit(seen, (s32)cid);
		}
		for (cpu = 0; cpu < m->cfg.nr_cpus; cpu++) {
			u32 cid = pcpu_cid(m, mm, cpu);

			if (!cid_on_cpu(cid) || cid_in_transit(cid))
				continue;
			cid = cpu_cid_to_cid(cid);
			if (cid >= m->cfg.nr_cpus || vcid_test_bit(seen, (s32)cid))
				return -EUCLEAN;
			vcid_set_bit(seen, (s32)cid);
		}
		/* An owner per id, none twice: the owned ids are the bitmap. */
		for (w = 0; w < m->words; w++)
			if (seen[w] != vcid_mm_vcpumask(mm)[w])
				return -EUCLEAN;
	}
	return 0;
}

const struct vcid_ops vcid_owner_ops = {
	.switch_mm = owner_switch_mm,
	.get_mm = owner_get_mm,
	.release_mm = owner_release_mm,
	.activate_mm = owner_activate_mm,
	.migrate = owner_migrate,
	.tick = NULL,
	.node_of = owner_node_of,
	.observe = owner_observe,
	.check = owner_check,
};
