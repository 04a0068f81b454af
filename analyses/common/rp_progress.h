/* SPDX-License-Identifier: MIT */
/*
 * rp_progress.h - progress of a long analysis: events processed, rate and
 * elapsed time, and, for a trace read from files, the share of the stream
 * files' bytes read and the time left at that pace (rp_stream_files.h),
 * rewritten in place about twice a second; one summary line at the end.  On stderr, or on the file of parameter "progress-file"
 * (`rseqprof report` passes /dev/tty: it keeps stderr for errors).  Only
 * when that is a terminal (parameter "progress" = "auto", the default), or
 * always ("yes"), or never ("no"): a report piped or redirected is silent.
 */
#ifndef RP_PROGRESS_H
#define RP_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <babeltrace2/babeltrace.h>

#include "rp_stream_files.h"

/* Events between two looks at the clock. */
#define RP_PROGRESS_BATCH	4096

/**
 * struct rp_progress - progress state of one sink
 * @on:		progress is shown
 * @name:	prefix of the lines (the component name), borrowed
 * @f:		where it goes: stderr, or the owned stream of @path
 * @owned:	@f was opened here
 * @events:	events processed so far
 * @next:	@events at which to look at the clock again
 * @start:	when the sink was initialised (CLOCK_MONOTONIC)
 * @last:	when the last line was written
 * @shown:	a line was written (it is to be ended with a newline)
 * @width:	characters of the last line (a shorter one is padded)
 * @files:	the stream files read, from the streams' names
 * @no_bytes:	no byte measure (out of memory counting the files)
 */
struct rp_progress {
	bool on;
	const char *name;
	FILE *f;
	bool owned;
	uint64_t events;
	uint64_t next;
	struct timespec start, last;
	bool shown;
	int width;
	struct rp_stream_files files;
	bool no_bytes;
};

/**
 * rp_progress_init() - set up from the "progress" parameters
 * @p:		the state
 * @mode:	"auto" (or NULL): on when the stream is a terminal; "yes"; "no"
 * @path:	where to write (opened for appending), NULL: stderr
 * @name:	prefix of the lines
 *
 * Return: 0, -EINVAL for another @mode, or -errno when @path cannot be
 * opened.
 */
int rp_progress_init(struct rp_progress *p, const char *mode, const char *path,
		     const char *name);

void rp_progress_tick(struct rp_progress *p);

/* Count @n processed events; cheap unless a line is due. */
static inline void rp_progress_add(struct rp_progress *p, uint64_t n)
{
	p->events += n;
	if (p->on && p->events >= p->next)
		rp_progress_tick(p);
}

/**
 * rp_progress_workers() - the stream files are read by other processes
 * @p:		the state
 * @paths:	every stream file of the trace
 * @nr:		entries of @paths
 * @pids:	the processes reading them (borrowed; NULL: this one again)
 * @nr_pids:	entries of @pids
 */
void rp_progress_workers(struct rp_progress *p, char *const *paths, size_t nr,
			 const pid_t *pids, unsigned int nr_pids);

/**
 * rp_progress_stream() - a stream beginning or end message @msg: count the
 * stream's file, or count it read whole (rp_stream_files.h)
 */
void rp_progress_stream(struct rp_progress *p, const bt_message *msg);

/* Every message: a stream's beginning or end counts its file. */
static inline void rp_progress_message(struct rp_progress *p, const bt_message *msg)
{
	bt_message_type type;

	if (!p->on)
		return;
	type = bt_message_get_type(msg);
	if (type == BT_MESSAGE_TYPE_STREAM_BEGINNING || type == BT_MESSAGE_TYPE_STREAM_END)
		rp_progress_stream(p, msg);
}

/* No event this time (a live source waits): a line when one is due. */
static inline void rp_progress_idle(struct rp_progress *p)
{
	if (p->on)
		rp_progress_tick(p);
}

/* The summary line, once, at the end of the stream. */
void rp_progress_end(struct rp_progress *p);

/* Stopped early (error): end a line left open, print nothing more. */
void rp_progress_abort(struct rp_progress *p);

#endif /* RP_PROGRESS_H */
