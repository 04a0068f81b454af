// SPDX-License-Identifier: MIT
/*
 * merge-bench.c - the merger of `rseqprof report --jobs N` alone
 * (analyses/common/rp_merge.h): N forked writers send sorted event
 * records (as the decoding workers do: 128 bytes each, through a pipe,
 * 512 at a time, interleaved timestamps) and the parent merges them in the
 * muxer's order.  Prints the merger's rate in records per second (wall
 * clock of the parent, which also waits for the writers when they are
 * slower: run with fewer writers than CPUs for the merger's own rate).
 *
 * usage: merge-bench WRITERS RECORDS-PER-WRITER
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rp_merge.h"

static void writer(unsigned int id, unsigned int nr, unsigned long n, int fd)
{
	static struct rp_rec buf[512];
	unsigned long i;
	size_t k = 0;

	for (i = 0; i <= n; i++) {
		struct rp_rec *r = &buf[k++];

		memset(r, 0, sizeof(*r));
		r->type = i == n ? RP_REC_END : RP_REC_EVENT;
		r->flags = RP_REC_HAS_NS;
		r->ns = (int64_t)(i * nr + id) * 100;
		r->stream_id = id;
		if (k == 512 || i == n) {
			if (write(fd, buf, k * sizeof(buf[0])) != (ssize_t)(k * sizeof(buf[0])))
				_exit(1);
			k = 0;
		}
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	static struct rp_workers w;
	static struct rp_merge m;
	const struct rp_rec *r;
	struct timespec a, b;
	unsigned long n, got = 0;
	int64_t last = INT64_MIN;
	unsigned int i, nr;
	double s;
	int ret;

	if (argc != 3) {
		fprintf(stderr, "usage: merge-bench WRITERS RECORDS-PER-WRITER\n");
		return 2;
	}
	nr = (unsigned int)atoi(argv[1]);
	n = strtoul(argv[2], NULL, 0);
	if (!nr || nr > RP_MAX_JOBS)
		return 2;
	memset(&w, 0, sizeof(w));
	w.nr = nr;
	for (i = 0; i < RP_MAX_JOBS; i++)
		w.fd[i] = -1;
	for (i = 0; i < nr; i++) {
		int p[2];

		if (pipe(p))
			return 1;
		w.pid[i] = fork();
		if (!w.pid[i]) {
			close(p[0]);
			writer(i, nr, n, p[1]);
		}
		close(p[1]);
		w.fd[i] = p[0];
	}
	if (rp_merge_init(&m, &w))
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &a);
	while ((ret = rp_merge_next(&m, &r)) > 0) {
		if (r->ns < last) {
			fprintf(stderr, "out of order at record %lu\n", got);
			return 1;
		}
		last = r->ns;
		got++;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	rp_merge_fini(&m);
	rp_workers_stop(&w);
	if (ret < 0 || got != n * nr) {
		fprintf(stderr, "merge failed: %s (%lu of %lu records)\n", m.err, got, n * nr);
		return 1;
	}
	s = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	printf("writers %u records %lu seconds %.3f rate %.0f records/s\n",
	       nr, got, s, (double)got / s);
	return 0;
}
