// SPDX-License-Identifier: MIT
/*
 * test_owner.c - hand-computed scenarios for "owner-6.19" (Linux 6.19+
 * mm_cid ownership), following model/src/vcid_owner.c.  max_cids =
 * min(opt + opt / 4, CPUs), opt = min(CPUs, users); per-CPU mode above it,
 * back to per-task mode below pcpu_thrs = max(min(opt - opt / 4, CPUs / 2), 1).
 */
#include "model_util.h"
#include "tap.h"

/* Per-task mode: each thread keeps its id wherever it runs. */
static void ids_follow_tasks(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init(&s, VCID_OWNER_6_19, 2);
	/* first user: id 0 at once (fork_alloc 1), cpu0's slot mirrors it: hit 1 */
	is_int(sim_switch(&s, 0, 0, 0, 100, 100), 0, "follow: 100 takes 0");
	/* users 2, max_cids 2: the child gets 1 at fork (fork_alloc 2) */
	is_int(sim_fork(&s, 100, 100, 101, 100), 1, "follow: 101 gets 1 at fork");
	is_int(sim_switch(&s, 1, 0, 0, 101, 100), 1, "follow: 101 runs with 1"); /* hit 2 */
	sim_switch(&s, 1, 101, 100, 0, 0);
	sim_migrate(&s, 101, 100, 1, 0);
	/* same mm on cpu0: transfer 1, and 101 still has its own 1 */
	is_int(sim_switch(&s, 0, 100, 100, 101, 100), 1, "follow: 101 keeps 1 on cpu0");
	is_int(sim_switch(&s, 1, 0, 0, 100, 100), 0, "follow: 100 keeps 0 on cpu1"); /* hit 3 */
	want[VCID_SW_ALLOC] = 2;
	want[VCID_OWNER_FORK_ALLOC] = 2;
	want[VCID_SW_CACHE_HIT] = 3;
	want[VCID_SW_TRANSFER] = 1;
	want[VCID_OWNER_TASK_REUSE] = 4;
	sim_expect(&s, want, "follow: 2 alloc at fork, 3 hit, 1 transfer");
	sim_fini(&s);
}

/*
 * 2 CPUs, a third thread: users 3 > max_cids 2, per-CPU mode.  The parent
 * runs: its id goes TRANSIT; the other thread's id is freed.
 */
static void to_percpu(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init(&s, VCID_OWNER_6_19, 2);
	sim_switch(&s, 0, 0, 0, 200, 200);	/* alloc 1 (fork), hit 1 */
	sim_fork(&s, 200, 200, 201, 200);	/* alloc 2 (fork): 1 */
	/* switch: 201's 1 freed (evict 1, transit_free 1), 202 gets none */
	is_int(sim_fork(&s, 200, 200, 202, 200), -1, "percpu: 202 has no id at fork");
	/* 200 out: its TRANSIT 0 becomes cpu0's; 202 borrows it: transfer 1 */
	is_int(sim_switch(&s, 0, 200, 200, 202, 200), 0, "percpu: 202 borrows cpu0's 0");
	/* cpu1 owns nothing yet: alloc 3, first zero bit, 1 */
	is_int(sim_switch(&s, 1, 0, 0, 201, 200), 1, "percpu: 201 gets cpu1's new 1");
	want[VCID_SW_ALLOC] = 3;
	want[VCID_OWNER_FORK_ALLOC] = 2;
	want[VCID_SW_CACHE_HIT] = 1;
	want[VCID_SW_TRANSFER] = 1;
	want[VCID_SW_CACHE_EVICT] = 1;
	want[VCID_OWNER_TRANSIT_FREE] = 1;
	want[VCID_OWNER_TASK_REUSE] = 1;
	want[VCID_OWNER_CPU_REUSE] = 1;
	want[VCID_OWNER_TO_PERCPU] = 1;
	sim_expect(&s, want, "percpu: 1 switch, 1 transitional free, 3 alloc");
	sim_fini(&s);
}

/*
 * 4 CPUs: a fifth thread switches to per-CPU mode (max_cids 4, pcpu_thrs
 * 2); down to one user, back to per-task mode.
 */
static void back_to_pertask(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	unsigned int tid;
	struct sim s;

	sim_init(&s, VCID_OWNER_6_19, 4);
	sim_switch(&s, 0, 0, 0, 300, 300);	/* alloc 1 (fork), hit 1 */
	for (tid = 301; tid <= 303; tid++)
		sim_fork(&s, 300, 300, tid, 300);	/* alloc 2-4 (fork): 1, 2, 3 */
	/* per-CPU: 300's 0 TRANSIT, 1-3 freed (evict 3, transit_free 3) */
	sim_fork(&s, 300, 300, 304, 300);
	/* cpu1 has no id: alloc 5, 1 */
	is_int(sim_switch(&s, 1, 0, 0, 301, 300), 1, "back: 301 gets cpu1's 1");
	sim_exit(&s, 302, 300);
	sim_exit(&s, 303, 300);
	sim_exit(&s, 304, 300);
	/*
	 * users 1 < 2: per-task mode.  301 exits on cpu1: cpu1's 1 freed
	 * (evict 4, transit_free 4); 300 keeps its TRANSIT 0.
	 */
	sim_exit(&s, 301, 300);
	sim_switch(&s, 0, 300, 300, 0, 0);	/* 0 settles as 300's own */
	sim_migrate(&s, 300, 300, 0, 2);
	is_int(sim_switch(&s, 2, 0, 0, 300, 300), 0, "back: 300 owns 0 on cpu2"); /* hit 2 */
	want[VCID_SW_ALLOC] = 5;
	want[VCID_OWNER_FORK_ALLOC] = 4;
	want[VCID_SW_CACHE_HIT] = 2;
	want[VCID_OWNER_TASK_REUSE] = 2;
	want[VCID_SW_CACHE_EVICT] = 4;
	want[VCID_OWNER_TRANSIT_FREE] = 4;
	want[VCID_OWNER_TO_PERCPU] = 1;
	want[VCID_OWNER_TO_PERTASK] = 1;
	sim_expect(&s, want, "back: 2 mode switches, 4 transitional frees");
	sim_fini(&s);
}

/* exec: the id is freed before, the new mm's first user takes 0. */
static void exec_mm(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init(&s, VCID_OWNER_6_19, 2);
	sim_switch(&s, 0, 0, 0, 900, 900);	/* alloc 1 (fork), hit 1 */
	is_int(sim_exec(&s, 900, 900), 0, "exec: 0 in the new mm"); /* remove 1, alloc 2 */
	want[VCID_SW_ALLOC] = 2;
	want[VCID_OWNER_FORK_ALLOC] = 2;
	want[VCID_SW_CACHE_HIT] = 1;
	want[VCID_OWNER_TASK_REUSE] = 1;
	want[VCID_RELEASE_MM_REMOVE] = 1;
	sim_expect(&s, want, "exec: 1 release mm remove, 2 alloc at fork/exec");
	sim_fini(&s);
}

/*
 * Per-CPU mode, two CPUs take new ids one after the other in the trace:
 * cpu1 gets 1, cpu2 gets 2.  The kernel took them the other way round
 * (cpu1 stalled between its sched_switch and its allocation): 302's read
 * on cpu2 says 1.  Neither id was read yet, so the model exchanges them;
 * once read, ids stay where they are.
 */
static void unobserved_order(void)
{
	unsigned int tid;
	struct sim s;

	sim_init(&s, VCID_OWNER_6_19, 4);
	sim_switch(&s, 0, 0, 0, 300, 300);
	for (tid = 301; tid <= 304; tid++)
		sim_fork(&s, 300, 300, tid, 300);	/* the fifth: per-CPU mode */
	is_int(sim_switch(&s, 1, 0, 0, 301, 300), 1, "order: cpu1 takes 1 first in the trace");
	is_int(sim_switch(&s, 2, 0, 0, 302, 300), 2, "order: cpu2 takes 2 next");
	is_int(vcid_rseq_observe(s.m, 2, 302, 1), 1, "order: 302 reads 1: exchanged");
	is_int(vcid_rseq_update(s.m, 2, 302), 1, "order: 302 holds 1");
	is_int(vcid_rseq_update(s.m, 1, 301), 2, "order: 301 holds 2");
	is_int(vcid_rseq_observe(s.m, 1, 301, 2), 0, "order: 301 reads 2: nothing to do");
	is_int(vcid_rseq_observe(s.m, 1, 301, 1), 0, "order: ids read stay (no second exchange)");
	is_int(vcid_rseq_observe(s.m, 0, 300, 3), 0, "order: an id no CPU took: nothing exchanged");
	is_int(vcid_model_check(s.m), 0, "order: the tables stay consistent");
	sim_fini(&s);
}

/*
 * Per-task mode: a fork's switch to per-CPU ids happened before another
 * CPU's switch-in in the kernel, after it in the trace: 410 reads 1, the
 * id of 411, which does not run: the two tasks exchange their ids.  An id
 * a running task holds is never taken.
 */
static void unobserved_mode_switch(void)
{
	struct sim s;

	sim_init(&s, VCID_OWNER_6_19, 4);
	sim_switch(&s, 0, 0, 0, 410, 410);			/* 410: 0 */
	sim_fork(&s, 410, 410, 411, 410);			/* 411: 1 */
	sim_fork(&s, 410, 410, 412, 410);			/* 412: 2 */
	is_int(sim_switch(&s, 1, 0, 0, 412, 410), 2, "mode: 412 runs with 2 on cpu1");
	is_int(vcid_rseq_observe(s.m, 1, 412, 0), 0, "mode: 0 is running 410's: kept");
	is_int(vcid_rseq_observe(s.m, 1, 412, 1), 1, "mode: 412 reads 1, 411's: exchanged");
	is_int(vcid_task_cid(s.m, 412), 1, "mode: 412 holds 1");
	is_int(vcid_task_cid(s.m, 411), 2, "mode: 411 holds 2");
	is_int(vcid_rseq_observe(s.m, 0, 410, 3), 1, "mode: 410 reads 3, nobody's: taken");
	is_int(vcid_task_cid(s.m, 410), 3, "mode: 410 holds 3, 0 is free");
	is_int(vcid_model_check(s.m), 0, "mode: the tables stay consistent");
	sim_fini(&s);
}

int main(void)
{
	plan_tests(32);
	ids_follow_tasks();
	to_percpu();
	back_to_pertask();
	exec_mm();
	unobserved_order();
	unobserved_mode_switch();
	return exit_status();
}
