/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vcid_internal.h - private layout of the vcpu-id allocator model
 *
 * Everything lives in the caller's memory block, in this order:
 *
 *   struct vcid_model
 *   task slab        max_tasks * struct vcid_task
 *   task hash        task_hash_size * u32   (slot + 1, 0 = empty)
 *   mm slab          max_mms * mm_stride    (struct vcid_mm + masks + pcpu)
 *   mm hash          mm_hash_size * u32
 *   runqueues        nr_cpus * rq_stride    (struct vcid_rq + cache entries)
 *
 * Tasks are found by tid and mms by thread-group id through open-addressing
 * hash tables with linear probing and backward-shift deletion, so lookups are
 * O(1) and never degrade with tombstones.  Slab slots are recycled through a
 * free list.  An mm record is reference counted (tasks attached to it and
 * runqueue cache entries naming it), the way struct mm_struct is kept alive by
 * mmgrab(): after an exec or the exit of its last thread the record leaves the
 * hash (a new process with the same tgid gets a fresh record) but lives on
 * until nothing refers to it.
 */
#ifndef VCID_INTERNAL_H
#define VCID_INTERNAL_H

#include "vcid_model.h"

#define VCID_WORDS(bits)	(((bits) + 63) / 64)
#define VCID_NO_SLOT		0xffffffffU

struct vcid_mm;

/**
 * struct vcid_task - one thread, as the scheduler sees it
 * @tid:		thread id (key)
 * @next_free:		free-list link while the slot is unused
 * @next_pending:	lazy: while @mig_pending, the next task (slot + 1, 0:
 *			none) whose activation waits for the same CPU
 * @mm:			memory space (NULL: kernel thread, or none seen yet)
 * @cid:		id held now (mm_vcpu / mm_cid), -1 if none
 * @last_cid:		lazy: last_mm_cid
 * @raw_cid:		owner-6.19: mm_cid.cid, with its MM_CID_* flag bits
 * @migrate_from_cpu:	lazy: source CPU of the last migration, -1
 * @cpu:		task_cpu()
 * @running:		it is rq->curr of @cpu
 * @active:		vcpu_mm_active / mm_cid_active: has @mm and did not exit
 * @had_mm:		an mm was attached once (exited tasks keep @mm)
 * @mig_pending:	lazy: migrated onto an idle CPU, whose activation
 *			(sched_mm_cid_migrate_to()) waits for that CPU's next
 *			switch, on the CPU's pending list
 *
 * 32 bytes on 64-bit machines: two tasks to a cache line, none straddling
 * one (the slab starts on a line when the caller's block does; CPUs are
 * < VCID_MAX_CPUS, so @cpu and @migrate_from_cpu fit in 16 bits).
 */
struct vcid_task {
	u32 tid;
	union {
		u32 next_free;
		u32 next_pending;
	};
	struct vcid_mm *mm;
	s32 cid;
	union {
		s32 last_cid;
		u32 raw_cid;
	};
	s16 migrate_from_cpu;
	u16 cpu;
	u8 running;
	u8 active;
	u8 had_mm;
	u8 mig_pending;
};

_Static_assert(sizeof(struct vcid_task) <= 32, "struct vcid_task: 32 bytes at most");

/**
 * struct vcid_pcpu_cid - struct mm_cid (lazy, 6.4 .. 6.18) or struct
 * mm_cid_pcpu (owner-6.19) of one CPU
 * @cid:	lazy: MM_CID_UNSET, a cid, or a cid with MM_CID_LAZY_PUT;
 *		owner-6.19: a cid with its flag bits, as a u32
 * @recent_cid:	lazy: last cid allocated on this CPU (6.13+), MM_CID_UNSET
 * @unread:	owner-6.19: 1 while the id this CPU took at a switch-in is
 *		not read by user space yet (owner_observe())
 * @time:	rq clock snapshot of the last use
 */
struct vcid_pcpu_cid {
	s32 cid;
	union {
		s32 recent_cid;
		s32 unread;
	};
	u64 time;
};

#define MM_CID_UNSET		(-1)
#define MM_CID_LAZY_PUT		((s32)0x40000000)	/* never a valid cid */

/**
 * struct vcid_mm - one memory space
 * @tgid:		thread-group id (key while @hashed)
 * @next_free:		free-list link while the slot is unused
 * @refs:		tasks attached + runqueue cache entries
 * @users:		live threads (mm_vcpu_users / mm_users)
 * @hashed:		reachable through the mm hash
 * @max_nr_cid:		lazy-6.13: mm->max_nr_cid
 * @static_holder:	v3: task running with the single-threaded static id
 * @next_scan:		lazy: mm_cid_next_scan, in ns
 * @mode:		owner-6.19: mm_cid.mode (0, MM_CID_ONCPU, | MM_CID_TRANSIT)
 * @max_cids:		owner-6.19: mm_cid.max_cids
 * @pcpu_thrs:		owner-6.19: mm_cid.pcpu_thrs (0: per-task mode wanted)
 *
 * Followed by the variable part, see vcid_mm_vcpumask() and friends.
 */
struct vcid_mm {
	u32 tgid;
	u32 next_free;
	u32 refs;
	u32 users;
	u32 hashed;
	u32 max_nr_cid;
	struct vcid_task *static_holder;
	u64 next_scan;
	u32 mode;
	u32 max_cids;
	u32 pcpu_thrs;
	u32 pad;
};

/**
 * struct vcid_rq_entry - v3 runqueue cache entry (struct rq_vcpu_entry)
 * @mm:		memory space, NULL if unused
 * @id:		the vcpu-id it holds (its bit is set in the mm's vcpumask)
 */
struct vcid_rq_entry {
	struct vcid_mm *mm;
	s32 id;
	u32 pad;
};

/**
 * struct vcid_rq - one runqueue
 * @curr:	task running, NULL for idle or a task without table slot
 * @head:	v3: next cache position to fill (rq_vcpu_cache.head)
 * @cpu:	this CPU
 * @pending:	lazy: first task (slot + 1, 0: none) of the wake list, the
 *		tasks woken onto this idle CPU that it has not activated yet
 *
 * Followed by cache_size struct vcid_rq_entry (v3-opt, v3-numa).
 */
struct vcid_rq {
	struct vcid_task *curr;
	u32 head;
	u32 cpu;
	u32 pending;
	u32 pad;
};

/*
 * The NUMA side of the 2022 design (v3-numa, vcid_v3_numa.c), which the v3
 * paths (vcid_v3_opt.c) call through its variant's ops on a machine of
 * several nodes.
 */
struct vcid_numa_ops {
	/* __mm_vcpu_get() on @node: a free id of the node, or -1 */
	s32 (*mm_vcpu_get)(struct vcid_model *m, struct vcid_mm *mm, u32 node);
	/* the first id reserved for @node */
	s32 (*first_node_vcpu)(const struct vcid_model *m, u32 node);
	/* 1 -> 2 users: reserve each node's first id */
	void (*reserve_nodes)(struct vcid_model *m, struct vcid_mm *mm);
	/* the node masks of @mm, 0 or -EUCLEAN */
	int (*check_mm)(const struct vcid_model *m, const struct vcid_mm *mm);
};

struct vcid_ops {
	/* switch_mm_vcpu()/switch_mm_cid(): prev and next may be NULL */
	void (*switch_mm)(struct vcid_model *m, struct vcid_rq *rq,
			  struct vcid_task *prev, struct vcid_task *next);
	/* @t gained @t->mm by fork/clone or first sight; users already counted */
	void (*get_mm)(struct vcid_model *m, struct vcid_task *t,
		       struct vcid_task *parent);
	/* mm_release() of an active @t (exit, or exec before the new mm) */
	void (*release_mm)(struct vcid_model *m, struct vcid_task *t);
	/* exec: @t now owns a fresh mm (users == 1) */
	void (*activate_mm)(struct vcid_model *m, struct vcid_task *t);
	/* set_task_cpu() of a non-running active task */
	void (*migrate)(struct vcid_model *m, struct vcid_task *t,
			u32 from, u32 to);
	/* after a switch: periodic work (lazy compaction), may be NULL */
	void (*tick)(struct vcid_model *m, struct vcid_task *curr);
	/* before an event at @ts > m->now: the ticks since m->now, may be NULL */
	void (*ticks)(struct vcid_model *m, u64 ts);
	/* the node of @cid held by @t on @cpu */
	s32 (*node_of)(const struct vcid_model *m, const struct vcid_task *t,
		       s32 cid);
	/* rseq_update() of @t on @cpu, the kernel's id @real known: 1 when
	 * the ids of unobservably ordered allocations were exchanged, may be
	 * NULL */
	int (*observe)(struct vcid_model *m, struct vcid_task *t, u32 cpu, s32 real);
	/* variant invariants, 0 or -EUCLEAN */
	int (*check)(const struct vcid_model *m);
	/* NUMA hooks of the v3 paths, NULL: the ids have no node */
	const struct vcid_numa_ops *numa;
};

/* Recently used tasks, by tid modulo this: a lookup without the hash. */
#define VCID_TASK_CACHE		1024

/*
 * What every event reads comes first, so that it shares few cache lines:
 * the hot scalars and table pointers, then the start of @cfg (nr_cpus and
 * the first CPUs' nodes), then the counters.
 */
struct vcid_model {
	const struct vcid_ops *ops;
	u64 paths;		/* counters hit by the event being processed */
	u64 now;		/* time of the event being processed */
	u32 words;		/* u64 words of one cpumask */
	u32 task_hash_mask;
	u32 mm_hash_mask;
	u32 task_free;
	u32 mm_free;
	u32 nr_tasks;
	u32 nr_mms;
	u32 pad;
	size_t mm_stride;
	size_t rq_stride;
	struct vcid_task *tasks;
	u32 *task_hash;
	u8 *mms;
	u32 *mm_hash;
	u8 *rqs;
	struct vcid_config cfg;
	u64 counters[VCID_NR_COUNTERS];
	u64 bits_freed;		/* bits still set in mms that were freed */
	u32 task_cache[VCID_TASK_CACHE];	/* slot + 1, 0: empty; checked by tid */
};

extern const struct vcid_ops vcid_v3_noopt_ops;
extern const struct vcid_ops vcid_v3_opt_ops;
extern const struct vcid_ops vcid_lazy_pcpu_ops;
extern const struct vcid_ops vcid_v3_numa_ops;
extern const struct vcid_ops vcid_owner_ops;

static inline bool vcid_variant_lazy(enum vcid_variant v)
{
	return v == VCID_LAZY_6_4 || v == VCID_LAZY_6_13;
}

/* Variants keeping a struct vcid_pcpu_cid per CPU in each mm. */
static inline bool vcid_variant_pcpu(enum vcid_variant v)
{
	return vcid_variant_lazy(v) || v == VCID_OWNER_6_19;
}

/* Counting: every counter an event bumps is also reported in its paths. */
static inline void vcid_count(struct vcid_model *m, enum vcid_counter c)
{
	m->counters[c]++;
	m->paths |= 1ULL << c;
}

static inline struct vcid_rq *vcid_rq(const struct vcid_model *m, u32 cpu)
{
	return (struct vcid_rq *)(m->rqs + (size_t)cpu * m->rq_stride);
}

static inline struct vcid_rq_entry *vcid_rq_entries(struct vcid_rq *rq)
{
	return (struct vcid_rq_entry *)(rq + 1);
}

static inline u32 vcid_cpu_node(const struct vcid_model *m, u32 cpu)
{
	return m->cfg.cpu_to_node[cpu];
}

/* Variable part of an mm: vcpumask, [node_alloc, node masks], [pcpu cids]. */
static inline u64 *vcid_mm_vcpumask(const struct vcid_mm *mm)
{
	return (u64 *)(mm + 1);
}

static inline u64 *vcid_mm_node_alloc_mask(const struct vcid_model *m,
					   const struct vcid_mm *mm)
{
	return vcid_mm_vcpumask(mm) + m->words;
}

static inline u64 *vcid_mm_node_mask(const struct vcid_model *m,
				     const struct vcid_mm *mm, u32 node)
{
	return vcid_mm_vcpumask(mm) + m->words * (2 + node);
}

static inline struct vcid_pcpu_cid *vcid_mm_pcpu(const struct vcid_model *m,
						 const struct vcid_mm *mm,
						 u32 cpu)
{
	return (struct vcid_pcpu_cid *)(vcid_mm_vcpumask(mm) + m->words) + cpu;
}

/* cpumask helpers over m->words words, bits >= nr_cpus never set. */
static inline bool vcid_test_bit(const u64 *mask, s32 bit)
{
	return (mask[bit / 64] >> (bit % 64)) & 1;
}

static inline void vcid_set_bit(u64 *mask, s32 bit)
{
	mask[bit / 64] |= 1ULL << (bit % 64);
}

static inline void vcid_clear_bit(u64 *mask, s32 bit)
{
	mask[bit / 64] &= ~(1ULL << (bit % 64));
}

static inline u32 vcid_ctz64(u64 w)
{
	return (u32)__builtin_ctzll(w);
}

static inline u32 vcid_hweight64(u64 w)
{
	w = w - ((w >> 1) & 0x5555555555555555ULL);
	w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (u32)((w * 0x0101010101010101ULL) >> 56);
}

/*
 * First bit set in (@a & ~@b), ids < nr_cpus; @a NULL stands for all ones
 * and @inv_a selects ~@a.  The three kernel helpers cpumask_first_zero(),
 * cpumask_first_one_and_zero() and cpumask_first_zero_and_zero() are built
 * on it.  Return: the bit, or -1.
 */
static inline s32 vcid_find(const struct vcid_model *m, const u64 *a,
			    bool inv_a, const u64 *b)
{
	u32 i;

	for (i = 0; i < m->words; i++) {
		u64 w = a ? (inv_a ? ~a[i] : a[i]) : ~0ULL;
		s32 bit;

		w &= ~b[i];
		if (!w)
			continue;
		bit = (s32)(i * 64 + vcid_ctz64(w));
		return bit < (s32)m->cfg.nr_cpus ? bit : -1;
	}
	return -1;
}

static inline s32 vcid_first_zero(const struct vcid_model *m, const u64 *mask)
{
	return vcid_find(m, NULL, false, mask);
}

static inline u32 vcid_weight(const struct vcid_model *m, const u64 *mask)
{
	u32 i, w = 0;

	for (i = 0; i < m->words; i++)
		w += vcid_hweight64(mask[i]);
	return w;
}

/* mm references held by runqueue cache entries (core owns task refs). */
void vcid_mm_get(struct vcid_model *m, struct vcid_mm *mm);
void vcid_mm_put(struct vcid_model *m, struct vcid_mm *mm);

/* Shared by v3-opt and v3-numa (vcid_v3_opt.c). */
void vcid_v3_switch_mm(struct vcid_model *m, struct vcid_rq *rq,
		       struct vcid_task *prev, struct vcid_task *next);
void vcid_v3_get_mm(struct vcid_model *m, struct vcid_task *t,
		    struct vcid_task *parent);
void vcid_v3_release_mm(struct vcid_model *m, struct vcid_task *t);
void vcid_v3_activate_mm(struct vcid_model *m, struct vcid_task *t);
void vcid_v3_migrate(struct vcid_model *m, struct vcid_task *t, u32 from,
		     u32 to);
int vcid_v3_check(const struct vcid_model *m);

#endif /* VCID_INTERNAL_H */
