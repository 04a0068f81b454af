// SPDX-License-Identifier: MIT OR GPL-2.0-only
/*
 * vcid_v3_opt.c - "v3-opt": the 2022 vcpu-id with its scheduler optimizations
 *
 * Follows the scheduler side of "[PATCH v3 00/23] RSEQ node id and virtual
 * cpu id extensions" (Mathieu Desnoyers, 2022-07-29, lore 20220729190225.
 * 12726-1-mathieu.desnoyers@efficios.com) as presented at LPC 2022, whose
 * code and schedstat counters first appeared in "[RFC PATCH v2 09/11] sched:
 * Introduce per memory space current virtual cpu id" (2022-02-18,
 * kernel/sched/sched.h, kernel/sched/core.c).  Functions carry the kernel
 * names; the counter of each path is the schedstat it increments there:
 *
 * switch_mm_vcpu(rq, prev, next), for an active next:
 *   prev active, same mm            next takes prev's id         "transfer"
 *   else mm_vcpu_get():
 *     mm_vcpu_users == 1            static id 0, no bitmap       "single_threaded"
 *     rq cache has (mm, id)         reuse it                     "cache_hit"
 *       id not of this node (NUMA)  entry dropped, bit-clear     "cache_discard"
 *     otherwise                     __mm_vcpu_get(), bit-set     "alloc"
 *       rq_vcpu_cache_add() overwrites a used entry, bit-clear  "cache_evict"
 * sched_vcpu_release_mm() (exit, exec): the entry of this mm in the
 *   runqueue of the releasing (running) task, bit-clear    "remove" (release mm)
 * set_task_cpu(): rq_vcpu_cache_remove_mm_locked(src_rq, p->mm, false) drops
 *   the source runqueue's entry for the mm unless a thread of that mm runs
 *   there, bit-clear                                       "remove" (migration)
 *
 * The cache is the kernel's: cache_size entries (8 by default) filled
 * round-robin from head, a removal leaves a hole, lookups scan the entries.
 * It is an approximate LRU: the entry overwritten is the oldest insertion.
 *
 * cache_discard: with one node (v3-opt) mm_node_vcpumask_test_cpu() is always
 * true, so discard never happens, as in every table of the slides.  v3-numa
 * can discard (see vcid_v3_numa.c).
 *
 * Single -> multi-threaded (sched_vcpu_get_mm(), fork of a thread while the
 * mm has one user): the kernel runs it on the parent, which is current.  The
 * mm's runqueue entry on the parent's runqueue is removed ("remove" on
 * release mm, as the kernel counts it), the parent gets a real id with a
 * bit-set, which the model counts in its own "reserve_parent" (the kernel's
 * nr_vcpu_allocate does not count it), and the id is cached.  The model also
 * applies this when the second user appears without a fork (first sight of a
 * thread in a trace): whichever task runs with the static id then is
 * converted, so two threads never share id 0.  After the last-but-one thread
 * exits, the survivor goes back to the static id at its next switch-in.
 *
 * Exec (sched_vcpu_activate_mm()): the new mm has one user, the task uses the
 * static id, nothing is counted.
 */
#include "vcid_internal.h"

/* The variant's NUMA hooks on a machine of several nodes, else NULL. */
static const struct vcid_numa_ops *v3_numa(const struct vcid_model *m)
{
	return m->cfg.nr_nodes > 1 ? m->ops->numa : NULL;
}

static u32 numa_node_id(const struct vcid_model *m, const struct vcid_rq *rq)
{
	return vcid_cpu_node(m, rq->cpu);
}

static s32 __mm_vcpu_get_single_node(struct vcid_model *m, struct vcid_mm *mm)
{
	u64 *mask = vcid_mm_vcpumask(mm);
	s32 vcpu = vcid_first_zero(m, mask);

	if (vcpu < 0)
		return -1;
	vcid_set_bit(mask, vcpu);
	return vcpu;
}

static s32 __mm_vcpu_get(struct vcid_model *m, struct vcid_mm *mm, u32 node)
{
	if (v3_numa(m))
		return v3_numa(m)->mm_vcpu_get(m, mm, node);
	return __mm_vcpu_get_single_node(m, mm);
}

static bool mm_node_vcpumask_test_cpu(const struct vcid_model *m,
				      const struct vcid_mm *mm, s32 vcpu,
				      u32 node)
{
	if (!v3_numa(m))
		return true;
	return vcid_test_bit(vcid_mm_node_mask(m, mm, node), vcpu);
}

static s32 mm_vcpu_first_node_vcpu(const struct vcid_model *m, u32 node)
{
	if (!v3_numa(m))
		return 0;
	return v3_numa(m)->first_node_vcpu(m, node);
}

static void __mm_vcpu_put(struct vcid_mm *mm, s32 vcpu)
{
	if (vcpu < 0)
		return;
	vcid_clear_bit(vcid_mm_vcpumask(mm), vcpu);
}

static struct vcid_rq_entry *rq_vcpu_cache_lookup(const struct vcid_model *m,
						  struct vcid_rq *rq,
						  const struct vcid_mm *mm)
{
	struct vcid_rq_entry *entry = vcid_rq_entries(rq);
	u32 i, hit = m->cfg.cache_size;

	/*
	 * An mm is cached at most once per runqueue: scan every entry without
	 * an early exit, which compiles to conditional moves and saves the
	 * branch mispredicted at a random position on each switch.
	 */
	for (i = 0; i < m->cfg.cache_size; i++)
		hit = entry[i].mm == mm ? i : hit;
	return hit < m->cfg.cache_size ? &entry[hit] : NULL;
}

/* Removal from cache simply leaves an unused hole. */
static void rq_vcpu_cache_remove_mm_locked(struct vcid_model *m,
					   struct vcid_rq *rq,
					   struct vcid_mm *mm, bool release_mm)
{
	struct vcid_rq_entry *entry;
	s32 vcpu;

	/*
	 * Do not remove the cache entry for a runqueue that runs a task which
	 * currently uses the target mm.
	 */
	if (!release_mm && rq->curr && rq->curr->active && rq->curr->mm == mm)
		return;
	entry = rq_vcpu_cache_lookup(m, rq, mm);
	if (!entry)
		return;
	vcpu = entry->id;
	entry->mm = NULL;
	vcid_count(m, release_mm ? VCID_RELEASE_MM_REMOVE : VCID_MIGRATION_REMOVE);
	__mm_vcpu_put(mm, vcpu);
	vcid_mm_put(m, mm);
}

/* Add at head, move head forward.  Cheap LRU cache. */
static void rq_vcpu_cache_add(struct vcid_model *m, struct vcid_rq *rq,
			      struct vcid_mm *mm, s32 vcpu)
{
	struct vcid_rq_entry *entry = &vcid_rq_entries(rq)[rq->head];
	struct vcid_mm *old_mm = entry->mm;

	if (old_mm) {
		vcid_count(m, VCID_SW_CACHE_EVICT);
		__mm_vcpu_put(old_mm, entry->id);
		vcid_mm_put(m, old_mm);
	}
	entry->mm = mm;
	entry->id = vcpu;
	vcid_mm_get(m, mm);
	rq->head = (rq->head + 1) % m->cfg.cache_size;
}

static s32 mm_vcpu_get(struct vcid_model *m, struct vcid_rq *rq,
		       struct vcid_task *t)
{
	struct vcid_mm *mm = t->mm;
	u32 node = numa_node_id(m, rq);
	struct vcid_rq_entry *entry;
	s32 vcpu;

	/* Skip allocation if mm is single-threaded. */
	if (mm->users == 1) {
		vcid_count(m, VCID_SW_SINGLE_THREADED);
		mm->static_holder = t;
		return mm_vcpu_first_node_vcpu(m, node);
	}
	entry = rq_vcpu_cache_lookup(m, rq, mm);
	if (entry) {
		vcpu = entry->id;
		if (mm_node_vcpumask_test_cpu(m, mm, vcpu, node)) {
			vcid_count(m, VCID_SW_CACHE_HIT);
			return vcpu;
		}
		vcid_count(m, VCID_SW_CACHE_DISCARD);
		entry->mm = NULL;	/* Remove from cache */
		__mm_vcpu_put(mm, vcpu);
		vcid_mm_put(m, mm);	/* t still holds a reference */
	}
	vcid_count(m, VCID_SW_ALLOC);
	vcpu = __mm_vcpu_get(m, mm, node);
	if (vcpu >= 0)
		rq_vcpu_cache_add(m, rq, mm, vcpu);
	return vcpu;
}

void vcid_v3_switch_mm(struct vcid_model *m, struct vcid_rq *rq,
		       struct vcid_task *prev, struct vcid_task *next)
{
	s32 prev_vcpu = -1;
	bool prev_active = prev && prev->active;

	if (prev_active) {
		prev_vcpu = prev->cid;
		prev->cid = -1;
		if (prev->mm->static_holder == prev)
			prev->mm->static_holder = NULL;
	}
	if (!next || !next->active)
		return;
	if (prev_active && prev->mm == next->mm && prev_vcpu >= 0 &&
	    mm_node_vcpumask_test_cpu(m, next->mm, prev_vcpu,
				      numa_node_id(m, rq))) {
		/*
		 * Switching between threads with the same mm. Simply pass the
		 * vcpu token along to the next thread.
		 */
		vcid_count(m, VCID_SW_TRANSFER);
		next->cid = prev_vcpu;
		return;
	}
	next->cid = mm_vcpu_get(m, rq, next);
}

void vcid_v3_get_mm(struct vcid_model *m, struct vcid_task *t,
		    struct vcid_task *parent)
{
	struct vcid_mm *mm = t->mm;
	struct vcid_task *holder;
	struct vcid_rq *rq;
	s32 vcpu;

	/* On transition from 1 to 2 mm users, reserve vcpu ids. */
	if (mm->users != 2)
		return;
	if (v3_numa(m))
		v3_numa(m)->reserve_nodes(m, mm);
	holder = parent && parent->running ? parent : mm->static_holder;
	if (!holder || !holder->running)
		return;
	rq = vcid_rq(m, holder->cpu);
	rq_vcpu_cache_remove_mm_locked(m, rq, mm, true);
	vcid_count(m, VCID_V3_PARENT_RESERVE);
	vcpu = __mm_vcpu_get(m, mm, numa_node_id(m, rq));
	if (vcpu >= 0)
		rq_vcpu_cache_add(m, rq, mm, vcpu);
	holder->cid = vcpu;
	mm->static_holder = NULL;
}

void vcid_v3_release_mm(struct vcid_model *m, struct vcid_task *t)
{
	if (t->running)
		rq_vcpu_cache_remove_mm_locked(m, vcid_rq(m, t->cpu), t->mm, true);
	if (t->mm->static_holder == t)
		t->mm->static_holder = NULL;
	t->cid = -1;
}

void vcid_v3_activate_mm(struct vcid_model *m, struct vcid_task *t)
{
	/* No need to reserve in cpumask because single-threaded. */
	if (!t->running)
		return;
	t->cid = mm_vcpu_first_node_vcpu(m, vcid_cpu_node(m, t->cpu));
	t->mm->static_holder = t;
}

void vcid_v3_migrate(struct vcid_model *m, struct vcid_task *t, u32 from,
		     u32 to)
{
	(void)to;
	rq_vcpu_cache_remove_mm_locked(m, vcid_rq(m, from), t->mm, false);
}


static s32 v3_node_of(const struct vcid_model *m, const struct vcid_task *t,
		      s32 cid)
{
	(void)cid;
	return (s32)vcid_cpu_node(m, t->cpu);
}

/*
 * Every bit set in an mm's vcpumask is held by exactly one runqueue cache
 * entry, a runqueue caches an mm at most once, and a running thread holds
 * either the static id of a single-threaded mm or its runqueue's entry.
 */
int vcid_v3_check(const struct vcid_model *m)
{
	u32 slot, cpu, i, j;

	for (slot = 0; slot < m->cfg.max_mms; slot++) {
		const struct vcid_mm *mm = (const struct vcid_mm *)
			(m->mms + (size_t)slot * m->mm_stride);
		u64 seen[VCID_WORDS(VCID_MAX_CPUS)] = { 0 };
		u32 entries = 0;

		if (!mm->refs)
			continue;
		for (cpu = 0; cpu < m->cfg.nr_cpus; cpu++) {
			struct vcid_rq_entry *e = vcid_rq_entries(vcid_rq(m, cpu));

			for (i = 0; i < m->cfg.cache_size; i++) {
				if (e[i].mm != mm)
					continue;
				if (e[i].id < 0 || e[i].id >= (s32)m->cfg.nr_cpus ||
				    vcid_test_bit(seen, e[i].id) ||
				    !vcid_test_bit(vcid_mm_vcpumask(mm), e[i].id))
					return -EUCLEAN;
				vcid_set_bit(seen, e[i].id);
				for (j = i + 1; j < m->cfg.cache_size; j++)
					if (e[j].mm == mm)
						return -EUCLEAN;
				entries++;
			}
		}
		if (entries != vcid_weight(m, vcid_mm_vcpumask(mm)) ||
		    entries > mm->refs)
			return -EUCLEAN;
		if (mm->static_holder &&
		    (mm->users != 1 || mm->static_holder->mm != mm ||
		     !mm->static_holder->running))
			return -EUCLEAN;
		if (v3_numa(m) && v3_numa(m)->check_mm(m, mm))
			return -EUCLEAN;
	}
	for (cpu = 0; cpu < m->cfg.nr_cpus; cpu++) {
		struct vcid_rq *rq = vcid_rq(m, cpu);
		const struct vcid_task *t = rq->curr;
		const struct vcid_rq_entry *e;

		if (!t || !t->active || t->cid < 0)
			continue;
		if (t->mm->static_holder == t)
			continue;
		e = rq_vcpu_cache_lookup(m, rq, t->mm);
		if (!e || e->id != t->cid)
			return -EUCLEAN;
	}
	return m->bits_freed ? -EUCLEAN : 0;
}

const struct vcid_ops vcid_v3_opt_ops = {
	.switch_mm = vcid_v3_switch_mm,
	.get_mm = vcid_v3_get_mm,
	.release_mm = vcid_v3_release_mm,
	.activate_mm = vcid_v3_activate_mm,
	.migrate = vcid_v3_migrate,
	.node_of = v3_node_of,
	.check = vcid_v3_check,
};
