// SPDX-License-Identifier: MIT
/*
 * rseqprof-threads - a plain threaded program (it links nothing of
 * rseqprof) that reports which cpu ids and mm_cids its own sched_getcpu()
 * calls ran on, so that a trace of it taken with librseqprof-preload.so can
 * be checked against the program's own account.
 *
 * THREADS threads start together and each calls sched_getcpu() CALLS times
 * with some busy work in between.  Around each call the thread reads its
 * rseq area the way any glibc >= 2.35 program can (thread pointer +
 * __rseq_offset; mm_cid at offset 24 when AT_RSEQ_FEATURE_SIZE >= 28); a
 * call whose before and after reads differ (the thread moved meanwhile) is
 * repeated, and counted, so that every call counted ran on the ids
 * recorded.  Prints one line of key=value pairs:
 *
 *   calls=  distinct_cpu_ids=  max_cpu_id=  distinct_mm_cids=  max_mm_cid=
 *
 * usage: rseqprof-threads [-t THREADS] [-n CALLS] [-w SPIN]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/rseq.h>
#include <unistd.h>

#define MAX_IDS		1024
#define FEATURE_SIZE_AUXV	27	/* AT_RSEQ_FEATURE_SIZE */
#define MM_CID_OFFSET	24

struct ids {
	uint64_t calls;
	unsigned char cpu[MAX_IDS];
	unsigned char cid[MAX_IDS];
};

static pthread_barrier_t barrier;
static unsigned long calls_per_thread = 1000, spin = 2000;
static int have_mm_cid;

static void read_ids(int32_t *cpu, int32_t *cid)
{
	volatile char *rs = (char *)__builtin_thread_pointer() + __rseq_offset;

	*cpu = *(volatile int32_t *)(rs + 4);
	*cid = have_mm_cid ? *(volatile int32_t *)(rs + MM_CID_OFFSET) : -1;
}

/* The spin loop's work, kept by the compiler. */
static volatile unsigned long spin_sink;

static void *thread_main(void *p)
{
	struct ids *ids = p;
	unsigned long i, j;
	int32_t cpu0, cid0, cpu1, cid1;
	int cpu;

	pthread_barrier_wait(&barrier);
	for (i = 0; i < calls_per_thread; i++) {
		for (j = 0; j < spin; j++)
			spin_sink = j;
		do {
			read_ids(&cpu0, &cid0);
			cpu = sched_getcpu();
			read_ids(&cpu1, &cid1);
			ids->calls++;
		} while (cpu0 != cpu1 || cid0 != cid1 || cpu != cpu0);
		if (cpu >= 0 && cpu < MAX_IDS)
			ids->cpu[cpu] = 1;
		if (cid0 >= 0 && cid0 < MAX_IDS)
			ids->cid[cid0] = 1;
	}
	return NULL;
}

static unsigned long parse(const char *opt, const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || !*s) {
		fprintf(stderr, "rseqprof-threads: %s wants a number, got '%s'\n", opt, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	unsigned long nr_threads = 4, t;
	struct ids *ids, all;
	pthread_t *tids;
	int opt, i, ncpu = 0, ncid = 0, maxcpu = -1, maxcid = -1;

	while ((opt = getopt(argc, argv, "t:n:w:")) != -1) {
		switch (opt) {
		case 't':
			nr_threads = parse("-t", optarg);
			break;
		case 'n':
			calls_per_thread = parse("-n", optarg);
			break;
		case 'w':
			spin = parse("-w", optarg);
			break;
		default:
			fprintf(stderr, "usage: rseqprof-threads [-t THREADS] [-n CALLS] [-w SPIN]\n");
			return 2;
		}
	}
	if (!nr_threads || nr_threads > 1024) {
		fprintf(stderr, "rseqprof-threads: -t wants 1..1024 threads\n");
		return 2;
	}
	if (!__rseq_size) {
		fprintf(stderr, "rseqprof-threads: glibc did not register rseq (GLIBC_TUNABLES=glibc.pthread.rseq=0?)\n");
		return 1;
	}
	have_mm_cid = getauxval(FEATURE_SIZE_AUXV) >= MM_CID_OFFSET + 4;
	ids = calloc(nr_threads, sizeof(*ids));
	tids = calloc(nr_threads, sizeof(*tids));
	if (!ids || !tids) {
		fprintf(stderr, "rseqprof-threads: out of memory\n");
		return 1;
	}
	pthread_barrier_init(&barrier, NULL, nr_threads);
	for (t = 0; t < nr_threads; t++)
		if (pthread_create(&tids[t], NULL, thread_main, &ids[t])) {
			fprintf(stderr, "rseqprof-threads: cannot create thread\n");
			return 1;
		}
	memset(&all, 0, sizeof(all));
	for (t = 0; t < nr_threads; t++) {
		pthread_join(tids[t], NULL);
		all.calls += ids[t].calls;
		for (i = 0; i < MAX_IDS; i++) {
			all.cpu[i] |= ids[t].cpu[i];
			all.cid[i] |= ids[t].cid[i];
		}
	}
	for (i = 0; i < MAX_IDS; i++) {
		if (all.cpu[i]) {
			ncpu++;
			maxcpu = i;
		}
		if (all.cid[i]) {
			ncid++;
			maxcid = i;
		}
	}
	printf("pid=%d threads=%lu calls=%llu distinct_cpu_ids=%d max_cpu_id=%d distinct_mm_cids=%d max_mm_cid=%d\n",
	       getpid(), nr_threads, (unsigned long long)all.calls, ncpu, maxcpu,
	       ncid, maxcid);
	free(ids);
	free(tids);
	return 0;
}
