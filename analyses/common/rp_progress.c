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

void rp_progress_workers(struct rp_progress *p, char *const *paths, size_t nr,
			 const pid_t *pids, unsigned int nr_pids)
{
	size_t i;

	rp_stream_files_watch(&p->files, pids, nr_pids);
	for (i = 0; pids && i < nr && !p->no_bytes; i++) {
		if (rp_stream_files_begin(&p->files, paths[i])) {
			/* A total short of a file would be a lie: none. */
			rp_stream_files_fini(&p->files);
			p->no_bytes = true;
		}
	}
}

void rp_progress_stream(struct rp_progress *p, const bt_message *msg)
{
	const bt_stream *stream;
	const char *name;

	if (p->no_bytes)
		return;
	if (bt_message_get_type(msg) == BT_MESSAGE_TYPE_STREAM_BEGINNING) {
		stream = bt_message_stream_beginning_borrow_stream_const(msg);
		name = bt_stream_get_name(stream);
		if (rp_stream_files_begin(&p->files, name)) {
			/* A total short of a file would be a lie: none. */
			rp_stream_files_fini(&p->files);
			p->no_bytes = true;
		}
	} else {
		stream = bt_message_stream_end_borrow_stream_const(msg);
		rp_stream_files_end(&p->files, bt_stream_get_name(stream));
	}
}

/* @n bytes as "629 MB" or "1.21 GB" into @buf. */
static const char *rp_progress_size(uint64_t n, char *buf, size_t len)
{
	if (n >= 1000000000)
		snprintf(buf, len, "%.2f GB", (double)n / 1e9);
	else if (n >= 1000000)
		snprintf(buf, len, "%.0f MB", (double)n / 1e6);
	else
		snprintf(buf, len, "%.0f kB", (double)n / 1e3);
	return buf;
}

/*
 * ", 42.0 % of 1.21 GB read, 12 s left" into @buf when the stream files
 * are known, "" otherwise; @s seconds so far.
 */
static const char *rp_progress_bytes(struct rp_progress *p, double s, char *buf,
				     size_t len)
{
	uint64_t read, total = p->files.total;
	char size[32];
	double left;

	if (!total)
		return "";
	read = rp_stream_files_read(&p->files);
	if (!read) {
		snprintf(buf, len, ", 0.0 %% of %s read", rp_progress_size(total, size, sizeof(size)));
		return buf;
	}
	left = s * (double)(total - read) / (double)read;
	snprintf(buf, len, ", %.1f %% of %s read, %.*f s left",
		 100.0 * (double)read / (double)total,
		 rp_progress_size(total, size, sizeof(size)), left < 10 ? 1 : 0, left);
	return buf;
}

/* The line, rewritten in place; @done: the summary, ended by a newline. */
static void rp_progress_line(struct rp_progress *p, const struct timespec *now,
			     bool done)
{
	double s = rp_ns_between(&p->start, now) / 1e9;
	char line[256], bytes[128];
	int n;

	n = snprintf(line, sizeof(line), "%s: %" PRIu64 " events, %.2f M events/s, %.1f s%s%s",
		     p->name, p->events, s > 0 ? p->events / s / 1e6 : 0.0, s,
		     done ? "" : rp_progress_bytes(p, s, bytes, sizeof(bytes)),
		     done ? " (done)" : "");
	if (n < 0)
		return;
	/* A line shorter than the last one blanks what that one left. */
	fprintf(p->f, "\r%s", line);
	if (n < p->width)
		fprintf(p->f, "%*s", p->width - n, "");
	p->width = n;
	if (done)
		fputc('\n', p->f);
	fflush(p->f);
	p->shown = true;
	p->last = *now;
}

void rp_progress_tick(struct rp_progress *p)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (rp_ns_between(&p->last, &now) >= RP_PROGRESS_PERIOD_NS)
		rp_progress_line(p, &now, false);
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
	rp_stream_files_fini(&p->files);
}

void rp_progress_end(struct rp_progress *p)
{
	struct timespec now;

	if (p->on) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		rp_progress_line(p, &now, true);
	}
	rp_progress_close(p);
}

void rp_progress_abort(struct rp_progress *p)
{
	if (p->on && p->shown)
		fputc('\n', p->f);
	rp_progress_close(p);
}
