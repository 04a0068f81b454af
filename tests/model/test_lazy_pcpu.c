// SPDX-License-Identifier: MIT
/*
 * test_lazy_pcpu.c - hand-computed scenarios for the "lazy-6.13" allocator
 * (Linux 6.13..6.18 mm_cid) and, where they differ, "lazy-6.4" (6.4..6.12),
 * following model/src/vcid_lazy_pcpu.c.  Every
 * event advances the clock by 1 us; s.ts is set to jump over 100 ms.
 * Allocation (6.14+): recent_cid of the CPU if below max_nr_cid, else
 * expand max_nr_cid up to min(nr_cpus, mm_users), else first zero bit.
 * The compaction scenarios written for a scan at the switch-in use
 * tick_ns 0 (sim_init_tick()); tick_grid() has the scan at a tick.
 */
#include "model_util.h"
#include "tap.h"

/* sim_init() with the tick period @tick_ns (0: scan at switch-in). */
static void sim_init_tick(struct sim *s, enum vcid_variant v,
			  unsigned int nr_cpus, uint64_t tick_ns)
{
	struct vcid_config cfg;

	vcid_config_default(&cfg, v, nr_cpus);
	cfg.max_tasks = 256;
	cfg.max_mms = 64;
	cfg.tick_ns = tick_ns;
	sim_init_cfg(s, &cfg);
}

/* One thread; its cid follows it to CPU 1 by migration steal. */
static void single_threaded(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init(&s, VCID_LAZY_6_13, 2);
	/* cpu0 cid unset: alloc 1, expand max_nr_cid 0 -> 1: cid 0 */
	is_int(sim_switch(&s, 0, 0, 0, 100, 100), 0, "single: cid 0");
	sim_switch(&s, 0, 100, 100, 0, 0);		/* lazy put: kept */
	sim_switch(&s, 0, 0, 0, 100, 100);		/* reuse: hit 1 */
	sim_switch(&s, 0, 100, 100, 0, 0);
	/* dst unset, src cid 0 == last_mm_cid, cpu0 idle: moved, steal 1 */
	sim_migrate(&s, 100, 100, 0, 1);
	is_int(sim_switch(&s, 1, 0, 0, 100, 100), 0, "single: cid 0 moved to cpu1"); /* hit 2 */
	want[VCID_SW_ALLOC] = 1;
	want[VCID_SW_CACHE_HIT] = 2;
	want[VCID_LAZY_FASTPATH_REUSE] = 2;
	want[VCID_LAZY_MIGRATE_STEAL] = 1;
	sim_expect(&s, want, "single-threaded: 1 alloc, 2 hit, 1 steal");
	sim_fini(&s);
}

/* Two threads on one CPU: the per-CPU cid plays the hand-over. */
static void ping_pong(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init(&s, VCID_LAZY_6_13, 2);
	sim_switch(&s, 0, 0, 0, 200, 200);		/* alloc 1: 0 */
	sim_fork(&s, 200, 200, 201, 200);		/* nothing */
	/* same mm: cpu0's cid reused, transfer 1 */
	is_int(sim_switch(&s, 0, 200, 200, 201, 200), 0, "ping-pong: 201 reuses cpu0's cid");
	sim_switch(&s, 0, 201, 200, 200, 200);		/* transfer 2 */
	sim_switch(&s, 0, 200, 200, 0, 0);
	sim_switch(&s, 0, 0, 0, 201, 200);		/* prev idle: hit 1 */
	want[VCID_SW_ALLOC] = 1;
	want[VCID_SW_TRANSFER] = 2;
	want[VCID_SW_CACHE_HIT] = 1;
	want[VCID_LAZY_FASTPATH_REUSE] = 3;
	sim_expect(&s, want, "ping-pong: 1 alloc, 2 transfer, 1 hit");
	sim_fini(&s);
}

/* A cid unused for 100 ms is compacted; recent_cid brings it back. */
static void compaction_old(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init_tick(&s, VCID_LAZY_6_13, 2, 0);
	sim_switch(&s, 0, 0, 0, 300, 300);	/* t=1us: mm scan due at 100.001 ms; alloc 1: 0 */
	sim_fork(&s, 300, 300, 301, 300);	/* t=2us: 2 users */
	/* t=3us: cpu1 unset, max_nr_cid 1 < min(2 cpus, 2 users): cid 1, alloc 2 */
	is_int(sim_switch(&s, 1, 0, 0, 301, 300), 1, "compaction: 301 expands to 1");
	sim_switch(&s, 1, 301, 300, 0, 0);	/* t=4us: cpu1's cid last used */
	s.ts = 200000000 - 1000;
	sim_switch(&s, 0, 300, 300, 0, 0);	/* t=200 ms */
	/*
	 * t=200.001 ms: cpu0 reuse (hit 1), then task_mm_cid_work(): cpu0 runs
	 * the mm (time bumped), cpu1's cid is 200 ms old: compact_clear 1 (and
	 * cache_evict 1); weight is then 1 and cpu0's cid 0 < 1 stays.
	 */
	is_int(sim_switch(&s, 0, 0, 0, 300, 300), 0, "compaction: 300 keeps 0");
	is_int(sim_switch(&s, 1, 0, 0, 301, 300), 1,
	       "compaction: recent_cid gives 301 its old 1 back"); /* alloc 3 */
	want[VCID_SW_ALLOC] = 3;
	want[VCID_SW_CACHE_HIT] = 1;
	want[VCID_SW_CACHE_EVICT] = 1;
	want[VCID_LAZY_FASTPATH_REUSE] = 1;
	want[VCID_LAZY_COMPACT_CLEAR] = 1;
	sim_expect(&s, want, "compaction after 100 ms: 3 alloc, 1 compact clear");
	sim_fini(&s);
}

/* cids >= the number of ids in use are compacted, a running one lazily. */
static void compaction_weight(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init_tick(&s, VCID_LAZY_6_13, 3, 0);
	sim_switch(&s, 0, 0, 0, 700, 700);	/* alloc 1: 0 */
	sim_fork(&s, 700, 700, 701, 700);
	sim_fork(&s, 700, 700, 702, 700);	/* 3 users */
	sim_switch(&s, 1, 0, 0, 701, 700);	/* alloc 2: expand to 1 */
	is_int(sim_switch(&s, 2, 0, 0, 702, 700), 2, "weight: third thread expands to 2"); /* alloc 3 */
	sim_switch(&s, 2, 702, 700, 0, 0);	/* cpu2's cid used at 6 us */
	sim_switch(&s, 1, 701, 700, 0, 0);
	sim_exit(&s, 700, 700);			/* running: mm_cid_put, release remove 1 */
	sim_switch(&s, 0, 700, 700, 0, 0);
	s.ts = 150000000 - 1000;
	/*
	 * t=150 ms: cpu1 reuse 1 (hit 1); the scan is due: cpu2's cid 2 is old,
	 * compact_clear 1; the weight is then 1 and cpu1's cid 1 >= 1, but
	 * 701 runs there: marked lazy-put only.
	 */
	is_int(sim_switch(&s, 1, 0, 0, 701, 700), 1, "weight: 701 keeps running with 1");
	/* switch-out drops the lazy-put cid: reclaim 1 (cache_discard 1) */
	sim_switch(&s, 1, 701, 700, 0, 0);
	/* cpu0: max_nr_cid shrinks to min(3, 2 users) = 2, recent 0 < 2: alloc 4 */
	is_int(sim_switch(&s, 0, 0, 0, 701, 700), 0, "weight: 701 compacted to 0");
	want[VCID_SW_ALLOC] = 4;
	want[VCID_SW_CACHE_HIT] = 1;
	want[VCID_SW_CACHE_EVICT] = 1;
	want[VCID_SW_CACHE_DISCARD] = 1;
	want[VCID_RELEASE_MM_REMOVE] = 1;
	want[VCID_LAZY_FASTPATH_REUSE] = 1;
	want[VCID_LAZY_COMPACT_CLEAR] = 1;
	want[VCID_LAZY_PUT_RECLAIM] = 1;
	sim_expect(&s, want, "weight compaction: 1 compact clear, 1 lazy-put reclaim");
	sim_fini(&s);
}

/* Migration to a CPU that has a cid: the source cid is dropped. */
static void migration(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init(&s, VCID_LAZY_6_13, 4);
	sim_switch(&s, 0, 0, 0, 800, 800);	/* alloc 1: 0 */
	sim_fork(&s, 800, 800, 801, 800);
	sim_switch(&s, 1, 0, 0, 801, 800);	/* alloc 2: 1 */
	sim_switch(&s, 1, 801, 800, 0, 0);
	sim_switch(&s, 0, 800, 800, 0, 0);
	/* cpu0 holds 0 and 2 users < 4 cpus: steal 1 from cpu1, dropped (remove 1) */
	sim_migrate(&s, 801, 800, 1, 0);
	is_int(sim_switch(&s, 0, 0, 0, 801, 800), 0, "migration: 801 uses cpu0's cid"); /* hit 1 */
	/* 800 leaves cpu0 while 801 runs there: the cid stays */
	sim_migrate(&s, 800, 800, 0, 2);
	want[VCID_SW_ALLOC] = 2;
	want[VCID_SW_CACHE_HIT] = 1;
	want[VCID_LAZY_FASTPATH_REUSE] = 1;
	want[VCID_LAZY_MIGRATE_STEAL] = 1;
	want[VCID_MIGRATION_REMOVE] = 1;
	sim_expect(&s, want, "migration: 1 steal, 1 migration remove");
	sim_fini(&s);
}

/*
 * Two threads, 2 CPUs; cpu1's cid is compacted, then the thread of cpu0
 * moves to cpu1.  6.13+: cpu1's recent_cid is set, which counts as holding
 * a cid, and 2 users >= 2 CPUs: no steal, each CPU keeps its id.  6.4-6.12
 * (no recent_cid): cpu1 holds none, the thread takes cpu0's id 0 along
 * (steal) and the other thread, back on cpu0, gets the first zero bit, 1:
 * the two ids swap CPUs.
 */
static void migrate_after_compaction(enum vcid_variant v)
{
	bool recent = v == VCID_LAZY_6_13;
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	const char *name = vcid_variant_name(v);
	struct sim s;

	sim_init_tick(&s, v, 2, 0);
	sim_switch(&s, 0, 0, 0, 400, 400);	/* alloc 1: 0 */
	sim_fork(&s, 400, 400, 401, 400);	/* 2 users */
	sim_switch(&s, 1, 0, 0, 401, 400);	/* alloc 2: 1 */
	sim_switch(&s, 1, 401, 400, 0, 0);
	s.ts = 200000000 - 1000;
	sim_switch(&s, 0, 400, 400, 0, 0);
	/* hit 1, then the scan clears cpu1's old cid (recent_cid stays 1) */
	sim_switch(&s, 0, 0, 0, 400, 400);
	sim_switch(&s, 0, 400, 400, 0, 0);
	sim_migrate(&s, 400, 400, 0, 1);
	/* 6.13: alloc 3 of recent_cid 1; 6.4: cpu0's 0 was stolen, hit 2 */
	is_int(sim_switch(&s, 1, 0, 0, 400, 400), recent ? 1 : 0,
	       "%s: 400 on cpu1 after compaction", name);
	/* 6.13: hit 2 of cpu0's 0; 6.4: alloc 3, first zero bit */
	is_int(sim_switch(&s, 0, 0, 0, 401, 400), recent ? 0 : 1,
	       "%s: 401 on cpu0", name);
	want[VCID_SW_ALLOC] = 3;
	want[VCID_SW_CACHE_HIT] = 2;
	want[VCID_SW_CACHE_EVICT] = 1;
	want[VCID_LAZY_FASTPATH_REUSE] = 2;
	want[VCID_LAZY_COMPACT_CLEAR] = 1;
	want[VCID_LAZY_MIGRATE_STEAL] = recent ? 0 : 1;
	sim_expect(&s, want, recent ? "lazy-6.13: no steal, 3 alloc, 2 hit" :
				      "lazy-6.4: 1 steal, 3 alloc, 2 hit");
	sim_fini(&s);
}

/* exec: mm_cid_put() of the old mm, mm_cid_get() in the new one. */
static void exec_mm(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init(&s, VCID_LAZY_6_13, 2);
	sim_switch(&s, 0, 0, 0, 900, 900);	/* alloc 1 */
	is_int(sim_exec(&s, 900, 900), 0, "exec: cid 0 in the new mm"); /* remove 1, alloc 2 */
	want[VCID_SW_ALLOC] = 2;
	want[VCID_RELEASE_MM_REMOVE] = 1;
	sim_expect(&s, want, "exec: 1 release mm remove, 2 alloc");
	sim_fini(&s);
}

/*
 * A wakeup onto an idle CPU: 501 leaves cpu1 for idle cpu2, which takes its
 * wake list (sched_mm_cid_migrate_to()) only at its next switch.  By then
 * cpu1 runs 502 of the same mm: no steal, 502 keeps cpu1's id 1 and 501
 * takes a new one.  (Activated at the migration, while cpu1 was idle, 501
 * would have taken 1 along and 502 got 2.)  Then the same onto a busy CPU:
 * activated at once, while the source is idle: steal.
 */
static void wakeup_onto_idle_cpu(enum vcid_variant v)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	const char *name = vcid_variant_name(v);
	struct sim s;

	sim_init(&s, v, 4);
	sim_switch(&s, 0, 0, 0, 500, 500);	/* alloc 1: 0 */
	sim_fork(&s, 500, 500, 501, 500);
	sim_fork(&s, 500, 500, 502, 500);	/* 3 users < 4 CPUs */
	sim_switch(&s, 0, 500, 500, 0, 0);	/* cpu0 keeps 0 */
	is_int(sim_switch(&s, 1, 0, 0, 501, 500), 1, "%s: 501 on cpu1", name); /* alloc 2 */
	sim_switch(&s, 1, 501, 500, 0, 0);	/* cpu1 keeps 1 */
	sim_migrate(&s, 501, 500, 1, 2);	/* cpu2 idle: wake list */
	/* cpu1's 1 not stolen yet: 502 reuses it, prev idle (hit 1) */
	is_int(sim_switch(&s, 1, 0, 0, 502, 500), 1,
	       "%s: 502 keeps cpu1's id, 501 still on cpu2's wake list", name);
	/*
	 * cpu2 takes its wake list: cpu1 runs 502 of the mm, no steal
	 * (last_mm_cid = -1); cpu2 unset: alloc 3, first zero bit 2 (6.13:
	 * max_nr_cid expands to 2).
	 */
	is_int(sim_switch(&s, 2, 0, 0, 501, 500), 2,
	       "%s: 501 activated on cpu2 while cpu1 runs the mm: new id", name);
	sim_switch(&s, 1, 502, 500, 0, 0);	/* cpu1 idle, keeps 1 */
	sim_switch(&s, 3, 0, 0, 600, 600);	/* cpu3 busy: alloc 4 (mm 600) */
	sim_migrate(&s, 502, 500, 1, 3);	/* onto busy cpu3: steal 1 at once */
	sim_migrate(&s, 500, 500, 0, 1);	/* cpu1 idle: wake list */
	/* activated at cpu1's switch: cpu1 unset, cpu0 idle: steal 2, hit 2 */
	is_int(sim_switch(&s, 1, 0, 0, 500, 500), 0,
	       "%s: 500 takes cpu0's 0 along to cpu1", name);
	is_int(sim_switch(&s, 3, 600, 600, 502, 500), 1,
	       "%s: 502 on cpu3 with cpu1's 1, stolen at its migration", name); /* hit 3 */
	want[VCID_SW_ALLOC] = 4;
	want[VCID_SW_CACHE_HIT] = 3;
	want[VCID_LAZY_FASTPATH_REUSE] = 3;
	want[VCID_LAZY_MIGRATE_STEAL] = 2;
	sim_expect(&s, want, v == VCID_LAZY_6_13 ?
		   "lazy-6.13 wake list: 4 alloc, 3 hit, 2 steal" :
		   "lazy-6.4 wake list: 4 alloc, 3 hit, 2 steal");
	sim_fini(&s);
}

/*
 * The scan at a tick (4 ms, on multiples of it): 300 runs on cpu0 from
 * t=1 us (the mm's scan due at 100.001 ms, in jiffies the tick of 100 ms),
 * 301 used cpu1 until 5 us, 302 runs on cpu2 from 6 us.  The ticks of 100
 * and 200 ms scan: at 200 ms cpu1's 1 is old (compact_clear), the weight
 * is 2 and cpu2's 2 >= 2 is marked lazy-put; 302's switch-out at 250 ms
 * drops it and its next switch-in takes the first zero bit, 1 (6.13: its
 * recent_cid 2, free again).  Scanned at the switch-in instead (tick_ns 0),
 * 302 keeps 2 there.
 */
static void tick_grid(enum vcid_variant v)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	const char *name = vcid_variant_name(v);
	bool recent = v == VCID_LAZY_6_13;
	struct sim s;

	sim_init_tick(&s, v, 3, 4000000);
	sim_switch(&s, 0, 0, 0, 300, 300);	/* alloc 1: 0 */
	sim_fork(&s, 300, 300, 301, 300);
	sim_fork(&s, 300, 300, 302, 300);	/* 3 users */
	sim_switch(&s, 1, 0, 0, 301, 300);	/* alloc 2: 1 */
	sim_switch(&s, 1, 301, 300, 0, 0);	/* cpu1's 1 last used at 5 us */
	is_int(sim_switch(&s, 2, 0, 0, 302, 300), 2, "%s tick: 302 on cpu2", name); /* alloc 3 */
	s.ts = 250000000 - 1000;
	/* the ticks of 100 and 200 ms scanned; the switch-out reclaims 2 */
	sim_switch(&s, 2, 302, 300, 0, 0);
	is_int(sim_switch(&s, 2, 0, 0, 302, 300), recent ? 2 : 1,
	       "%s tick: 302 after the scan of 200 ms", name); /* alloc 4 */
	want[VCID_SW_ALLOC] = 4;
	want[VCID_SW_CACHE_EVICT] = 1;
	want[VCID_SW_CACHE_DISCARD] = 1;
	want[VCID_LAZY_COMPACT_CLEAR] = 1;
	want[VCID_LAZY_PUT_RECLAIM] = 1;
	sim_expect(&s, want, recent ?
		   "lazy-6.13 tick: 4 alloc, 1 compact clear, 1 reclaim" :
		   "lazy-6.4 tick: 4 alloc, 1 compact clear, 1 reclaim");
	sim_fini(&s);

	/* The same events, scanned at 302's switch-in: it keeps 2 there. */
	sim_init_tick(&s, v, 3, 0);
	sim_switch(&s, 0, 0, 0, 300, 300);
	sim_fork(&s, 300, 300, 301, 300);
	sim_fork(&s, 300, 300, 302, 300);
	sim_switch(&s, 1, 0, 0, 301, 300);
	sim_switch(&s, 1, 301, 300, 0, 0);
	sim_switch(&s, 2, 0, 0, 302, 300);
	s.ts = 250000000 - 1000;
	sim_switch(&s, 2, 302, 300, 0, 0);
	is_int(sim_switch(&s, 2, 0, 0, 302, 300), 2,
	       "%s no tick grid: 302 keeps 2 at its switch-in", name);
	sim_fini(&s);
}

/*
 * exec: the new mm's next_scan is 0 and its first tick (12 ms, after an
 * exec at 10 ms) sets it: the scan is the tick of 112 ms, not 108 ms (10 ms
 * + 100, in jiffies).  cpu2's 2 is >= the weight 2 from 10.006 ms on.
 */
static void exec_first_scan(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init_tick(&s, VCID_LAZY_6_4, 3, 4000000);
	sim_switch(&s, 0, 0, 0, 950, 950);	/* alloc 1: 0 */
	s.ts = 10000000 - 1000;
	sim_exec(&s, 950, 950);			/* t=10 ms: remove 1, alloc 2: 0 */
	sim_fork(&s, 950, 950, 952, 950);
	sim_fork(&s, 950, 950, 953, 950);	/* 3 users */
	sim_switch(&s, 1, 0, 0, 952, 950);	/* alloc 3: 1 */
	sim_switch(&s, 2, 0, 0, 953, 950);	/* alloc 4: 2 */
	sim_switch(&s, 2, 953, 950, 0, 0);	/* cpu2 keeps 2 */
	sim_exit(&s, 952, 950);			/* running: remove 2 */
	sim_switch(&s, 1, 952, 950, 0, 0);
	s.ts = 110000000 - 1000;
	/* t=110 ms: no scan yet (950 ran on cpu0 all along): hit 1 */
	is_int(sim_switch(&s, 2, 0, 0, 953, 950), 2,
	       "exec: no scan at 108 ms, 953 keeps cpu2's 2");
	sim_switch(&s, 2, 953, 950, 0, 0);
	s.ts = 112000000 - 1000;
	/* the tick of 112 ms: cpu2's 2 >= weight 2, cleared; alloc 5: 1 */
	is_int(sim_switch(&s, 2, 0, 0, 953, 950), 1,
	       "exec: the scan of 112 ms compacted cpu2's 2");
	want[VCID_SW_ALLOC] = 5;
	want[VCID_SW_CACHE_HIT] = 1;
	want[VCID_SW_CACHE_EVICT] = 1;
	want[VCID_LAZY_FASTPATH_REUSE] = 1;
	want[VCID_LAZY_COMPACT_CLEAR] = 1;
	want[VCID_RELEASE_MM_REMOVE] = 2;
	sim_expect(&s, want, "exec: 5 alloc, 1 hit, 1 compact clear at 112 ms");
	sim_fini(&s);
}

int main(void)
{
	plan_tests(23 + 2 * 6 + 2 * 4 + 3);
	single_threaded();
	ping_pong();
	compaction_old();
	compaction_weight();
	migration();
	migrate_after_compaction(VCID_LAZY_6_13);
	migrate_after_compaction(VCID_LAZY_6_4);
	exec_mm();
	wakeup_onto_idle_cpu(VCID_LAZY_6_4);
	wakeup_onto_idle_cpu(VCID_LAZY_6_13);
	tick_grid(VCID_LAZY_6_4);
	tick_grid(VCID_LAZY_6_13);
	exec_first_scan();
	return exit_status();
}
