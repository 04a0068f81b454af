/* SPDX-License-Identifier: MIT OR GPL-2.0-only */
/*
 * rseqprof_lttng.h - LTTng kernel events of the rseqprof module
 *
 * The LTTng side of kmod/rseqprof_trace.h: one LTTng event per tracepoint
 * of rseqprof.ko, same names and fields, so that
 * `lttng enable-event -k 'rseqprof_*'` records them.  On Linux >= 6.3 also
 * rseqprof_rseq_update, on the kernel's rseq_update tracepoint, with the
 * real mm_cid (lttng-modules itself has no rseq probe).
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM rseqprof

#if !defined(RSEQPROF_LTTNG_H) || defined(TRACE_HEADER_MULTI_READ)
#define RSEQPROF_LTTNG_H

#include <lttng/tracepoint-event.h>
#include <lttng/kernel-version.h>

LTTNG_TRACEPOINT_EVENT_CLASS(rseqprof_path,

	TP_PROTO(u32 mm, u32 tid, u32 cpu, s32 vcpu_id),

	TP_ARGS(mm, tid, cpu, vcpu_id),

	TP_FIELDS(
		ctf_integer(u32, mm, mm)
		ctf_integer(u32, tid, tid)
		ctf_integer(u32, cpu, cpu)
		ctf_integer(s32, vcpu_id, vcpu_id)
	)
)

#define RSEQPROF_LTTNG_PATH(name)					\
	LTTNG_TRACEPOINT_EVENT_INSTANCE(rseqprof_path, name,		\
		TP_PROTO(u32 mm, u32 tid, u32 cpu, s32 vcpu_id),	\
		TP_ARGS(mm, tid, cpu, vcpu_id))

RSEQPROF_LTTNG_PATH(rseqprof_single_threaded)
RSEQPROF_LTTNG_PATH(rseqprof_transfer)
RSEQPROF_LTTNG_PATH(rseqprof_cache_hit)
RSEQPROF_LTTNG_PATH(rseqprof_cache_evict)
RSEQPROF_LTTNG_PATH(rseqprof_cache_discard)
RSEQPROF_LTTNG_PATH(rseqprof_alloc)
RSEQPROF_LTTNG_PATH(rseqprof_release_mm_remove)
RSEQPROF_LTTNG_PATH(rseqprof_migration_remove)
RSEQPROF_LTTNG_PATH(rseqprof_lazy_fastpath_reuse)
RSEQPROF_LTTNG_PATH(rseqprof_lazy_put_reclaim)
RSEQPROF_LTTNG_PATH(rseqprof_lazy_migrate_steal)
RSEQPROF_LTTNG_PATH(rseqprof_lazy_compact_clear)
RSEQPROF_LTTNG_PATH(rseqprof_v3_reserve_parent)
RSEQPROF_LTTNG_PATH(rseqprof_owner_task_reuse)
RSEQPROF_LTTNG_PATH(rseqprof_owner_cpu_reuse)
RSEQPROF_LTTNG_PATH(rseqprof_owner_converge)
RSEQPROF_LTTNG_PATH(rseqprof_owner_fork_alloc)
RSEQPROF_LTTNG_PATH(rseqprof_owner_to_percpu)
RSEQPROF_LTTNG_PATH(rseqprof_owner_to_pertask)
RSEQPROF_LTTNG_PATH(rseqprof_owner_transit_free)
RSEQPROF_LTTNG_PATH(rseqprof_numa_node_reuse)
RSEQPROF_LTTNG_PATH(rseqprof_numa_node_new)
RSEQPROF_LTTNG_PATH(rseqprof_numa_rebalance)
RSEQPROF_LTTNG_PATH(rseqprof_numa_steal)
RSEQPROF_LTTNG_PATH(rseqprof_task_overflow)
RSEQPROF_LTTNG_PATH(rseqprof_mm_overflow)

LTTNG_TRACEPOINT_EVENT_CLASS(rseqprof_control,

	TP_PROTO(u32 variant, u64 generation),

	TP_ARGS(variant, generation),

	TP_FIELDS(
		ctf_integer(u32, variant, variant)
		ctf_integer(u64, generation, generation)
	)
)

LTTNG_TRACEPOINT_EVENT_INSTANCE(rseqprof_control, rseqprof_reset,
	TP_PROTO(u32 variant, u64 generation), TP_ARGS(variant, generation))
LTTNG_TRACEPOINT_EVENT_INSTANCE(rseqprof_control, rseqprof_stop,
	TP_PROTO(u32 variant, u64 generation), TP_ARGS(variant, generation))

#if (LTTNG_LINUX_VERSION_CODE >= LTTNG_KERNEL_VERSION(6,3,0))
/* The kernel's rseq_update (include/trace/events/rseq.h), with mm_cid. */
LTTNG_TRACEPOINT_EVENT_MAP(rseq_update,

	rseqprof_rseq_update,

	TP_PROTO(struct task_struct *t),

	TP_ARGS(t),

	TP_FIELDS(
		ctf_integer(s32, cpu_id, raw_smp_processor_id())
		ctf_integer(s32, node_id, cpu_to_node(raw_smp_processor_id()))
		ctf_integer(s32, mm_cid, task_mm_cid(t))
	)
)
#endif

#endif /* RSEQPROF_LTTNG_H */

/* This part must be outside protection */
#include <lttng/define_trace.h>
