/* SPDX-License-Identifier: MIT */
/*
 * rseqprof_bench_tp.h - LTTng-UST provider "rseqprof_bench": one event,
 * same_payload, with exactly the fields of rseqprof_ust:rseq_read, so that
 * the probe benchmark can time a tracepoint of that payload without the
 * rseq read behind it.
 */
#undef LTTNG_UST_TRACEPOINT_PROVIDER
#define LTTNG_UST_TRACEPOINT_PROVIDER rseqprof_bench

#undef LTTNG_UST_TRACEPOINT_INCLUDE
#define LTTNG_UST_TRACEPOINT_INCLUDE "rseqprof_bench_tp.h"

#if !defined(RSEQPROF_BENCH_TP_H) || defined(LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ)
#define RSEQPROF_BENCH_TP_H

#include <stdint.h>
#include <lttng/tracepoint.h>

LTTNG_UST_TRACEPOINT_EVENT(rseqprof_bench, same_payload,
	LTTNG_UST_TP_ARGS(uint32_t, pid, uint32_t, tid, int32_t, cpu_id,
			  uint32_t, cpu_id_start, int32_t, node_id,
			  int32_t, mm_cid, int8_t, caller),
	LTTNG_UST_TP_FIELDS(
		lttng_ust_field_integer(uint32_t, pid, pid)
		lttng_ust_field_integer(uint32_t, tid, tid)
		lttng_ust_field_integer(int32_t, cpu_id, cpu_id)
		lttng_ust_field_integer(uint32_t, cpu_id_start, cpu_id_start)
		lttng_ust_field_integer(int32_t, node_id, node_id)
		lttng_ust_field_integer(int32_t, mm_cid, mm_cid)
		lttng_ust_field_integer(int8_t, caller, caller)
	)
)

#endif /* RSEQPROF_BENCH_TP_H */

#include <lttng/tracepoint-event.h>
