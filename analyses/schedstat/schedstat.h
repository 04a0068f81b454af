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

/* The analysis, run by its own sink and by sink.rseqprof.report. */
extern const struct rp_section schedstat_section;

#endif /* RSEQPROF_SCHEDSTAT_H */
