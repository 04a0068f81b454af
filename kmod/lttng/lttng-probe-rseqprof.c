// SPDX-License-Identifier: MIT OR GPL-2.0-only
/*
 * lttng-probe-rseqprof.c - LTTng probes for the rseqprof module's events
 *
 * Built against lttng-modules (kmod/Makefile, target "lttng").  Load it
 * with lttng-modules; LTTng attaches to rseqprof.ko's tracepoints when that
 * module is loaded, before or after this one.
 */
#include <linux/module.h>
#include <lttng/tracer.h>

/*
 * The tracepoint declarations of rseqprof.ko (and of the kernel's rseq
 * events), so that the compiler checks the probes' prototypes against them.
 */
#include "rseqprof_trace.h"
#if (LTTNG_LINUX_VERSION_CODE >= LTTNG_KERNEL_VERSION(6,3,0))
#include <trace/events/rseq.h>
#endif

#include <wrapper/tracepoint.h>

/* Create the LTTng probes. */
#define LTTNG_PACKAGE_BUILD
#define CREATE_TRACE_POINTS
#undef TRACE_INCLUDE_PATH
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_PATH .
#define TRACE_INCLUDE_FILE rseqprof_lttng

#include "rseqprof_lttng.h"

MODULE_LICENSE("Dual MIT/GPL");
MODULE_AUTHOR("rseqprof");
MODULE_DESCRIPTION("LTTng probes for the rseqprof module's vcpu-id allocator events");
