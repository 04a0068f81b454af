/* SPDX-License-Identifier: MIT */
/*
 * schedstat.h - sink.rseqprof.schedstat: the LPC 2022 schedstat breakdown
 * of every allocator variant, replayed from the kernel scheduler events.
 */
#ifndef RSEQPROF_SCHEDSTAT_H
#define RSEQPROF_SCHEDSTAT_H

#include <babeltrace2/babeltrace.h>

#include "rp_sink.h"

#define SCHEDSTAT_DESCRIPTION \
	"Replay kernel scheduler events through the vcpu-id allocator models " \
	"and print the schedstat breakdown (on sched-switch, release mm, migration)."

#define SCHEDSTAT_HELP \
	"Parameters: variants, cache-size, cpus, cpu-to-node, pid, tid, procname, " \
	"begin, end, format (text|csv|json), output, lost-events. See README.md."

/* The analysis, for a sink hosting several (sink.rseqprof.report). */
extern const struct rp_section schedstat_section;

bt_component_class_initialize_method_status
schedstat_init(bt_self_component_sink *self,
	       bt_self_component_sink_configuration *config,
	       const bt_value *params, void *init_method_data);

void schedstat_finalize(bt_self_component_sink *self);

bt_component_class_sink_graph_is_configured_method_status
schedstat_graph_is_configured(bt_self_component_sink *self);

bt_component_class_sink_consume_method_status
schedstat_consume(bt_self_component_sink *self);

#endif /* RSEQPROF_SCHEDSTAT_H */
