// SPDX-License-Identifier: MIT
/*
 * test-rseq-reader - rseqprof_rseq_read() against what the kernel and libc
 * say, on every field, in the area glibc registered or in the library's own.
 *
 * usage: test-rseq-reader glibc|self
 *   the owner the calling threads' areas must have: "self" is run under
 *   GLIBC_TUNABLES=glibc.pthread.rseq=0, where glibc registers nothing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <numa.h>
#include <pthread.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rseqprof/rseq.h"
#include "tap.h"

#define NR_THREADS	4

struct thread_read {
	struct rseqprof_rseq_sample s;
	int ret;
	enum rseqprof_rseq_owner owner;
};

static pthread_barrier_t barrier;

/* A read whose cpu_id equals sched_getcpu() called between two equal reads. */
static int stable_read(struct rseqprof_rseq_sample *s, int *cpu)
{
	struct rseqprof_rseq_sample again;
	int i, ret = 0;

	for (i = 0; i < 1000; i++) {
		ret = rseqprof_rseq_read(s);
		*cpu = sched_getcpu();
		rseqprof_rseq_read(&again);
		if (!memcmp(s, &again, sizeof(again)) && *cpu == s->cpu_id)
			break;
	}
	return ret;
}

static void *reader_thread(void *p)
{
	struct thread_read *r = p;

	/* all threads alive at once: the ids are concurrent */
	pthread_barrier_wait(&barrier);
	r->ret = rseqprof_rseq_read(&r->s);
	r->owner = rseqprof_rseq_owner();
	pthread_barrier_wait(&barrier);
	return NULL;
}

static void *no_rseq_thread(void *p)
{
	struct thread_read *r = p;

	r->ret = rseqprof_rseq_read(&r->s);
	r->owner = rseqprof_rseq_owner();
	return NULL;
}

/*
 * In a child: make rseq(2) fail with ENOSYS (a kernel without rseq), start
 * a thread (glibc's own registration fails there too) and read.  Exit 0
 * when the reader said "no rseq" with cpu_id -2 and owner none.
 */
static int child_without_rseq(void)
{
	struct sock_filter filter[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_rseq, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = sizeof(filter) / sizeof(filter[0]),
		.filter = filter,
	};
	struct thread_read r;
	pthread_t t;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
		return 3;
	if (pthread_create(&t, NULL, no_rseq_thread, &r))
		return 4;
	pthread_join(t, NULL);
	if (r.ret != -RSEQPROF_RSEQ_E_NO_RSEQ)
		return 1;
	if (r.s.cpu_id != RSEQPROF_CPU_ID_REGISTRATION_FAILED ||
	    r.owner != RSEQPROF_RSEQ_OWNER_NONE)
		return 2;
	return 0;
}

int main(int argc, char **argv)
{
	enum rseqprof_rseq_owner want_owner;
	struct thread_read reads[NR_THREADS];
	struct rseqprof_rseq_sample s;
	pthread_t tids[NR_THREADS];
	int ret, cpu, i, status, bound;
	long nr_cpus = sysconf(_SC_NPROCESSORS_CONF);
	pid_t pid;

	if (argc != 2 || (strcmp(argv[1], "glibc") && strcmp(argv[1], "self"))) {
		fprintf(stderr, "usage: test-rseq-reader glibc|self\n");
		return 2;
	}
	want_owner = !strcmp(argv[1], "glibc") ? RSEQPROF_RSEQ_OWNER_GLIBC :
						 RSEQPROF_RSEQ_OWNER_SELF;
	ret = rseqprof_rseq_thread_init();
	if (ret == -RSEQPROF_RSEQ_E_NO_RSEQ)
		plan_skip_all("%s", rseqprof_rseq_strerror(ret));
	plan_tests(19);

	is_int(ret, 0, "the main thread has a registered rseq area");
	ok(rseqprof_rseq_owner() == want_owner, "registered by %s (got %s)",
	   argv[1], rseqprof_rseq_owner_name(rseqprof_rseq_owner()));

	ret = stable_read(&s, &cpu);
	if (ret == -RSEQPROF_RSEQ_E_NO_MM_CID || ret == -RSEQPROF_RSEQ_E_NO_NODE_ID) {
		diag("%s", rseqprof_rseq_strerror(ret));
		ok(s.mm_cid == -1, "no mm_cid from this kernel: mm_cid reads -1");
	} else {
		is_int(ret, 0, "read: cpu_id, node_id and mm_cid valid");
	}
	is_int(s.cpu_id, cpu, "cpu_id == sched_getcpu()");
	is_int(s.cpu_id_start, s.cpu_id, "cpu_id_start == cpu_id");
	if (ret) {
		skip(2, "%s", rseqprof_rseq_strerror(ret));
	} else {
		is_int(s.node_id, numa_available() < 0 ? 0 : numa_node_of_cpu(s.cpu_id),
		       "node_id == numa_node_of_cpu(cpu_id)");
		is_int(s.mm_cid, 0, "single-threaded process: mm_cid == 0");
	}

	/* concurrent threads: ids are below min(threads, possible CPUs) */
	pthread_barrier_init(&barrier, NULL, NR_THREADS);
	for (i = 0; i < NR_THREADS; i++)
		pthread_create(&tids[i], NULL, reader_thread, &reads[i]);
	for (i = 0; i < NR_THREADS; i++)
		pthread_join(tids[i], NULL);
	bound = NR_THREADS + 1 < nr_cpus ? NR_THREADS + 1 : (int)nr_cpus;
	for (i = 0; i < NR_THREADS; i++)
		if (reads[i].ret || reads[i].owner != want_owner ||
		    reads[i].s.mm_cid < 0 || reads[i].s.mm_cid >= bound ||
		    reads[i].s.cpu_id < 0 || reads[i].s.cpu_id >= nr_cpus)
			break;
	ok(i == NR_THREADS, "%d threads: each read ok, owner %s, 0 <= mm_cid < %d, 0 <= cpu_id < %ld",
	   NR_THREADS, argv[1], bound, nr_cpus);
	if (i < NR_THREADS)
		diag("thread %d: ret %d owner %s cpu_id %d mm_cid %d", i,
		     reads[i].ret, rseqprof_rseq_owner_name(reads[i].owner),
		     reads[i].s.cpu_id, reads[i].s.mm_cid);

	/* feature gating, as for each AT_RSEQ_FEATURE_SIZE a kernel may give */
	is_int(rseqprof_rseq_features(0), 0, "no AT_RSEQ_FEATURE_SIZE (kernel < 6.3): no node_id, no mm_cid");
	is_int(rseqprof_rseq_features(20), 0, "feature size 20 (original ABI): no node_id, no mm_cid");
	is_int(rseqprof_rseq_features(24), RSEQPROF_RSEQ_HAS_NODE_ID, "feature size 24: node_id only");
	is_int(rseqprof_rseq_features(28), RSEQPROF_RSEQ_HAS_NODE_ID | RSEQPROF_RSEQ_HAS_MM_CID,
	       "feature size 28: node_id and mm_cid");
	is_int(rseqprof_rseq_features(32), RSEQPROF_RSEQ_HAS_NODE_ID | RSEQPROF_RSEQ_HAS_MM_CID,
	       "feature size 32 (a later kernel): node_id and mm_cid");

	ok(strstr(rseqprof_rseq_strerror(-RSEQPROF_RSEQ_E_NO_MM_CID), "mm_cid") &&
	   strstr(rseqprof_rseq_strerror(-RSEQPROF_RSEQ_E_NO_MM_CID), "6.3"),
	   "no mm_cid is worded: %s", rseqprof_rseq_strerror(-RSEQPROF_RSEQ_E_NO_MM_CID));
	ok(strstr(rseqprof_rseq_strerror(RSEQPROF_RSEQ_E_NO_RSEQ), "no rseq") != NULL,
	   "no rseq is worded: %s", rseqprof_rseq_strerror(RSEQPROF_RSEQ_E_NO_RSEQ));
	ok(!strcmp(rseqprof_rseq_strerror(12345), "unknown rseq reader error"),
	   "an unknown code is worded as unknown");
	is_int(rseqprof_rseq_read(NULL), -RSEQPROF_RSEQ_E_INVAL, "read(NULL) is -E_INVAL");

	/*
	 * A kernel without rseq(2), emulated with seccomp in a child.  Only
	 * where glibc did not register: glibc aborts the process when its
	 * registration fails in a new thread after the main thread's worked.
	 */
	if (want_owner == RSEQPROF_RSEQ_OWNER_GLIBC) {
		skip(1, "glibc registered rseq here (the GLIBC_TUNABLES=glibc.pthread.rseq=0 run covers a kernel without rseq)");
		goto out;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(child_without_rseq());
	status = -1;
	if (pid > 0)
		waitpid(pid, &status, 0);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 3) {
		skip(1, "seccomp unavailable");
	} else {
		ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		   "rseq(2) failing with ENOSYS: reader says no rseq, cpu_id -2, owner none (child status %d)",
		   WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	}
out:
	ok(s.cpu_id >= 0, "the parent's area is untouched by the child's failure");
	return exit_status();
}
