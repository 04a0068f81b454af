// SPDX-License-Identifier: MIT
/*
 * probe-bench.c - nanoseconds per event of the user-space probe, against
 * what it is made of.
 *
 * usage: probe-bench [-n EVENTS] [-r ROUNDS]
 *
 * Three loops of EVENTS iterations each, run round robin ROUNDS times:
 *   read   rseqprof_rseq_read() alone (the bare rseq field read)
 *   empty  the rseqprof_bench:same_payload tracepoint, with constants for
 *          the payload of rseq_read (no read)
 *   event  rseqprof_rseq_read() + rseqprof_ust:rseq_read, as the preload
 *          library fires it
 * Prints the median ns per iteration of each, in CPU time of the thread.
 * Run it inside an LTTng session with both providers enabled for the cost
 * of a recorded event, or outside one for a disabled tracepoint's.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "rseqprof_bench_tp.h"
#include "rseqprof_ust.h"

#define PB_MAX_ROUNDS	64

static double pb_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int pb_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Where the reads go, so that the compiler keeps them. */
static volatile int32_t pb_sink;

static double pb_read(long n, uint32_t pid, uint32_t tid)
{
	struct rseqprof_rseq_sample s;
	double t0 = pb_now();
	long i;

	(void)pid;
	(void)tid;
	for (i = 0; i < n; i++) {
		rseqprof_rseq_read(&s);
		pb_sink = s.mm_cid;
	}
	return (pb_now() - t0) / n;
}

static double pb_empty(long n, uint32_t pid, uint32_t tid)
{
	double t0 = pb_now();
	long i;

	for (i = 0; i < n; i++)
		lttng_ust_tracepoint(rseqprof_bench, same_payload, pid, tid,
				     (int32_t)(i & 1), 0, 0, (int32_t)(i & 1),
				     RSEQPROF_CALLER_API);
	return (pb_now() - t0) / n;
}

static double pb_event(long n, uint32_t pid, uint32_t tid)
{
	struct rseqprof_rseq_sample s;
	double t0 = pb_now();
	long i;

	for (i = 0; i < n; i++) {
		rseqprof_rseq_read(&s);
		lttng_ust_tracepoint(rseqprof_ust, rseq_read, pid, tid, &s,
				     RSEQPROF_CALLER_API);
	}
	return (pb_now() - t0) / n;
}

int main(int argc, char **argv)
{
	static const char *const names[] = { "read", "empty", "event" };
	double (*const fn[])(long, uint32_t, uint32_t) = { pb_read, pb_empty, pb_event };
	double ns[3][PB_MAX_ROUNDS];
	long n = 200000;
	int rounds = 5, opt, r, k, err;
	uint32_t pid = (uint32_t)getpid(), tid = (uint32_t)gettid();

	while ((opt = getopt(argc, argv, "n:r:")) != -1) {
		switch (opt) {
		case 'n':
			n = atol(optarg);
			break;
		case 'r':
			rounds = atoi(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc || n < 1 || rounds < 1 || rounds > PB_MAX_ROUNDS)
		goto usage;
	err = rseqprof_rseq_thread_init();
	if (err) {
		fprintf(stderr, "probe-bench: %s\n", rseqprof_rseq_strerror(err));
		return 1;
	}
	for (r = 0; r < rounds; r++)
		for (k = 0; k < 3; k++)
			ns[k][r] = fn[k](n, pid, tid);
	for (k = 0; k < 3; k++) {
		qsort(ns[k], rounds, sizeof(ns[k][0]), pb_cmp);
		printf("%-6s %8.2f ns/event  (median of %d rounds of %ld)\n",
		       names[k], ns[k][rounds / 2], rounds, n);
	}
	return 0;
usage:
	fprintf(stderr, "usage: probe-bench [-n EVENTS] [-r ROUNDS (1..%d)]\n", PB_MAX_ROUNDS);
	return 2;
}
