/* SPDX-License-Identifier: MIT */
/*
 * rseqprof_scenario_tp.h - LTTng-UST provider "rseqprof_scenario": the
 * lttng-modules scheduler events (same names, same field names and types)
 * plus an explicit "cpu" field, and the process statedump.  Hand-built
 * scenario traces written with it go through the real path (lttng-ust,
 * lttng-sessiond, CTF, babeltrace2) into the analyses, whose decoder
 * accepts this layout (analyses/common/rp_decoder.h).
 *
 * To add an event for a new scenario: one LTTNG_UST_TRACEPOINT_EVENT here and
 * one entry in scenario.c's directive table.
 */
#undef LTTNG_UST_TRACEPOINT_PROVIDER
#define LTTNG_UST_TRACEPOINT_PROVIDER rseqprof_scenario

#undef LTTNG_UST_TRACEPOINT_INCLUDE
#define LTTNG_UST_TRACEPOINT_INCLUDE "./rseqprof_scenario_tp.h"

#if !defined(RSEQPROF_SCENARIO_TP_H) || defined(LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ)
#define RSEQPROF_SCENARIO_TP_H

#include <stdint.h>
#include <lttng/tracepoint.h>

LTTNG_UST_TRACEPOINT_EVENT(rseqprof_scenario, sched_switch,
	LTTNG_UST_TP_ARGS(uint32_t, cpu, const char *, prev_comm, int32_t, prev_tid,
			  int32_t, prev_prio, int64_t, prev_state,
			  const char *, next_comm, int32_t, next_tid, int32_t, next_prio),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, cpu, cpu)
		lttng_ust_field_string(prev_comm, prev_comm)
		lttng_ust_field_integer(int32_t, prev_tid, prev_tid)
		lttng_ust_field_integer(int32_t, prev_prio, prev_prio)
		lttng_ust_field_integer(int64_t, prev_state, prev_state)
		lttng_ust_field_string(next_comm, next_comm)
		lttng_ust_field_integer(int32_t, next_tid, next_tid)
		lttng_ust_field_integer(int32_t, next_prio, next_prio)
	)
)

LTTNG_UST_TRACEPOINT_EVENT(rseqprof_scenario, sched_migrate_task,
	LTTNG_UST_TP_ARGS(uint32_t, cpu, const char *, comm, int32_t, tid,
			  int32_t, prio, int32_t, orig_cpu, int32_t, dest_cpu),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, cpu, cpu)
		lttng_ust_field_string(comm, comm)
		lttng_ust_field_integer(int32_t, tid, tid)
		lttng_ust_field_integer(int32_t, prio, prio)
		lttng_ust_field_integer(int32_t, orig_cpu, orig_cpu)
		lttng_ust_field_integer(int32_t, dest_cpu, dest_cpu)
	)
)

LTTNG_UST_TRACEPOINT_EVENT(rseqprof_scenario, sched_process_fork,
	LTTNG_UST_TP_ARGS(uint32_t, cpu, const char *, parent_comm, int32_t, parent_tid,
			  int32_t, parent_pid, const char *, child_comm,
			  int32_t, child_tid, int32_t, child_pid),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, cpu, cpu)
		lttng_ust_field_string(parent_comm, parent_comm)
		lttng_ust_field_integer(int32_t, parent_tid, parent_tid)
		lttng_ust_field_integer(int32_t, parent_pid, parent_pid)
		lttng_ust_field_string(child_comm, child_comm)
		lttng_ust_field_integer(int32_t, child_tid, child_tid)
		lttng_ust_field_integer(int32_t, child_pid, child_pid)
	)
)

LTTNG_UST_TRACEPOINT_EVENT(rseqprof_scenario, sched_process_exec,
	LTTNG_UST_TP_ARGS(uint32_t, cpu, const char *, filename, int32_t, tid,
			  int32_t, old_tid),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, cpu, cpu)
		lttng_ust_field_string(filename, filename)
		lttng_ust_field_integer(int32_t, tid, tid)
		lttng_ust_field_integer(int32_t, old_tid, old_tid)
	)
)

LTTNG_UST_TRACEPOINT_EVENT_CLASS(rseqprof_scenario, task_class,
	LTTNG_UST_TP_ARGS(uint32_t, cpu, const char *, comm, int32_t, tid, int32_t, prio),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, cpu, cpu)
		lttng_ust_field_string(comm, comm)
		lttng_ust_field_integer(int32_t, tid, tid)
		lttng_ust_field_integer(int32_t, prio, prio)
	)
)

LTTNG_UST_TRACEPOINT_EVENT_INSTANCE(rseqprof_scenario, task_class,
	rseqprof_scenario, sched_process_exit,
	LTTNG_UST_TP_ARGS(uint32_t, cpu, const char *, comm, int32_t, tid, int32_t, prio))

LTTNG_UST_TRACEPOINT_EVENT_INSTANCE(rseqprof_scenario, task_class,
	rseqprof_scenario, sched_process_free,
	LTTNG_UST_TP_ARGS(uint32_t, cpu, const char *, comm, int32_t, tid, int32_t, prio))

/* The kernel's rseq:rseq_update, with the task it is about. */
LTTNG_UST_TRACEPOINT_EVENT(rseqprof_scenario, rseq_update,
	LTTNG_UST_TP_ARGS(uint32_t, cpu, int32_t, tid, int32_t, cpu_id,
			  int32_t, node_id, int32_t, mm_cid),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, cpu, cpu)
		lttng_ust_field_integer(int32_t, tid, tid)
		lttng_ust_field_integer(int32_t, cpu_id, cpu_id)
		lttng_ust_field_integer(int32_t, node_id, node_id)
		lttng_ust_field_integer(int32_t, mm_cid, mm_cid)
	)
)

/* lttng-modules' lttng_statedump_process_state: type 1 is a kernel thread. */
LTTNG_UST_TRACEPOINT_EVENT(rseqprof_scenario, lttng_statedump_process_state,
	LTTNG_UST_TP_ARGS(int32_t, tid, int32_t, pid, int32_t, ppid,
			  const char *, name, int32_t, type),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(int32_t, tid, tid)
		lttng_ust_field_integer(int32_t, pid, pid)
		lttng_ust_field_integer(int32_t, ppid, ppid)
		lttng_ust_field_string(name, name)
		lttng_ust_field_integer(int32_t, type, type)
	)
)

#endif /* RSEQPROF_SCENARIO_TP_H */

#include <lttng/tracepoint-event.h>
