/* SPDX-License-Identifier: MIT */
/*
 * report.h - sink.rseqprof.report: the analyses of several rseqprof sinks
 * (sections) on one decoding and model pass, each writing its own report.
 */
#ifndef RSEQPROF_REPORT_H
#define RSEQPROF_REPORT_H

#include <babeltrace2/babeltrace.h>

#define REPORT_DESCRIPTION \
	"Run several rseqprof analyses (schedstat, migration, numa, cid) on one " \
	"decoding pass, one task table and one set of models; each writes its own report."

#define REPORT_HELP \
	"Parameters: sections (default \"schedstat,migration,numa\"; cid too " \
	"on demand), outputs " \
	"(one path per section, in order; default: output), the common ones of " \
	"the rseqprof sinks and each section's own. See README.md."

bt_component_class_initialize_method_status
report_init(bt_self_component_sink *self,
	    bt_self_component_sink_configuration *config,
	    const bt_value *params, void *init_method_data);

void report_finalize(bt_self_component_sink *self);

bt_component_class_sink_graph_is_configured_method_status
report_graph_is_configured(bt_self_component_sink *self);

bt_component_class_sink_consume_method_status
report_consume(bt_self_component_sink *self);

#endif /* RSEQPROF_REPORT_H */
