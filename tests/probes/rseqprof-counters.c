// SPDX-License-Identifier: MIT
/*
 * rseqprof-counters - per-vcpu counters, the memory argument for mm_cid.
 *
 * Every thread adds 1 to a counter ITERATIONS times.  Four layouts of the
 * counter, one cache line (64 bytes) per slot:
 *
 *   mm_cid   one slot per possible CPU, indexed by the thread's rseq mm_cid,
 *            incremented inside an rseq critical section (the add commits)
 *   cpu_id   same, indexed by rseq cpu_id: the classic per-CPU counter
 *   thread   one slot per thread, plain add
 *   atomic   one slot, __atomic_fetch_add from every thread
 *
 * For each layout it prints one line of key=value pairs: the increments
 * done, the total read back (sum of the slots: must equal the increments),
 * slots allocated and touched, the highest index touched and the slots an
 * array indexed that way needs (highest index + 1), the rseq aborts
 * (restarts of the critical section) and the throughput.  Exit status 1
 * when a total is wrong or rseq is unusable.
 *
 * usage: rseqprof-counters [-t THREADS] [-n ITERATIONS] [-m MODE[,MODE...]]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "rseqprof/arch.h"
#include "rseqprof/rseq.h"

enum mode { MODE_MM_CID, MODE_CPU_ID, MODE_THREAD, MODE_ATOMIC, NR_MODES };

static const char *const mode_names[NR_MODES] = {
	"mm_cid", "cpu_id", "thread", "atomic",
};

struct run {
	enum mode mode;
	unsigned long iterations;
	uint64_t *slots;		/* nr_slots cache lines, owned by main */
	uint32_t nr_slots;
	pthread_barrier_t barrier;
};

struct worker {
	struct run *run;
	unsigned int index;		/* thread number, the per-thread slot */
	uint64_t aborts;
	double start, end;		/* seconds, CLOCK_MONOTONIC */
	int error;			/* rseq reader error, negative */
};

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t *slot(uint64_t *slots, uint32_t i)
{
	return slots + (size_t)i * RSEQPROF_SLOT_U64;
}

static int inc_rseq(struct rseqprof_rseq_abi *rs, const uint32_t *field,
		    struct run *run, uint64_t *aborts)
{
	int ret;

	while ((ret = rseqprof_arch_inc_slot(rs, field, run->slots,
					     run->nr_slots)) == -1)
		(*aborts)++;
	return ret;
}

static void *worker_main(void *p)
{
	struct worker *w = p;
	struct run *run = w->run;
	struct rseqprof_rseq_abi *rs = NULL;
	const uint32_t *field = NULL;
	unsigned long i;

	if (run->mode == MODE_MM_CID || run->mode == MODE_CPU_ID) {
		struct rseqprof_rseq_sample s;
		int ret = rseqprof_rseq_read(&s);

		if (ret == -RSEQPROF_RSEQ_E_NO_RSEQ ||
		    ret == -RSEQPROF_RSEQ_E_REGISTER ||
		    (run->mode == MODE_MM_CID && ret)) {
			w->error = ret;
		} else {
			rs = rseqprof_rseq_thread_area();
			field = run->mode == MODE_MM_CID ? &rs->mm_cid : &rs->cpu_id;
		}
	}
	pthread_barrier_wait(&run->barrier);
	w->start = now_s();
	if (w->error)
		return NULL;
	switch (run->mode) {
	case MODE_MM_CID:
	case MODE_CPU_ID:
		for (i = 0; i < run->iterations; i++) {
			if (inc_rseq(rs, field, run, &w->aborts)) {
				w->error = -RSEQPROF_RSEQ_E_REGISTER;
				break;
			}
		}
		break;
	case MODE_THREAD:
		for (i = 0; i < run->iterations; i++)
			(*(volatile uint64_t *)slot(run->slots, w->index))++;
		break;
	default:
		for (i = 0; i < run->iterations; i++)
			__atomic_fetch_add(run->slots, 1, __ATOMIC_RELAXED);
		break;
	}
	w->end = now_s();
	return NULL;
}

static uint32_t possible_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);

	return n > 0 ? (uint32_t)n : 1;
}

static int run_mode(enum mode mode, unsigned int nr_threads,
		    unsigned long iterations)
{
	struct run run = { .mode = mode, .iterations = iterations };
	struct worker *workers;
	pthread_t *tids;
	uint64_t total = 0, aborts = 0, want;
	uint32_t touched = 0, i;
	int max_index = -1, error = 0, ret = 0;
	double t0, t1;

	switch (mode) {
	case MODE_MM_CID:
	case MODE_CPU_ID:
		run.nr_slots = possible_cpus();
		break;
	case MODE_THREAD:
		run.nr_slots = nr_threads;
		break;
	default:
		run.nr_slots = 1;
		break;
	}
	run.slots = aligned_alloc(64, (size_t)run.nr_slots << RSEQPROF_SLOT_SHIFT);
	workers = calloc(nr_threads, sizeof(*workers));
	tids = calloc(nr_threads, sizeof(*tids));
	if (!run.slots || !workers || !tids) {
		fprintf(stderr, "rseqprof-counters: out of memory\n");
		ret = 1;
		goto out;
	}
	memset(run.slots, 0, (size_t)run.nr_slots << RSEQPROF_SLOT_SHIFT);
	pthread_barrier_init(&run.barrier, NULL, nr_threads + 1);
	for (i = 0; i < nr_threads; i++) {
		workers[i].run = &run;
		workers[i].index = i;
		if (pthread_create(&tids[i], NULL, worker_main, &workers[i])) {
			fprintf(stderr, "rseqprof-counters: cannot create thread %u\n", i);
			exit(1);
		}
	}
	pthread_barrier_wait(&run.barrier);
	for (i = 0; i < nr_threads; i++)
		pthread_join(tids[i], NULL);
	t0 = workers[0].start;
	t1 = workers[0].end;
	for (i = 0; i < nr_threads; i++) {
		aborts += workers[i].aborts;
		if (workers[i].error)
			error = workers[i].error;
		if (workers[i].start < t0)
			t0 = workers[i].start;
		if (workers[i].end > t1)
			t1 = workers[i].end;
	}
	pthread_barrier_destroy(&run.barrier);
	if (error) {
		fprintf(stderr, "rseqprof-counters: %s: %s\n", mode_names[mode],
			rseqprof_rseq_strerror(error));
		ret = 1;
		goto out;
	}
	for (i = 0; i < run.nr_slots; i++) {
		uint64_t v = *slot(run.slots, i);

		total += v;
		if (v) {
			touched++;
			max_index = (int)i;
		}
	}
	want = (uint64_t)nr_threads * iterations;
	printf("mode=%s threads=%u increments=%llu total=%llu slots_allocated=%u slots_touched=%u max_index=%d slots_needed=%d bytes_needed=%d aborts=%llu seconds=%.6f minc_per_s=%.2f rseq_owner=%s\n",
	       mode_names[mode], nr_threads, (unsigned long long)want,
	       (unsigned long long)total, run.nr_slots, touched, max_index,
	       max_index + 1, (max_index + 1) << RSEQPROF_SLOT_SHIFT, (unsigned long long)aborts,
	       t1 - t0, t1 > t0 ? want / (t1 - t0) / 1e6 : 0.0,
	       rseqprof_rseq_owner_name(rseqprof_rseq_owner()));
	if (total != want) {
		fprintf(stderr, "rseqprof-counters: %s: total %llu != increments %llu\n",
			mode_names[mode], (unsigned long long)total,
			(unsigned long long)want);
		ret = 1;
	}
out:
	free(run.slots);
	free(workers);
	free(tids);
	return ret;
}

static int parse_modes(const char *arg, unsigned int *mask)
{
	char *copy = strdup(arg), *tok, *save = NULL;
	int m, ret = 0;

	*mask = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "all")) {
			*mask = (1u << NR_MODES) - 1;
			continue;
		}
		for (m = 0; m < NR_MODES; m++)
			if (!strcmp(tok, mode_names[m]))
				break;
		if (m == NR_MODES) {
			ret = -1;
			break;
		}
		*mask |= 1u << m;
	}
	free(copy);
	return *mask ? ret : -1;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: rseqprof-counters [-t THREADS] [-n ITERATIONS] [-m MODE[,MODE...]]\n"
		   "  MODE: mm_cid, cpu_id, thread, atomic or all (default all)\n");
}

int main(int argc, char **argv)
{
	unsigned long threads = 1, iterations = 1000000;
	unsigned int modes = (1u << NR_MODES) - 1;
	char *end;
	int opt, m, ret = 0;

	while ((opt = getopt(argc, argv, "t:n:m:h")) != -1) {
		switch (opt) {
		case 't':
			errno = 0;
			threads = strtoul(optarg, &end, 10);
			if (errno || *end || !threads || threads > 4096) {
				fprintf(stderr, "rseqprof-counters: -t wants 1..4096 threads, got '%s'\n", optarg);
				return 2;
			}
			break;
		case 'n':
			errno = 0;
			iterations = strtoul(optarg, &end, 10);
			if (errno || *end || !iterations) {
				fprintf(stderr, "rseqprof-counters: -n wants a positive count, got '%s'\n", optarg);
				return 2;
			}
			break;
		case 'm':
			if (parse_modes(optarg, &modes)) {
				fprintf(stderr, "rseqprof-counters: unknown mode in '%s'\n", optarg);
				usage(stderr);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	for (m = 0; m < NR_MODES; m++)
		if (modes & (1u << m))
			ret |= run_mode(m, (unsigned int)threads, iterations);
	return ret;
}
