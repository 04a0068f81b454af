// SPDX-License-Identifier: MIT
/*
 * churn.c - the kernel lab's churn workloads: tasks that come and go while
 * a few threads of the same process keep running, so that ids are freed
 * and taken again.
 *
 * lab-churn -m MODE [-n COUNT] [-t THREADS] [-c CPUS]
 *   -m exec	COUNT times fork(), the child execs "lab-churn -m child"
 *   -m spawn	COUNT times posix_spawn() (CLONE_VM|CLONE_VFORK) the same
 *   -m threads	COUNT short-lived threads, created and joined one by one
 *   -m child	exit at once (what exec and spawn run)
 *   -t		background threads spinning 1 ms and sleeping 1 ms the whole
 *		time (default 3)
 *   -c		restrict the process to its first CPUS CPUs first (the
 *		affinity is inherited by every task it makes)
 * Exits 0, or 1 when a fork, spawn or thread fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static volatile int stop;

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *background(void *arg)
{
	const struct timespec nap = { 0, 1000000 };

	(void)arg;
	while (!stop) {
		long long end = now_ns() + 1000000;

		while (now_ns() < end)
			;
		nanosleep(&nap, NULL);
	}
	return NULL;
}

static void *short_lived(void *arg)
{
	return arg;
}

static int run_child(const char *self, int use_spawn)
{
	char *argv[] = { (char *)self, "-m", "child", NULL };
	int status;
	pid_t pid;

	if (use_spawn) {
		int err = posix_spawn(&pid, self, NULL, NULL, argv, environ);

		if (err) {
			fprintf(stderr, "lab-churn: posix_spawn: %s\n", strerror(err));
			return -1;
		}
	} else {
		pid = fork();
		if (pid < 0) {
			perror("lab-churn: fork");
			return -1;
		}
		if (!pid) {
			execv(self, argv);
			_exit(127);
		}
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "lab-churn: child %d failed\n", (int)pid);
		return -1;
	}
	return 0;
}

static int restrict_cpus(int cpus)
{
	cpu_set_t set;
	int i;

	CPU_ZERO(&set);
	for (i = 0; i < cpus; i++)
		CPU_SET(i, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		perror("lab-churn: sched_setaffinity");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = NULL;
	long i, count = 50, threads = 3, cpus = 0;
	pthread_t bg[16], t;
	int opt, ret = 0;
	char self[4096];
	ssize_t len;

	while ((opt = getopt(argc, argv, "m:n:t:c:")) != -1) {
		switch (opt) {
		case 'm':
			mode = optarg;
			break;
		case 'n':
			count = atol(optarg);
			break;
		case 't':
			threads = atol(optarg);
			break;
		case 'c':
			cpus = atol(optarg);
			break;
		default:
			mode = NULL;
			optind = argc;
			break;
		}
	}
	if (mode && !strcmp(mode, "child"))
		return 0;
	if (!mode || (strcmp(mode, "exec") && strcmp(mode, "spawn") &&
		      strcmp(mode, "threads")) ||
	    count < 1 || threads < 0 || threads > 16 || cpus < 0) {
		fprintf(stderr, "usage: lab-churn -m exec|spawn|threads [-n COUNT] [-t 0..16] [-c CPUS]\n");
		return 2;
	}
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len < 0) {
		perror("lab-churn: /proc/self/exe");
		return 1;
	}
	self[len] = '\0';
	if (cpus && restrict_cpus((int)cpus))
		return 1;
	for (i = 0; i < threads; i++)
		if (pthread_create(&bg[i], NULL, background, NULL)) {
			perror("lab-churn: pthread_create");
			return 1;
		}
	for (i = 0; i < count && !ret; i++) {
		if (!strcmp(mode, "threads")) {
			if (pthread_create(&t, NULL, short_lived, NULL) ||
			    pthread_join(t, NULL))
				ret = 1;
		} else if (run_child(self, !strcmp(mode, "spawn"))) {
			ret = 1;
		}
	}
	stop = 1;
	for (i = 0; i < threads; i++)
		pthread_join(bg[i], NULL);
	return ret;
}
