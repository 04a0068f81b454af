// SPDX-License-Identifier: MIT
/*
 * rp_progress.c - progress lines on stderr for long analyses.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#include "rp_progress.h"

#define RP_PROGRESS_PERIOD_NS	500000000LL

static int64_t rp_ns_between(const struct timespec *a, const struct timespec *b)
{
	return (int64_t)(b->tv_sec - a->tv_sec) * 1000000000LL + (b->tv_nsec - a->tv_nsec);
}

int rp_progress_init(struct rp_progress *p, const char *mode, const char *path,
		     const char *name)
{
	memset(p, 0, sizeof(*p));
	p->name = name;
	p->f = stderr;
	if (mode && strcmp(mode, "auto") && strcmp(mode, "yes") && strcmp(mode, "no"))
		return -EINVAL;
	if (mode && !strcmp(mode, "no"))
		return 0;
	if (path) {
		p->f = fopen(path, "a");
		if (!p->f) {
			p->f = stderr;
			return -errno;
		}
		p->owned = true;
	}
	p->on = (mode && !strcmp(mode, "yes")) || isatty(fileno(p->f));
	p->next = RP_PROGRESS_BATCH;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->last = p->start;
	return 0;
}

static void rp_progress_line(struct rp_progress *p, const struct timespec *now,
			     const char *end)
{
	double s = rp_ns_between(&p->start, now) / 1e9;

	fprintf(p->f, "\r%s: %" PRIu64 " events, %.2f M events/s, %.1f s%s", p->name,
		p->events, s > 0 ? p->events / s / 1e6 : 0.0, s, end);
	fflush(p->f);
	p->shown = true;
	p->last = *now;
}

void rp_progress_tick(struct rp_progress *p)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (rp_ns_between(&p->last, &now) >= RP_PROGRESS_PERIOD_NS)
		rp_progress_line(p, &now, "");
	p->next = p->events + RP_PROGRESS_BATCH;
}

/* Stop, and close an owned stream. */
static void rp_progress_close(struct rp_progress *p)
{
	p->on = false;
	if (p->owned)
		fclose(p->f);
	p->owned = false;
	p->f = stderr;
}

void rp_progress_end(struct rp_progress *p)
{
	struct timespec now;

	if (p->on) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		rp_progress_line(p, &now, " (done)\n");
	}
	rp_progress_close(p);
}

void rp_progress_abort(struct rp_progress *p)
{
	if (p->on && p->shown)
		fputc('\n', p->f);
	rp_progress_close(p);
}
