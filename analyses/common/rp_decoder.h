/* SPDX-License-Identifier: MIT */
/*
 * rp_decoder.h - kernel scheduler events of every supported layout,
 * normalized into one struct rp_kevent.
 *
 * Layouts (selected per event class by its name and field names; the
 * provider prefix before ':' is ignored, so "sched:sched_switch",
 * "sched_switch" and "rseqprof_scenario:sched_switch" are the same event):
 *
 * perf CTF (perf data convert --all --to-ctf):
 *   sched:sched_switch       prev_pid, next_pid, prev_comm, next_comm
 *   sched:sched_migrate_task pid, orig_cpu, dest_cpu
 *   sched:sched_process_fork parent_pid, child_pid (both thread ids)
 *   sched:sched_process_exec pid, old_pid
 *   sched:sched_process_exit / sched_process_free  pid
 *   rseq:rseq_update         cpu_id, node_id, mm_cid
 *   task:task_newtask        pid (the child), clone_flags: a CLONE_VM
 *                            child of its own thread group (vfork) uses
 *                            its parent's mm until it execs
 *   every event: perf_tid, perf_pid of the current task (switch: prev)
 *   side band: perf_fork / perf_comm (pid = tgid, tid, ppid / comm),
 *   including a statedump of every existing thread at time 0.
 *   Thread vs process of a fork comes from perf_fork's pid (the child's
 *   tgid), written before sched_process_fork.  A new thread's fork is
 *   replayed at its perf_fork (see rp_step_perf_fork()).
 * lttng-modules:
 *   sched_switch prev_tid, next_tid; sched_migrate_task tid, orig_cpu,
 *   dest_cpu; sched_process_fork parent_tid, parent_pid, child_tid,
 *   child_pid (child_pid is the child's tgid); sched_process_exec tid,
 *   old_tid; sched_process_exit / free tid; lttng_statedump_process_state
 *   tid, pid, ppid, name, type (1: kernel thread).  The "tid" and "pid"
 *   event contexts, when the channel has them, give the current task's
 *   tgid as perf_tid/perf_pid do.
 * hand-built scenarios (tests/analyses/scenario, provider rseqprof_scenario):
 *   the lttng-modules layout plus an explicit "cpu" field.
 *
 * The CPU of an event is its "cpu" payload field when the class has one
 * (scenario layout), otherwise the packet context's "cpu_id".
 *
 * Thread groups: every event's tasks are resolved through the task table
 * (rp_tasks.h).  A task whose tgid was never learnt is taken for a process
 * leader (tid == tgid) and counted in rp_tasks.guesses; the report states it.
 *
 * Speed: fields are looked up by name once per event class; each event then
 * reads its members by index.  A one-entry cache plus a pointer hash map
 * find the class descriptor.
 */
#ifndef RP_DECODER_H
#define RP_DECODER_H

#include <stdbool.h>
#include <stdint.h>
#include <babeltrace2/babeltrace.h>

#include "rp_record.h"
#include "rp_tasks.h"

#define RP_MAX_CPUS	4096

enum rp_kev_type {
	RP_KEV_NONE,		/* not a scheduler event: nothing to do */
	RP_KEV_SWITCH,		/* sched_switch: peer = prev, task = next */
	RP_KEV_MIGRATE,		/* sched_migrate_task: task, orig_cpu, dest_cpu */
	RP_KEV_FORK,		/* sched_process_fork: peer = parent, task = child */
	RP_KEV_EXEC,		/* sched_process_exec: task */
	RP_KEV_EXIT,		/* sched_process_exit: task (its mm is released) */
	RP_KEV_FREE,		/* sched_process_free: task */
	RP_KEV_RSEQ_UPDATE,	/* rseq_update: task = current, cpu_id, node_id, mm_cid */
	RP_KEV_TASK_INFO,	/* statedump / perf side band: task table only */
	/* The kernel's NUMA balancing: task (pid / src_pid), orig/dest_cpu */
	RP_KEV_MOVE_NUMA,	/* sched_move_numa */
	RP_KEV_STICK_NUMA,	/* sched_stick_numa */
	RP_KEV_SWAP_NUMA,	/* sched_swap_numa */
	RP_KEV_NR,
};

/**
 * struct rp_kev_task - a task as an event sees it
 * @tid:	thread id (0: idle)
 * @tgid:	thread-group id, resolved through the task table
 * @mm:		the model's mm: @tgid, or 0 for idle and kernel threads
 * @info:	task-table entry (comm, flags); valid until the next event
 */
struct rp_kev_task {
	uint32_t tid;
	uint32_t tgid;
	uint32_t mm;
	const struct rp_task *info;
};

/**
 * struct rp_kevent - one normalized kernel event
 * @type:	what happened
 * @ts:		nanoseconds from the clock's origin (0 without a clock)
 * @cpu:	CPU the event happened on
 * @task:	the task the event is about (switch: next; fork: child)
 * @peer:	the other task (switch: prev; fork: parent), zero otherwise
 * @orig_cpu:	migrate, NUMA balancing: source CPU
 * @dest_cpu:	migrate, NUMA balancing: destination CPU
 * @cpu_id:	rseq_update: cpu_id field
 * @node_id:	rseq_update: node_id field, -1 when absent
 * @mm_cid:	rseq_update: mm_cid field, -1 when absent
 * @counted:	set by rp_sink: inside the time range and matching the filter
 */
struct rp_kevent {
	enum rp_kev_type type;
	uint64_t ts;
	uint32_t cpu;
	struct rp_kev_task task;
	struct rp_kev_task peer;
	uint32_t orig_cpu;
	uint32_t dest_cpu;
	int32_t cpu_id;
	int32_t node_id;
	int32_t mm_cid;
	bool counted;
};

/**
 * struct rp_loss - discarded events and packets reported by the trace
 * @events:		sum of the known discarded-event counts
 * @events_unknown:	discarded-events messages without a count
 * @packets:		sum of the known discarded-packet counts
 * @packets_unknown:	discarded-packets messages without a count
 * @extra_events:	losses reported by the recorder (parameter lost-events)
 */
struct rp_loss {
	uint64_t events;
	uint64_t events_unknown;
	uint64_t packets;
	uint64_t packets_unknown;
	uint64_t extra_events;
};

/* True when any loss, known or not, was reported: percentages are approximate. */
static inline bool rp_loss_any(const struct rp_loss *l)
{
	return l->events || l->events_unknown || l->packets ||
	       l->packets_unknown || l->extra_events;
}

/* Total known lost events (trace + recorder). */
static inline uint64_t rp_loss_events(const struct rp_loss *l)
{
	return l->events + l->extra_events;
}

/*
 * What identifies a decoded event on its CPU: two events of one CPU with
 * the same time and the same fields are one event the recorder wrote twice.
 */
struct rp_kev_key {
	uint64_t ts;
	uint32_t kind;	/* enum rp_kind: a fork from perf_fork is not its sched_process_fork */
	uint32_t tid;
	uint32_t peer;
	uint32_t a;	/* migration: orig_cpu; rseq_update: cpu_id */
	uint32_t b;	/* migration: dest_cpu; rseq_update: mm_cid */
};

struct rp_evclass;

/**
 * struct rp_decoder - decoding state shared by one sink
 * @tasks:	the task table
 * @loss:	discarded events and packets seen so far
 * @events:	all event messages seen
 * @counts:	decoded events per type (index enum rp_kev_type)
 * @declared:	event types declared by the trace's metadata (bit per type)
 * @lacks:	per type, a field its event class lacks (the class is then
 *		not used), NULL when none
 * @wanted:	bit (1 << type) of the types to decode; the others are only
 *		counted in @counts (task-info events are always decoded)
 * @fork_at_sched_process_fork:	replay a new thread's fork at its
 *		sched_process_fork, as rseqprof.ko sees it, not at perf's
 *		perf_fork, where the kernel gives its id
 * @errors:	events of a known type whose fields could not be read
 * @cur:	current task per CPU, from sched_switch: its tid (for
 *		rseq_update without a tid) and its task-table entry, valid
 *		while the table's generation is @gen (the events of a CPU
 *		are mostly about its current task: no lookup for those)
 * @classes:	owned hash map, const bt_event_class * -> descriptor
 * @last:	two-entry cache of @classes (@last, then @last2)
 * @last_packet:	borrowed: packet of the last event read
 * @last_packet_cpu:	its context's cpu_id
 * @rec_classes:	owned: per kind, the class of the last record decoded
 *		(rp_decoder_record())
 * @lack_names:	storage for @lacks learnt from records
 */
struct rp_decoder {
	struct rp_tasks tasks;
	struct rp_loss loss;
	uint64_t events;
	uint64_t counts[RP_KEV_NR];
	uint32_t declared;
	const char *lacks[RP_KEV_NR];
	uint32_t wanted;
	bool fork_at_sched_process_fork;
	uint64_t errors;
	struct rp_cpu_cur {
		uint32_t tid;
		uint64_t gen;
		struct rp_task *task;
	} cur[RP_MAX_CPUS];
	struct rp_kev_key last_ev[RP_MAX_CPUS];
	uint64_t duplicates;
	struct rp_evclass **classes;
	size_t classes_cap;
	size_t classes_nr;
	const bt_event_class *last_key;
	struct rp_evclass *last;
	const bt_event_class *last2_key;
	struct rp_evclass *last2;
	const bt_packet *last_packet;
	uint32_t last_packet_cpu;
	struct rp_evclass *rec_classes;
	char lack_names[RP_KEV_NR][32];
};

/* Every type is wanted after init; set @wanted to decode fewer. */
int rp_decoder_init(struct rp_decoder *d);
void rp_decoder_fini(struct rp_decoder *d);

/**
 * rp_decoder_message() - account for one message, decode it when it is an event
 * @d:		the decoder
 * @msg:	any message
 * @ev:		filled when the return value is 1
 *
 * Discarded events/packets messages update @d->loss; stream beginnings
 * update @d->declared.
 *
 * Return: 1 when @ev holds a scheduler event (type != RP_KEV_NONE; task-info
 * events are returned too, after they updated the task table), 0 when there
 * is nothing for the analysis, -1 when out of memory.
 */
int rp_decoder_message(struct rp_decoder *d, const bt_message *msg,
		       struct rp_kevent *ev);

/**
 * rp_decoder_extract() - what the decoder reads of an event, into a record
 * @d:		a decoder of the worker (its class table only)
 * @msg:	an event message
 * @rec:	receives kind, present, cpu, RP_REC_TS_OK and the members
 *
 * Return: 0, or -1 when out of memory.
 */
int rp_decoder_extract(struct rp_decoder *d, const bt_message *msg, struct rp_rec *rec);

/**
 * rp_decoder_declare() - learn the event classes of @stream's class
 * @d:		the decoder
 * @stream:	a stream beginning's stream
 *
 * As rp_decoder_message() does at a stream beginning.
 * Return: every type declared so far (bit per type).
 */
uint32_t rp_decoder_declare(struct rp_decoder *d, const bt_stream *stream);

/**
 * rp_decoder_record() - rp_decoder_message() for a worker's record
 * @d:		the decoder
 * @rec:	a record, in the order the muxer gives the messages
 * @ev:		filled when the return value is 1
 *
 * Return: as rp_decoder_message(): the same for the record of a message.
 */
int rp_decoder_record(struct rp_decoder *d, const struct rp_rec *rec, struct rp_kevent *ev);

/**
 * rp_kev_type_name() - stable name of @t ("sched_switch", ...)
 */
const char *rp_kev_type_name(enum rp_kev_type t);

/**
 * rp_decoder_missing() - which of the types in @needed the trace lacks
 * @d:		the decoder, after the whole trace
 * @needed:	bit (1 << type) per needed type
 * @buf:	receives "sched_switch, sched_migrate_task" (empty when none)
 * @len:	size of @buf
 *
 * A type counts as present when the metadata declares it or an event of
 * that type was decoded.
 * Return: the number of missing types.
 */
int rp_decoder_missing(const struct rp_decoder *d, uint32_t needed,
		       char *buf, size_t len);

#endif /* RP_DECODER_H */
