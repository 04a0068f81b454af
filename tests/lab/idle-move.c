// SPDX-License-Identifier: MIT
/*
 * idle-move.c - a thread pool that idles past mm_cid's 100 ms compaction
 * period between bursts and moves its threads between CPUs by affinity
 * (the kernel lab's workload for lazy compaction and migration).
 *
 * idle-move [-t THREADS] [-r ROUNDS] [-s SLEEP_MS]: each thread, each
 * round, pins itself to CPU (round + thread) % CPUs, spins about 2 ms,
 * then sleeps SLEEP_MS + 50 * thread ms.  Exits 0.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static int rounds = 6, sleep_ms = 200, nr_cpus;

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *worker(void *arg)
{
	long id = (long)arg;
	int r;

	for (r = 0; r < rounds; r++) {
		struct timespec nap = {
			.tv_sec = (sleep_ms + 50 * id) / 1000,
			.tv_nsec = ((sleep_ms + 50 * id) % 1000) * 1000000L,
		};
		cpu_set_t set;
		long long end;

		CPU_ZERO(&set);
		CPU_SET((r + id) % nr_cpus, &set);
		sched_setaffinity(0, sizeof(set), &set);
		end = now_ns() + 2000000;
		while (now_ns() < end)
			;
		nanosleep(&nap, NULL);
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t tid[64];
	long i, threads = 2;
	int opt;

	while ((opt = getopt(argc, argv, "t:r:s:")) != -1) {
		switch (opt) {
		case 't':
			threads = atol(optarg);
			break;
		case 'r':
			rounds = atoi(optarg);
			break;
		case 's':
			sleep_ms = atoi(optarg);
			break;
		default:
			fprintf(stderr, "usage: idle-move [-t THREADS] [-r ROUNDS] [-s SLEEP_MS]\n");
			return 2;
		}
	}
	if (threads < 1 || threads > 64 || rounds < 1 || sleep_ms < 0) {
		fprintf(stderr, "idle-move: -t 1..64, -r >= 1, -s >= 0\n");
		return 2;
	}
	nr_cpus = (int)sysconf(_SC_NPROCESSORS_ONLN);
	for (i = 0; i < threads; i++)
		if (pthread_create(&tid[i], NULL, worker, (void *)i)) {
			perror("idle-move: pthread_create");
			return 1;
		}
	for (i = 0; i < threads; i++)
		pthread_join(tid[i], NULL);
	return 0;
}
