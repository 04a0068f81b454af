// SPDX-License-Identifier: MIT
/*
 * spawn-waves.c - a scale workload: many short-lived processes, each with
 * several short-lived threads, started in waves.
 *
 * usage: spawn-waves PROCESSES PER_WAVE THREADS
 *
 * Starts PROCESSES processes, PER_WAVE at a time (the next wave starts
 * when the previous one has exited); each process runs THREADS threads,
 * four at a time, that yield the CPU a few times and exit.  Prints
 * "processes=N threads=M" (what it created) on success.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SW_THREADS_AT_ONCE	4

static void *sw_thread(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 3; i++)
		sched_yield();
	return NULL;
}

/* One process: THREADS threads in waves; exit status 0 when all ran. */
static int sw_process(int threads)
{
	pthread_t tid[SW_THREADS_AT_ONCE];
	int done = 0, n, i;

	while (done < threads) {
		n = threads - done < SW_THREADS_AT_ONCE ? threads - done : SW_THREADS_AT_ONCE;
		for (i = 0; i < n; i++)
			if (pthread_create(&tid[i], NULL, sw_thread, NULL))
				return 1;
		for (i = 0; i < n; i++)
			pthread_join(tid[i], NULL);
		done += n;
	}
	return 0;
}

static long sw_arg(const char *s, const char *what)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end || v < 1 || v > 1000000) {
		fprintf(stderr, "spawn-waves: bad %s '%s'\n", what, s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	long nproc, per_wave, threads, started = 0, failed = 0, i, n;
	int status;

	if (argc != 4) {
		fprintf(stderr, "usage: spawn-waves PROCESSES PER_WAVE THREADS\n");
		return 2;
	}
	nproc = sw_arg(argv[1], "PROCESSES");
	per_wave = sw_arg(argv[2], "PER_WAVE");
	threads = sw_arg(argv[3], "THREADS");
	while (started < nproc) {
		n = nproc - started < per_wave ? nproc - started : per_wave;
		for (i = 0; i < n; i++) {
			pid_t pid = fork();

			if (pid < 0) {
				fprintf(stderr, "spawn-waves: fork: %s\n", strerror(errno));
				return 1;
			}
			if (pid == 0)
				_exit(sw_process((int)threads));
		}
		for (i = 0; i < n; i++)
			if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
				failed++;
		started += n;
	}
	if (failed) {
		fprintf(stderr, "spawn-waves: %ld processes failed\n", failed);
		return 1;
	}
	printf("processes=%ld threads=%ld\n", nproc, nproc * threads);
	return 0;
}
