/* SPDX-License-Identifier: MIT */
/*
 * cid.h - sink.rseqprof.cid: per process, which mm_cids and cpu_ids its
 * threads really ran with, and what that means for per-vcpu vs per-CPU
 * arrays; plus the validation of the allocator models against the kernel's
 * real mm_cid.
 */
#ifndef RSEQPROF_CID_H
#define RSEQPROF_CID_H

#include <babeltrace2/babeltrace.h>

#include "rp_sink.h"

#define CID_DESCRIPTION \
	"Per process: distinct mm_cids and cpu_ids (UST rseqprof_ust:rseq_read, " \
	"kernel rseq_update), per-vcpu vs per-CPU array sizes, over time; and " \
	"how often each model's id equals the kernel's real mm_cid."

#define CID_HELP \
	"Parameters: slot-size (bytes, default 64), interval (ns, default " \
	"100000000, 0: none), caller (UST reads of this caller only), " \
	"mismatches (list the first N model/kernel differences), and the " \
	"common ones: variants, cache-size, cpus, cpu-to-node, pid, tid, " \
	"procname, begin, end, format (text|csv|json), output, lost-events. " \
	"See README.md."

/* The analysis, for a sink hosting several (sink.rseqprof.report). */
extern const struct rp_section cid_section;

bt_component_class_initialize_method_status
cid_init(bt_self_component_sink *self,
	 bt_self_component_sink_configuration *config,
	 const bt_value *params, void *init_method_data);

void cid_finalize(bt_self_component_sink *self);

bt_component_class_sink_graph_is_configured_method_status
cid_graph_is_configured(bt_self_component_sink *self);

bt_component_class_sink_consume_method_status
cid_consume(bt_self_component_sink *self);

#endif /* RSEQPROF_CID_H */
