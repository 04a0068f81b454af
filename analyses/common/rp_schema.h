/* SPDX-License-Identifier: MIT */
/*
 * rp_schema.h - the decoder's event-class schema: what each event class of
 * a trace is (enum rp_kind) and where the members the decoder reads lie in
 * its payload (enum rp_role), whatever the tracer's layout (perf CTF,
 * lttng-modules, the scenario recorder).  Private to the decoder.
 */
#ifndef RP_SCHEMA_H
#define RP_SCHEMA_H

#include <stdbool.h>
#include <babeltrace2/babeltrace.h>

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
	RP_K_NR,
};

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

/* The event type each kind decodes to. */
extern const enum rp_kev_type rp_kind_type[RP_K_NR];

/**
 * rp_schema_find() - the descriptor of @ec, described on first sight
 * @d:		the decoder (its class table and caches)
 * @ec:		the event class
 *
 * Also records what the trace declares (@d->declared, @d->lacks).
 * Return: the descriptor, NULL when out of memory.
 */
struct rp_evclass *rp_schema_find(struct rp_decoder *d, const bt_event_class *ec);

/* Free every descriptor of @d. */
void rp_schema_fini(struct rp_decoder *d);

/* The descriptor of @ec: kernel traces alternate a few classes, cached. */
static inline struct rp_evclass *rp_schema_lookup(struct rp_decoder *d,
						  const bt_event_class *ec)
{
	struct rp_evclass *c;

	if (d->last_key == ec)
		return d->last;
	if (d->last2_key == ec) {
		c = d->last2;
		d->last2_key = d->last_key;
		d->last2 = d->last;
		d->last_key = ec;
		d->last = c;
		return c;
	}
	return rp_schema_find(d, ec);
}

#endif /* RP_SCHEMA_H */
