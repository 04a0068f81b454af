// SPDX-License-Identifier: MIT
/*
 * test_adversarial.c - every loop of the model ends on tiny tables and
 * inconsistent event streams.
 *
 * For each variant, 1..3 CPUs and max_tasks/max_mms of 1..4, scripted
 * adversarial sequences (events for unknown tasks, double exits, frees of
 * running tasks, migrations of running tasks, tid reuse, full tables) and
 * then 20000 pseudo-random raw events are fed to the model.  An alarm
 * kills the test if any call spins (hash probing, backward-shift deletion,
 * cache and bitmap scans, repair paths); every return code is one the API
 * documents and vcid_model_check() passes after every event.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "model_gen.h"
#include "model_util.h"
#include "tap.h"

#define NR_TIDS 12

static uint64_t seed = 0x9e3779b97f4a7c15ULL;

static unsigned int rnd(unsigned int n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned int)(seed >> 33) % n;
}

static void on_alarm(int sig)
{
	static const char msg[] = "not ok - a model call did not return (alarm)\n";

	(void)sig;
	(void)!write(1, msg, sizeof(msg) - 1);
	_exit(1);
}

/* One event; Return: 0 when the return code and the model are sane. */
static int feed(struct vcid_model *m, uint64_t ts, unsigned int op,
		unsigned int cpu, unsigned int cpu2, unsigned int t1,
		unsigned int m1, unsigned int t2, unsigned int m2)
{
	struct vcid_result res;
	int ret;

	ret = gen_raw_event(m, ts, op, cpu, cpu2, t1, m1, t2, m2, &res);
	if (ret && ret != -EINVAL && ret != -ENOSPC)
		return 1;
	return vcid_model_check(m) ? 1 : 0;
}

/* Scripted inconsistencies, then random raw events. */
static int run_one(struct vcid_model *m, unsigned int nr_cpus)
{
	/* op, cpu, cpu2, t1, m1, t2, m2 */
	static const unsigned int script[][7] = {
		{ 0, 0, 0, 5, 5, 6, 5 },	/* switch between unknown tasks */
		{ 0, 0, 0, 6, 5, 7, 5 },
		{ 1, 0, 1, 7, 5, 0, 0 },	/* migrate the running task */
		{ 5, 0, 0, 7, 0, 0, 0 },	/* free a running task */
		{ 4, 0, 0, 6, 5, 0, 0 },	/* exit twice */
		{ 4, 0, 0, 6, 5, 0, 0 },
		{ 5, 0, 0, 6, 0, 0, 0 },
		{ 5, 0, 0, 6, 0, 0, 0 },	/* free twice */
		{ 2, 0, 0, 5, 5, 6, 5 },	/* tid reuse after free */
		{ 2, 0, 0, 5, 5, 8, 8 },	/* fork until the tables are full */
		{ 2, 0, 0, 5, 5, 9, 9 },
		{ 2, 0, 0, 5, 5, 10, 10 },
		{ 2, 0, 0, 5, 5, 11, 11 },
		{ 0, 0, 0, 11, 11, 1, 1 },
		{ 3, 0, 0, 6, 5, 0, 0 },	/* exec of a task in a full table */
		{ 0, 0, 0, 1, 1, 6, 6 },	/* tid seen with another mm */
		{ 1, 0, 0, 6, 6, 0, 0 },	/* migration to the same CPU */
	};
	uint64_t ts = 0;
	unsigned int i;

	for (i = 0; i < sizeof(script) / sizeof(script[0]); i++) {
		const unsigned int *s = script[i];

		ts += 1000000;
		if (feed(m, ts, s[0], s[1] % nr_cpus, s[2] % nr_cpus, s[3],
			 s[4], s[5], s[6]))
			return 1;
	}
	for (i = 0; i < 20000; i++) {
		unsigned int t1 = rnd(NR_TIDS), t2 = rnd(NR_TIDS);

		ts += rnd(4) * 40000000ULL;
		if (feed(m, ts, rnd(6), rnd(nr_cpus), rnd(nr_cpus), t1,
			 rnd(3) ? t1 / 3 : 0, t2, rnd(3) ? t2 / 3 : 0))
			return 1;
	}
	return 0;
}

int main(void)
{
	static uint8_t mem[1 << 20] __attribute__((aligned(8)));
	struct vcid_config cfg;
	struct vcid_model *m;
	unsigned int cpus, size;
	int v;

	signal(SIGALRM, on_alarm);
	plan_tests(VCID_NR_VARIANTS * 3 * 4);
	for (v = 0; v < VCID_NR_VARIANTS; v++) {
		for (cpus = 1; cpus <= 3; cpus++) {
			for (size = 1; size <= 4; size++) {
				int bad;

				vcid_config_default(&cfg, v, cpus);
				cfg.max_tasks = size;
				cfg.max_mms = size;
				cfg.cache_size = size;
				if (vcid_model_size(&cfg) > sizeof(mem) ||
				    vcid_model_init(&m, mem, sizeof(mem), &cfg)) {
					ok(0, "%s cpus=%u size=%u: init",
					   vcid_variant_name(v), cpus, size);
					continue;
				}
				alarm(20);
				bad = run_one(m, cpus);
				alarm(0);
				ok(!bad, "%s cpus=%u tables=%u: every call returns, model consistent",
				   vcid_variant_name(v), cpus, size);
			}
		}
	}
	return exit_status();
}
