/* SPDX-License-Identifier: MIT */
/*
 * rp_sink.h - what every rseqprof sink component shares.
 *
 * A component embeds a struct rp_sink in its private struct and calls
 * rp_sink_init() / rp_sink_graph_is_configured() / rp_sink_consume() /
 * rp_sink_fini() from its own <comp>_init, _graph_is_configured, _consume
 * and _finalize methods.  The base owns the input message iterator, the
 * decoder (task table, losses, event counts), the models, the filter, the
 * time range and the output; it calls the component's ops->event() for
 * every decoded scheduler event (in time order) and ops->report() once at
 * the end of the stream.
 *
 * Sections: one sink (sink.rseqprof.report) can host the analyses of
 * several others on a single decoding and model pass.  Each hosted analysis
 * ("section") is initialized with a struct rp_share naming the host: its
 * rp_sink then borrows the host's decoder and models (s->dec, s->models
 * point there) and only owns its output; the host hands every event to
 * each section's ops->event() and runs each section's checks and report at
 * the end, in order (rp_sink_set_sections()).
 *
 * Common parameters (rp_sink_common_params), accepted by every sink:
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
 *   progress      auto (default: progress on stderr when it is a terminal),
 *                 yes or no (rp_progress.h)
 *   progress-file where progress goes (default: stderr)
 *
 * An event is "counted" when it is in the range and, with filters, when its
 * task matches: a switch counts for the task switched in (the allocator
 * paths of a switch are those of next's id), a migration, exec, exit or
 * free for its task, a fork for the child or the parent.
 */
#ifndef RP_SINK_H
#define RP_SINK_H

#include <stdbool.h>
#include <stdint.h>
#include <babeltrace2/babeltrace.h>

#include "rp_decoder.h"
#include "rp_models.h"
#include "rp_output.h"
#include "rp_params.h"
#include "rp_progress.h"

extern const struct rp_param_desc rp_sink_common_params[];

/* Sections one sink can host at most. */
#define RP_MAX_SECTIONS	8

struct rp_sink;

/**
 * struct rp_sink_ops - what a component adds
 * @event:	one decoded event (the @wanted types and RP_KEV_TASK_INFO,
 *		in time order, with @ev->counted set); the models
 *		were already fed when @feed_models is set and @res holds
 *		their results (else NULL).  Return 0, or -1 after appending
 *		an error cause.
 * @message:	a message the decoder did not decode (an event of no kernel
 *		kind, e.g. a UST event, or a non-event message), for an
 *		analysis that reads more than kernel events; NULL: none.
 *		Return 0, or -1 after appending an error cause.
 * @report:	write the report to s->out.  Return 0 or -1.
 * @needed:	bit (1 << enum rp_kev_type) of the events the analysis
 *		cannot do without: missing ones are a one-line error
 * @wanted:	bit (1 << enum rp_kev_type) of the events to decode (0:
 *		all); the others are only counted, which saves time
 * @feed_models:	replay events through s->models before @event
 */
struct rp_sink_ops {
	int (*event)(struct rp_sink *s, const struct rp_kevent *ev,
		     const struct vcid_result *res);
	int (*message)(struct rp_sink *s, const bt_message *msg);
	int (*report)(struct rp_sink *s);
	uint32_t needed;
	uint32_t wanted;
	bool feed_models;
};

/**
 * struct rp_share - what a section hosted by another sink borrows
 * @host:	the host's base: decoder, models, filter, time range
 * @output:	this section's output path (NULL: the host's output)
 */
struct rp_share {
	struct rp_sink *host;
	const char *output;
};

/**
 * struct rp_section - an analysis that a sink can host (a section)
 * @name:	component class name ("schedstat")
 * @params:	its own parameters (RP_PARAM_END-terminated)
 * @ops:	its callbacks
 * @create:	allocate and initialize it, sharing @share->host's decoder
 *		and models (@share NULL: standalone); sets *@out, or returns
 *		an error status after appending a cause and freeing it all
 * @destroy:	free what @create returned
 */
struct rp_section {
	const char *name;
	const struct rp_param_desc *params;
	const struct rp_sink_ops *ops;
	bt_component_class_initialize_method_status
	(*create)(bt_self_component_sink *self, const bt_value *params,
		  const struct rp_share *share, struct rp_sink **out);
	void (*destroy)(struct rp_sink *s);
};

/**
 * struct rp_filter - what the pid/tid/procname parameters select
 */
struct rp_filter {
	bool active;
	bool has_pid, has_tid;
	uint32_t pid, tid;
	const char *procname;	/* borrowed from the parameters, NULL: none */
};

/**
 * struct rp_sink - the shared part of a sink component's private data
 * @self_comp:	borrowed: the component
 * @params:	owned reference on the parameter map
 * @name:	component class name for messages ("schedstat")
 * @ops:	borrowed, static
 * @iter:	owned: input message iterator (NULL in a hosted section)
 * @dec:	borrowed: @own_dec, or the host's decoder in a section
 * @models:	borrowed: @own_models, or the host's models in a section
 * @own_dec:	owned: decoder state (~230 KB: per-CPU arrays), NULL in a
 *		hosted section
 * @own_models:	owned: model instances (unused in a hosted section)
 * @sections:	the sinks fed with the events and reported at the end, in
 *		order: this sink alone unless rp_sink_set_sections() gave
 *		others; per section (@sec, borrowed) a copy of what is read
 *		for every event, kept together (the sections' own structs
 *		lie far apart)
 * @nr_sections:	entries of @sections
 * @feed_models:	some section has ops->feed_models
 * @message_ops:	some section has ops->message
 * @filter:	the filter
 * @begin, @end:	time range in ns (0 / UINT64_MAX: none)
 * @out:	owned: the output
 * @begin_tod, @end_tod:	bounds given as a time of day (HH:MM:SS)
 * @range_set:	time-of-day bounds were resolved at the first event
 * @variants:	storage for an array "variants" parameter, joined
 * @max_cpu:	highest CPU of the decoded events
 * @done:	the report was written
 * @past_end:	an event after @end was seen: stop
 * @progress:	progress lines on stderr
 * @counted:	counted events (in the range, about the filtered tasks)
 */
struct rp_sink {
	bt_self_component *self_comp;
	const bt_value *params;
	const char *name;
	const struct rp_sink_ops *ops;
	bt_message_iterator *iter;
	struct rp_decoder *dec;
	struct rp_models *models;
	struct rp_decoder *own_dec;
	struct rp_models own_models;
	struct rp_sink_section {
		struct rp_sink *sec;
		int (*event)(struct rp_sink *s, const struct rp_kevent *ev,
			     const struct vcid_result *res);
		uint32_t wanted;
		bool feed_models;
	} sections[RP_MAX_SECTIONS];
	unsigned int nr_sections;
	bool feed_models;
	bool message_ops;
	struct rp_filter filter;
	uint64_t begin, end;
	bool begin_tod, end_tod, range_set;
	char variants[128];
	struct rp_out out;
	uint32_t max_cpu;
	bool done;
	bool past_end;
	struct rp_progress progress;
	uint64_t counted;
};

/**
 * rp_sink_init() - validate parameters, build models, add the "in" port
 * @s:		zeroed base
 * @self:	the component
 * @params:	its parameters
 * @own_params:	NULL-terminated array of the component's own tables
 *		(RP_PARAM_END-terminated), or NULL
 * @name:	component class name
 * @ops:	the component's callbacks
 * @share:	NULL for a sink of its own; for a section hosted by another
 *		sink, the host (whose rp_sink_init() validated @params): the
 *		section then borrows its decoder and models, has no port and
 *		only opens its output
 *
 * Errors are appended as causes to the current thread's error.  After a
 * failure, call rp_sink_fini() (babeltrace2 does not finalize a component
 * whose initialization failed).
 */
bt_component_class_initialize_method_status
rp_sink_init(struct rp_sink *s, bt_self_component_sink *self,
	     const bt_value *params,
	     const struct rp_param_desc *const *own_params,
	     const char *name, const struct rp_sink_ops *ops,
	     const struct rp_share *share);

/**
 * rp_sink_set_sections() - let @s feed and report other sinks' analyses
 * @s:		the host
 * @sections:	@nr sections initialized with rp_share.host = @s (each
 *		borrowed until @s is finalized; the array is copied)
 * @nr:		1 to RP_MAX_SECTIONS
 *
 * From then on, @s decodes what any section wants (ops->wanted), feeds
 * the models if any section needs them, every event goes to each
 * section's ops->event() (with the model results when that section has
 * ops->feed_models) instead of @s's, and the end of the stream runs each
 * section's checks and report in order, each section naming itself in its
 * errors.  rp_sink_init() calls it with @s alone.
 */
void rp_sink_set_sections(struct rp_sink *s, struct rp_sink *const *sections,
			  unsigned int nr);

/**
 * rp_sink_note_cpus() - remember the highest CPU an event names
 * @s:		the sink
 * @ev:		a decoded event (migration: both CPUs count)
 *
 * For rp_sink_check_topology()'s message.
 */
void rp_sink_note_cpus(struct rp_sink *s, const struct rp_kevent *ev);

/**
 * rp_sink_check_topology() - fail when the models met CPUs beyond the topology
 * @s:		the sink (its models)
 *
 * Return: 0, or -1 after appending an error naming the highest CPU seen
 * and the topology's size.
 */
int rp_sink_check_topology(struct rp_sink *s);

/**
 * rp_section_component_init() - the _init method of a one-section sink
 * @self:	the component
 * @params:	its parameters
 * @sec:	the analysis it runs
 *
 * Creates the section standalone and sets it as the component's data.
 */
bt_component_class_initialize_method_status
rp_section_component_init(bt_self_component_sink *self, const bt_value *params,
			  const struct rp_section *sec);

bt_component_class_sink_graph_is_configured_method_status
rp_sink_graph_is_configured(struct rp_sink *s, bt_self_component_sink *self);

bt_component_class_sink_consume_method_status
rp_sink_consume(struct rp_sink *s);

void rp_sink_fini(struct rp_sink *s);

/*
 * Report helpers shared by the sinks, so that every report states the same
 * facts the same way: losses, event counts, task-table guesses.
 */
/* JSON members "lost_events", "lost_events_exact", "lost_packets",
 * "approximate", "trace" {events per type}, "tasks" {known, guesses,...}. */
void rp_sink_json_common(struct rp_sink *s);
/* Run ops->report and close the output; 0, or -1 with a cause appended. */
int rp_sink_write_report(struct rp_sink *s);
/* Text: the header lines (loss, counts, guesses). */
void rp_sink_text_common(struct rp_sink *s);
/* Text: "Filter: only <what> pid P tid T procname N", when a filter is set. */
void rp_sink_text_filter(struct rp_sink *s, const char *what);
/* CSV: rows "trace,,<name>,<count>," and "loss,..." */
void rp_sink_csv_common(struct rp_sink *s);

/*
 * "~" when events were lost (every percentage printed in text must carry
 * it then), "" otherwise.
 */
static inline const char *rp_sink_approx(const struct rp_sink *s)
{
	return rp_loss_any(&s->dec->loss) ? "~" : "";
}

/* Percentage @n / @total * 100, 0 when @total is 0. */
static inline double rp_percent(uint64_t n, uint64_t total)
{
	return total ? 100.0 * (double)n / (double)total : 0.0;
}

/**
 * rp_sink_error() - append a cause "<name>: message" to the current error
 */
void rp_sink_error(struct rp_sink *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* RP_SINK_H */
