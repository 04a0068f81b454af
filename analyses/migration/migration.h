/* SPDX-License-Identifier: MIT */
/*
 * migration.h - sink.rseqprof.migration component methods (for plugin.c).
 */
#ifndef RP_MIGRATION_H
#define RP_MIGRATION_H

#include <babeltrace2/babeltrace.h>

#include "rp_sink.h"

#define MIGRATION_DESCRIPTION \
	"Task migrations per process and thread: count, rate, CPU matrix, " \
	"cross-node share, and the vcpu-ids they release or change per variant."

#define MIGRATION_HELP \
	"Parameters: variants, cache-size, cpus, cpu-to-node, pid, tid, procname, " \
	"begin, end, format (text|csv|json), output, lost-events, top (ranked rows " \
	"in the text report, default 10, 0: all), full. See README.md."

/* The analysis, run by its own sink and by sink.rseqprof.report. */
extern const struct rp_section migration_section;

#endif /* RP_MIGRATION_H */
