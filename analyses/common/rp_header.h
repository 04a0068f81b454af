/* SPDX-License-Identifier: MIT */
/*
 * rp_header.h - the facts every section's report states the same way:
 * losses, event counts, duplicates, the range, the task table's guesses,
 * the filter.  In a document of several sections, text states each fact
 * once (rp_out_fact()).
 */
#ifndef RP_HEADER_H
#define RP_HEADER_H

#include "rp_sink.h"

/* JSON members "lost_events", "lost_events_exact", "lost_packets",
 * "approximate", "trace" {events per type}, "range_ns", "tasks" {known,
 * guesses,...}. */
void rp_header_json(struct rp_sink *s);
/* Text: the header lines (loss, counts, duplicates, range, guesses). */
void rp_header_text(struct rp_sink *s);
/* Text: "Filter: only <what> pid P tid T procname N", when a filter is set. */
void rp_header_text_filter(struct rp_sink *s, const char *what);
/* CSV: rows "loss,...", "trace,,<name>,<count>," and "tasks,..." */
void rp_header_csv(struct rp_sink *s);

#endif /* RP_HEADER_H */
