// SPDX-License-Identifier: MIT
/*
 * plugin.c - the babeltrace2 plugin "rseqprof": component descriptors only.
 * Each component lives in its own folder.
 */
#include <babeltrace2/babeltrace.h>

#include "migration/migration.h"
#include "numa/numa.h"
#include "report/report.h"
#include "cid/cid.h"
#include "schedstat/schedstat.h"
#include "tee/tee.h"

/*
 * -fvisibility=hidden is global: the section getters BT_PLUGIN_MODULE()
 * defines are what babeltrace2 looks up with dlsym(), so they alone are
 * exported.
 */
#pragma GCC visibility push(default)
BT_PLUGIN_MODULE();
#pragma GCC visibility pop

BT_PLUGIN(rseqprof);
BT_PLUGIN_DESCRIPTION("rseq per-memory-space virtual CPU id (mm_cid) analyses");
BT_PLUGIN_AUTHOR("rseqprof contributors");
BT_PLUGIN_LICENSE("MIT");

/* sink.rseqprof.schedstat */
BT_PLUGIN_SINK_COMPONENT_CLASS(schedstat, schedstat_consume);
BT_PLUGIN_SINK_COMPONENT_CLASS_DESCRIPTION(schedstat, SCHEDSTAT_DESCRIPTION);
BT_PLUGIN_SINK_COMPONENT_CLASS_HELP(schedstat, SCHEDSTAT_HELP);
BT_PLUGIN_SINK_COMPONENT_CLASS_INITIALIZE_METHOD(schedstat, schedstat_init);
BT_PLUGIN_SINK_COMPONENT_CLASS_FINALIZE_METHOD(schedstat, schedstat_finalize);
BT_PLUGIN_SINK_COMPONENT_CLASS_GRAPH_IS_CONFIGURED_METHOD(schedstat,
							  schedstat_graph_is_configured);

/* sink.rseqprof.migration */
BT_PLUGIN_SINK_COMPONENT_CLASS(migration, migration_consume);
BT_PLUGIN_SINK_COMPONENT_CLASS_DESCRIPTION(migration, MIGRATION_DESCRIPTION);
BT_PLUGIN_SINK_COMPONENT_CLASS_HELP(migration, MIGRATION_HELP);
BT_PLUGIN_SINK_COMPONENT_CLASS_INITIALIZE_METHOD(migration, migration_init);
BT_PLUGIN_SINK_COMPONENT_CLASS_FINALIZE_METHOD(migration, migration_finalize);
BT_PLUGIN_SINK_COMPONENT_CLASS_GRAPH_IS_CONFIGURED_METHOD(migration,
							  migration_graph_is_configured);

/* sink.rseqprof.numa */
BT_PLUGIN_SINK_COMPONENT_CLASS(numa, numa_consume);
BT_PLUGIN_SINK_COMPONENT_CLASS_DESCRIPTION(numa, NUMA_DESCRIPTION);
BT_PLUGIN_SINK_COMPONENT_CLASS_HELP(numa, NUMA_HELP);
BT_PLUGIN_SINK_COMPONENT_CLASS_INITIALIZE_METHOD(numa, numa_init);
BT_PLUGIN_SINK_COMPONENT_CLASS_FINALIZE_METHOD(numa, numa_finalize);
BT_PLUGIN_SINK_COMPONENT_CLASS_GRAPH_IS_CONFIGURED_METHOD(numa, numa_graph_is_configured);

/* sink.rseqprof.cid */
BT_PLUGIN_SINK_COMPONENT_CLASS(cid, cid_consume);
BT_PLUGIN_SINK_COMPONENT_CLASS_DESCRIPTION(cid, CID_DESCRIPTION);
BT_PLUGIN_SINK_COMPONENT_CLASS_HELP(cid, CID_HELP);
BT_PLUGIN_SINK_COMPONENT_CLASS_INITIALIZE_METHOD(cid, cid_init);
BT_PLUGIN_SINK_COMPONENT_CLASS_FINALIZE_METHOD(cid, cid_finalize);
BT_PLUGIN_SINK_COMPONENT_CLASS_GRAPH_IS_CONFIGURED_METHOD(cid, cid_graph_is_configured);

/* sink.rseqprof.report: several sections on one decoding pass */
BT_PLUGIN_SINK_COMPONENT_CLASS(report, report_consume);
BT_PLUGIN_SINK_COMPONENT_CLASS_DESCRIPTION(report, REPORT_DESCRIPTION);
BT_PLUGIN_SINK_COMPONENT_CLASS_HELP(report, REPORT_HELP);
BT_PLUGIN_SINK_COMPONENT_CLASS_INITIALIZE_METHOD(report, report_init);
BT_PLUGIN_SINK_COMPONENT_CLASS_FINALIZE_METHOD(report, report_finalize);
BT_PLUGIN_SINK_COMPONENT_CLASS_GRAPH_IS_CONFIGURED_METHOD(report, report_graph_is_configured);

/* filter.rseqprof.tee: several sinks, one decoding pass */
BT_PLUGIN_FILTER_COMPONENT_CLASS(tee, tee_msg_iter_next);
BT_PLUGIN_FILTER_COMPONENT_CLASS_DESCRIPTION(tee, TEE_DESCRIPTION);
BT_PLUGIN_FILTER_COMPONENT_CLASS_HELP(tee, TEE_HELP);
BT_PLUGIN_FILTER_COMPONENT_CLASS_INITIALIZE_METHOD(tee, tee_init);
BT_PLUGIN_FILTER_COMPONENT_CLASS_FINALIZE_METHOD(tee, tee_finalize);
BT_PLUGIN_FILTER_COMPONENT_CLASS_MESSAGE_ITERATOR_CLASS_INITIALIZE_METHOD(tee,
									tee_msg_iter_init);
BT_PLUGIN_FILTER_COMPONENT_CLASS_MESSAGE_ITERATOR_CLASS_FINALIZE_METHOD(tee,
									tee_msg_iter_finalize);
