// SPDX-License-Identifier: MIT
/*
 * thread-edges - the ways a thread or process ends that the preload must
 * see: one thread leaves with pthread_exit(), one is cancelled, then a
 * forked child calls sched_getcpu() once and _exit()s.  Prints
 * "parent=PID child=PID".
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static void *leave(void *arg)
{
	(void)arg;
	sched_getcpu();
	pthread_exit(NULL);
}

static void *spin_until_cancelled(void *arg)
{
	(void)arg;
	for (;;) {
		sched_getcpu();
		pthread_testcancel();
		usleep(1000);
	}
	return NULL;
}

int main(void)
{
	pthread_t a, b;
	pid_t child;

	if (pthread_create(&a, NULL, leave, NULL) ||
	    pthread_create(&b, NULL, spin_until_cancelled, NULL)) {
		fprintf(stderr, "thread-edges: cannot create threads\n");
		return 1;
	}
	pthread_join(a, NULL);
	usleep(5000);
	pthread_cancel(b);
	pthread_join(b, NULL);
	fflush(stdout);
	child = fork();
	if (child < 0) {
		perror("thread-edges: fork");
		return 1;
	}
	if (!child) {
		sched_getcpu();
		_exit(0);
	}
	waitpid(child, NULL, 0);
	printf("parent=%d child=%d\n", getpid(), child);
	return 0;
}
