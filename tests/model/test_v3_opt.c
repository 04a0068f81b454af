// SPDX-License-Identifier: MIT
/*
 * test_v3_opt.c - hand-computed scenarios for the "v3-opt" allocator.
 *
 * Each scenario is a short event stream on a fresh model; the expected
 * counters are worked out in the comments from the rules in
 * model/src/vcid_v3_opt.c.  tids double as tgids for thread-group leaders.
 */
#include "model_util.h"
#include "tap.h"

/* One process, one thread, running on two CPUs in turn. */
static void single_threaded(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init(&s, VCID_V3_OPT, 2);
	/* mm_vcpu_users == 1 at every switch-in: static id 0, no bitmap. */
	is_int(sim_switch(&s, 0, 0, 0, 100, 100), 0, "single: static id 0");
	sim_switch(&s, 0, 100, 100, 0, 0);
	sim_switch(&s, 0, 0, 0, 100, 100);
	sim_switch(&s, 0, 100, 100, 0, 0);
	/* no cache entry anywhere: the migration removes nothing */
	sim_migrate(&s, 100, 100, 0, 1);
	is_int(sim_switch(&s, 1, 0, 0, 100, 100), 0, "single: id 0 after migration");
	/* exit while running: no entry on rq1, nothing to remove */
	sim_exit(&s, 100, 100);
	/* 3 switch-ins -> single_threaded 3, nothing else */
	want[VCID_SW_SINGLE_THREADED] = 3;
	sim_expect(&s, want, "single-threaded: 3 x single_threaded");
	sim_fini(&s);
}

/* Two threads of one mm ping-ponging on CPU 0. */
static void ping_pong(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init(&s, VCID_V3_OPT, 2);
	sim_switch(&s, 0, 0, 0, 200, 200);		/* single_threaded 1 */
	/*
	 * Thread 201 created while 200 runs: 1 -> 2 users, 200 trades its
	 * static id for a real one: first zero bit 0 (reserve_parent 1, not
	 * an alloc: the kernel's nr_vcpu_allocate does not count it), cached
	 * on rq0.
	 */
	sim_fork(&s, 200, 200, 201, 200);
	is_int(vcid_task_cid(s.m, 200), 0, "ping-pong: parent holds id 0 after fork");
	is_int(sim_switch(&s, 0, 200, 200, 201, 200), 0, "ping-pong: 201 gets 0 by transfer");
	sim_switch(&s, 0, 201, 200, 200, 200);		/* transfer 2 */
	sim_switch(&s, 0, 200, 200, 201, 200);		/* transfer 3 */
	sim_switch(&s, 0, 201, 200, 0, 0);		/* to idle */
	/* back from idle: rq0 caches (mm 200, id 0): cache_hit 1 */
	is_int(sim_switch(&s, 0, 0, 0, 200, 200), 0, "ping-pong: cache hit gives 0");
	want[VCID_SW_SINGLE_THREADED] = 1;
	want[VCID_V3_PARENT_RESERVE] = 1;
	want[VCID_SW_TRANSFER] = 3;
	want[VCID_SW_CACHE_HIT] = 1;
	sim_expect(&s, want, "ping-pong: 1 single, 1 parent reserve, 3 transfer, 1 hit");
	sim_fini(&s);
}

/* Two threads of one mm running at the same time on two CPUs. */
static void two_cpus(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init(&s, VCID_V3_OPT, 2);
	sim_switch(&s, 0, 0, 0, 300, 300);		/* single 1, id 0 */
	sim_fork(&s, 300, 300, 301, 300);		/* reserve_parent 1: 0 on rq0 */
	/* rq1 has no entry: alloc 1, bit 0 is held -> id 1, cached on rq1 */
	is_int(sim_switch(&s, 1, 0, 0, 301, 300), 1, "two cpus: 301 gets 1 beside 0");
	sim_switch(&s, 0, 300, 300, 0, 0);
	sim_switch(&s, 1, 301, 300, 0, 0);
	/* each CPU still caches its id: both switch-ins hit */
	is_int(sim_switch(&s, 1, 0, 0, 300, 300), 1, "two cpus: 300 on cpu1 hits id 1");
	is_int(sim_switch(&s, 0, 0, 0, 301, 300), 0, "two cpus: 301 on cpu0 hits id 0");
	want[VCID_SW_SINGLE_THREADED] = 1;
	want[VCID_SW_ALLOC] = 1;
	want[VCID_V3_PARENT_RESERVE] = 1;
	want[VCID_SW_CACHE_HIT] = 2;
	sim_expect(&s, want, "two cpus: 1 single, 1 parent reserve, 1 alloc, 2 hit");
	sim_fini(&s);
}

/* Migrations drop the source runqueue's entry unless the mm runs there. */
static void migration(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init(&s, VCID_V3_OPT, 2);
	sim_switch(&s, 0, 0, 0, 400, 400);		/* single 1 */
	sim_fork(&s, 400, 400, 401, 400);		/* reserve_parent 1: 0 on rq0 */
	sim_switch(&s, 0, 400, 400, 401, 400);		/* transfer 1 */
	sim_switch(&s, 0, 401, 400, 0, 0);
	/* rq0 runs idle: its entry (400, 0) goes, migration remove 1 */
	sim_migrate(&s, 401, 400, 0, 1);
	/* rq1 misses: alloc 1, bit 0 free again -> 0 */
	is_int(sim_switch(&s, 1, 0, 0, 401, 400), 0, "migration: id 0 reused on cpu1");
	/* rq0 misses: alloc 2, 0 held by rq1 -> 1 */
	is_int(sim_switch(&s, 0, 0, 0, 400, 400), 1, "migration: 400 gets 1 on cpu0");
	sim_switch(&s, 1, 401, 400, 0, 0);
	/* rq1 idle: entry (400, 0) goes, migration remove 2 */
	sim_migrate(&s, 401, 400, 1, 0);
	/* rq0 runs 400 of the same mm: its entry stays, nothing counted */
	sim_migrate(&s, 401, 400, 0, 1);
	/* rq1 misses: alloc 3 -> 0 */
	is_int(sim_switch(&s, 1, 0, 0, 401, 400), 0, "migration: 401 back to 0");
	want[VCID_SW_SINGLE_THREADED] = 1;
	want[VCID_SW_TRANSFER] = 1;
	want[VCID_SW_ALLOC] = 3;
	want[VCID_V3_PARENT_RESERVE] = 1;
	want[VCID_MIGRATION_REMOVE] = 2;
	sim_expect(&s, want, "migration: 1 parent reserve, 3 alloc, 2 migration remove");
	sim_fini(&s);
}

/* Exits release the exiting thread's runqueue entry. */
static void exit_mm(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init(&s, VCID_V3_OPT, 2);
	sim_switch(&s, 0, 0, 0, 500, 500);		/* single 1 */
	sim_fork(&s, 500, 500, 501, 500);		/* reserve_parent 1: 0 on rq0 */
	sim_switch(&s, 1, 0, 0, 501, 500);		/* alloc 1: 1 on rq1 */
	/* 501 exits on cpu1: entry (500, 1) removed, release mm remove 1 */
	sim_exit(&s, 501, 500);
	is_int(vcid_task_cid(s.m, 501), -1, "exit: exiting thread drops its id");
	sim_switch(&s, 1, 501, 500, 0, 0);
	sim_switch(&s, 0, 500, 500, 0, 0);
	/* one user left: single_threaded 2, although rq0 still caches 0 */
	is_int(sim_switch(&s, 0, 0, 0, 500, 500), 0, "exit: survivor is single-threaded");
	/* 500 exits on cpu0: entry (500, 0) removed, release mm remove 2 */
	sim_exit(&s, 500, 500);
	sim_switch(&s, 0, 500, 500, 0, 0);
	sim_free(&s, 501);
	sim_free(&s, 500);
	want[VCID_SW_SINGLE_THREADED] = 2;
	want[VCID_SW_ALLOC] = 1;
	want[VCID_V3_PARENT_RESERVE] = 1;
	want[VCID_RELEASE_MM_REMOVE] = 2;
	sim_expect(&s, want, "exit: 1 parent reserve, 1 alloc, 2 release mm remove");
	is_u64(vcid_model_bits_set(s.m), 0, "exit: no id left reserved");
	sim_fini(&s);
}

/* exec releases the old mm and starts the new one single-threaded. */
static void exec_mm(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init(&s, VCID_V3_OPT, 2);
	sim_switch(&s, 0, 0, 0, 600, 600);		/* single 1 */
	sim_fork(&s, 600, 600, 601, 600);		/* reserve_parent 1: 0 on rq0 */
	sim_switch(&s, 0, 600, 600, 601, 600);		/* transfer 1 */
	sim_switch(&s, 0, 601, 600, 600, 600);		/* transfer 2 */
	/* de_thread(): 601 exits while not running, nothing to remove */
	sim_exit(&s, 601, 600);
	/* exec on cpu0: old mm's entry (600, 0) removed: release mm remove 1 */
	is_int(sim_exec(&s, 600, 600), 0, "exec: static id 0 in the new mm");
	sim_switch(&s, 0, 600, 600, 0, 0);
	sim_switch(&s, 0, 0, 0, 600, 600);		/* single 2 */
	want[VCID_SW_SINGLE_THREADED] = 2;
	want[VCID_V3_PARENT_RESERVE] = 1;
	want[VCID_SW_TRANSFER] = 2;
	want[VCID_RELEASE_MM_REMOVE] = 1;
	sim_expect(&s, want, "exec: 1 release mm remove, new mm single-threaded");
	sim_fini(&s);
}

/*
 * Nine two-thread mms take turns on CPU 0 of an 8-entry cache.  Each mm's
 * threads are created by a fork whose parent never ran, so no id is taken
 * before the switch-ins.
 */
static void cache_overflow(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	unsigned int k, prev = 0, prev_mm = 0;
	struct sim s;

	sim_init(&s, VCID_V3_OPT, 2);
	for (k = 1; k <= 9; k++)
		sim_fork(&s, 1000 * k, 1000 * k, 1000 * k + 1, 1000 * k);
	/* mms 1..8 miss and fill entries 0..7: alloc 8, id 0 each */
	/* mm 9 misses and overwrites entry 0 (mm 1): alloc 9, evict 1 */
	for (k = 1; k <= 9; k++) {
		sim_switch(&s, 0, prev, prev_mm, 1000 * k + 1, 1000 * k);
		prev = 1000 * k + 1;
		prev_mm = 1000 * k;
	}
	/* mm 1 again: miss, alloc 10, overwrites entry 1 (mm 2): evict 2 */
	is_int(sim_switch(&s, 0, prev, prev_mm, 1000, 1000), 0,
	       "cache overflow: mm 1 reallocates id 0");
	/* mm 3 is still in entry 2: hit */
	sim_switch(&s, 0, 1000, 1000, 3001, 3000);
	want[VCID_SW_ALLOC] = 10;
	want[VCID_SW_CACHE_EVICT] = 2;
	want[VCID_SW_CACHE_HIT] = 1;
	sim_expect(&s, want, "cache overflow: 10 alloc, 2 evict, 1 hit");
	is_u64(vcid_model_bits_set(s.m), 8, "cache overflow: 8 cached ids");
	sim_fini(&s);
}

int main(void)
{
	plan_tests(24);
	single_threaded();
	ping_pong();
	two_cpus();
	migration();
	exit_mm();
	exec_mm();
	cache_overflow();
	return exit_status();
}
