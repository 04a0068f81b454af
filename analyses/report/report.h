/* SPDX-License-Identifier: MIT */
/*
 * report.h - the component methods every rseqprof sink shares: each sink
 * is a host (rp_host.h) running sections; sink.rseqprof.report runs the
 * sections its "sections" parameter names, each other sink the one section
 * it is named after.
 */
#ifndef RSEQPROF_REPORT_H
#define RSEQPROF_REPORT_H

#include <babeltrace2/babeltrace.h>

#define REPORT_DESCRIPTION \
	"Run several rseqprof analyses (schedstat, migration, numa, cid) on one " \
	"decoding pass, one task table and one set of models, into one report."

#define REPORT_HELP \
	"Parameters: sections (default \"schedstat,migration,numa\"; cid too " \
	"on demand; cid, which reads the whole trace, is written last), the " \
	"common ones of the rseqprof sinks and each section's own. See README.md."

bt_component_class_initialize_method_status
rp_component_init(bt_self_component_sink *self,
		  bt_self_component_sink_configuration *config,
		  const bt_value *params, void *init_method_data);

void rp_component_finalize(bt_self_component_sink *self);

bt_component_class_sink_graph_is_configured_method_status
rp_component_graph_is_configured(bt_self_component_sink *self);

bt_component_class_sink_consume_method_status
rp_component_consume(bt_self_component_sink *self);

bt_component_class_get_supported_mip_versions_method_status
rp_component_mip_versions(bt_self_component_class_sink *cls, const bt_value *params,
			  void *init_method_data, bt_logging_level level,
			  bt_integer_range_set_unsigned *versions);

/* source.rseqprof.empty (empty_source.c) */
#define EMPTY_DESCRIPTION "No message: the source of a report decoded by workers (report parameter jobs)"

bt_component_class_initialize_method_status
rp_empty_init(bt_self_component_source *self,
	      bt_self_component_source_configuration *config,
	      const bt_value *params, void *data);

bt_message_iterator_class_next_method_status
rp_empty_next(bt_self_message_iterator *iter, bt_message_array_const msgs,
	      uint64_t capacity, uint64_t *count);

#endif /* RSEQPROF_REPORT_H */
