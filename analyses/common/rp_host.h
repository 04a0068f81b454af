/* SPDX-License-Identifier: MIT */
/*
 * rp_host.h - the host every rseqprof sink component is: it owns the input,
 * the decoder (task table, losses, event counts), the models, the filter,
 * the time range and the document, and runs sections (rp_sink.h) on them.
 *
 * The host reads the trace once: each decoded event selects the range and
 * the filter (ev->counted), feeds the models once when a section reads
 * them, and goes to each section that wants it.  At the end of the stream
 * (or of the range) it runs each section's checks and writes its chapter,
 * in order.  A section that reads the whole trace (ops->whole_trace) is
 * written last: past the end of the range the host writes the others, then
 * keeps reading for it alone.
 *
 * Common parameters (rp_host_params), accepted by every sink:
 *   variants      string "v3-opt,lazy-6.13" or array of strings (default all)
 *   cache-size    runqueue cache entries (v3-opt, v3-numa)
 *   cpus          number of possible CPUs (when no cpu-to-node)
 *   cpu-to-node   "0,0,1,1": node of each CPU; gives the CPU count too.
 *                 Neither given: 256 CPUs (VCID_MAX_CPUS) on node 0.
 *   pid, tid      only count events about this process / thread
 *   procname      only count events about tasks with this name (their own
 *                 or their thread-group leader's)
 *   begin, end    time range, nanoseconds from the clock origin or
 *                 "[HH:MM:]SS[.fraction]" as babeltrace2 prints them
 *                 (HH:MM:SS is a UTC time of day, as babeltrace2
 *                 --clock-gmt prints it, on the first event's day).
 *                 Events before @begin still drive the task table and the
 *                 models (so that a trimmed range keeps the statedump and
 *                 the allocator state); counting stops after @end.
 *   format        text | csv | json
 *   output        file path (default stdout)
 *   lost-events   events the recorder reports lost (added to the trace's)
 *   kernel-release  the traced kernel's release: marks its own variant
 *   top           entries of each listing in the text report (default 10,
 *                 0: all), ranked by what matters (events, migrations,
 *                 reads); each cut listing ends with a line saying how
 *                 many entries were left out.  CSV and JSON hold them all.
 *   full          text: every entry of every listing and the detail
 *                 tables (histograms, intervals, per-mm blocks)
 *   progress      auto (default: progress on stderr when it is a terminal),
 *                 yes or no (rp_progress.h)
 *   progress-file where progress goes (default: stderr)
 *   trace-format  the format of each trace read, as the caller found it
 *                 (array of strings, "CTF 2 (lttng-ust 2.16)", "CTF 1.8
 *                 (perf 6.1.192)"; rseqprof report reads the metadata):
 *                 the header states the distinct ones and the version of
 *                 the babeltrace2 library reading them.  A sink cannot
 *                 tell CTF 1.8 from CTF 2; without it the header says
 *                 nothing about its input.
 *   jobs          above 1: the trace folders "traces" (string or array) are
 *                 decoded by that many worker processes (rp_workers.h),
 *                 whose records are merged in the muxer's order (rp_merge.h);
 *                 the input port is then not read (connect an empty source)
 *   tmp-dir       jobs: where the workers' views go (default $TMPDIR, /tmp)
 *
 * An event is "counted" when it is in the range and, with filters, when its
 * task matches: a switch counts for the task switched in (the allocator
 * paths of a switch are those of next's id), a migration, exec, exit or
 * free for its task, a fork for the child or the parent.
 */
#ifndef RP_HOST_H
#define RP_HOST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <babeltrace2/babeltrace.h>

#include "rp_decoder.h"
#include "rp_merge.h"
#include "rp_models.h"
#include "rp_output.h"
#include "rp_params.h"
#include "rp_progress.h"
#include "rp_sink.h"

extern const struct rp_param_desc rp_host_params[];

/* Sections one host runs at most. */
#define RP_MAX_SECTIONS	8

/**
 * struct rp_host - private data of every rseqprof sink component
 * @self_comp:	borrowed: the component
 * @params:	owned reference on the parameter map
 * @name:	component class name for messages ("report")
 * @iter:	owned: input message iterator
 * @dec:	owned: decoder state (~230 KB: per-CPU arrays)
 * @models:	owned: model instances
 * @sections:	owned: the sections, in report order (whole-trace ones
 *		last); per section, a copy of what is read for every event,
 *		kept together (the sections' own structs lie far apart)
 * @nr_sections:	entries of @sections
 * @nr_written:	sections whose chapter is written
 * @feed_models:	some section reads the models
 * @message_ops:	some section has ops->message
 * @filter:	the filter
 * @begin, @end:	time range in ns (0 / UINT64_MAX: none)
 * @begin_tod, @end_tod:	bounds given as a time of day (HH:MM:SS)
 * @range_set:	time-of-day bounds were resolved at the first event
 * @past_end:	an event after @end was seen: the sections that stop there
 *		are written
 * @out:	owned: the document
 * @variants:	storage for an array "variants" parameter, joined
 * @max_cpu:	highest CPU of the decoded events
 * @progress:	progress lines on stderr
 * @counted:	counted events (in the range, about the filtered tasks)
 * @jobs:	decoding workers (1: the input port is read)
 * @traces:	jobs: owned: the trace folders
 * @nr_traces:	entries of @traces
 * @workers:	owned: the workers, while they run
 * @merge:	owned: the merger of their records
 */
struct rp_host {
	bt_self_component *self_comp;
	const bt_value *params;
	const char *name;
	bt_message_iterator *iter;
	struct rp_decoder *dec;
	struct rp_models models;
	struct rp_host_section {
		struct rp_sink *sec;
		const struct rp_section *cls;
		uint32_t wanted;
		bool feed_models;
		bool whole_trace;
	} sections[RP_MAX_SECTIONS];
	unsigned int nr_sections;
	unsigned int nr_written;
	bool feed_models;
	bool message_ops;
	struct rp_filter filter;
	uint64_t begin, end;
	bool begin_tod, end_tod, range_set;
	bool past_end;
	struct rp_out out;
	char variants[128];
	uint32_t max_cpu;
	struct rp_progress progress;
	uint64_t counted;
	unsigned int jobs;
	char *traces[RP_MAX_TRACES];
	unsigned int nr_traces;
	struct rp_workers *workers;
	struct rp_merge *merge;
};

/**
 * rp_host_create() - validate parameters, build models, sections and port
 * @self:	the component
 * @params:	its parameters
 * @name:	component class name, for messages
 * @cls:	the sections to run, in report order
 * @nr:		entries of @cls, 1 to RP_MAX_SECTIONS
 * @extra:	NULL-terminated array of the parameter tables of the
 *		component and its sections (each RP_PARAM_END-terminated)
 * @out:	the new host
 *
 * Errors are appended as causes to the current thread's error; on failure
 * nothing is left allocated.
 */
bt_component_class_initialize_method_status
rp_host_create(bt_self_component_sink *self, const bt_value *params,
	       const char *name, const struct rp_section *const *cls,
	       unsigned int nr, const struct rp_param_desc *const *extra,
	       struct rp_host **out);

/* Free @h (NULL: nothing) and its sections. */
void rp_host_destroy(struct rp_host *h);

bt_component_class_sink_graph_is_configured_method_status
rp_host_graph_is_configured(struct rp_host *h, bt_self_component_sink *self);

bt_component_class_sink_consume_method_status
rp_host_consume(struct rp_host *h);

/**
 * rp_host_error() - append a cause "<name>: message" to the current error
 */
void rp_host_error(struct rp_host *h, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The same, naming @who (a section) instead of the component. */
void rp_host_verror(struct rp_host *h, const char *who, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

#endif /* RP_HOST_H */
