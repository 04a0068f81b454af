/* SPDX-License-Identifier: MIT */
/*
 * rp_progress.h - progress of a long analysis: events processed, rate and
 * elapsed time, rewritten in place about twice a second, and one summary
 * line at the end.  On stderr, or on the file of parameter "progress-file"
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
