/* SPDX-License-Identifier: MIT */
/*
 * rp_header.h - the facts every section's report states the same way:
 * losses, event counts, duplicates, the range, the task table's guesses,
 * the filter, and what was read with what: the format of the traces (as
 * the caller found it, parameter "trace-format") and the version of the
 * babeltrace2 library reading them.  In a document of several sections,
 * text states each fact once (rp_out_fact()).
 */
#ifndef RP_HEADER_H
#define RP_HEADER_H

#include "rp_sink.h"

/* JSON members "lost_events", "lost_events_exact", "lost_packets",
 * "approximate", "trace" {events per type}, "range_ns", "tasks" {known,
 * guesses,...}, and with "trace-format", "input" {trace_format,
 * ctf_2_traces, ctf_1_8_traces, babeltrace2_version}. */
void rp_header_json(struct rp_sink *s);
/* Text: the header lines (loss, counts, duplicates, range, guesses, and
 * with "trace-format", "Trace format: CTF 2 (lttng-ust 2.16), read by
 * babeltrace2 2.1.2"). */
void rp_header_text(struct rp_sink *s);
/* Text: "Filter: only <what> pid P tid T procname N", when a filter is set. */
void rp_header_text_filter(struct rp_sink *s, const char *what);
/* CSV: rows "loss,...", "trace,,<name>,<count>," and "tasks,...", and with
 * "trace-format", "input,,ctf_2_traces,N," (ctf_1_8_traces,
 * babeltrace2_major, _minor, _patch). */
void rp_header_csv(struct rp_sink *s);

#endif /* RP_HEADER_H */
