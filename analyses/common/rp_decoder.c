// SPDX-License-Identifier: MIT
/*
 * rp_decoder.c - normalization of kernel scheduler events (see rp_decoder.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rp_decoder.h"

/* What an event class is, finer than enum rp_kev_type. */
enum rp_kind {
	RP_K_NONE,
	RP_K_SWITCH,
	RP_K_MIGRATE,
	RP_K_FORK,
	RP_K_EXEC,
	RP_K_EXIT,
	RP_K_FREE,
	RP_K_RSEQ,
	RP_K_STATEDUMP,		/* lttng_statedump_process_state */
	RP_K_PERF_FORK,		/* perf side band: pid = tgid, tid, ppid */
	RP_K_PERF_COMM,		/* perf side band: pid = tgid, tid, comm */
	RP_K_NEWTASK,		/* task_newtask: pid (the child), clone_flags */
	RP_K_MOVE_NUMA,		/* NUMA balancing: pid or src_pid, src/dst_cpu */
	RP_K_STICK_NUMA,
	RP_K_SWAP_NUMA,
};

/* clone(2) flags of task_newtask (include/uapi/linux/sched.h). */
#define RP_CLONE_VM	0x00000100ULL
#define RP_CLONE_THREAD	0x00010000ULL

/* Payload members an event class may provide. */
enum rp_role {
	RP_R_TID,		/* subject: switch next, migrate/exec/exit/free task, child */
	RP_R_TGID,		/* subject's tgid when the event carries it */
	RP_R_PEER_TID,		/* switch prev, fork parent */
	RP_R_PEER_TGID,		/* fork parent's tgid (lttng) */
	RP_R_COMM,		/* subject's name */
	RP_R_PEER_COMM,
	RP_R_PPID,
	RP_R_TYPE,		/* statedump: 1 = kernel thread */
	RP_R_FILENAME,		/* exec */
	RP_R_ORIG_CPU,
	RP_R_DEST_CPU,
	RP_R_CPU_ID,
	RP_R_NODE_ID,
	RP_R_MM_CID,
	RP_R_CPU,		/* explicit event CPU (scenario layout) */
	RP_R_PERF_TID,		/* current task: perf payload or LTTng context "tid" */
	RP_R_PERF_PID,		/* its tgid: perf_pid or LTTng context "pid" */
	RP_R_CLONE_FLAGS,	/* task_newtask */
	RP_R_NR,
};

/**
 * struct rp_evclass - what the decoder knows about one event class
 * @key:	the class (borrowed; it lives as long as its trace class)
 * @kind:	what it is
 * @idx:	payload member index per role, -1 when absent
 * @is_signed:	the member is a signed integer
 * @pkt_cpu:	index of "cpu_id" in the packet context, -1 when absent
 * @has_clock:	the stream class has a default clock
 * @cur_in_ctx:	RP_R_PERF_TID/PID index the event common context (LTTng
 *		"tid"/"pid" contexts), not the payload (perf_tid/perf_pid)
 * @lacks:	a member the class needs and does not have (@kind is then
 *		RP_K_NONE), NULL when none
 * @lacks_kind:	the kind it would have had
 * @lacks_names:	storage for @lacks
 */
struct rp_evclass {
	const bt_event_class *key;
	enum rp_kind kind;
	int idx[RP_R_NR];
	bool is_signed[RP_R_NR];
	int pkt_cpu;
	bool has_clock;
	bool cur_in_ctx;
	const char *lacks;
	enum rp_kind lacks_kind;
	char lacks_names[32];
};

static const struct {
	const char *name;
	enum rp_kind kind;
} rp_kind_names[] = {
	{ "sched_switch", RP_K_SWITCH },
	{ "sched_migrate_task", RP_K_MIGRATE },
	{ "sched_process_fork", RP_K_FORK },
	{ "sched_process_exec", RP_K_EXEC },
	{ "sched_process_exit", RP_K_EXIT },
	{ "sched_process_free", RP_K_FREE },
	{ "rseq_update", RP_K_RSEQ },
	{ "lttng_statedump_process_state", RP_K_STATEDUMP },
	{ "perf_fork", RP_K_PERF_FORK },
	{ "perf_comm", RP_K_PERF_COMM },
	{ "task_newtask", RP_K_NEWTASK },
	{ "sched_move_numa", RP_K_MOVE_NUMA },
	{ "sched_stick_numa", RP_K_STICK_NUMA },
	{ "sched_swap_numa", RP_K_SWAP_NUMA },
};

static const enum rp_kev_type rp_kind_type[] = {
	[RP_K_NONE] = RP_KEV_NONE,
	[RP_K_SWITCH] = RP_KEV_SWITCH,
	[RP_K_MIGRATE] = RP_KEV_MIGRATE,
	[RP_K_FORK] = RP_KEV_FORK,
	[RP_K_EXEC] = RP_KEV_EXEC,
	[RP_K_EXIT] = RP_KEV_EXIT,
	[RP_K_FREE] = RP_KEV_FREE,
	[RP_K_RSEQ] = RP_KEV_RSEQ_UPDATE,
	[RP_K_STATEDUMP] = RP_KEV_TASK_INFO,
	[RP_K_PERF_FORK] = RP_KEV_TASK_INFO,
	[RP_K_PERF_COMM] = RP_KEV_TASK_INFO,
	[RP_K_NEWTASK] = RP_KEV_TASK_INFO,
	[RP_K_MOVE_NUMA] = RP_KEV_MOVE_NUMA,
	[RP_K_STICK_NUMA] = RP_KEV_STICK_NUMA,
	[RP_K_SWAP_NUMA] = RP_KEV_SWAP_NUMA,
};

static const char *const rp_kev_names[RP_KEV_NR] = {
	[RP_KEV_NONE] = "other",
	[RP_KEV_SWITCH] = "sched_switch",
	[RP_KEV_MIGRATE] = "sched_migrate_task",
	[RP_KEV_FORK] = "sched_process_fork",
	[RP_KEV_EXEC] = "sched_process_exec",
	[RP_KEV_EXIT] = "sched_process_exit",
	[RP_KEV_FREE] = "sched_process_free",
	[RP_KEV_RSEQ_UPDATE] = "rseq_update",
	[RP_KEV_TASK_INFO] = "task_info",
	[RP_KEV_MOVE_NUMA] = "sched_move_numa",
	[RP_KEV_STICK_NUMA] = "sched_stick_numa",
	[RP_KEV_SWAP_NUMA] = "sched_swap_numa",
};

const char *rp_kev_type_name(enum rp_kev_type t)
{
	return (unsigned int)t < RP_KEV_NR ? rp_kev_names[t] : NULL;
}

/*
 * Candidate member names per role and kind, first match wins.  NULL-ended.
 * Roles not listed for a kind stay absent.
 */
struct rp_role_names {
	enum rp_role role;
	const char *names[3];
};

static const struct rp_role_names rp_switch_roles[] = {
	{ RP_R_PEER_TID, { "prev_tid", "prev_pid" } },
	{ RP_R_TID, { "next_tid", "next_pid" } },
	{ RP_R_PEER_COMM, { "prev_comm" } },
	{ RP_R_COMM, { "next_comm" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_migrate_roles[] = {
	{ RP_R_TID, { "tid", "pid" } },
	{ RP_R_COMM, { "comm" } },
	{ RP_R_ORIG_CPU, { "orig_cpu" } },
	{ RP_R_DEST_CPU, { "dest_cpu" } },
	{ RP_R_NR, { NULL } },
};

/* Fork is special-cased in rp_class_fork_roles(). */
static const struct rp_role_names rp_fork_roles[] = {
	{ RP_R_COMM, { "child_comm" } },
	{ RP_R_PEER_COMM, { "parent_comm" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_exec_roles[] = {
	{ RP_R_TID, { "tid", "pid" } },
	{ RP_R_FILENAME, { "filename" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_exit_roles[] = {
	{ RP_R_TID, { "tid", "pid" } },
	{ RP_R_COMM, { "comm" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_rseq_roles[] = {
	{ RP_R_TID, { "tid" } },
	{ RP_R_CPU_ID, { "cpu_id" } },
	{ RP_R_NODE_ID, { "node_id" } },
	{ RP_R_MM_CID, { "mm_cid" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_statedump_roles[] = {
	{ RP_R_TID, { "tid" } },
	{ RP_R_TGID, { "pid" } },
	{ RP_R_PPID, { "ppid" } },
	{ RP_R_COMM, { "name" } },
	{ RP_R_TYPE, { "type" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_perf_fork_roles[] = {
	{ RP_R_TID, { "tid" } },
	{ RP_R_TGID, { "pid" } },
	{ RP_R_PPID, { "ppid" } },
	{ RP_R_PEER_TID, { "ptid" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_perf_comm_roles[] = {
	{ RP_R_TID, { "tid" } },
	{ RP_R_TGID, { "pid" } },
	{ RP_R_COMM, { "comm" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_newtask_roles[] = {
	{ RP_R_TID, { "pid" } },
	{ RP_R_CLONE_FLAGS, { "clone_flags" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_numa_roles[] = {
	{ RP_R_TID, { "pid", "src_pid" } },
	{ RP_R_ORIG_CPU, { "src_cpu" } },
	{ RP_R_DEST_CPU, { "dst_cpu" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names *const rp_kind_roles[] = {
	[RP_K_NONE] = NULL,
	[RP_K_SWITCH] = rp_switch_roles,
	[RP_K_MIGRATE] = rp_migrate_roles,
	[RP_K_FORK] = rp_fork_roles,
	[RP_K_EXEC] = rp_exec_roles,
	[RP_K_EXIT] = rp_exit_roles,
	[RP_K_FREE] = rp_exit_roles,
	[RP_K_RSEQ] = rp_rseq_roles,
	[RP_K_STATEDUMP] = rp_statedump_roles,
	[RP_K_PERF_FORK] = rp_perf_fork_roles,
	[RP_K_PERF_COMM] = rp_perf_comm_roles,
	[RP_K_NEWTASK] = rp_newtask_roles,
	[RP_K_MOVE_NUMA] = rp_numa_roles,
	[RP_K_STICK_NUMA] = rp_numa_roles,
	[RP_K_SWAP_NUMA] = rp_numa_roles,
};

/* Index of member @name in structure class @fc, -1 when absent. */
static int rp_member_index(const bt_field_class *fc, const char *name,
			   bool *is_signed, bool want_string)
{
	uint64_t i, n;

	if (!fc || bt_field_class_get_type(fc) != BT_FIELD_CLASS_TYPE_STRUCTURE)
		return -1;
	n = bt_field_class_structure_get_member_count(fc);
	for (i = 0; i < n; i++) {
		const bt_field_class_structure_member *m =
			bt_field_class_structure_borrow_member_by_index_const(fc, i);
		const bt_field_class *mfc;
		bt_field_class_type t;

		if (strcmp(bt_field_class_structure_member_get_name(m), name))
			continue;
		mfc = bt_field_class_structure_member_borrow_field_class_const(m);
		t = bt_field_class_get_type(mfc);
		if (want_string)
			return t == BT_FIELD_CLASS_TYPE_STRING ? (int)i : -1;
		if (!bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_INTEGER))
			return -1;
		if (is_signed)
			*is_signed = bt_field_class_type_is(t,
				BT_FIELD_CLASS_TYPE_SIGNED_INTEGER);
		return (int)i;
	}
	return -1;
}

static bool rp_role_is_string(enum rp_role r)
{
	return r == RP_R_COMM || r == RP_R_PEER_COMM || r == RP_R_FILENAME;
}

static void rp_class_set(struct rp_evclass *c, const bt_field_class *fc,
			 enum rp_role r, const char *name)
{
	c->idx[r] = rp_member_index(fc, name, &c->is_signed[r],
				    rp_role_is_string(r));
}

/*
 * lttng-modules: parent_tid/parent_pid, child_tid/child_pid (tgids);
 * perf: parent_pid, child_pid are thread ids.
 */
static void rp_class_fork_roles(struct rp_evclass *c, const bt_field_class *fc)
{
	bool dummy;

	if (rp_member_index(fc, "child_tid", &dummy, false) >= 0) {
		rp_class_set(c, fc, RP_R_TID, "child_tid");
		rp_class_set(c, fc, RP_R_TGID, "child_pid");
		rp_class_set(c, fc, RP_R_PEER_TID, "parent_tid");
		rp_class_set(c, fc, RP_R_PEER_TGID, "parent_pid");
	} else {
		rp_class_set(c, fc, RP_R_TID, "child_pid");
		rp_class_set(c, fc, RP_R_PEER_TID, "parent_pid");
	}
}

static enum rp_kind rp_kind_of(const char *name)
{
	const char *colon = name ? strrchr(name, ':') : NULL;
	size_t i;

	if (!name)
		return RP_K_NONE;
	if (colon)
		name = colon + 1;
	for (i = 0; i < sizeof(rp_kind_names) / sizeof(rp_kind_names[0]); i++)
		if (!strcmp(rp_kind_names[i].name, name))
			return rp_kind_names[i].kind;
	return RP_K_NONE;
}

/* @c cannot be used: it has no member for @role (named as the kernel does). */
static void rp_class_lacks(struct rp_evclass *c, enum rp_role role)
{
	const struct rp_role_names *rn = rp_kind_roles[c->kind];

	while (rn->role != RP_R_NR && rn->role != role)
		rn++;
	/* The names it looks for, as "a" or "a/b". */
	if (rn->role != role) {
		c->lacks = "child_pid";
	} else if (!rn->names[1]) {
		c->lacks = rn->names[0];
	} else {
		snprintf(c->lacks_names, sizeof(c->lacks_names), "%s/%s",
			 rn->names[0], rn->names[1]);
		c->lacks = c->lacks_names;
	}
	c->lacks_kind = c->kind;
	c->kind = RP_K_NONE;
}

static void rp_class_describe(struct rp_evclass *c, const bt_event_class *ec)
{
	const bt_stream_class *sc = bt_event_class_borrow_stream_class_const(ec);
	const bt_field_class *fc = bt_event_class_borrow_payload_field_class_const(ec);
	const bt_field_class *pfc;
	const struct rp_role_names *rn;
	bool dummy;
	int r, k;

	c->key = ec;
	for (r = 0; r < RP_R_NR; r++)
		c->idx[r] = -1;
	c->kind = rp_kind_of(bt_event_class_get_name(ec));
	pfc = bt_stream_class_borrow_packet_context_field_class_const(sc);
	c->pkt_cpu = rp_member_index(pfc, "cpu_id", &dummy, false);
	c->has_clock = bt_stream_class_borrow_default_clock_class_const(sc) != NULL;
	if (c->kind == RP_K_NONE)
		return;
	for (rn = rp_kind_roles[c->kind]; rn->role != RP_R_NR; rn++) {
		for (k = 0; k < 3 && rn->names[k]; k++) {
			rp_class_set(c, fc, rn->role, rn->names[k]);
			if (c->idx[rn->role] >= 0)
				break;
		}
	}
	if (c->kind == RP_K_FORK)
		rp_class_fork_roles(c, fc);
	/* "cpu" is the event's CPU except in a statedump (the task's CPU). */
	if (c->kind != RP_K_STATEDUMP)
		rp_class_set(c, fc, RP_R_CPU, "cpu");
	rp_class_set(c, fc, RP_R_PERF_TID, "perf_tid");
	rp_class_set(c, fc, RP_R_PERF_PID, "perf_pid");
	if (c->idx[RP_R_PERF_TID] < 0 || c->idx[RP_R_PERF_PID] < 0) {
		/* LTTng: "lttng add-context -t tid -t pid" on the channel. */
		const bt_field_class *cfc =
			bt_stream_class_borrow_event_common_context_field_class_const(sc);

		rp_class_set(c, cfc, RP_R_PERF_TID, "tid");
		rp_class_set(c, cfc, RP_R_PERF_PID, "pid");
		c->cur_in_ctx = true;
	}
	/* Without its main members, the class cannot be used. */
	if (c->idx[RP_R_TID] < 0 && c->kind != RP_K_RSEQ)
		rp_class_lacks(c, RP_R_TID);
	else if (c->kind == RP_K_MIGRATE && c->idx[RP_R_ORIG_CPU] < 0)
		rp_class_lacks(c, RP_R_ORIG_CPU);
	else if (c->kind == RP_K_MIGRATE && c->idx[RP_R_DEST_CPU] < 0)
		rp_class_lacks(c, RP_R_DEST_CPU);
	else if (c->kind == RP_K_SWITCH && c->idx[RP_R_PEER_TID] < 0)
		rp_class_lacks(c, RP_R_PEER_TID);
}

static inline size_t rp_ptr_hash(const void *p, size_t cap)
{
	uintptr_t v = (uintptr_t)p;

	v ^= v >> 17;
	v *= 0x9e3779b97f4a7c15ULL;
	return (size_t)(v >> 32) & (cap - 1);
}

static int rp_classes_insert(struct rp_decoder *d, struct rp_evclass *c)
{
	size_t i;

	if ((d->classes_nr + 1) * 2 > d->classes_cap) {
		size_t ncap = d->classes_cap ? d->classes_cap * 2 : 64, j;
		struct rp_evclass **n = calloc(ncap, sizeof(*n));

		if (!n)
			return -1;
		for (j = 0; j < d->classes_cap; j++) {
			struct rp_evclass *o = d->classes[j];

			if (!o)
				continue;
			for (i = rp_ptr_hash(o->key, ncap); n[i]; i = (i + 1) & (ncap - 1))
				;
			n[i] = o;
		}
		free(d->classes);
		d->classes = n;
		d->classes_cap = ncap;
	}
	for (i = rp_ptr_hash(c->key, d->classes_cap); d->classes[i];
	     i = (i + 1) & (d->classes_cap - 1))
		;
	d->classes[i] = c;
	d->classes_nr++;
	return 0;
}

static inline struct rp_evclass *rp_class_lookup(struct rp_decoder *d,
						 const bt_event_class *ec)
{
	struct rp_evclass *c;
	size_t i;

	if (d->last_key == ec)
		return d->last;
	/* Kernel traces alternate a few classes: a second entry catches most. */
	if (d->last2_key == ec) {
		c = d->last2;
		d->last2_key = d->last_key;
		d->last2 = d->last;
		d->last_key = ec;
		d->last = c;
		return c;
	}
	if (d->classes_cap) {
		for (i = rp_ptr_hash(ec, d->classes_cap); d->classes[i];
		     i = (i + 1) & (d->classes_cap - 1)) {
			if (d->classes[i]->key == ec) {
				c = d->classes[i];
				goto found;
			}
		}
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	rp_class_describe(c, ec);
	if (rp_classes_insert(d, c)) {
		free(c);
		return NULL;
	}
	if (c->kind != RP_K_NONE)
		d->declared |= 1u << rp_kind_type[c->kind];
	else if (c->lacks && !d->lacks[rp_kind_type[c->lacks_kind]])
		d->lacks[rp_kind_type[c->lacks_kind]] = c->lacks;
found:
	d->last2_key = d->last_key;
	d->last2 = d->last;
	d->last_key = ec;
	d->last = c;
	return c;
}

int rp_decoder_init(struct rp_decoder *d)
{
	memset(d, 0, sizeof(*d));
	d->wanted = ~0u;
	return rp_tasks_init(&d->tasks);
}

void rp_decoder_fini(struct rp_decoder *d)
{
	size_t i;

	for (i = 0; i < d->classes_cap; i++)
		free(d->classes[i]);
	free(d->classes);
	d->classes = NULL;
	rp_tasks_fini(&d->tasks);
}

static inline int64_t rp_rd(const struct rp_evclass *c, const bt_field *payload,
			    enum rp_role r)
{
	const bt_field *f =
		bt_field_structure_borrow_member_field_by_index_const(payload,
								     (uint64_t)c->idx[r]);

	return c->is_signed[r] ? bt_field_integer_signed_get_value(f) :
				 (int64_t)bt_field_integer_unsigned_get_value(f);
}

static inline const char *rp_rd_str(const struct rp_evclass *c,
				    const bt_field *payload, enum rp_role r)
{
	if (c->idx[r] < 0)
		return NULL;
	return bt_field_string_get_value(
		bt_field_structure_borrow_member_field_by_index_const(payload,
								     (uint64_t)c->idx[r]));
}

/* The entry of @tid, through the current task of @cpu first; NULL: unknown. */
static inline struct rp_task *rp_find_on(struct rp_decoder *d, uint32_t cpu,
					 uint32_t tid)
{
	if (cpu < RP_MAX_CPUS) {
		const struct rp_cpu_cur *cur = &d->cur[cpu];

		if (cur->task && cur->tid == tid && cur->gen == d->tasks.gen)
			return cur->task;
	}
	return rp_tasks_find(&d->tasks, tid);
}

/* rp_tasks_resolve() through the current task of @cpu first. */
static inline struct rp_task *rp_resolve_on(struct rp_decoder *d, uint32_t cpu,
					    uint32_t tid)
{
	struct rp_task *task = rp_find_on(d, cpu, tid);

	return task && task->tgid ? task : rp_tasks_resolve(&d->tasks, tid);
}

/* Fill @kt from @task. */
static inline void rp_kev_task_set(struct rp_kev_task *kt, const struct rp_task *task,
				   uint32_t tid)
{
	kt->tid = tid;
	kt->info = task;
	kt->tgid = task ? task->tgid : tid;
	kt->mm = task ? rp_task_mm(task) : 0;
}

/* Kernel-thread rule from the parent: kthreadd's children and kthreads' children. */
static void rp_task_inherit(struct rp_tasks *t, struct rp_task *child,
			    uint32_t parent_tid)
{
	struct rp_task *parent = rp_tasks_find(t, parent_tid);

	if (child->tid == RP_TID_KTHREADD || parent_tid == RP_TID_KTHREADD ||
	    child->ppid == RP_TID_KTHREADD ||
	    (parent && parent_tid && (parent->flags & RP_TASK_KTHREAD)))
		child->flags |= RP_TASK_KTHREAD;
}

static void rp_comm_if_unknown(struct rp_task *task, const struct rp_evclass *c,
			       const bt_field *payload, enum rp_role r)
{
	const char *s;

	if (!task || task->comm[0] || !task->tid)
		return;
	s = rp_rd_str(c, payload, r);
	if (s)
		rp_task_set_comm(task, s);
}

/* Decode @event of class @c into @ev; -1 when out of memory. */
static int rp_decode_event(struct rp_decoder *d, const struct rp_evclass *c,
			   const bt_message *msg, const bt_event *event,
			   struct rp_kevent *ev)
{
	const bt_field *payload = bt_event_borrow_payload_field_const(event);
	struct rp_tasks *t = &d->tasks;
	struct rp_task *task = NULL, *peer = NULL;
	uint32_t tid = 0, peer_tid = 0, prev = 0;
	uint64_t corrections;
	bool guessed_user;
	const char *s;

	ev->type = rp_kind_type[c->kind];
	ev->ts = 0;
	if (c->has_clock) {
		int64_t ns;

		if (bt_clock_snapshot_get_ns_from_origin(
			    bt_message_event_borrow_default_clock_snapshot_const(msg),
			    &ns) == BT_CLOCK_SNAPSHOT_GET_NS_FROM_ORIGIN_STATUS_OK &&
		    ns > 0)
			ev->ts = (uint64_t)ns;
	}
	if (c->idx[RP_R_CPU] >= 0) {
		ev->cpu = (uint32_t)rp_rd(c, payload, RP_R_CPU);
	} else if (c->pkt_cpu >= 0) {
		/* Packets change rarely: their CPU is read once per packet. */
		const bt_packet *pkt = bt_event_borrow_packet_const(event);

		if (pkt != d->last_packet) {
			const bt_field *ctx = bt_packet_borrow_context_field_const(pkt);

			d->last_packet = pkt;
			d->last_packet_cpu = (uint32_t)bt_field_integer_unsigned_get_value(
				bt_field_structure_borrow_member_field_by_index_const(
					ctx, (uint64_t)c->pkt_cpu));
		}
		ev->cpu = d->last_packet_cpu;
	} else {
		ev->cpu = 0;
	}
	memset(&ev->task, 0, sizeof(ev->task));
	memset(&ev->peer, 0, sizeof(ev->peer));
	ev->node_id = -1;
	ev->mm_cid = -1;
	ev->counted = true;

	if (c->idx[RP_R_TID] >= 0)
		tid = (uint32_t)rp_rd(c, payload, RP_R_TID);
	if (c->kind == RP_K_SWITCH) {
		/*
		 * prev is the current task: once its thread group is known,
		 * perf_tid/perf_pid would only repeat it.
		 */
		prev = (uint32_t)rp_rd(c, payload, RP_R_PEER_TID);
		peer = rp_find_on(d, ev->cpu, prev);
		if (peer && peer->tgid && !(peer->flags & RP_TASK_GUESSED))
			peer_tid = prev;
		else
			peer = NULL;
	}
	/*
	 * perf: the current task (switch: prev) and its tgid come with every
	 * event; read them only when that task's tgid is not known yet.
	 */
	if (!peer && c->idx[RP_R_PERF_TID] >= 0 && c->idx[RP_R_PERF_PID] >= 0) {
		const bt_field *cur = c->cur_in_ctx ?
			bt_event_borrow_common_context_field_const(event) : payload;
		int64_t ptid = rp_rd(c, cur, RP_R_PERF_TID);

		peer = ptid > 0 ? rp_find_on(d, ev->cpu, (uint32_t)ptid) : NULL;
		if (ptid > 0 && (!peer || !peer->tgid || (peer->flags & RP_TASK_GUESSED))) {
			int64_t ppid = rp_rd(c, cur, RP_R_PERF_PID);

			if (ppid > 0)
				peer = rp_tasks_learn(t, (uint32_t)ptid, (uint32_t)ppid);
			if (!peer)
				return -1;
		}
		peer_tid = (uint32_t)ptid;
	}

	switch (c->kind) {
	case RP_K_SWITCH: {
		uint64_t gen;

		if (!peer || peer_tid != prev)
			peer = rp_resolve_on(d, ev->cpu, prev);
		if (!peer)
			return -1;
		rp_comm_if_unknown(peer, c, payload, RP_R_PEER_COMM);
		gen = t->gen;
		task = rp_tasks_resolve(t, tid);
		if (!task)
			return -1;
		rp_comm_if_unknown(task, c, payload, RP_R_COMM);
		/* Resolving next may have moved the table. */
		if (gen != t->gen)
			peer = rp_tasks_find(t, prev);
		rp_kev_task_set(&ev->peer, peer, prev);
		if (ev->cpu < RP_MAX_CPUS)
			d->cur[ev->cpu] = (struct rp_cpu_cur){
				.tid = tid, .gen = t->gen, .task = task,
			};
		break;
	}
	case RP_K_MIGRATE:
		ev->orig_cpu = (uint32_t)rp_rd(c, payload, RP_R_ORIG_CPU);
		ev->dest_cpu = (uint32_t)rp_rd(c, payload, RP_R_DEST_CPU);
		task = rp_tasks_resolve(t, tid);
		if (!task)
			return -1;
		rp_comm_if_unknown(task, c, payload, RP_R_COMM);
		break;
	case RP_K_FORK: {
		uint32_t ptid = c->idx[RP_R_PEER_TID] >= 0 ?
			(uint32_t)rp_rd(c, payload, RP_R_PEER_TID) : 0;

		if (c->idx[RP_R_PEER_TGID] >= 0)
			peer = rp_tasks_learn(t, ptid,
					      (uint32_t)rp_rd(c, payload, RP_R_PEER_TGID));
		else
			peer = rp_tasks_resolve(t, ptid);
		if (!peer)
			return -1;
		/* A reused tid: forget the dead task (perf_fork already did). */
		task = rp_tasks_get(t, tid);
		if (task && (task->flags & RP_TASK_DEAD))
			rp_task_reset(task);
		if (c->idx[RP_R_TGID] >= 0)
			task = rp_tasks_learn(t, tid, (uint32_t)rp_rd(c, payload, RP_R_TGID));
		else	/* perf: perf_fork, just before, told the tgid. */
			task = rp_tasks_resolve(t, tid);
		if (!task)
			return -1;
		peer = rp_tasks_find(t, ptid);
		task->flags &= ~RP_TASK_DEAD;
		if (!task->ppid && peer)
			task->ppid = peer->tgid;
		rp_task_inherit(t, task, ptid);
		s = rp_rd_str(c, payload, RP_R_COMM);
		if (s)
			rp_task_set_comm(task, s);
		else if (peer && !task->comm[0])
			memcpy(task->comm, peer->comm, RP_COMM_LEN);
		rp_kev_task_set(&ev->peer, peer, ptid);
		break;
	}
	case RP_K_NEWTASK: {
		uint64_t flags = c->idx[RP_R_CLONE_FLAGS] >= 0 ?
				 rp_rd(c, payload, RP_R_CLONE_FLAGS) : 0;

		/* Only a CLONE_VM child leading its own thread group matters. */
		if (!tid || (flags & (RP_CLONE_VM | RP_CLONE_THREAD)) != RP_CLONE_VM)
			return 0;
		task = rp_tasks_get(t, tid);
		if (task && (task->flags & RP_TASK_DEAD))
			rp_task_reset(task);
		task = rp_tasks_learn(t, tid, tid);
		if (!task)
			return -1;
		task->flags |= RP_TASK_VFORK;
		break;
	}
	case RP_K_EXEC:
		task = rp_tasks_resolve(t, tid);
		if (!task)
			return -1;
		task->flags &= ~(RP_TASK_KTHREAD | RP_TASK_VFORK);
		s = rp_rd_str(c, payload, RP_R_FILENAME);
		if (s) {
			const char *base = strrchr(s, '/');

			rp_task_set_comm(task, base ? base + 1 : s);
		}
		break;
	case RP_K_EXIT:
		task = rp_tasks_resolve(t, tid);
		if (!task)
			return -1;
		break;
	case RP_K_FREE:
		task = rp_tasks_resolve(t, tid);
		if (!task)
			return -1;
		task->flags |= RP_TASK_DEAD;
		break;
	case RP_K_RSEQ:
		if (c->idx[RP_R_TID] < 0)
			tid = peer ? peer_tid :
			      ev->cpu < RP_MAX_CPUS ? d->cur[ev->cpu].tid : 0;
		task = rp_resolve_on(d, ev->cpu, tid);
		if (!task)
			return -1;
		ev->cpu_id = c->idx[RP_R_CPU_ID] >= 0 ?
			(int32_t)rp_rd(c, payload, RP_R_CPU_ID) : (int32_t)ev->cpu;
		if (c->idx[RP_R_NODE_ID] >= 0)
			ev->node_id = (int32_t)rp_rd(c, payload, RP_R_NODE_ID);
		if (c->idx[RP_R_MM_CID] >= 0)
			ev->mm_cid = (int32_t)rp_rd(c, payload, RP_R_MM_CID);
		break;
	case RP_K_STATEDUMP:
	case RP_K_PERF_FORK:
	case RP_K_PERF_COMM:
		if (!tid)
			return 0;
		task = rp_tasks_find(t, tid);
		if (task && (task->flags & RP_TASK_DEAD) && c->kind != RP_K_PERF_COMM)
			rp_task_reset(task);
		/* A user process guessed from earlier events, before this entry. */
		guessed_user = task && !(task->flags & RP_TASK_KTHREAD) &&
			       (task->flags & RP_TASK_GUESSED);
		corrections = t->corrections;
		task = rp_tasks_learn(t, tid, c->idx[RP_R_TGID] >= 0 ?
				      (uint32_t)rp_rd(c, payload, RP_R_TGID) : tid);
		if (!task)
			return -1;
		s = rp_rd_str(c, payload, RP_R_COMM);
		if (s)
			rp_task_set_comm(task, s);
		if (c->kind == RP_K_PERF_COMM)
			break;
		task->flags &= ~RP_TASK_DEAD;
		if (c->idx[RP_R_PPID] >= 0)
			task->ppid = (uint32_t)rp_rd(c, payload, RP_R_PPID);
		if (c->idx[RP_R_TYPE] >= 0 && rp_rd(c, payload, RP_R_TYPE) == 1)
			task->flags |= RP_TASK_KTHREAD;
		rp_task_inherit(t, task, c->idx[RP_R_PEER_TID] >= 0 ?
				(uint32_t)rp_rd(c, payload, RP_R_PEER_TID) : task->ppid);
		/*
		 * A kernel thread seen in events before its statedump entry was
		 * modelled as a single-threaded process: that guess was wrong.
		 */
		if (guessed_user && (task->flags & RP_TASK_KTHREAD) &&
		    t->corrections == corrections)
			t->corrections++;
		break;
	case RP_K_MOVE_NUMA:
	case RP_K_STICK_NUMA:
	case RP_K_SWAP_NUMA:
		ev->orig_cpu = c->idx[RP_R_ORIG_CPU] < 0 ? 0 :
			       (uint32_t)rp_rd(c, payload, RP_R_ORIG_CPU);
		ev->dest_cpu = c->idx[RP_R_DEST_CPU] < 0 ? 0 :
			       (uint32_t)rp_rd(c, payload, RP_R_DEST_CPU);
		task = rp_tasks_resolve(t, tid);
		if (!task)
			return -1;
		break;
	case RP_K_NONE:
		return 0;
	}
	rp_kev_task_set(&ev->task, task, tid);
	/* A vfork child joins its parent's mm (it has its own at exec). */
	if (c->kind == RP_K_FORK && (task->flags & RP_TASK_VFORK))
		ev->task.mm = ev->peer.mm;
	return 1;
}

/*
 * rp_drop_repeat() - true when @ev repeats the previous event of its CPU
 *
 * perf has been seen writing a run of records twice into perf.data (same
 * CPU, time and fields; `perf script` shows both): replaying them would
 * count context switches that never happened.  Such repeats are dropped
 * and counted (reported as duplicate events).
 */
static bool rp_drop_repeat(struct rp_decoder *d, const struct rp_kevent *ev)
{
	bool migrate = ev->type == RP_KEV_MIGRATE;
	bool rseq = ev->type == RP_KEV_RSEQ_UPDATE;
	struct rp_kev_key key, *last;

	/* Without a clock (hand-built scenarios) nothing tells repeats apart. */
	if (!ev->ts || ev->cpu >= RP_MAX_CPUS || ev->type == RP_KEV_TASK_INFO)
		return false;
	key = (struct rp_kev_key){
		.ts = ev->ts,
		.type = ev->type,
		.tid = ev->task.tid,
		.peer = ev->peer.tid,
		.a = migrate ? ev->orig_cpu : rseq ? (uint32_t)ev->cpu_id : 0,
		.b = migrate ? ev->dest_cpu : rseq ? (uint32_t)ev->mm_cid : 0,
	};
	last = &d->last_ev[ev->cpu];
	if (last->ts == key.ts && last->type == key.type &&
	    last->tid == key.tid && last->peer == key.peer &&
	    last->a == key.a && last->b == key.b) {
		d->duplicates++;
		return true;
	}
	*last = key;
	return false;
}

static void rp_declare_stream(struct rp_decoder *d, const bt_stream *stream)
{
	const bt_stream_class *sc = bt_stream_borrow_class_const(stream);
	uint64_t i, n = bt_stream_class_get_event_class_count(sc);

	for (i = 0; i < n; i++)
		rp_class_lookup(d, bt_stream_class_borrow_event_class_by_index_const(sc, i));
}

int rp_decoder_message(struct rp_decoder *d, const bt_message *msg,
		       struct rp_kevent *ev)
{
	uint64_t count;
	int ret;

	switch (bt_message_get_type(msg)) {
	case BT_MESSAGE_TYPE_EVENT: {
		const bt_event *event = bt_message_event_borrow_event_const(msg);
		const struct rp_evclass *c =
			rp_class_lookup(d, bt_event_borrow_class_const(event));

		d->events++;
		if (!c)
			return -1;
		if (c->kind == RP_K_NONE)
			return 0;
		if (!(d->wanted & (1u << rp_kind_type[c->kind]))) {
			d->counts[rp_kind_type[c->kind]]++;
			return 0;
		}
		ret = rp_decode_event(d, c, msg, event, ev);
		if (ret <= 0)
			return ret;
		if (rp_drop_repeat(d, ev))
			return 0;
		d->counts[ev->type]++;
		return ret;
	}
	case BT_MESSAGE_TYPE_PACKET_BEGINNING:
		/* Packet objects are recycled: forget the cached one. */
		d->last_packet = NULL;
		return 0;
	case BT_MESSAGE_TYPE_STREAM_BEGINNING:
		rp_declare_stream(d, bt_message_stream_beginning_borrow_stream_const(msg));
		return 0;
	case BT_MESSAGE_TYPE_DISCARDED_EVENTS:
		if (bt_message_discarded_events_get_count(msg, &count) ==
		    BT_PROPERTY_AVAILABILITY_AVAILABLE)
			d->loss.events += count;
		else
			d->loss.events_unknown++;
		return 0;
	case BT_MESSAGE_TYPE_DISCARDED_PACKETS:
		if (bt_message_discarded_packets_get_count(msg, &count) ==
		    BT_PROPERTY_AVAILABILITY_AVAILABLE)
			d->loss.packets += count;
		else
			d->loss.packets_unknown++;
		return 0;
	default:
		return 0;
	}
}

int rp_decoder_missing(const struct rp_decoder *d, uint32_t needed,
		       char *buf, size_t len)
{
	size_t off = 0;
	int t, n = 0;

	if (len)
		buf[0] = '\0';
	for (t = RP_KEV_SWITCH; t < RP_KEV_NR; t++) {
		if (!(needed & (1u << t)) || (d->declared & (1u << t)) || d->counts[t])
			continue;
		if (off < len && d->lacks[t])
			off += (size_t)snprintf(buf + off, len - off,
						"%s%s (its event has no %s field)",
						n ? ", " : "", rp_kev_names[t], d->lacks[t]);
		else if (off < len)
			off += (size_t)snprintf(buf + off, len - off, "%s%s",
						n ? ", " : "", rp_kev_names[t]);
		n++;
	}
	return n;
}
