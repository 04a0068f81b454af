// SPDX-License-Identifier: MIT
/*
 * rp_decoder.c - normalization of kernel scheduler events (see rp_decoder.h):
 * what every event shares (time, CPU, current task), then one step per
 * kind of event (rp_kind_steps), over the class descriptors of rp_schema.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rp_decoder.h"
#include "rp_schema.h"

/* clone(2) flags of task_newtask (include/uapi/linux/sched.h). */
#define RP_CLONE_VM	0x00000100ULL
#define RP_CLONE_THREAD	0x00010000ULL

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

int rp_decoder_init(struct rp_decoder *d)
{
	memset(d, 0, sizeof(*d));
	d->wanted = ~0u;
	return rp_tasks_init(&d->tasks);
}

void rp_decoder_fini(struct rp_decoder *d)
{
	rp_schema_fini(d);
	rp_tasks_fini(&d->tasks);
	free(d->rec_classes);
	d->rec_classes = NULL;
}

/**
 * struct rp_kdec - what the decoding of one event shares with its kind's step
 * @payload:	the event's payload (NULL for a record)
 * @rec:	the worker's record of the event (NULL for a message)
 * @tid:	the subject's tid (RP_R_TID), 0 when absent
 * @peer_tid:	the current task's tid, when known (@peer)
 * @peer:	the current task (switch: prev), NULL when not known yet
 * @task:	set by the step: the subject's entry
 */
struct rp_kdec {
	const bt_field *payload;
	const struct rp_rec *rec;
	uint32_t tid;
	uint32_t peer_tid;
	struct rp_task *peer;
	struct rp_task *task;
};

/* Integer member @r of @field (a record: its value slot). */
static inline int64_t rp_rd_field(const struct rp_evclass *c, const struct rp_kdec *k,
				  const bt_field *field, enum rp_role r)
{
	const bt_field *f;

	if (k->rec)
		return k->rec->u.ev.v[c->idx[r]];
	f = bt_field_structure_borrow_member_field_by_index_const(field, (uint64_t)c->idx[r]);
	return c->is_signed[r] ? bt_field_integer_signed_get_value(f) :
				 (int64_t)bt_field_integer_unsigned_get_value(f);
}

static inline int64_t rp_rd(const struct rp_evclass *c, const struct rp_kdec *k,
			    enum rp_role r)
{
	return rp_rd_field(c, k, k->payload, r);
}

static inline const char *rp_rd_str(const struct rp_evclass *c,
				    const struct rp_kdec *k, enum rp_role r)
{
	if (c->idx[r] < 0)
		return NULL;
	if (k->rec)
		return k->rec->u.ev.s[c->idx[r]];
	return bt_field_string_get_value(
		bt_field_structure_borrow_member_field_by_index_const(k->payload,
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
			       const struct rp_kdec *k, enum rp_role r)
{
	const char *s;

	if (!task || task->comm[0] || !task->tid)
		return;
	s = rp_rd_str(c, k, r);
	if (s)
		rp_task_set_comm(task, s);
}

/*
 * One step per kind: decode the kind's members of @k->payload into @ev and
 * update the task table; 1: @ev is decoded (@k->task set), 2: decoded but
 * only to be counted (an event the models already saw), 0: nothing to
 * report, -1: out of memory.
 */
typedef int (*rp_kind_step)(struct rp_decoder *d, const struct rp_evclass *c,
			    struct rp_kdec *k, struct rp_kevent *ev);

static int rp_step_switch(struct rp_decoder *d, const struct rp_evclass *c,
			  struct rp_kdec *k, struct rp_kevent *ev)
{
	uint32_t prev = (uint32_t)rp_rd(c, k, RP_R_PEER_TID);
	struct rp_tasks *t = &d->tasks;
	struct rp_task *peer = k->peer;
	uint64_t gen;

	if (!peer || k->peer_tid != prev)
		peer = rp_resolve_on(d, ev->cpu, prev);
	if (!peer)
		return -1;
	rp_comm_if_unknown(peer, c, k, RP_R_PEER_COMM);
	gen = t->gen;
	k->task = rp_tasks_resolve(t, k->tid);
	if (!k->task)
		return -1;
	rp_comm_if_unknown(k->task, c, k, RP_R_COMM);
	/* Resolving next may have moved the table. */
	if (gen != t->gen)
		peer = rp_tasks_find(t, prev);
	rp_kev_task_set(&ev->peer, peer, prev);
	if (ev->cpu < RP_MAX_CPUS)
		d->cur[ev->cpu] = (struct rp_cpu_cur){
			.tid = k->tid, .gen = t->gen, .task = k->task,
		};
	return 1;
}

/* The subject alone (exit), or its CPUs too (migration, NUMA balancing). */
static int rp_step_task(struct rp_decoder *d, const struct rp_evclass *c,
			struct rp_kdec *k, struct rp_kevent *ev)
{
	ev->orig_cpu = c->idx[RP_R_ORIG_CPU] < 0 ? 0 :
		       (uint32_t)rp_rd(c, k, RP_R_ORIG_CPU);
	ev->dest_cpu = c->idx[RP_R_DEST_CPU] < 0 ? 0 :
		       (uint32_t)rp_rd(c, k, RP_R_DEST_CPU);
	k->task = rp_tasks_resolve(&d->tasks, k->tid);
	if (!k->task)
		return -1;
	if (c->kind == RP_K_MIGRATE)
		rp_comm_if_unknown(k->task, c, k, RP_R_COMM);
	return 1;
}

static int rp_step_fork(struct rp_decoder *d, const struct rp_evclass *c,
			struct rp_kdec *k, struct rp_kevent *ev)
{
	uint32_t ptid = c->idx[RP_R_PEER_TID] >= 0 ?
		(uint32_t)rp_rd(c, k, RP_R_PEER_TID) : 0;
	struct rp_tasks *t = &d->tasks;
	struct rp_task *task, *peer;
	const char *s;

	/* A thread already forked at its perf_fork (rp_step_perf_fork). */
	task = rp_tasks_get(t, k->tid);
	if (task && (task->flags & RP_TASK_FORKED)) {
		rp_kev_task_set(&ev->peer, rp_tasks_find(t, ptid), ptid);
		k->task = task;
		return 2;
	}
	if (c->idx[RP_R_PEER_TGID] >= 0)
		peer = rp_tasks_learn(t, ptid,
				      (uint32_t)rp_rd(c, k, RP_R_PEER_TGID));
	else
		peer = rp_tasks_resolve(t, ptid);
	if (!peer)
		return -1;
	/* A reused tid: forget the dead task (perf_fork already did). */
	if (task && (task->flags & RP_TASK_DEAD))
		rp_task_reset(task);
	if (c->idx[RP_R_TGID] >= 0)
		task = rp_tasks_learn(t, k->tid, (uint32_t)rp_rd(c, k, RP_R_TGID));
	else	/* perf: perf_fork, just before, told the tgid. */
		task = rp_tasks_resolve(t, k->tid);
	if (!task)
		return -1;
	peer = rp_tasks_find(t, ptid);
	task->flags &= ~RP_TASK_DEAD;
	if (!task->ppid && peer)
		task->ppid = peer->tgid;
	rp_task_inherit(t, task, ptid);
	s = rp_rd_str(c, k, RP_R_COMM);
	if (s)
		rp_task_set_comm(task, s);
	else if (peer && !task->comm[0])
		memcpy(task->comm, peer->comm, RP_COMM_LEN);
	rp_kev_task_set(&ev->peer, peer, ptid);
	k->task = task;
	return 1;
}

static int rp_step_newtask(struct rp_decoder *d, const struct rp_evclass *c,
			   struct rp_kdec *k, struct rp_kevent *ev __attribute__((unused)))
{
	uint64_t flags = c->idx[RP_R_CLONE_FLAGS] >= 0 ?
			 (uint64_t)rp_rd(c, k, RP_R_CLONE_FLAGS) : 0;
	struct rp_task *task;

	/* Only a CLONE_VM child leading its own thread group matters. */
	if (!k->tid || (flags & (RP_CLONE_VM | RP_CLONE_THREAD)) != RP_CLONE_VM)
		return 0;
	task = rp_tasks_get(&d->tasks, k->tid);
	if (task && (task->flags & RP_TASK_DEAD))
		rp_task_reset(task);
	task = rp_tasks_learn(&d->tasks, k->tid, k->tid);
	if (!task)
		return -1;
	task->flags |= RP_TASK_VFORK;
	k->task = task;
	return 1;
}

static int rp_step_exec(struct rp_decoder *d, const struct rp_evclass *c,
			struct rp_kdec *k, struct rp_kevent *ev __attribute__((unused)))
{
	const char *s;

	k->task = rp_tasks_resolve(&d->tasks, k->tid);
	if (!k->task)
		return -1;
	k->task->flags &= ~(RP_TASK_KTHREAD | RP_TASK_VFORK);
	s = rp_rd_str(c, k, RP_R_FILENAME);
	if (s) {
		const char *base = strrchr(s, '/');

		rp_task_set_comm(k->task, base ? base + 1 : s);
	}
	return 1;
}

static int rp_step_free(struct rp_decoder *d, const struct rp_evclass *c __attribute__((unused)),
			struct rp_kdec *k, struct rp_kevent *ev __attribute__((unused)))
{
	k->task = rp_tasks_resolve(&d->tasks, k->tid);
	if (!k->task)
		return -1;
	k->task->flags |= RP_TASK_DEAD;
	return 1;
}

static int rp_step_rseq(struct rp_decoder *d, const struct rp_evclass *c,
			struct rp_kdec *k, struct rp_kevent *ev)
{
	/* perf: the task is the current one; LTTng names it. */
	if (c->idx[RP_R_TID] < 0)
		k->tid = k->peer ? k->peer_tid :
			 ev->cpu < RP_MAX_CPUS ? d->cur[ev->cpu].tid : 0;
	k->task = rp_resolve_on(d, ev->cpu, k->tid);
	if (!k->task)
		return -1;
	ev->cpu_id = c->idx[RP_R_CPU_ID] >= 0 ?
		(int32_t)rp_rd(c, k, RP_R_CPU_ID) : (int32_t)ev->cpu;
	if (c->idx[RP_R_NODE_ID] >= 0)
		ev->node_id = (int32_t)rp_rd(c, k, RP_R_NODE_ID);
	if (c->idx[RP_R_MM_CID] >= 0)
		ev->mm_cid = (int32_t)rp_rd(c, k, RP_R_MM_CID);
	return 1;
}

/* The task table's side band: LTTng's statedump, perf's fork and comm. */
static int rp_step_task_info(struct rp_decoder *d, const struct rp_evclass *c,
			     struct rp_kdec *k, struct rp_kevent *ev __attribute__((unused)))
{
	struct rp_tasks *t = &d->tasks;
	uint64_t corrections;
	struct rp_task *task;
	bool guessed_user;
	const char *s;

	if (!k->tid)
		return 0;
	task = rp_tasks_find(t, k->tid);
	if (task && (task->flags & RP_TASK_DEAD) && c->kind != RP_K_PERF_COMM)
		rp_task_reset(task);
	/* A user process guessed from earlier events, before this entry. */
	guessed_user = task && !(task->flags & RP_TASK_KTHREAD) &&
		       (task->flags & RP_TASK_GUESSED);
	corrections = t->corrections;
	task = rp_tasks_learn(t, k->tid, c->idx[RP_R_TGID] >= 0 ?
			      (uint32_t)rp_rd(c, k, RP_R_TGID) : k->tid);
	if (!task)
		return -1;
	k->task = task;
	s = rp_rd_str(c, k, RP_R_COMM);
	if (s)
		rp_task_set_comm(task, s);
	if (c->kind == RP_K_PERF_COMM)
		return 1;
	task->flags &= ~RP_TASK_DEAD;
	if (c->idx[RP_R_PPID] >= 0)
		task->ppid = (uint32_t)rp_rd(c, k, RP_R_PPID);
	if (c->idx[RP_R_TYPE] >= 0 && rp_rd(c, k, RP_R_TYPE) == 1)
		task->flags |= RP_TASK_KTHREAD;
	rp_task_inherit(t, task, c->idx[RP_R_PEER_TID] >= 0 ?
			(uint32_t)rp_rd(c, k, RP_R_PEER_TID) : task->ppid);
	/*
	 * A kernel thread seen in events before its statedump entry was
	 * modelled as a single-threaded process: that guess was wrong.
	 */
	if (guessed_user && (task->flags & RP_TASK_KTHREAD) &&
	    t->corrections == corrections)
		t->corrections++;
	return 1;
}

/*
 * perf_fork of a new thread (its pid, the child's tgid, is its ppid): the
 * fork itself, as the kernel sees it.  The kernel gives the thread its id
 * (and counts the mm's new user) in copy_process(), just before it writes
 * perf_fork; sched_process_fork comes after copy_process() returns, and a
 * parent preempted in between leaves the models behind the kernel for as
 * long (1.7 ms seen, VALIDATION.md).  Processes keep sched_process_fork:
 * only task_newtask, after perf_fork, says whether a child shares the mm.
 */
static int rp_step_perf_fork(struct rp_decoder *d, const struct rp_evclass *c,
			     struct rp_kdec *k, struct rp_kevent *ev)
{
	uint32_t ptid = c->idx[RP_R_PEER_TID] >= 0 ?
		(uint32_t)rp_rd(c, k, RP_R_PEER_TID) : 0;
	uint32_t ppid = c->idx[RP_R_PPID] >= 0 ?
		(uint32_t)rp_rd(c, k, RP_R_PPID) : 0;
	struct rp_task *peer;
	int ret;

	ret = rp_step_task_info(d, c, k, ev);
	if (ret <= 0 || d->fork_at_sched_process_fork || !ev->ts || !ptid ||
	    k->task->tgid != ppid || k->tid == ppid ||
	    !(d->declared & d->wanted & (1u << RP_KEV_FORK)))
		return ret;
	peer = rp_tasks_resolve(&d->tasks, ptid);
	if (!peer)
		return -1;
	/* Resolving the parent may have moved the table. */
	k->task = rp_tasks_find(&d->tasks, k->tid);
	if (!k->task->comm[0])
		memcpy(k->task->comm, peer->comm, RP_COMM_LEN);
	k->task->flags |= RP_TASK_FORKED;
	rp_kev_task_set(&ev->peer, peer, ptid);
	ev->type = RP_KEV_FORK;
	return 1;
}

static const rp_kind_step rp_kind_steps[RP_K_NR] = {
	[RP_K_NONE] = NULL,
	[RP_K_SWITCH] = rp_step_switch,
	[RP_K_MIGRATE] = rp_step_task,
	[RP_K_FORK] = rp_step_fork,
	[RP_K_EXEC] = rp_step_exec,
	[RP_K_EXIT] = rp_step_task,
	[RP_K_FREE] = rp_step_free,
	[RP_K_RSEQ] = rp_step_rseq,
	[RP_K_STATEDUMP] = rp_step_task_info,
	[RP_K_PERF_FORK] = rp_step_perf_fork,
	[RP_K_PERF_COMM] = rp_step_task_info,
	[RP_K_NEWTASK] = rp_step_newtask,
	[RP_K_MOVE_NUMA] = rp_step_task,
	[RP_K_STICK_NUMA] = rp_step_task,
	[RP_K_SWAP_NUMA] = rp_step_task,
};

/* The event's CPU: a payload member, else its packet's. */
static uint32_t rp_event_cpu(struct rp_decoder *d, const struct rp_evclass *c,
			     const bt_event *event, const struct rp_kdec *k)
{
	if (c->idx[RP_R_CPU] >= 0)
		return (uint32_t)rp_rd(c, k, RP_R_CPU);
	if (c->pkt_cpu >= 0) {
		/* Packets change rarely: their CPU is read once per packet. */
		const bt_packet *pkt = bt_event_borrow_packet_const(event);

		if (pkt != d->last_packet) {
			const bt_field *ctx = bt_packet_borrow_context_field_const(pkt);

			d->last_packet = pkt;
			d->last_packet_cpu = (uint32_t)bt_field_integer_unsigned_get_value(
				bt_field_structure_borrow_member_field_by_index_const(
					ctx, (uint64_t)c->pkt_cpu));
		}
		return d->last_packet_cpu;
	}
	return 0;
}

/* The event's time: 0 without a clock (or before its origin). */
static uint64_t rp_event_ts(const struct rp_evclass *c, const bt_message *msg)
{
	int64_t ns;

	if (c->has_clock &&
	    bt_clock_snapshot_get_ns_from_origin(
		    bt_message_event_borrow_default_clock_snapshot_const(msg),
		    &ns) == BT_CLOCK_SNAPSHOT_GET_NS_FROM_ORIGIN_STATUS_OK &&
	    ns > 0)
		return (uint64_t)ns;
	return 0;
}

/* The field holding the current task's members (perf payload or LTTng context). */
static inline const bt_field *rp_cur_field(const struct rp_evclass *c,
					   const bt_event *event,
					   const bt_field *payload)
{
	return c->cur_in_ctx ? bt_event_borrow_common_context_field_const(event) : payload;
}

/*
 * perf (and LTTng's tid/pid contexts): the current task and its tgid come
 * with every event; read them only when that task's tgid is not known yet.
 * Sets @k->peer and @k->peer_tid; -1 when out of memory.
 */
static int rp_current_task(struct rp_decoder *d, const struct rp_evclass *c,
			   const bt_event *event, uint32_t cpu, struct rp_kdec *k)
{
	const bt_field *cur;
	int64_t ptid, ppid;

	if (k->peer || c->idx[RP_R_PERF_TID] < 0 || c->idx[RP_R_PERF_PID] < 0)
		return 0;
	cur = k->rec ? NULL : rp_cur_field(c, event, k->payload);
	ptid = rp_rd_field(c, k, cur, RP_R_PERF_TID);
	k->peer = ptid > 0 ? rp_find_on(d, cpu, (uint32_t)ptid) : NULL;
	if (ptid > 0 && (!k->peer || !k->peer->tgid || (k->peer->flags & RP_TASK_GUESSED))) {
		ppid = rp_rd_field(c, k, cur, RP_R_PERF_PID);
		if (ppid > 0)
			k->peer = rp_tasks_learn(&d->tasks, (uint32_t)ptid, (uint32_t)ppid);
		if (!k->peer)
			return -1;
	}
	k->peer_tid = (uint32_t)ptid;
	return 0;
}

/*
 * Decode the event of class @c read through @k (@event: NULL for a record)
 * into @ev, whose time and CPU are set: as the kind's step (rp_kind_step).
 */
static int rp_decode_event(struct rp_decoder *d, const struct rp_evclass *c,
			   const bt_event *event, struct rp_kdec *k,
			   struct rp_kevent *ev)
{
	int ret;

	ev->type = rp_kind_type[c->kind];
	memset(&ev->task, 0, sizeof(ev->task));
	memset(&ev->peer, 0, sizeof(ev->peer));
	ev->node_id = -1;
	ev->mm_cid = -1;
	ev->counted = true;

	if (c->idx[RP_R_TID] >= 0)
		k->tid = (uint32_t)rp_rd(c, k, RP_R_TID);
	if (c->kind == RP_K_SWITCH) {
		/*
		 * prev is the current task: once its thread group is known,
		 * perf_tid/perf_pid would only repeat it.
		 */
		uint32_t prev = (uint32_t)rp_rd(c, k, RP_R_PEER_TID);

		k->peer = rp_find_on(d, ev->cpu, prev);
		if (k->peer && k->peer->tgid && !(k->peer->flags & RP_TASK_GUESSED))
			k->peer_tid = prev;
		else
			k->peer = NULL;
	}
	if (rp_current_task(d, c, event, ev->cpu, k))
		return -1;
	ret = rp_kind_steps[c->kind](d, c, k, ev);
	if (ret <= 0)
		return ret;
	rp_kev_task_set(&ev->task, k->task, k->tid);
	/* A vfork child joins its parent's mm (it has its own at exec). */
	if (c->kind == RP_K_FORK && (k->task->flags & RP_TASK_VFORK))
		ev->task.mm = ev->peer.mm;
	return ret;
}

/*
 * rp_drop_repeat() - true when @ev repeats the previous event of its CPU
 *
 * perf has been seen writing a run of records twice into perf.data (same
 * CPU, time and fields; `perf script` shows both): replaying them would
 * count context switches that never happened.  Such repeats are dropped
 * and counted (reported as duplicate events).
 */
static bool rp_drop_repeat(struct rp_decoder *d, const struct rp_kevent *ev,
			   enum rp_kind kind)
{
	bool migrate = ev->type == RP_KEV_MIGRATE;
	bool rseq = ev->type == RP_KEV_RSEQ_UPDATE;
	struct rp_kev_key key, *last;

	/* Without a clock (hand-built scenarios) nothing tells repeats apart. */
	if (!ev->ts || ev->cpu >= RP_MAX_CPUS || ev->type == RP_KEV_TASK_INFO)
		return false;
	key = (struct rp_kev_key){
		.ts = ev->ts,
		.kind = kind,
		.tid = ev->task.tid,
		.peer = ev->peer.tid,
		.a = migrate ? ev->orig_cpu : rseq ? (uint32_t)ev->cpu_id : 0,
		.b = migrate ? ev->dest_cpu : rseq ? (uint32_t)ev->mm_cid : 0,
	};
	last = &d->last_ev[ev->cpu];
	if (last->ts == key.ts && last->kind == key.kind &&
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
		rp_schema_lookup(d, bt_stream_class_borrow_event_class_by_index_const(sc, i));
}

/* After rp_decode_event() returned @ret: drop repeats, count; as rp_decoder_message(). */
static int rp_decoded(struct rp_decoder *d, const struct rp_evclass *c, int ret,
		      struct rp_kevent *ev)
{
	if (ret <= 0)
		return ret;
	if (rp_drop_repeat(d, ev, c->kind))
		return 0;
	/* Counted as the trace holds them (perf_fork: task info). */
	d->counts[rp_kind_type[c->kind]]++;
	return ret == 1;
}

int rp_decoder_message(struct rp_decoder *d, const bt_message *msg,
		       struct rp_kevent *ev)
{
	struct rp_kdec k = { 0 };
	uint64_t count;

	switch (bt_message_get_type(msg)) {
	case BT_MESSAGE_TYPE_EVENT: {
		const bt_event *event = bt_message_event_borrow_event_const(msg);
		const struct rp_evclass *c =
			rp_schema_lookup(d, bt_event_borrow_class_const(event));

		d->events++;
		if (!c)
			return -1;
		if (c->kind == RP_K_NONE)
			return 0;
		if (!(d->wanted & (1u << rp_kind_type[c->kind]))) {
			d->counts[rp_kind_type[c->kind]]++;
			return 0;
		}
		k.payload = bt_event_borrow_payload_field_const(event);
		ev->ts = rp_event_ts(c, msg);
		ev->cpu = rp_event_cpu(d, c, event, &k);
		return rp_decoded(d, c, rp_decode_event(d, c, event, &k, ev), ev);
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

/* Value slot of string role @r in a record: comm (or exec's file name), peer comm. */
static int rp_rec_str_slot(enum rp_role r)
{
	return r == RP_R_PEER_COMM ? 1 : 0;
}

static bool rp_role_is_str(enum rp_role r)
{
	return r == RP_R_COMM || r == RP_R_PEER_COMM || r == RP_R_FILENAME;
}

/* Copy at most RP_COMM_LEN - 1 bytes of @s (exec: of its base name) into @dst. */
static void rp_rec_str(char *dst, const char *s, enum rp_role r)
{
	const char *base = r == RP_R_FILENAME ? strrchr(s, '/') : NULL;
	size_t n;

	if (base)
		s = base + 1;
	n = strnlen(s, RP_COMM_LEN - 1);
	memcpy(dst, s, n);
	dst[n] = '\0';
}

int rp_decoder_extract(struct rp_decoder *d, const bt_message *msg, struct rp_rec *rec)
{
	const bt_event *event = bt_message_event_borrow_event_const(msg);
	const struct rp_evclass *c = rp_schema_lookup(d, bt_event_borrow_class_const(event));
	struct rp_kdec k = { 0 };
	const bt_field *cur = NULL;
	unsigned int n = 0;
	int r;

	if (!c)
		return -1;
	rec->kind = (uint8_t)c->kind;
	rec->present = 0;
	rec->cpu = 0;
	if (c->kind == RP_K_NONE)
		return 0;
	k.payload = bt_event_borrow_payload_field_const(event);
	rec->cpu = rp_event_cpu(d, c, event, &k);
	if (rp_event_ts(c, msg))
		rec->flags |= RP_REC_TS_OK;
	for (r = 0; r < RP_R_NR; r++) {
		if (c->idx[r] < 0 || r == RP_R_CPU)
			continue;
		rec->present |= 1u << r;
		if (rp_role_is_str(r)) {
			rp_rec_str(rec->u.ev.s[rp_rec_str_slot(r)], rp_rd_str(c, &k, r), r);
			continue;
		}
		if (n == RP_REC_VALUES)
			return -1;
		if ((r == RP_R_PERF_TID || r == RP_R_PERF_PID) && !cur)
			cur = rp_cur_field(c, event, k.payload);
		rec->u.ev.v[n++] = rp_rd_field(c, &k, r == RP_R_PERF_TID ||
					       r == RP_R_PERF_PID ? cur : k.payload, r);
	}
	return 0;
}

uint32_t rp_decoder_declare(struct rp_decoder *d, const bt_stream *stream)
{
	rp_declare_stream(d, stream);
	return d->declared;
}

/* The class a record of @kind with the roles @present stands for. */
static const struct rp_evclass *rp_rec_class(struct rp_decoder *d, enum rp_kind kind,
					     uint32_t present)
{
	struct rp_evclass *c;
	int r, n = 0;

	if (!d->rec_classes) {
		d->rec_classes = calloc(RP_K_NR, sizeof(*d->rec_classes));
		if (!d->rec_classes)
			return NULL;
	}
	c = &d->rec_classes[kind];
	if (c->kind == kind && c->key == (const void *)(uintptr_t)(present + 1ULL))
		return c;
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->key = (const void *)(uintptr_t)(present + 1ULL);
	c->pkt_cpu = -1;
	for (r = 0; r < RP_R_NR; r++) {
		c->idx[r] = -1;
		if (!(present & (1u << r)))
			continue;
		c->idx[r] = rp_role_is_str(r) ? rp_rec_str_slot(r) : n++;
	}
	return c;
}

int rp_decoder_record(struct rp_decoder *d, const struct rp_rec *rec, struct rp_kevent *ev)
{
	struct rp_kdec k = { .rec = rec };
	const struct rp_evclass *c;
	enum rp_kev_type t;

	switch (rec->type) {
	case RP_REC_EVENT:
		d->events++;
		if (rec->kind == RP_K_NONE)
			return 0;
		if (rec->kind >= RP_K_NR)
			return -1;
		t = rp_kind_type[rec->kind];
		if (!(d->wanted & (1u << t))) {
			d->counts[t]++;
			return 0;
		}
		c = rp_rec_class(d, (enum rp_kind)rec->kind, rec->present);
		if (!c)
			return -1;
		ev->ts = (rec->flags & RP_REC_TS_OK) && rec->ns > 0 ? (uint64_t)rec->ns : 0;
		ev->cpu = rec->cpu;
		return rp_decoded(d, c, rp_decode_event(d, c, NULL, &k, ev), ev);
	case RP_REC_STREAM_BEGINNING:
		d->declared |= rec->u.declared;
		return 0;
	case RP_REC_LACK:
		if (rec->u.lack.type < RP_KEV_NR && !d->lacks[rec->u.lack.type]) {
			snprintf(d->lack_names[rec->u.lack.type], sizeof(d->lack_names[0]),
				 "%s", rec->u.lack.name);
			d->lacks[rec->u.lack.type] = d->lack_names[rec->u.lack.type];
		}
		return 0;
	case RP_REC_DISCARDED_EVENTS:
		if (rec->flags & RP_REC_COUNT)
			d->loss.events += rec->u.count;
		else
			d->loss.events_unknown++;
		return 0;
	case RP_REC_DISCARDED_PACKETS:
		if (rec->flags & RP_REC_COUNT)
			d->loss.packets += rec->u.count;
		else
			d->loss.packets_unknown++;
		return 0;
	default:
		return 0;
	}
}
