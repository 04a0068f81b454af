/* SPDX-License-Identifier: MIT */
/*
 * numa.h - sink.rseqprof.numa component methods (for plugin.c).
 */
#ifndef RP_NUMA_H
#define RP_NUMA_H

#include <babeltrace2/babeltrace.h>

#include "rp_sink.h"

#define NUMA_DESCRIPTION \
	"vcpu-id to NUMA node mapping per mm and variant: violations of " \
	"\"an id keeps its node for the life of the mm\", ids per node, remote runs, " \
	"v3-numa node counters, the kernel's NUMA balancing events."

#define NUMA_HELP \
	"Parameters: cpu-to-node (required: the trace's topology), variants, " \
	"cache-size, pid, tid, procname, begin, end, format (text|csv|json), output, " \
	"lost-events, log-limit (mapping changes kept per mm and variant), top " \
	"(mms in the text report, default 10, 0: all), full. See README.md."

/* The analysis, run by its own sink and by sink.rseqprof.report. */
extern const struct rp_section numa_section;

#endif /* RP_NUMA_H */
