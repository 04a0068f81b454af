/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * vcid_model.h - model of the rseq per-memory-space virtual CPU id allocator
 *
 * One portable implementation, compiled into the babeltrace2 analyses and
 * into the kernel module.  It follows the lib/zstd pattern: it includes only
 * vcid_deps.h, never allocates (the caller hands it vcid_model_size() bytes),
 * never logs, and returns 0 or -errno.
 *
 * The model consumes scheduler events, one call per kernel tracepoint, and
 * answers for each which allocator path was taken and which id results.  A
 * memory space (mm) is identified by its thread-group id; mm 0 means "no user
 * mm" (idle, kernel threads) and is ignored by every variant.
 *
 * Variants (each selectable by name, see vcid_variant_from_name()):
 *
 * "v3-noopt"  "[PATCH v3 00/23] RSEQ node id and virtual cpu id extensions"
 *             (Desnoyers, July 2022) without its scheduler optimizations:
 *             switch-in allocates the first zero bit of the mm's vcpumask
 *             (bit-set), switch-out clears it (mm_vcpu_get/mm_vcpu_put).
 * "v3-opt"    the same series with the optimizations of the LPC 2022 talk:
 *             single-threaded mm statically uses id 0 without touching the
 *             bitmap; hand-over from prev to next of the same mm (transfer);
 *             per-runqueue cache of (mm, vcpu-id) pairs (hit, eviction and
 *             discard both bit-clear); allocation (bit-set); bit-clear on mm
 *             release and on migration.
 * "lazy-6.4"  upstream Linux 6.4 to 6.12, the lazy per-CPU design of
 *             commit 223baf9d17f2 (kernel/sched/sched.h mm_cid_get(),
 *             mm_cid_put_lazy(), sched_mm_cid_migrate_from/to(),
 *             task_mm_cid_work()): per-CPU per-mm cid with lazy put,
 *             migration steal, periodic compaction of cids unused for
 *             100 ms and of cids >= the number of ids in use; allocation
 *             takes the first zero bit.  Both lazy variants steal when the
 *             destination activates the task (at once, or for an idle
 *             destination at its next switch: its wake list) and compact
 *             at the scheduler tick (cfg.tick_ns).
 * "lazy-6.13" upstream Linux 6.13 to 6.18: lazy-6.4 with 6.13's
 *             recent_cid and max_nr_cid (commits 7e019dcc470f and
 *             02d954c0fdf9): allocation retries the CPU's last cid, then
 *             grows below min(CPUs, users); migration counts a destination
 *             with a recent_cid as holding one.  Accepted as "lazy-pcpu"
 *             too, its name before the variants were named by kernel.
 * "owner-6.19" upstream Linux 6.19 and 7.x, Gleixner's ownership design
 *             (653fda7ae73d and its fixes, see vcid_owner.c): an id is
 *             owned by a task while the mm has at most max_cids users
 *             (per-task mode), else by a CPU whose running task borrows it
 *             (per-CPU mode); mode switches mark ids TRANSIT, settled at
 *             switch-out; ids above max_cids move down at switch-in.
 * "v3-numa"   v3-opt plus per-node vcpumasks so that a vcpu-id keeps its NUMA
 *             node for the life of the mm (node reuse, node new, rebalance,
 *             steal).  Takes the cpu -> node map in vcid_config.
 *
 * How each variant fills the eight schedstat counters (details and kernel
 * references in model/src/vcid_<variant>.c):
 * - v3-noopt: every bit-set is alloc (each switch-in of a user thread);
 *   the switch-out bit-clear is no slides' path and is not counted; the
 *   bit-clear of an exiting/exec'ing thread's id is remove (release mm).
 * - v3-opt, v3-numa: the kernel's schedstats.  cache_discard is the
 *   kernel's "discard_wrong_node" (a cached id not in the node's mask): 0
 *   for v3-opt.  The bit-set giving the parent a real id when an mm goes
 *   from 1 to 2 threads is counted in reserve_parent, not in alloc (the
 *   kernel's nr_vcpu_allocate counts none).
 * - lazy-6.4, lazy-6.13: reuse of the CPU's cid counts transfer when prev is
 *   of the same mm, else cache_hit (both also fastpath_reuse); a lazy-put cid
 *   reclaimed on switch counts cache_discard (and lazy_put_reclaim); a cid
 *   compacted by task_mm_cid_work() counts cache_evict (and compact_clear);
 *   a source cid dropped by sched_mm_cid_migrate_to() counts remove on
 *   migration (steals also migrate_steal); single_threaded stays 0.
 * - owner-6.19: a switch-in keeping its id (the task's: task_reuse; the
 *   CPU's: cpu_reuse) counts transfer or cache_hit as above, one taking a
 *   new id alloc (also converge, when it moves down); the id a switch-in
 *   does not use and a TRANSIT id freed at switch-out count cache_discard;
 *   ids freed by a mode switch and by converge count cache_evict; alloc
 *   also counts the ids given at fork and exec (fork_alloc), so its
 *   switch-ins are transfer + cache_hit + alloc - fork_alloc.
 */
#ifndef VCID_MODEL_H
#define VCID_MODEL_H

#include "vcid_deps.h"

#define VCID_MAX_CPUS		256
#define VCID_MAX_NODES		16
#define VCID_MAX_CACHE		64
#define VCID_DEFAULT_CACHE	8
#define VCID_DEFAULT_COMPACT_NS	100000000ULL	/* 100 ms, as MM_CID_SCAN_DELAY */
#define VCID_DEFAULT_TICK_NS	4000000ULL	/* 4 ms: HZ=250, Debian's x86-64 kernels */

enum vcid_variant {
	VCID_V3_NOOPT,
	VCID_V3_OPT,
	VCID_LAZY_6_4,
	VCID_LAZY_6_13,
	VCID_OWNER_6_19,
	VCID_V3_NUMA,
	VCID_NR_VARIANTS,
};

/*
 * Counters.  The first eight are the schedstat profile of the LPC 2022
 * slides; a report's percentages all share one denominator, the sum of
 * those eight (in the slides the three tables add up to 100 %).
 */
enum vcid_counter {
	/* On sched-switch */
	VCID_SW_SINGLE_THREADED,
	VCID_SW_TRANSFER,
	VCID_SW_CACHE_HIT,
	VCID_SW_CACHE_EVICT,
	VCID_SW_CACHE_DISCARD,
	VCID_SW_ALLOC,
	/* On release mm */
	VCID_RELEASE_MM_REMOVE,
	/* On migration */
	VCID_MIGRATION_REMOVE,
	/* lazy-6.4 and lazy-6.13 only */
	VCID_LAZY_FASTPATH_REUSE,
	VCID_LAZY_PUT_RECLAIM,
	VCID_LAZY_MIGRATE_STEAL,
	VCID_LAZY_COMPACT_CLEAR,
	/* v3-opt and v3-numa only */
	VCID_V3_PARENT_RESERVE,
	/* owner-6.19 only */
	VCID_OWNER_TASK_REUSE,
	VCID_OWNER_CPU_REUSE,
	VCID_OWNER_CONVERGE,
	VCID_OWNER_FORK_ALLOC,
	VCID_OWNER_TO_PERCPU,
	VCID_OWNER_TO_PERTASK,
	VCID_OWNER_TRANSIT_FREE,
	/* v3-numa only */
	VCID_NUMA_NODE_REUSE,
	VCID_NUMA_NODE_NEW,
	VCID_NUMA_REBALANCE,
	VCID_NUMA_STEAL,
	/* model health: events the bounded tables could not hold */
	VCID_TASK_OVERFLOW,
	VCID_MM_OVERFLOW,
	VCID_NR_COUNTERS,
};

#define VCID_NR_SCHEDSTAT	(VCID_MIGRATION_REMOVE + 1)

enum vcid_counter_group {
	VCID_GROUP_SCHED_SWITCH,
	VCID_GROUP_RELEASE_MM,
	VCID_GROUP_MIGRATION,
	VCID_GROUP_VARIANT,
	VCID_GROUP_HEALTH,
	VCID_NR_GROUPS,
};

/* The slides' three tables come first: groups below this one. */
#define VCID_NR_SLIDE_GROUPS	VCID_GROUP_VARIANT

/**
 * struct vcid_config - what a model instance is built with
 * @variant:		which allocator is modelled
 * @nr_cpus:		possible CPUs, 1..VCID_MAX_CPUS; ids are < nr_cpus
 * @nr_nodes:		NUMA nodes, 1..VCID_MAX_NODES
 * @cpu_to_node:	node of each CPU (v3-numa), each < nr_nodes
 * @cache_size:		runqueue cache entries (v3-opt, v3-numa), 1..VCID_MAX_CACHE
 * @max_tasks:		capacity of the task table
 * @max_mms:		capacity of the mm table
 * @compact_period_ns:	lazy variants: a cid unused this long is compacted
 * @tick_ns:		lazy variants: the scheduler tick period (TICK_NSEC); the
 *			compaction runs at a tick, and ticks fall on multiples
 *			of it in CLOCK_MONOTONIC, the clock event times must be
 *			in.  0: no tick grid, the compaction runs at the first
 *			switch-in of a thread of the mm once it is due
 */
struct vcid_config {
	enum vcid_variant variant;
	u32 nr_cpus;
	u32 nr_nodes;
	u8 cpu_to_node[VCID_MAX_CPUS];
	u32 cache_size;
	u32 max_tasks;
	u32 max_mms;
	u64 compact_period_ns;
	u64 tick_ns;
};

/**
 * struct vcid_result - what one event did
 * @paths:	bit (1ULL << counter) set for each counter the event incremented
 * @cid:	id of the task the event is about after it (switch: next), -1 if none
 * @prev_cid:	id that task (switch: prev) held before the event, -1 if none
 * @node:	node of @cid (v3-numa: the id's node; others: node of the CPU), -1
 */
struct vcid_result {
	u64 paths;
	s32 cid;
	s32 prev_cid;
	s32 node;
};

struct vcid_model;

/**
 * vcid_config_default() - fill @cfg with the defaults for @variant
 * @cfg:	config to fill; every CPU is put on node 0
 * @variant:	allocator to model
 * @nr_cpus:	possible CPUs
 */
void vcid_config_default(struct vcid_config *cfg, enum vcid_variant variant,
			 u32 nr_cpus);

/**
 * vcid_model_size() - bytes a model built with @cfg needs
 * @cfg:	the configuration
 *
 * Return: the size, or 0 when @cfg is invalid.
 */
size_t vcid_model_size(const struct vcid_config *cfg);

/**
 * vcid_model_init() - build a model inside caller-provided memory
 * @out:	where the model pointer is stored
 * @mem:	vcid_model_size(@cfg) bytes, aligned for u64
 * @size:	size of @mem
 * @cfg:	the configuration, copied into @mem
 *
 * Return: 0, or -EINVAL for a bad @cfg or a too small/misaligned @mem.
 */
int vcid_model_init(struct vcid_model **out, void *mem, size_t size,
		    const struct vcid_config *cfg);

/**
 * vcid_model_reset() - zero the counters, keep tasks and ids
 * @m:	the model
 */
void vcid_model_reset(struct vcid_model *m);

/*
 * Event entry points, one per scheduler tracepoint.  @ts is in nanoseconds
 * and must not go backwards; @res may be NULL.  All return 0, -EINVAL for a
 * CPU >= nr_cpus, or -ENOSPC when a table is full (also counted in
 * VCID_TASK_OVERFLOW / VCID_MM_OVERFLOW; the model stays consistent).
 * A task first seen in any event is created on the fly.
 */

/**
 * vcid_sched_switch() - context switch on @cpu from prev to next
 * @m:		the model
 * @ts:		time of the event
 * @cpu:	CPU of the switch
 * @prev_tid:	task switched out (0: idle)
 * @prev_mm:	its mm (thread-group id), 0 for none
 * @next_tid:	task switched in (0: idle)
 * @next_mm:	its mm, 0 for none
 * @res:	what happened; cid is next's id, prev_cid prev's former id
 */
int vcid_sched_switch(struct vcid_model *m, u64 ts, u32 cpu,
		      u32 prev_tid, u32 prev_mm, u32 next_tid, u32 next_mm,
		      struct vcid_result *res);

/**
 * vcid_sched_migrate_task() - @tid moves from @orig_cpu to @dest_cpu
 * @m:		the model
 * @ts:		time of the event
 * @tid:	migrating task (not running)
 * @mm:		its mm, 0 for none
 * @orig_cpu:	source CPU
 * @dest_cpu:	destination CPU
 * @res:	what happened
 */
int vcid_sched_migrate_task(struct vcid_model *m, u64 ts, u32 tid, u32 mm,
			    u32 orig_cpu, u32 dest_cpu, struct vcid_result *res);

/**
 * vcid_sched_process_fork() - @child_tid is created by @parent_tid
 * @m:		the model
 * @ts:		time of the event
 * @parent_tid:	creating task
 * @parent_mm:	its mm
 * @child_tid:	new task
 * @child_mm:	new task's mm: == @parent_mm for a thread (CLONE_VM|CLONE_THREAD)
 *		and for a vfork child (CLONE_VM alone), which uses its
 *		parent's mm until it execs
 * @res:	what happened
 */
int vcid_sched_process_fork(struct vcid_model *m, u64 ts, u32 parent_tid,
			    u32 parent_mm, u32 child_tid, u32 child_mm,
			    struct vcid_result *res);

/**
 * vcid_sched_process_exec() - @tid replaced its mm (the thread group keeps its id)
 * @m:		the model
 * @ts:		time of the event
 * @tid:	task that exec'd
 * @mm:		its thread-group id
 * @res:	what happened (release of the old mm's id counts as release mm)
 */
int vcid_sched_process_exec(struct vcid_model *m, u64 ts, u32 tid, u32 mm,
			    struct vcid_result *res);

/**
 * vcid_sched_process_exit() - @tid released its mm (exit_mm() ran)
 * @m:		the model
 * @ts:		time of the event
 * @tid:	exiting task
 * @mm:		its mm
 * @res:	what happened
 */
int vcid_sched_process_exit(struct vcid_model *m, u64 ts, u32 tid, u32 mm,
			    struct vcid_result *res);

/**
 * vcid_sched_process_free() - the task struct of @tid is freed
 * @m:		the model
 * @ts:		time of the event
 * @tid:	freed task; its table slot is reused
 * @res:	what happened
 */
int vcid_sched_process_free(struct vcid_model *m, u64 ts, u32 tid,
			    struct vcid_result *res);

/**
 * vcid_task_cid() - the id @tid holds now
 * @m:		the model
 * @tid:	task
 *
 * Return: the id (>= 0), -1 when it holds none, -ENOENT for an unknown task.
 */
int vcid_task_cid(const struct vcid_model *m, u32 tid);

/**
 * vcid_rseq_update() - the id rseq_update_cpu_node_id() writes for @tid
 * @m:		the model
 * @cpu:	CPU on which @tid returns to user space (it runs there)
 * @tid:	task
 *
 * What vcid_task_cid() answers, found through @cpu's runqueue first: the
 * task of an rseq_update is, nearly always, the one the model runs there.
 *
 * Return: the id (>= 0), -1 when it holds none, -ENOENT for an unknown task.
 */
int vcid_rseq_update(const struct vcid_model *m, u32 cpu, u32 tid);

/**
 * vcid_rseq_observe() - the kernel's own id of an rseq_update, for its variant
 * @m:		the model of the traced kernel's own variant
 * @cpu:	CPU on which @tid returns to user space
 * @tid:	task
 * @mm_cid:	the mm_cid the kernel wrote
 *
 * Call after vcid_rseq_update(), whose answer is the model's.  CPUs that
 * take new ids at about the same time take them in an order a trace cannot
 * show (the allocation comes after the sched_switch event); owner-6.19
 * exchanges two such ids, neither read by user space yet, when @mm_cid says
 * the kernel's order was the other one.  The other variants do nothing.
 *
 * Return: 1 when ids were exchanged, else 0.
 */
int vcid_rseq_observe(struct vcid_model *m, u32 cpu, u32 tid, s32 mm_cid);

/**
 * vcid_model_counter() - value of one counter
 * @m:	the model
 * @c:	the counter
 *
 * Return: the count since init or the last vcid_model_reset().
 */
u64 vcid_model_counter(const struct vcid_model *m, enum vcid_counter c);

/**
 * vcid_model_check() - verify the model's internal invariants (tests, fuzzing)
 * @m:	the model
 *
 * Walks every table: O(tasks + mms * nr_cpus * cache_size), not for the hot
 * path.  Checks the hash tables, the task and runqueue states, and the
 * variant's own invariant (each bit set in an mm's vcpumask is held by one
 * runqueue cache entry, one per-CPU cid, or one running thread).
 *
 * Return: 0, or -EUCLEAN when an invariant is broken (a model bug).
 */
int vcid_model_check(const struct vcid_model *m);

/**
 * vcid_model_bits_set() - net count of vcpumask bit-sets over the model's life
 * @m:	the model
 *
 * The ids reserved now in the vcpumasks of all mms, plus those still
 * reserved when their mm was freed.  Without vcid_model_reset() it equals
 * alloc (plus reserve_parent) minus the bit-clear counters (cache_evict, cache_discard, both
 * remove) for every variant but v3-noopt, and the number of running
 * threads holding an id for v3-noopt.  O(mms).
 *
 * Return: the count.
 */
u64 vcid_model_bits_set(const struct vcid_model *m);

/**
 * vcid_variant_from_name() - parse a variant's name (vcid_variant_name())
 * @name:	NUL-terminated name
 *
 * Return: the variant, or -EINVAL.
 */
int vcid_variant_from_name(const char *name);

/**
 * vcid_variant_of_kernel() - the variant that follows Linux @major.@minor
 * @major:	kernel major version
 * @minor:	kernel minor version
 *
 * Return: the variant modelling that kernel's mm_cid allocator, -ENOENT
 * before 6.3 (no mm_cid) and -EOPNOTSUPP for 6.3 (the first mm_cid design,
 * replaced in 6.4, has no variant).
 */
int vcid_variant_of_kernel(u32 major, u32 minor);

/**
 * vcid_variant_name() - name of @v, NULL when out of range
 * @v:	the variant
 */
const char *vcid_variant_name(enum vcid_variant v);

/**
 * vcid_counter_name() - stable name of @c ("single_threaded", "transfer",
 * "cache_hit", "cache_evict", "cache_discard", "alloc", "remove" ...), as in
 * the JSON report; NULL when out of range
 * @c:	the counter
 */
const char *vcid_counter_name(enum vcid_counter c);

/**
 * vcid_counter_label() - the slides' label of @c ("single-threaded vcpu-id",
 * "runqueue cache eviction (bit-clear)" ...); NULL when out of range
 * @c:	the counter
 */
const char *vcid_counter_label(enum vcid_counter c);

/**
 * vcid_counter_group() - table @c belongs to
 * @c:	the counter
 */
enum vcid_counter_group vcid_counter_group(enum vcid_counter c);

/**
 * vcid_group_key() - the name of table @g in JSON and CSV reports
 * ("sched_switch", "release_mm", "migration", "variant", "health");
 * NULL when out of range
 * @g:	the table
 */
const char *vcid_group_key(enum vcid_counter_group g);

/**
 * vcid_group_title() - the title of table @g in text reports ("On
 * sched-switch:" ... as the slides write them, "Variant only:", "Model
 * health:"); NULL when out of range
 * @g:	the table
 */
const char *vcid_group_title(enum vcid_counter_group g);

/**
 * vcid_counter_applies() - whether @c is meaningful for @v
 * @v:	the variant
 * @c:	the counter
 *
 * The eight schedstat counters apply to every variant (a path a variant
 * never takes stays 0); variant counters apply to their own variant only.
 */
bool vcid_counter_applies(enum vcid_variant v, enum vcid_counter c);

#endif /* VCID_MODEL_H */
