/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * rseqprof_trace.h - tracepoints of the rseqprof module
 *
 * One event per allocator path taken by the model (the schedstat counters of
 * the LPC 2022 talk and the variant-specific ones), visible in tracefs under
 * events/rseqprof/, to perf as rseqprof:*, and to LTTng through
 * kmod/lttng/lttng-probe-rseqprof.c.  Every path event carries the memory
 * space (thread-group id), the task, the CPU and the resulting vcpu-id of
 * the task the scheduler event is about (sched_switch: next; release mm and
 * migration: the task that released its id, with the id it held).
 *
 * rseqprof_reset and rseqprof_stop mark where the live counters were reset
 * and frozen (written to /proc/rseqprof_schedstat); they are emitted from
 * stop_machine() so that every scheduler event of a trace is either before
 * or after them on all CPUs.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM rseqprof

#if !defined(RSEQPROF_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define RSEQPROF_TRACE_H

#include <linux/tracepoint.h>

DECLARE_EVENT_CLASS(rseqprof_path,

	TP_PROTO(u32 mm, u32 tid, u32 cpu, s32 vcpu_id),

	TP_ARGS(mm, tid, cpu, vcpu_id),

	TP_STRUCT__entry(
		__field(u32, mm)
		__field(u32, tid)
		__field(u32, cpu)
		__field(s32, vcpu_id)
	),

	TP_fast_assign(
		__entry->mm = mm;
		__entry->tid = tid;
		__entry->cpu = cpu;
		__entry->vcpu_id = vcpu_id;
	),

	TP_printk("mm=%u tid=%u cpu=%u vcpu_id=%d", __entry->mm,
		  __entry->tid, __entry->cpu, __entry->vcpu_id)
);

#define RSEQPROF_PATH_PROTO	TP_PROTO(u32 mm, u32 tid, u32 cpu, s32 vcpu_id)
#define RSEQPROF_PATH_ARGS	TP_ARGS(mm, tid, cpu, vcpu_id)

/* On sched-switch */
DEFINE_EVENT(rseqprof_path, rseqprof_single_threaded,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_transfer,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_cache_hit,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_cache_evict,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_cache_discard,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_alloc,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
/* On release mm, on migration */
DEFINE_EVENT(rseqprof_path, rseqprof_release_mm_remove,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_migration_remove,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
/* lazy-6.4, lazy-6.13 */
DEFINE_EVENT(rseqprof_path, rseqprof_lazy_fastpath_reuse,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_lazy_put_reclaim,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_lazy_migrate_steal,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_lazy_compact_clear,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
/* v3-opt, v3-numa */
DEFINE_EVENT(rseqprof_path, rseqprof_v3_reserve_parent,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
/* owner-6.19 */
DEFINE_EVENT(rseqprof_path, rseqprof_owner_task_reuse,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_owner_cpu_reuse,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_owner_converge,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_owner_fork_alloc,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_owner_to_percpu,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_owner_to_pertask,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_owner_transit_free,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
/* v3-numa */
DEFINE_EVENT(rseqprof_path, rseqprof_numa_node_reuse,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_numa_node_new,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_numa_rebalance,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_numa_steal,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
/* Model health: the event did not fit in the bounded tables */
DEFINE_EVENT(rseqprof_path, rseqprof_task_overflow,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);
DEFINE_EVENT(rseqprof_path, rseqprof_mm_overflow,
	RSEQPROF_PATH_PROTO, RSEQPROF_PATH_ARGS);

DECLARE_EVENT_CLASS(rseqprof_control,

	TP_PROTO(u32 variant, u64 generation),

	TP_ARGS(variant, generation),

	TP_STRUCT__entry(
		__field(u32, variant)
		__field(u64, generation)
	),

	TP_fast_assign(
		__entry->variant = variant;
		__entry->generation = generation;
	),

	TP_printk("variant=%u generation=%llu", __entry->variant,
		  (unsigned long long)__entry->generation)
);

DEFINE_EVENT(rseqprof_control, rseqprof_reset,
	TP_PROTO(u32 variant, u64 generation), TP_ARGS(variant, generation));
DEFINE_EVENT(rseqprof_control, rseqprof_stop,
	TP_PROTO(u32 variant, u64 generation), TP_ARGS(variant, generation));

#endif /* RSEQPROF_TRACE_H */

/* This part must be outside the multi-read protection. */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE rseqprof_trace
#include <trace/define_trace.h>
