// SPDX-License-Identifier: MIT
/*
 * plugin.c - the babeltrace2 plugin "rseqprof": component descriptors only.
 * Every sink shares one set of component methods (report/report.h): a
 * host running the section it is named after, or, for sink.rseqprof.report,
 * the sections its parameters name.
 */
#include <babeltrace2/babeltrace.h>

#include "migration/migration.h"
#include "numa/numa.h"
#include "report/report.h"
#include "cid/cid.h"
#include "schedstat/schedstat.h"

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

/* sink.rseqprof.<_name>, on the shared component methods. */
#define RP_PLUGIN_SINK(_name, _description, _help)				\
	BT_PLUGIN_SINK_COMPONENT_CLASS(_name, rp_component_consume);		\
	BT_PLUGIN_SINK_COMPONENT_CLASS_DESCRIPTION(_name, _description);	\
	BT_PLUGIN_SINK_COMPONENT_CLASS_HELP(_name, _help);			\
	BT_PLUGIN_SINK_COMPONENT_CLASS_INITIALIZE_METHOD(_name, rp_component_init); \
	BT_PLUGIN_SINK_COMPONENT_CLASS_FINALIZE_METHOD(_name, rp_component_finalize); \
	BT_PLUGIN_SINK_COMPONENT_CLASS_GRAPH_IS_CONFIGURED_METHOD(_name,	\
		rp_component_graph_is_configured);				\
	BT_PLUGIN_SINK_COMPONENT_CLASS_GET_SUPPORTED_MIP_VERSIONS_METHOD(_name,	\
		rp_component_mip_versions)

RP_PLUGIN_SINK(schedstat, SCHEDSTAT_DESCRIPTION, SCHEDSTAT_HELP);
RP_PLUGIN_SINK(migration, MIGRATION_DESCRIPTION, MIGRATION_HELP);
RP_PLUGIN_SINK(numa, NUMA_DESCRIPTION, NUMA_HELP);
RP_PLUGIN_SINK(cid, CID_DESCRIPTION, CID_HELP);
RP_PLUGIN_SINK(report, REPORT_DESCRIPTION, REPORT_HELP);

BT_PLUGIN_SOURCE_COMPONENT_CLASS(empty, rp_empty_next);
BT_PLUGIN_SOURCE_COMPONENT_CLASS_DESCRIPTION(empty, EMPTY_DESCRIPTION);
BT_PLUGIN_SOURCE_COMPONENT_CLASS_INITIALIZE_METHOD(empty, rp_empty_init);
