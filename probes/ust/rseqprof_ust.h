/* SPDX-License-Identifier: MIT */
/*
 * rseqprof_ust.h - LTTng-UST provider "rseqprof_ust": rseq reads of a
 * process's threads, thread lifetimes and the CPU -> NUMA node topology.
 *
 * Double-include tracepoint header (lttng-ust 2.13 LTTNG_UST_ API): tp.c
 * creates the probes, the instrumented code (the preload library) defines
 * the tracepoints.  Events:
 *
 *   rseq_read     pid, tid, cpu_id, cpu_id_start, node_id, mm_cid (-1 where
 *                 the kernel lacks the field, cpu_id -2 without rseq) and
 *                 the caller tag saying what triggered the read
 *   thread_begin  pid, tid, rseq owner (none/glibc/self) and reader status
 *   thread_end    pid, tid
 *   cpu_topology  one per possible CPU: cpu, node, nr_cpus, nr_nodes
 *
 * pid and tid are payload fields so that a trace needs no add-context.
 */
#undef LTTNG_UST_TRACEPOINT_PROVIDER
#define LTTNG_UST_TRACEPOINT_PROVIDER rseqprof_ust

#undef LTTNG_UST_TRACEPOINT_INCLUDE
#define LTTNG_UST_TRACEPOINT_INCLUDE "rseqprof_ust.h"

#if !defined(RSEQPROF_UST_H) || defined(LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ)
#define RSEQPROF_UST_H

#include <stdint.h>
#include <lttng/tracepoint.h>

#include "rseqprof/rseq.h"
#include "rseqprof_caller.h"

LTTNG_UST_TRACEPOINT_ENUM(rseqprof_ust, caller,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("thread_begin", RSEQPROF_CALLER_THREAD_BEGIN)
		lttng_ust_field_enum_value("thread_end", RSEQPROF_CALLER_THREAD_END)
		lttng_ust_field_enum_value("sched_getcpu", RSEQPROF_CALLER_SCHED_GETCPU)
		lttng_ust_field_enum_value("sample", RSEQPROF_CALLER_SAMPLE)
		lttng_ust_field_enum_value("api", RSEQPROF_CALLER_API)
	)
)

LTTNG_UST_TRACEPOINT_ENUM(rseqprof_ust, rseq_owner,
	LTTNG_UST_TP_ENUM_VALUES(
		lttng_ust_field_enum_value("none", RSEQPROF_RSEQ_OWNER_NONE)
		lttng_ust_field_enum_value("glibc", RSEQPROF_RSEQ_OWNER_GLIBC)
		lttng_ust_field_enum_value("self", RSEQPROF_RSEQ_OWNER_SELF)
	)
)

LTTNG_UST_TRACEPOINT_EVENT(rseqprof_ust, rseq_read,
	LTTNG_UST_TP_ARGS(uint32_t, pid, uint32_t, tid,
			  const struct rseqprof_rseq_sample *, s,
			  enum rseqprof_caller, caller),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, pid, pid)
		lttng_ust_field_integer(uint32_t, tid, tid)
		lttng_ust_field_integer(int32_t, cpu_id, s->cpu_id)
		lttng_ust_field_integer(uint32_t, cpu_id_start, s->cpu_id_start)
		lttng_ust_field_integer(int32_t, node_id, s->node_id)
		lttng_ust_field_integer(int32_t, mm_cid, s->mm_cid)
		lttng_ust_field_enum(rseqprof_ust, caller, int8_t, caller, caller)
	)
)

LTTNG_UST_TRACEPOINT_EVENT(rseqprof_ust, thread_begin,
	LTTNG_UST_TP_ARGS(uint32_t, pid, uint32_t, tid,
			  enum rseqprof_rseq_owner, owner, int, status),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, pid, pid)
		lttng_ust_field_integer(uint32_t, tid, tid)
		lttng_ust_field_enum(rseqprof_ust, rseq_owner, int8_t, rseq_owner, owner)
		lttng_ust_field_integer(int32_t, rseq_status, status)
	)
)

LTTNG_UST_TRACEPOINT_EVENT(rseqprof_ust, thread_end,
	LTTNG_UST_TP_ARGS(uint32_t, pid, uint32_t, tid),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, pid, pid)
		lttng_ust_field_integer(uint32_t, tid, tid)
	)
)

LTTNG_UST_TRACEPOINT_EVENT(rseqprof_ust, cpu_topology,
	LTTNG_UST_TP_ARGS(uint32_t, cpu, int32_t, node,
			  uint32_t, nr_cpus, uint32_t, nr_nodes),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, cpu, cpu)
		lttng_ust_field_integer(int32_t, node, node)
		lttng_ust_field_integer(uint32_t, nr_cpus, nr_cpus)
		lttng_ust_field_integer(uint32_t, nr_nodes, nr_nodes)
	)
)

#endif /* RSEQPROF_UST_H */

#include <lttng/tracepoint-event.h>
