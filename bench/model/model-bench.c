// SPDX-License-Identifier: MIT
/*
 * model-bench.c - scheduler events per second through each allocator
 * variant of the model, in memory (no trace decoding).
 *
 * usage: model-bench [-v VARIANT] [-s SECONDS] EVENTS_FILE
 *
 * EVENTS_FILE is the event list bench/model/extract.awk writes from a real
 * perf recording.  It is loaded once into an array; then, for each variant,
 * a fresh model replays the whole array, pass after pass, until SECONDS
 * (default 1) have passed.  Only the replay is timed (the model's init is
 * not).  Prints one line per variant: the median events/s of the passes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vcid_model.h"

struct mb_event {
	char type;	/* s m f x e r, as in extract.awk */
	u32 cpu;	/* s: cpu; m: from */
	u32 a, b;	/* s: prev tid/mm; m f x e r: tid/mm (f: parent) */
	u32 c, d;	/* s: next tid/mm; f: child tid/mm; m: c = to */
	u64 ts;
};

struct mb_trace {
	struct mb_event *ev;
	size_t nr;
	u32 nr_cpus;
};

static int mb_load(const char *path, struct mb_trace *t)
{
	size_t cap = 1 << 16;
	char line[256];
	FILE *f;

	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "model-bench: %s: %s\n", path, strerror(errno));
		return -1;
	}
	t->ev = malloc(cap * sizeof(*t->ev));
	t->nr = 0;
	t->nr_cpus = 1;
	while (t->ev && fgets(line, sizeof(line), f)) {
		struct mb_event e = { 0 };
		unsigned long long ts;
		int n;

		switch (line[0]) {
		case 's':
			n = sscanf(line, "s %llu %u %u %u %u %u", &ts, &e.cpu,
				   &e.a, &e.b, &e.c, &e.d) == 6;
			break;
		case 'm':
			n = sscanf(line, "m %llu %u %u %u %u", &ts, &e.a, &e.b,
				   &e.cpu, &e.c) == 5;
			break;
		case 'f':
			n = sscanf(line, "f %llu %u %u %u %u", &ts, &e.a, &e.b,
				   &e.c, &e.d) == 5;
			break;
		case 'x':
		case 'e':
			n = sscanf(line + 1, "%llu %u %u", &ts, &e.a, &e.b) == 3;
			break;
		case 'r':
			n = sscanf(line, "r %llu %u", &ts, &e.a) == 2;
			break;
		default:
			n = 0;
		}
		if (!n) {
			fprintf(stderr, "model-bench: %s: bad line '%.40s'\n", path, line);
			fclose(f);
			return -1;
		}
		e.type = line[0];
		e.ts = ts;
		if (e.type == 's' && e.cpu + 1 > t->nr_cpus)
			t->nr_cpus = e.cpu + 1;
		if (e.type == 'm' && (e.cpu + 1 > t->nr_cpus || e.c + 1 > t->nr_cpus))
			t->nr_cpus = (e.cpu > e.c ? e.cpu : e.c) + 1;
		if (t->nr == cap) {
			struct mb_event *bigger;

			cap *= 2;
			bigger = realloc(t->ev, cap * sizeof(*t->ev));
			if (!bigger) {
				free(t->ev);
				t->ev = NULL;
				break;
			}
			t->ev = bigger;
		}
		t->ev[t->nr++] = e;
	}
	fclose(f);
	if (!t->ev) {
		fprintf(stderr, "model-bench: out of memory\n");
		return -1;
	}
	return 0;
}

/* One pass over the array; returns the number of refused events. */
static size_t mb_replay(struct vcid_model *m, const struct mb_trace *t)
{
	struct vcid_result res;
	size_t i, refused = 0;
	int ret = 0;

	for (i = 0; i < t->nr; i++) {
		const struct mb_event *e = &t->ev[i];

		switch (e->type) {
		case 's':
			ret = vcid_sched_switch(m, e->ts, e->cpu, e->a, e->b,
						e->c, e->d, &res);
			break;
		case 'm':
			ret = vcid_sched_migrate_task(m, e->ts, e->a, e->b,
						      e->cpu, e->c, &res);
			break;
		case 'f':
			ret = vcid_sched_process_fork(m, e->ts, e->a, e->b,
						      e->c, e->d, &res);
			break;
		case 'x':
			ret = vcid_sched_process_exec(m, e->ts, e->a, e->b, &res);
			break;
		case 'e':
			ret = vcid_sched_process_exit(m, e->ts, e->a, e->b, &res);
			break;
		case 'r':
			ret = vcid_sched_process_free(m, e->ts, e->a, &res);
			break;
		}
		refused += ret != 0;
	}
	return refused;
}

static double mb_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int mb_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int mb_variant(enum vcid_variant v, const struct mb_trace *t, double secs)
{
	double rates[4096], start, t0, t1;
	struct vcid_config cfg;
	struct vcid_model *m;
	size_t size, refused = 0;
	int passes = 0;
	void *mem;

	vcid_config_default(&cfg, v, t->nr_cpus);
	size = vcid_model_size(&cfg);
	mem = size ? aligned_alloc(64, (size + 63) & ~(size_t)63) : NULL;
	if (!mem) {
		fprintf(stderr, "model-bench: %s: no model memory\n", vcid_variant_name(v));
		return -1;
	}
	start = mb_now();
	do {
		if (vcid_model_init(&m, mem, size, &cfg)) {
			fprintf(stderr, "model-bench: %s: init failed\n", vcid_variant_name(v));
			free(mem);
			return -1;
		}
		t0 = mb_now();
		refused = mb_replay(m, t);
		t1 = mb_now();
		rates[passes++] = t->nr / (t1 - t0);
	} while (mb_now() - start < secs && passes < 4096);
	qsort(rates, passes, sizeof(rates[0]), mb_cmp);
	printf("%-10s %12.0f events/s  (median of %d passes of %zu events, %zu refused)\n",
	       vcid_variant_name(v), rates[passes / 2], passes, t->nr, refused);
	free(mem);
	return 0;
}

int main(int argc, char **argv)
{
	const char *only = NULL;
	struct mb_trace t;
	double secs = 1.0;
	int opt, v, ret = 0;

	while ((opt = getopt(argc, argv, "v:s:")) != -1) {
		switch (opt) {
		case 'v':
			only = optarg;
			break;
		case 's':
			secs = atof(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc - 1)
		goto usage;
	if (only && vcid_variant_from_name(only) < 0) {
		fprintf(stderr, "model-bench: unknown variant '%s'\n", only);
		return 2;
	}
	if (mb_load(argv[optind], &t))
		return 1;
	printf("# %zu events, %u CPUs\n", t.nr, t.nr_cpus);
	for (v = 0; v < VCID_NR_VARIANTS; v++) {
		if (only && v != vcid_variant_from_name(only))
			continue;
		ret |= mb_variant(v, &t, secs);
	}
	free(t.ev);
	return ret ? 1 : 0;
usage:
	fprintf(stderr, "usage: model-bench [-v VARIANT] [-s SECONDS] EVENTS_FILE\n");
	return 2;
}
