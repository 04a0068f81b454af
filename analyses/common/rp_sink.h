/* SPDX-License-Identifier: MIT */
/*
 * rp_sink.h - an analysis of the rseqprof plugin: a section of a report.
 *
 * Every rseqprof sink component is a host (rp_host.h) running one or more
 * sections on one decoding and model pass.  A section embeds a struct
 * rp_sink first in its private struct; the host hands it every decoded
 * event it wants (ops->event, with the models' results), the messages the
 * decoder left (ops->message), then runs its checks and ops->report(),
 * which writes the section's chapter of the host's document (s->out).
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

struct rp_host;
struct rp_sink;

/**
 * struct rp_sink_ops - what a section adds
 * @event:	one decoded event (the @wanted types and RP_KEV_TASK_INFO,
 *		in time order, with @ev->counted set); @res holds the models'
 *		results when @feed_models is set (else NULL).  Return 0, or
 *		-1 after appending an error cause.
 * @message:	a message the decoder did not decode (an event of no kernel
 *		kind, e.g. a UST event, or a non-event message), for an
 *		analysis that reads more than kernel events; NULL: none.
 *		Return 0, or -1 after appending an error cause.
 * @report:	write the section's chapter to s->out.  Return 0 or -1.
 * @needed:	bit (1 << enum rp_kev_type) of the events the analysis
 *		cannot do without: missing ones are a one-line error
 * @wanted:	bit (1 << enum rp_kev_type) of the events to decode (0:
 *		all); the others are only counted, which saves time
 * @feed_models:	the section reads the models' results
 * @whole_trace:	the section reads the whole trace, past the end of the
 *		range (its own counts stay in the range): the host keeps
 *		reading for it after writing the other sections
 */
struct rp_sink_ops {
	int (*event)(struct rp_sink *s, const struct rp_kevent *ev,
		     const struct vcid_result *res);
	int (*message)(struct rp_sink *s, const bt_message *msg);
	int (*report)(struct rp_sink *s);
	uint32_t needed;
	uint32_t wanted;
	bool feed_models;
	bool whole_trace;
};

/**
 * struct rp_section - an analysis, as the host creates it
 * @name:	section and component class name ("schedstat")
 * @params:	its own parameters (RP_PARAM_END-terminated), NULL: none
 * @ops:	its callbacks
 * @create:	allocate it, rp_sink_init() its base and read its own
 *		parameters from @host->params; sets *@out, or returns an
 *		error status after appending a cause and freeing it all
 * @destroy:	free what @create returned
 */
struct rp_section {
	const char *name;
	const struct rp_param_desc *params;
	const struct rp_sink_ops *ops;
	bt_component_class_initialize_method_status
	(*create)(struct rp_host *host, struct rp_sink **out);
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
 * struct rp_sink - the part of a section's private data the host sees
 * @host:	borrowed: the host running the section
 * @name:	section name for messages ("schedstat")
 * @ops:	borrowed, static
 * @params:	borrowed: the host's parameters
 * @dec:	borrowed: the host's decoder (task table, losses, counts)
 * @models:	borrowed: the host's models
 * @out:	borrowed: the host's document
 * @filter:	borrowed: the host's task filter
 */
struct rp_sink {
	struct rp_host *host;
	const char *name;
	const struct rp_sink_ops *ops;
	const bt_value *params;
	struct rp_decoder *dec;
	struct rp_models *models;
	struct rp_out *out;
	const struct rp_filter *filter;
};

/**
 * rp_sink_alloc() - a new section run by @host, its base set up
 * @host:	the host
 * @size:	size of the section's private struct (its struct rp_sink
 *		first)
 * @name:	section name
 * @ops:	its callbacks
 *
 * Return: the zeroed private struct (free() it), or NULL after appending
 * "<name>: out of memory".
 */
void *rp_sink_alloc(struct rp_host *host, size_t size, const char *name,
		    const struct rp_sink_ops *ops);

/**
 * rp_sink_error() - append a cause "<name>: message" to the current error
 */
void rp_sink_error(struct rp_sink *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The counted time range, as the host resolved it (0 / UINT64_MAX: none). */
uint64_t rp_sink_begin(const struct rp_sink *s);
uint64_t rp_sink_end(const struct rp_sink *s);

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

#endif /* RP_SINK_H */
