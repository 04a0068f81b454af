// SPDX-License-Identifier: MIT
/*
 * preload.c - librseqprof-preload.so: record the rseq reads of an unmodified
 * program (LD_PRELOAD), as LTTng-UST events of provider rseqprof_ust, which
 * this library embeds with hidden symbols (as liblttng-ust-libc-wrapper
 * embeds its provider).
 *
 * A thread's rseq area can only be read by the thread itself (the kernel
 * updates it on return to that thread's user space), so every read runs in
 * the traced thread:
 *
 *   - thread start and end: pthread_create() is wrapped to run a trampoline
 *     around the start routine (end also on pthread_exit() and cancellation,
 *     through a cleanup handler); the main thread is covered by this
 *     library's constructor and destructor;
 *   - every sched_getcpu() call (wrapped; the real one is called first);
 *   - sampling: each thread owns a POSIX timer on its own CPU-time clock
 *     (CLOCK_THREAD_CPUTIME_ID, SIGEV_THREAD_ID), so a thread is sampled
 *     RSEQPROF_SAMPLE_HZ times per second *of its running time*, in its own
 *     context, and sleeping threads are not woken up.
 *
 * Signal safety.  The sampling signal's handler reads the rseq area (plain
 * loads in an rseq critical section) and fires a tracepoint.  lttng-ust
 * 2.13 supports tracepoints in signal handlers (its ring buffer is
 * lock-free and allows nesting) provided the thread's lttng-ust state was
 * initialised outside the handler: <lttng/ust-thread.h> says
 * lttng_ust_init_thread() "should be called explicitly upon creation of
 * each thread before signal handlers nesting over those threads use
 * LTTng-UST tracepoints".  So each thread calls lttng_ust_init_thread() and
 * rseqprof_rseq_thread_init() before its timer is armed, and the handler
 * does nothing until both ran.  The handler saves and restores errno.
 * A read never nests in another read of the same thread: lttng-ust calls
 * sched_getcpu() to pick its ring buffer, which would recurse through the
 * wrapper, and a sample landing inside a read is dropped.
 * Threads this library did not start (lttng-ust's own, created before its
 * constructor ran) get no timer.
 *
 * Environment:
 *   RSEQPROF_SAMPLE_HZ  samples per second of thread CPU time (default 100,
 *                       0 disables sampling)
 * The sampling signal is SIGRTMAX - 3 (RSEQPROF_SAMPLE_SIGNAL); sampling is
 * disabled, with a warning, when the program already handles that signal.
 * Programs that fork without exec should also preload liblttng-ust-fork.so.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <numa.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <lttng/ust-thread.h>

#include "rseqprof/rseq.h"

#include "rseqprof_ust.h"

#define TLS_IE	__thread __attribute__((tls_model("initial-exec")))
#define RSEQPROF_SAMPLE_SIGNAL	(SIGRTMAX - 3)
#define DEFAULT_SAMPLE_HZ	100

struct start_args {
	void *(*fn)(void *);
	void *arg;
};

typedef int (*pthread_create_fn)(pthread_t *, const pthread_attr_t *,
				  void *(*)(void *), void *);
typedef int (*sched_getcpu_fn)(void);

/* Set once by the constructor, read-only afterwards. */
static pthread_create_fn real_pthread_create;
static sched_getcpu_fn real_sched_getcpu;
static long sample_period_ns;
static int preload_ready;

/* Per thread; pid is reset in a forked child. */
static TLS_IE uint32_t thread_pid;
static TLS_IE uint32_t thread_tid;
/* volatile sig_atomic_t: also read by the sampling signal's handler */
static TLS_IE volatile sig_atomic_t thread_ready;
static TLS_IE volatile sig_atomic_t thread_in_record;	/* no nested read: lttng-ust itself calls sched_getcpu() */
static TLS_IE int thread_has_timer;
static TLS_IE timer_t thread_timer;

static void record_read(enum rseqprof_caller caller)
{
	struct rseqprof_rseq_sample s;

	if (thread_in_record)
		return;
	thread_in_record = 1;
	rseqprof_rseq_read(&s);
	lttng_ust_tracepoint(rseqprof_ust, rseq_read, thread_pid, thread_tid,
			     &s, caller);
	thread_in_record = 0;
}

static void sample_handler(int sig, siginfo_t *info, void *uctx)
{
	int saved_errno = errno;

	(void)sig;
	(void)info;
	(void)uctx;
	if (thread_ready)
		record_read(RSEQPROF_CALLER_SAMPLE);
	errno = saved_errno;
}

static void arm_sample_timer(void)
{
	struct sigevent sev;
	struct itimerspec its;

	if (!sample_period_ns)
		return;
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_THREAD_ID;
	sev.sigev_signo = RSEQPROF_SAMPLE_SIGNAL;
	sev._sigev_un._tid = (pid_t)thread_tid;
	if (timer_create(CLOCK_THREAD_CPUTIME_ID, &sev, &thread_timer))
		return;
	its.it_interval.tv_sec = sample_period_ns / 1000000000L;
	its.it_interval.tv_nsec = sample_period_ns % 1000000000L;
	its.it_value = its.it_interval;
	if (timer_settime(thread_timer, 0, &its, NULL)) {
		timer_delete(thread_timer);
		return;
	}
	thread_has_timer = 1;
}

static void disarm_sample_timer(void)
{
	if (!thread_has_timer)
		return;
	thread_has_timer = 0;
	timer_delete(thread_timer);
}

static void thread_begin(void)
{
	int status;

	thread_pid = (uint32_t)getpid();
	thread_tid = (uint32_t)gettid();
	lttng_ust_init_thread();
	status = rseqprof_rseq_thread_init();
	lttng_ust_tracepoint(rseqprof_ust, thread_begin, thread_pid, thread_tid,
			     rseqprof_rseq_owner(), status);
	record_read(RSEQPROF_CALLER_THREAD_BEGIN);
	thread_ready = 1;
	arm_sample_timer();
}

static void thread_end(void)
{
	if (!thread_ready)
		return;
	disarm_sample_timer();
	thread_ready = 0;
	record_read(RSEQPROF_CALLER_THREAD_END);
	lttng_ust_tracepoint(rseqprof_ust, thread_end, thread_pid, thread_tid);
}

static void thread_end_cleanup(void *unused)
{
	(void)unused;
	thread_end();
}

static void *thread_trampoline(void *p)
{
	struct start_args args = *(struct start_args *)p;
	void *ret;

	free(p);
	thread_begin();
	pthread_cleanup_push(thread_end_cleanup, NULL);
	ret = args.fn(args.arg);
	pthread_cleanup_pop(1);
	return ret;
}

/**
 * pthread_create() - the real one, with the start routine wrapped
 */
__attribute__((visibility("default")))
int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*fn)(void *), void *arg)
{
	struct start_args *args;
	int ret;

	if (!real_pthread_create)
		real_pthread_create = (pthread_create_fn)dlsym(RTLD_NEXT,
							       "pthread_create");
	if (!real_pthread_create)
		return EAGAIN;
	if (!__atomic_load_n(&preload_ready, __ATOMIC_ACQUIRE))
		return real_pthread_create(thread, attr, fn, arg);
	args = malloc(sizeof(*args));
	if (!args)
		return real_pthread_create(thread, attr, fn, arg);
	args->fn = fn;
	args->arg = arg;
	ret = real_pthread_create(thread, attr, thread_trampoline, args);
	if (ret)
		free(args);
	return ret;
}

/**
 * sched_getcpu() - the real one, plus an rseq_read event
 */
__attribute__((visibility("default")))
int sched_getcpu(void)
{
	int cpu;

	if (!real_sched_getcpu)
		real_sched_getcpu = (sched_getcpu_fn)dlsym(RTLD_NEXT, "sched_getcpu");
	if (!real_sched_getcpu) {
		errno = ENOSYS;
		return -1;
	}
	cpu = real_sched_getcpu();
	if (thread_ready)
		record_read(RSEQPROF_CALLER_SCHED_GETCPU);
	return cpu;
}

static void topology_statedump(void)
{
	int nr_cpus = numa_num_configured_cpus();
	int nr_nodes = 1;
	int cpu;

	if (numa_available() >= 0)
		nr_nodes = numa_num_configured_nodes();
	for (cpu = 0; cpu < nr_cpus; cpu++)
		lttng_ust_tracepoint(rseqprof_ust, cpu_topology, (uint32_t)cpu,
				     numa_available() >= 0 ?
					numa_node_of_cpu(cpu) : 0,
				     (uint32_t)nr_cpus, (uint32_t)nr_nodes);
}

static long parse_sample_period(void)
{
	const char *s = getenv("RSEQPROF_SAMPLE_HZ");
	char *end;
	long hz = DEFAULT_SAMPLE_HZ;

	if (s && *s) {
		errno = 0;
		hz = strtol(s, &end, 10);
		if (errno || *end || hz < 0 || hz > 100000) {
			fprintf(stderr, "rseqprof-preload: RSEQPROF_SAMPLE_HZ='%s' is not a rate in 0..100000, sampling disabled\n",
				s);
			return 0;
		}
	}
	return hz ? 1000000000L / hz : 0;
}

static void install_sample_handler(void)
{
	struct sigaction sa, old;

	if (!sample_period_ns)
		return;
	if (sigaction(RSEQPROF_SAMPLE_SIGNAL, NULL, &old) == 0 &&
	    (old.sa_flags & SA_SIGINFO ? old.sa_sigaction != NULL :
					 old.sa_handler != SIG_DFL)) {
		fprintf(stderr, "rseqprof-preload: signal %d already handled by the program, sampling disabled\n",
			RSEQPROF_SAMPLE_SIGNAL);
		sample_period_ns = 0;
		return;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = sample_handler;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(RSEQPROF_SAMPLE_SIGNAL, &sa, NULL))
		sample_period_ns = 0;
}

static void after_fork_child(void)
{
	/* POSIX timers are not inherited; the child's thread is new. */
	thread_has_timer = 0;
	thread_pid = (uint32_t)getpid();
	thread_tid = (uint32_t)gettid();
	if (thread_ready)
		arm_sample_timer();
}

__attribute__((constructor))
static void rseqprof_preload_init(void)
{
	real_pthread_create = (pthread_create_fn)dlsym(RTLD_NEXT, "pthread_create");
	real_sched_getcpu = (sched_getcpu_fn)dlsym(RTLD_NEXT, "sched_getcpu");
	sample_period_ns = parse_sample_period();
	install_sample_handler();
	pthread_atfork(NULL, NULL, after_fork_child);
	topology_statedump();
	thread_begin();
	__atomic_store_n(&preload_ready, 1, __ATOMIC_RELEASE);
}

__attribute__((destructor))
static void rseqprof_preload_fini(void)
{
	thread_end();
}
