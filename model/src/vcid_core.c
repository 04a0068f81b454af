// SPDX-License-Identifier: MIT OR GPL-2.0-only
/*
 * vcid_core.c - tables, event entry points and dispatch of the vcpu-id model
 *
 * The core keeps the scheduler state every variant needs (which task runs on
 * which CPU, which mm each task uses, how many live threads each mm has) and
 * calls the variant's operations at the points where the kernel calls its
 * allocator hooks: context_switch(), set_task_cpu(), copy_mm(), mm_release()
 * and exec_mmap().
 *
 * Traces are not always complete (events lost, a session that starts while
 * tasks already run), so the core normalizes the stream before the variant
 * sees it: a task running somewhere the trace says it is not is switched out
 * there first, a migrating task the model believes running is switched out,
 * a task created twice is freed first.  The variant therefore only sees
 * sequences the kernel could produce, which is what keeps every id unique.
 *
 * An mm is known by its thread-group id only, so a vfork() child (CLONE_VM
 * without CLONE_THREAD, its own tgid) gets its own mm in the model, where
 * the kernel shares the parent's until the child execs.
 */
#include "vcid_internal.h"

#define VCID_DEFAULT_MAX_TASKS	32768
#define VCID_DEFAULT_MAX_MMS	4096
#define VCID_MAX_ENTRIES	(1U << 24)

void vcid_config_default(struct vcid_config *cfg, enum vcid_variant variant,
			 u32 nr_cpus)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->variant = variant;
	cfg->nr_cpus = nr_cpus;
	cfg->nr_nodes = 1;
	cfg->cache_size = VCID_DEFAULT_CACHE;
	cfg->max_tasks = VCID_DEFAULT_MAX_TASKS;
	cfg->max_mms = VCID_DEFAULT_MAX_MMS;
	cfg->compact_period_ns = VCID_DEFAULT_COMPACT_NS;
	cfg->tick_ns = VCID_DEFAULT_TICK_NS;
}

static bool vcid_config_valid(const struct vcid_config *cfg)
{
	u32 cpu;

	if (!cfg || (unsigned int)cfg->variant >= VCID_NR_VARIANTS)
		return false;
	if (!cfg->nr_cpus || cfg->nr_cpus > VCID_MAX_CPUS)
		return false;
	if (!cfg->nr_nodes || cfg->nr_nodes > VCID_MAX_NODES)
		return false;
	if (!cfg->cache_size || cfg->cache_size > VCID_MAX_CACHE)
		return false;
	if (!cfg->max_tasks || cfg->max_tasks > VCID_MAX_ENTRIES)
		return false;
	if (!cfg->max_mms || cfg->max_mms > VCID_MAX_ENTRIES)
		return false;
	if (!cfg->compact_period_ns)
		return false;
	for (cpu = 0; cpu < cfg->nr_cpus; cpu++)
		if (cfg->cpu_to_node[cpu] >= cfg->nr_nodes)
			return false;
	return true;
}

static u32 vcid_hash_size(u32 entries)
{
	u32 size = 16;

	while (size < 2 * entries)
		size <<= 1;
	return size;
}

static size_t vcid_align8(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* Cache-line alignment, given a block that is itself line-aligned. */
static size_t vcid_align64(size_t n)
{
	return (n + 63) & ~(size_t)63;
}

struct vcid_layout {
	size_t tasks, task_hash, mms, mm_hash, rqs, end;
	size_t mm_stride, rq_stride;
	u32 words;
};

static void vcid_layout(const struct vcid_config *cfg, struct vcid_layout *l)
{
	bool v3 = cfg->variant == VCID_V3_OPT || cfg->variant == VCID_V3_NUMA;
	size_t masks = 1;

	l->words = VCID_WORDS(cfg->nr_cpus);
	if (cfg->variant == VCID_V3_NUMA)
		masks += 1 + cfg->nr_nodes;	/* node_alloc + one per node */
	l->mm_stride = sizeof(struct vcid_mm) + masks * l->words * sizeof(u64);
	if (vcid_variant_pcpu(cfg->variant))
		l->mm_stride += cfg->nr_cpus * sizeof(struct vcid_pcpu_cid);
	l->mm_stride = vcid_align8(l->mm_stride);
	l->rq_stride = sizeof(struct vcid_rq);
	if (v3)
		l->rq_stride += cfg->cache_size * sizeof(struct vcid_rq_entry);
	l->rq_stride = vcid_align8(l->rq_stride);

	l->tasks = vcid_align64(sizeof(struct vcid_model));
	l->task_hash = l->tasks + (size_t)cfg->max_tasks * sizeof(struct vcid_task);
	l->mms = vcid_align8(l->task_hash +
			     (size_t)vcid_hash_size(cfg->max_tasks) * sizeof(u32));
	l->mm_hash = l->mms + (size_t)cfg->max_mms * l->mm_stride;
	l->rqs = vcid_align8(l->mm_hash +
			     (size_t)vcid_hash_size(cfg->max_mms) * sizeof(u32));
	l->end = l->rqs + (size_t)cfg->nr_cpus * l->rq_stride;
}

size_t vcid_model_size(const struct vcid_config *cfg)
{
	struct vcid_layout l;

	if (!vcid_config_valid(cfg))
		return 0;
	vcid_layout(cfg, &l);
	return l.end;
}

static const struct vcid_ops *const vcid_variant_ops[VCID_NR_VARIANTS] = {
	[VCID_V3_NOOPT] = &vcid_v3_noopt_ops,
	[VCID_V3_OPT] = &vcid_v3_opt_ops,
	[VCID_LAZY_6_4] = &vcid_lazy_pcpu_ops,
	[VCID_LAZY_6_13] = &vcid_lazy_pcpu_ops,
	[VCID_OWNER_6_19] = &vcid_owner_ops,
	[VCID_V3_NUMA] = &vcid_v3_numa_ops,
};

int vcid_model_init(struct vcid_model **out, void *mem, size_t size,
		    const struct vcid_config *cfg)
{
	struct vcid_layout l;
	struct vcid_model *m;
	u8 *base = mem;
	u32 i;

	if (!out || !mem || ((unsigned long)mem & 7) || !vcid_config_valid(cfg))
		return -EINVAL;
	vcid_layout(cfg, &l);
	if (size < l.end)
		return -EINVAL;
	memset(mem, 0, l.end);
	m = mem;
	memcpy(&m->cfg, cfg, sizeof(*cfg));
	m->ops = vcid_variant_ops[cfg->variant];
	m->words = l.words;
	m->mm_stride = l.mm_stride;
	m->rq_stride = l.rq_stride;
	m->tasks = (struct vcid_task *)(base + l.tasks);
	m->task_hash = (u32 *)(base + l.task_hash);
	m->task_hash_mask = vcid_hash_size(cfg->max_tasks) - 1;
	m->mms = base + l.mms;
	m->mm_hash = (u32 *)(base + l.mm_hash);
	m->mm_hash_mask = vcid_hash_size(cfg->max_mms) - 1;
	m->rqs = base + l.rqs;

	for (i = 0; i < cfg->max_tasks; i++)
		m->tasks[i].next_free = i + 1 < cfg->max_tasks ? i + 1 : VCID_NO_SLOT;
	for (i = 0; i < cfg->max_mms; i++) {
		struct vcid_mm *mm = (struct vcid_mm *)(m->mms + i * m->mm_stride);

		mm->next_free = i + 1 < cfg->max_mms ? i + 1 : VCID_NO_SLOT;
	}
	for (i = 0; i < cfg->nr_cpus; i++)
		vcid_rq(m, i)->cpu = i;
	*out = m;
	return 0;
}

void vcid_model_reset(struct vcid_model *m)
{
	memset(m->counters, 0, sizeof(m->counters));
}

u64 vcid_model_counter(const struct vcid_model *m, enum vcid_counter c)
{
	if ((unsigned int)c >= VCID_NR_COUNTERS)
		return 0;
	return m->counters[c];
}

/* ---- open-addressing hash tables (linear probing, backward shift) ---- */

static u32 vcid_hash32(u32 key, u32 mask)
{
	return (key * 0x9e3779b1U) & mask;
}

static inline struct vcid_mm *vcid_mm_at(const struct vcid_model *m, u32 slot)
{
	return (struct vcid_mm *)(m->mms + (size_t)slot * m->mm_stride);
}

static inline u32 vcid_mm_slot(const struct vcid_model *m,
			       const struct vcid_mm *mm)
{
	return (u32)(((const u8 *)mm - m->mms) / m->mm_stride);
}

static u32 vcid_task_key(const struct vcid_model *m, u32 slot)
{
	return m->tasks[slot].tid;
}

static u32 vcid_mm_key(const struct vcid_model *m, u32 slot)
{
	return vcid_mm_at(m, slot)->tgid;
}

/* Return: the slot holding @key, or VCID_NO_SLOT; *@pos is where it is or ends. */
static u32 vcid_hash_find(const struct vcid_model *m, const u32 *hash,
			  u32 mask, u32 key,
			  u32 (*key_of)(const struct vcid_model *, u32), u32 *pos)
{
	u32 i = vcid_hash32(key, mask);

	for (;;) {
		u32 e = hash[i];

		if (!e || key_of(m, e - 1) == key) {
			*pos = i;
			return e ? e - 1 : VCID_NO_SLOT;
		}
		i = (i + 1) & mask;
	}
}

static void vcid_hash_delete(const struct vcid_model *m, u32 *hash, u32 mask,
			     u32 pos, u32 (*key_of)(const struct vcid_model *, u32))
{
	u32 hole = pos, i = pos;

	for (;;) {
		u32 e, home;

		i = (i + 1) & mask;
		e = hash[i];
		if (!e)
			break;
		home = vcid_hash32(key_of(m, e - 1), mask);
		/* Move e into the hole unless its home lies in (hole, i]. */
		if (((i - home) & mask) >= ((i - hole) & mask)) {
			hash[hole] = e;
			hole = i;
		}
	}
	hash[hole] = 0;
}

/*
 * The lookup of every event: the task cache, then the probe loop of
 * vcid_hash_find(), inlined.  A cache entry names a slot whose tid may have
 * changed since (a freed slot has tid 0, never looked up): the tid decides.
 * The hash is large and sparse, the cache a few lines: most lookups of a
 * workload's few hundred threads never touch the hash.
 */
static struct vcid_task *vcid_task_find(const struct vcid_model *m, u32 tid)
{
	u32 i = m->task_cache[tid % VCID_TASK_CACHE];

	if (i && m->tasks[i - 1].tid == tid)
		return &m->tasks[i - 1];
	i = vcid_hash32(tid, m->task_hash_mask);
	for (;;) {
		u32 e = m->task_hash[i];

		if (!e)
			return NULL;
		if (m->tasks[e - 1].tid == tid)
			return &m->tasks[e - 1];
		i = (i + 1) & m->task_hash_mask;
	}
}

static void vcid_task_cache_set(struct vcid_model *m, struct vcid_task *t)
{
	m->task_cache[t->tid % VCID_TASK_CACHE] = (u32)(t - m->tasks) + 1;
}

static struct vcid_mm *vcid_mm_find(const struct vcid_model *m, u32 tgid)
{
	u32 pos, slot;

	slot = vcid_hash_find(m, m->mm_hash, m->mm_hash_mask, tgid,
			      vcid_mm_key, &pos);
	return slot == VCID_NO_SLOT ? NULL : vcid_mm_at(m, slot);
}

static void vcid_mm_unhash(struct vcid_model *m, struct vcid_mm *mm)
{
	u32 pos;

	if (!mm->hashed)
		return;
	vcid_hash_find(m, m->mm_hash, m->mm_hash_mask, mm->tgid, vcid_mm_key,
		       &pos);
	vcid_hash_delete(m, m->mm_hash, m->mm_hash_mask, pos, vcid_mm_key);
	mm->hashed = 0;
}

/* ---- mm records ---- */

static struct vcid_mm *vcid_mm_new(struct vcid_model *m, u32 tgid, int *err)
{
	struct vcid_mm *mm, *old;
	u32 slot, pos;

	if (m->mm_free == VCID_NO_SLOT || m->nr_mms == m->cfg.max_mms) {
		vcid_count(m, VCID_MM_OVERFLOW);
		*err = -ENOSPC;
		return NULL;
	}
	/* A new mm for a tgid replaces the old one (exec, tgid reuse). */
	old = vcid_mm_find(m, tgid);
	if (old)
		vcid_mm_unhash(m, old);
	slot = m->mm_free;
	mm = vcid_mm_at(m, slot);
	m->mm_free = mm->next_free;
	memset(mm, 0, m->mm_stride);
	mm->tgid = tgid;
	mm->hashed = 1;
	mm->next_scan = m->now + m->cfg.compact_period_ns;
	if (vcid_variant_lazy(m->cfg.variant)) {
		u32 cpu;

		for (cpu = 0; cpu < m->cfg.nr_cpus; cpu++) {
			vcid_mm_pcpu(m, mm, cpu)->cid = MM_CID_UNSET;
			vcid_mm_pcpu(m, mm, cpu)->recent_cid = MM_CID_UNSET;
		}
	}
	vcid_hash_find(m, m->mm_hash, m->mm_hash_mask, tgid, vcid_mm_key, &pos);
	m->mm_hash[pos] = slot + 1;
	m->nr_mms++;
	return mm;
}

void vcid_mm_get(struct vcid_model *m, struct vcid_mm *mm)
{
	(void)m;
	mm->refs++;
}

void vcid_mm_put(struct vcid_model *m, struct vcid_mm *mm)
{
	if (--mm->refs)
		return;
	/* __mmdrop(): ids still reserved (lazy cids) go with the mm. */
	m->bits_freed += vcid_weight(m, vcid_mm_vcpumask(mm));
	vcid_mm_unhash(m, mm);
	mm->next_free = m->mm_free;
	m->mm_free = vcid_mm_slot(m, mm);
	m->nr_mms--;
}

/* The mm stops having users: nothing can join it any more. */
static void vcid_mm_users_dec(struct vcid_model *m, struct vcid_mm *mm)
{
	if (!--mm->users)
		vcid_mm_unhash(m, mm);
}

/* ---- tasks ---- */

static void vcid_task_attach(struct vcid_model *m, struct vcid_task *t,
			     struct vcid_mm *mm, struct vcid_task *parent)
{
	t->mm = mm;
	t->had_mm = 1;
	t->active = 1;
	t->cid = -1;
	t->last_cid = -1;
	vcid_mm_get(m, mm);
	mm->users++;
	m->ops->get_mm(m, t, parent);
}

/* Attach @t to the live mm of @tgid, creating it if needed. */
static int vcid_task_attach_tgid(struct vcid_model *m, struct vcid_task *t,
				 u32 tgid, struct vcid_task *parent)
{
	struct vcid_mm *mm = vcid_mm_find(m, tgid);
	int err = 0;

	if (!mm) {
		mm = vcid_mm_new(m, tgid, &err);
		if (!mm)
			return err;
	}
	vcid_task_attach(m, t, mm, parent);
	return 0;
}

static void vcid_task_detach(struct vcid_model *m, struct vcid_task *t)
{
	struct vcid_mm *mm = t->mm;

	if (!mm)
		return;
	if (t->active) {
		m->ops->release_mm(m, t);
		t->active = 0;
		vcid_mm_users_dec(m, mm);
	}
	if (mm->static_holder == t)
		mm->static_holder = NULL;
	t->cid = -1;
	t->mm = NULL;
	vcid_mm_put(m, mm);
}

static struct vcid_task *vcid_task_new(struct vcid_model *m, u32 tid, int *err)
{
	struct vcid_task *t;
	u32 slot, pos;

	if (m->task_free == VCID_NO_SLOT) {
		vcid_count(m, VCID_TASK_OVERFLOW);
		*err = -ENOSPC;
		return NULL;
	}
	slot = m->task_free;
	t = &m->tasks[slot];
	m->task_free = t->next_free;
	memset(t, 0, sizeof(*t));
	t->tid = tid;
	t->cid = -1;
	t->last_cid = -1;
	t->migrate_from_cpu = -1;
	t->next_free = VCID_NO_SLOT;
	vcid_hash_find(m, m->task_hash, m->task_hash_mask, tid, vcid_task_key,
		       &pos);
	m->task_hash[pos] = slot + 1;
	m->nr_tasks++;
	return t;
}

/* Switch @t out of the CPU it runs on, as a switch to idle would. */
static void vcid_task_deschedule(struct vcid_model *m, struct vcid_task *t)
{
	struct vcid_rq *rq;

	if (!t->running)
		return;
	rq = vcid_rq(m, t->cpu);
	m->ops->switch_mm(m, rq, t, NULL);
	rq->curr = NULL;
	t->running = 0;
}

static void vcid_task_free(struct vcid_model *m, struct vcid_task *t)
{
	u32 pos;

	vcid_task_deschedule(m, t);
	vcid_task_detach(m, t);
	vcid_hash_find(m, m->task_hash, m->task_hash_mask, t->tid,
		       vcid_task_key, &pos);
	vcid_hash_delete(m, m->task_hash, m->task_hash_mask, pos, vcid_task_key);
	t->tid = 0;
	t->next_free = m->task_free;
	m->task_free = (u32)(t - m->tasks);
	m->nr_tasks--;
}

/*
 * The task @tid with mm @tgid: found, or created on first sight.  A task that
 * never had an mm gets the one the event names.  NULL for tid 0 (idle) or a
 * full table (*@err = -ENOSPC).
 */
static struct vcid_task *vcid_task_get(struct vcid_model *m, u32 tid, u32 tgid,
				       int *err)
{
	struct vcid_task *t;

	if (!tid)
		return NULL;
	t = vcid_task_find(m, tid);
	if (!t) {
		t = vcid_task_new(m, tid, err);
		if (!t)
			return NULL;
	}
	vcid_task_cache_set(m, t);
	if (tgid && !t->had_mm) {
		int ret = vcid_task_attach_tgid(m, t, tgid, NULL);

		if (ret)
			*err = ret;
	}
	return t;
}

/* ---- results ---- */

static void vcid_event_begin(struct vcid_model *m, u64 ts)
{
	m->paths = 0;
	/* The ticks between the last event and this one, as the CPUs ran. */
	if (m->ops->ticks && ts > m->now)
		m->ops->ticks(m, ts);
	if (ts > m->now)
		m->now = ts;
}

static void vcid_event_end(const struct vcid_model *m, struct vcid_result *res,
			   const struct vcid_task *t, s32 prev_cid)
{
	if (!res)
		return;
	res->paths = m->paths;
	res->prev_cid = prev_cid;
	res->cid = t ? t->cid : -1;
	res->node = res->cid >= 0 ? m->ops->node_of(m, t, res->cid) : -1;
}

/* ---- event entry points ---- */

int vcid_sched_switch(struct vcid_model *m, u64 ts, u32 cpu,
		      u32 prev_tid, u32 prev_mm, u32 next_tid, u32 next_mm,
		      struct vcid_result *res)
{
	struct vcid_task *prev, *next, *cur;
	struct vcid_rq *rq;
	s32 prev_cid;
	int err = 0;

	if (cpu >= m->cfg.nr_cpus)
		return -EINVAL;
	vcid_event_begin(m, ts);
	rq = vcid_rq(m, cpu);
	/* Usually prev is what the model runs there: no lookup. */
	if (rq->curr && rq->curr->tid == prev_tid &&
	    (rq->curr->had_mm || !prev_mm))
		prev = rq->curr;
	else
		prev = vcid_task_get(m, prev_tid, prev_mm, &err);
	next = vcid_task_get(m, next_tid, next_mm, &err);
	prev_cid = prev ? prev->cid : -1;

	/* The model's rq->curr is authoritative only if the trace agrees. */
	cur = rq->curr;
	if (cur && cur != prev) {
		vcid_task_deschedule(m, cur);
		cur = NULL;
	}
	if (prev && prev != cur)
		vcid_task_deschedule(m, prev);
	if (next && next->running && next != cur)
		vcid_task_deschedule(m, next);

	if (next && next == cur) {
		/* prev == next: no switch happened. */
		vcid_event_end(m, res, next, prev_cid);
		return err;
	}
	m->ops->switch_mm(m, rq, cur, next);
	if (cur)
		cur->running = 0;
	rq->curr = next;
	if (next) {
		next->running = 1;
		next->cpu = (u16)cpu;
		if (next->active && m->ops->tick)
			m->ops->tick(m, next);
	}
	vcid_event_end(m, res, next, prev_cid);
	return err;
}

int vcid_sched_migrate_task(struct vcid_model *m, u64 ts, u32 tid, u32 mm,
			    u32 orig_cpu, u32 dest_cpu, struct vcid_result *res)
{
	struct vcid_task *t;
	s32 prev_cid;
	int err = 0;

	if (orig_cpu >= m->cfg.nr_cpus || dest_cpu >= m->cfg.nr_cpus)
		return -EINVAL;
	vcid_event_begin(m, ts);
	t = vcid_task_get(m, tid, mm, &err);
	prev_cid = t ? t->cid : -1;
	if (t) {
		/* Only a task that is not running migrates. */
		vcid_task_deschedule(m, t);
		if (orig_cpu != dest_cpu && t->active)
			m->ops->migrate(m, t, orig_cpu, dest_cpu);
		t->cpu = (u16)dest_cpu;
	}
	vcid_event_end(m, res, t, prev_cid);
	return err;
}

int vcid_sched_process_fork(struct vcid_model *m, u64 ts, u32 parent_tid,
			    u32 parent_mm, u32 child_tid, u32 child_mm,
			    struct vcid_result *res)
{
	struct vcid_task *parent, *child;
	int err = 0, ret = 0;

	vcid_event_begin(m, ts);
	parent = vcid_task_get(m, parent_tid, parent_mm, &err);
	if (!child_tid || child_tid == parent_tid) {
		vcid_event_end(m, res, NULL, -1);
		return err;
	}
	child = vcid_task_find(m, child_tid);
	if (child)
		vcid_task_free(m, child);	/* tid reused: free was lost */
	child = vcid_task_new(m, child_tid, &err);
	if (!child) {
		vcid_event_end(m, res, NULL, -1);
		return err;
	}
	if (parent)
		child->cpu = parent->cpu;
	if (child_mm && child_mm == parent_mm) {
		/* CLONE_THREAD: sched_vcpu_get_mm(), the parent is current */
		if (parent && !(parent->active && parent->mm->tgid == child_mm))
			parent = NULL;
		ret = vcid_task_attach_tgid(m, child, child_mm, parent);
		if (ret)
			err = ret;
	} else if (child_mm) {
		/* dup_mm(): a new memory space */
		struct vcid_mm *mm = vcid_mm_new(m, child_mm, &ret);

		if (mm)
			vcid_task_attach(m, child, mm, NULL);
		else
			err = ret;
	}
	vcid_event_end(m, res, child, -1);
	return err;
}

int vcid_sched_process_exec(struct vcid_model *m, u64 ts, u32 tid, u32 mm,
			    struct vcid_result *res)
{
	struct vcid_task *t;
	struct vcid_mm *new_mm;
	s32 prev_cid;
	int err = 0;

	vcid_event_begin(m, ts);
	t = vcid_task_get(m, tid, 0, &err);
	if (!t) {
		vcid_event_end(m, res, NULL, -1);
		return err;
	}
	prev_cid = t->cid;
	/* exec_mm_release() of the old mm, then exec_mmap() of the new one. */
	vcid_task_detach(m, t);
	if (mm) {
		new_mm = vcid_mm_new(m, mm, &err);
		if (new_mm) {
			t->mm = new_mm;
			t->had_mm = 1;
			t->active = 1;
			vcid_mm_get(m, new_mm);
			new_mm->users = 1;
			m->ops->activate_mm(m, t);
		}
	}
	vcid_event_end(m, res, t, prev_cid);
	return err;
}

int vcid_sched_process_exit(struct vcid_model *m, u64 ts, u32 tid, u32 mm,
			    struct vcid_result *res)
{
	struct vcid_task *t;
	s32 prev_cid;
	int err = 0;

	vcid_event_begin(m, ts);
	t = vcid_task_get(m, tid, mm, &err);
	prev_cid = t ? t->cid : -1;
	if (t && t->active) {
		/* mm_release(): the task keeps running, without an mm. */
		m->ops->release_mm(m, t);
		t->active = 0;
		t->cid = -1;
		if (t->mm->static_holder == t)
			t->mm->static_holder = NULL;
		vcid_mm_users_dec(m, t->mm);
	}
	vcid_event_end(m, res, t, prev_cid);
	return err;
}

int vcid_sched_process_free(struct vcid_model *m, u64 ts, u32 tid,
			    struct vcid_result *res)
{
	struct vcid_task *t;
	s32 prev_cid = -1;

	vcid_event_begin(m, ts);
	t = tid ? vcid_task_find(m, tid) : NULL;
	if (t) {
		prev_cid = t->cid;
		vcid_task_free(m, t);
	}
	vcid_event_end(m, res, NULL, prev_cid);
	return 0;
}

int vcid_task_cid(const struct vcid_model *m, u32 tid)
{
	const struct vcid_task *t = tid ? vcid_task_find(m, tid) : NULL;

	if (!t)
		return -ENOENT;
	return t->cid;
}

int vcid_rseq_update(const struct vcid_model *m, u32 cpu, u32 tid)
{
	const struct vcid_task *t = NULL;

	if (cpu < m->cfg.nr_cpus)
		t = vcid_rq(m, cpu)->curr;
	if (!t || t->tid != tid)
		return vcid_task_cid(m, tid);
	return t->cid;
}

int vcid_rseq_observe(struct vcid_model *m, u32 cpu, u32 tid, s32 mm_cid)
{
	struct vcid_task *t = NULL;

	if (cpu < m->cfg.nr_cpus)
		t = vcid_rq(m, cpu)->curr;
	if (!t || t->tid != tid || !t->running || !m->ops->observe)
		return 0;
	return m->ops->observe(m, t, cpu, mm_cid);
}

/* ---- consistency (tests, fuzzing) ---- */

u64 vcid_model_bits_set(const struct vcid_model *m)
{
	u64 bits = m->bits_freed;
	u32 slot;

	for (slot = 0; slot < m->cfg.max_mms; slot++) {
		const struct vcid_mm *mm = vcid_mm_at(m, slot);

		if (mm->refs)
			bits += vcid_weight(m, vcid_mm_vcpumask(mm));
	}
	return bits;
}

static int vcid_check_tables(const struct vcid_model *m)
{
	u32 slot, nr = 0, cpu;

	for (slot = 0; slot < m->cfg.max_tasks; slot++) {
		const struct vcid_task *t = &m->tasks[slot];

		if (!t->tid)
			continue;
		/* a live slot: reachable, consistent */
		nr++;
		if (vcid_task_find(m, t->tid) != t)
			return -EUCLEAN;
		if (t->running && vcid_rq(m, t->cpu)->curr != t)
			return -EUCLEAN;
		if (t->active && (!t->mm || !t->mm->users || !t->mm->refs))
			return -EUCLEAN;
		if (t->cid >= (s32)m->cfg.nr_cpus)
			return -EUCLEAN;
		/* Only owner-6.19's tasks own ids while they do not run. */
		if (t->cid >= 0 && !t->running && m->cfg.variant != VCID_OWNER_6_19)
			return -EUCLEAN;
		if (!t->active && t->cid >= 0)
			return -EUCLEAN;
	}
	if (nr != m->nr_tasks)
		return -EUCLEAN;
	for (cpu = 0; cpu < m->cfg.nr_cpus; cpu++) {
		const struct vcid_task *curr = vcid_rq(m, cpu)->curr;

		if (curr && (!curr->running || curr->cpu != cpu))
			return -EUCLEAN;
	}
	nr = 0;
	for (slot = 0; slot < m->cfg.max_mms; slot++) {
		const struct vcid_mm *mm = vcid_mm_at(m, slot);

		if (!mm->refs)
			continue;
		nr++;
		if (mm->hashed && vcid_mm_find(m, mm->tgid) != mm)
			return -EUCLEAN;
		if (mm->users > mm->refs)
			return -EUCLEAN;
	}
	if (nr != m->nr_mms)
		return -EUCLEAN;
	return 0;
}

int vcid_model_check(const struct vcid_model *m)
{
	int ret = vcid_check_tables(m);

	if (ret)
		return ret;
	return m->ops->check(m);
}
