// SPDX-License-Identifier: MIT
/*
 * numa-workload - a small threaded workload bound across NUMA nodes, for
 * the guest recording of tests/numa.
 *
 * Thread i starts bound to node (i % nodes) with numa_run_on_node() and
 * touches a buffer allocated on that node.  Every round it sleeps briefly
 * (a context switch), and between rounds it is moved: on odd rounds to the
 * next node (a cross-node migration through sched_setaffinity), on even
 * rounds to another CPU of its current node (a same-node migration).  A
 * forked single-threaded child does the same, so the trace holds two mms.
 *
 * With -b MS, each thread then runs unbound for MS milliseconds touching a
 * buffer allocated on another node than the one it ran on last, which gives
 * the kernel's NUMA balancing (when enabled) a reason to move it.
 *
 * usage: numa-workload [-t THREADS] [-r ROUNDS] [-b MS]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <numa.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BUF_SIZE	(64 * 1024)

struct worker {
	pthread_t thread;
	int index;		/* thread number, picks the first node */
	int rounds;
	int balance_ms;		/* unbound phase, 0: none */
	int err;		/* errno of the first failure, 0 */
};

static int nr_nodes;
static int nr_cpus;

/* cpu_of_node() - the @nth CPU (wrapping) of @node, -1 when it has none. */
static int cpu_of_node(int node, int nth)
{
	int cpu, seen = 0, count = 0;

	for (cpu = 0; cpu < nr_cpus; cpu++)
		if (numa_node_of_cpu(cpu) == node)
			count++;
	if (!count)
		return -1;
	nth %= count;
	for (cpu = 0; cpu < nr_cpus; cpu++)
		if (numa_node_of_cpu(cpu) == node && seen++ == nth)
			return cpu;
	return -1;
}

/* move_to() - bind the calling thread to @cpu, which migrates it there. */
static int move_to(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		return errno;
	/* Let the migration happen before the next round. */
	sched_yield();
	return 0;
}

static void nap(void)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = 200 * 1000 };

	nanosleep(&ts, NULL);
}

/* run_rounds() - the work of one thread or of the child process. */
static int run_rounds(int index, int rounds)
{
	int node = index % nr_nodes, nth = 0, round, err;
	char *buf;

	if (numa_run_on_node(node))
		return errno;
	buf = numa_alloc_onnode(BUF_SIZE, node);
	if (!buf)
		return ENOMEM;
	for (round = 0; round < rounds; round++) {
		memset(buf, round, BUF_SIZE);
		nap();
		if (round & 1)
			node = (node + 1) % nr_nodes;	/* cross-node */
		else
			nth++;				/* same node */
		err = move_to(cpu_of_node(node, index + nth));
		if (err) {
			numa_free(buf, BUF_SIZE);
			return err;
		}
		nap();
	}
	numa_free(buf, BUF_SIZE);
	return 0;
}

static uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/*
 * run_unbound() - touch memory of node @node for @ms ms from any CPU.
 * The pages are allocated with numa_alloc_onnode() (bound to @node).
 */
static int run_unbound(int node, int ms)
{
	size_t size = 4 * 1024 * 1024, off;
	uint64_t end = now_ms() + (uint64_t)ms;
	volatile char *buf;

	if (numa_run_on_node(-1))
		return errno;
	buf = numa_alloc_onnode(size, node);
	if (!buf)
		return ENOMEM;
	while (now_ms() < end)
		for (off = 0; off < size; off += 4096)
			buf[off]++;
	numa_free((void *)buf, size);
	return 0;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	w->err = run_rounds(w->index, w->rounds);
	/* Memory on the node after the one the thread ran on last. */
	if (!w->err && w->balance_ms)
		w->err = run_unbound((numa_node_of_cpu(sched_getcpu()) + 1) %
				     nr_nodes, w->balance_ms);
	return NULL;
}

static int usage(const char *prog)
{
	fprintf(stderr, "usage: %s [-t THREADS (1..64)] [-r ROUNDS (1..10000)] [-b MS (0..60000)]\n",
		prog);
	return 2;
}

int main(int argc, char **argv)
{
	struct worker workers[64];
	int threads = 4, rounds = 8, balance_ms = 0, opt, i, status, ret = 0;
	pid_t child;

	while ((opt = getopt(argc, argv, "t:r:b:")) != -1) {
		switch (opt) {
		case 't':
			threads = atoi(optarg);
			break;
		case 'r':
			rounds = atoi(optarg);
			break;
		case 'b':
			balance_ms = atoi(optarg);
			break;
		default:
			return usage(argv[0]);
		}
	}
	if (optind != argc || threads < 1 || threads > 64 || rounds < 1 ||
	    rounds > 10000 || balance_ms < 0 || balance_ms > 60000)
		return usage(argv[0]);
	if (numa_available() < 0) {
		fprintf(stderr, "numa-workload: NUMA not available (libnuma)\n");
		return 1;
	}
	nr_nodes = numa_max_node() + 1;
	nr_cpus = numa_num_configured_cpus();

	child = fork();
	if (child < 0) {
		perror("numa-workload: fork");
		return 1;
	}
	if (!child)
		_exit(run_rounds(1, rounds) ? 1 : 0);

	for (i = 0; i < threads; i++) {
		workers[i].index = i;
		workers[i].rounds = rounds;
		workers[i].balance_ms = balance_ms;
		workers[i].err = 0;
		errno = pthread_create(&workers[i].thread, NULL, worker_main,
				       &workers[i]);
		if (errno) {
			perror("numa-workload: pthread_create");
			threads = i;
			ret = 1;
			break;
		}
	}
	for (i = 0; i < threads; i++) {
		pthread_join(workers[i].thread, NULL);
		if (workers[i].err) {
			fprintf(stderr, "numa-workload: thread %d: %s\n", i,
				strerror(workers[i].err));
			ret = 1;
		}
	}
	if (waitpid(child, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		fprintf(stderr, "numa-workload: child process failed\n");
		ret = 1;
	}
	return ret;
}
