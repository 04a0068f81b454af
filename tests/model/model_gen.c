// SPDX-License-Identifier: MIT
/*
 * model_gen.c - kernel-like random event streams and invariant checks.
 */
#include <stdio.h>
#include <string.h>

#include "model_gen.h"

enum gen_op { GEN_SWITCH, GEN_FORK, GEN_EXEC, GEN_EXIT, GEN_FREE,
	      GEN_MIGRATE, GEN_TIME };

static int gen_add(struct gen *g, unsigned int tid, unsigned int tgid, int mm)
{
	struct gen_task *t = &g->task[g->nr_tasks];

	memset(t, 0, sizeof(*t));
	t->tid = tid;
	t->tgid = tgid;
	t->gen = mm;
	t->live = 1;
	if (mm >= 0)
		g->gen_live[mm]++;
	return (int)g->nr_tasks++;
}

static void gen_remove(struct gen *g, int idx)
{
	int last = (int)--g->nr_tasks;
	unsigned int cpu;

	g->task[idx] = g->task[last];
	for (cpu = 0; cpu < g->nr_cpus; cpu++)
		if (g->curr[cpu] == last)
			g->curr[cpu] = idx;
}

void gen_init(struct gen *g, struct vcid_model *m, enum vcid_variant variant,
	      unsigned int nr_cpus, const uint8_t *cpu_to_node,
	      unsigned int (*pick)(void *ctx, unsigned int n), void *ctx)
{
	unsigned int cpu;

	memset(g, 0, sizeof(*g));
	g->m = m;
	g->variant = variant;
	g->nr_cpus = nr_cpus;
	memcpy(g->cpu_to_node, cpu_to_node, nr_cpus);
	g->pick = pick;
	g->ctx = ctx;
	g->next_tid = 100;
	for (cpu = 0; cpu < GEN_MAX_CPUS; cpu++)
		g->curr[cpu] = -1;
	memset(g->id_node, 0xff, sizeof(g->id_node));
	gen_add(g, 2, 0, -1);		/* kthreadd */
	g->nr_gens = 1;
	gen_add(g, 1, 1, 0);		/* init */
}

static unsigned int gen_pick(struct gen *g, unsigned int n)
{
	return n ? g->pick(g->ctx, n) % n : 0;
}

/* Index of a random task matching @want (a predicate), or -1. */
static int gen_choose(struct gen *g, int (*want)(const struct gen_task *))
{
	int idx[GEN_MAX_TASKS];
	unsigned int i, n = 0;

	for (i = 0; i < g->nr_tasks; i++)
		if (want(&g->task[i]))
			idx[n++] = (int)i;
	return n ? idx[gen_pick(g, n)] : -1;
}

static int runnable(const struct gen_task *t) { return t->live && !t->running; }
static int running_live(const struct gen_task *t) { return t->live && t->running; }
static int live(const struct gen_task *t) { return t->live; }
static int dead_idle(const struct gen_task *t) { return !t->live && !t->running; }

#define GEN_FAIL(g, ...) do {						\
	snprintf((g)->failure, sizeof((g)->failure), __VA_ARGS__);	\
	return -1;							\
} while (0)

static int gen_check(struct gen *g, int op, int ret, const uint64_t *before,
		     const struct vcid_result *res, unsigned int cpu, int next)
{
	int held[GEN_MAX_GENS][GEN_MAX_CPUS / 8 + 1];
	unsigned int c, running_ids = 0;
	uint64_t bits;
	int check;

	if (ret)
		GEN_FAIL(g, "event %u (op %d) returned %d", g->nr_events, op, ret);
	for (c = 0; c < VCID_NR_COUNTERS; c++) {
		int bumped = vcid_model_counter(g->m, c) != before[c];

		if (bumped != !!(res->paths & (1ULL << c)))
			GEN_FAIL(g, "event %u: paths and counter %s disagree",
				 g->nr_events, vcid_counter_name(c));
	}
	check = vcid_model_check(g->m);
	if (check)
		GEN_FAIL(g, "event %u (op %d): vcid_model_check() = %d",
			 g->nr_events, op, check);
	memset(held, 0, sizeof(held));
	for (c = 0; c < g->nr_cpus; c++) {
		const struct gen_task *t;
		int cid, distinct = 0, gen, i;

		if (g->curr[c] < 0)
			continue;
		t = &g->task[g->curr[c]];
		cid = vcid_task_cid(g->m, t->tid);
		if (!t->live || t->gen < 0) {
			if (cid != -1)
				GEN_FAIL(g, "event %u: task %u without mm holds %d",
					 g->nr_events, t->tid, cid);
			continue;
		}
		if (cid < 0 || cid >= (int)g->nr_cpus)
			GEN_FAIL(g, "event %u: running task %u has id %d (nr_cpus %u)",
				 g->nr_events, t->tid, cid, g->nr_cpus);
		gen = t->gen;
		if (held[gen][cid / 8] & (1 << (cid % 8)))
			GEN_FAIL(g, "event %u: id %d used twice in mm %u (task %u)",
				 g->nr_events, cid, t->tgid, t->tid);
		held[gen][cid / 8] |= 1 << (cid % 8);
		for (i = 0; i < (int)g->nr_cpus; i++)
			distinct += !!(held[gen][i / 8] & (1 << (i % 8)));
		if (distinct > g->gen_live[gen] || distinct > (int)g->nr_cpus)
			GEN_FAIL(g, "event %u: mm %u holds %d ids for %d threads",
				 g->nr_events, t->tgid, distinct, g->gen_live[gen]);
		running_ids++;
	}
	if (g->variant == VCID_V3_NUMA && op == GEN_SWITCH && next >= 0 &&
	    g->task[next].live && g->task[next].gen >= 0) {
		const struct gen_task *t = &g->task[next];
		int8_t *node = &g->id_node[t->gen][res->cid];

		if (res->node != g->cpu_to_node[cpu])
			GEN_FAIL(g, "event %u: id %d on cpu %u reports node %d",
				 g->nr_events, res->cid, cpu, res->node);
		if (*node >= 0 && *node != res->node)
			GEN_FAIL(g, "event %u: id %d of mm %u moved from node %d to %d",
				 g->nr_events, res->cid, t->tgid, *node, res->node);
		*node = (int8_t)res->node;
	}
	bits = vcid_model_bits_set(g->m);
	if (g->variant == VCID_V3_NOOPT) {
		if (bits != running_ids)
			GEN_FAIL(g, "event %u: %llu bits set for %u running ids",
				 g->nr_events, (unsigned long long)bits, running_ids);
	} else if (bits != model_net_bits(g->m)) {
		GEN_FAIL(g, "event %u: %llu bits set but bit-sets - clears = %llu",
			 g->nr_events, (unsigned long long)bits,
			 (unsigned long long)model_net_bits(g->m));
	}
	return 0;
}

static unsigned int mm_of(const struct gen_task *t)
{
	return t->gen < 0 ? 0 : t->tgid;
}

int gen_step(struct gen *g)
{
	uint64_t before[VCID_NR_COUNTERS];
	struct vcid_result res = { 0, -1, -1, -1 };
	unsigned int c, cpu = 0, r;
	int ret = 0, op, idx, next = -1;

	for (c = 0; c < VCID_NR_COUNTERS; c++)
		before[c] = vcid_model_counter(g->m, c);
	g->ts += 1000 + gen_pick(g, 4000);
	r = gen_pick(g, 100);
	op = r < 45 ? GEN_SWITCH : r < 55 ? GEN_FORK : r < 60 ? GEN_EXEC :
	     r < 68 ? GEN_EXIT : r < 75 ? GEN_FREE : r < 95 ? GEN_MIGRATE :
	     GEN_TIME;
	g->nr_events++;

	switch (op) {
	case GEN_SWITCH: {
		int prev;

		cpu = gen_pick(g, g->nr_cpus);
		prev = g->curr[cpu];
		next = gen_choose(g, runnable);
		if (gen_pick(g, 4) == 0)
			next = -1;	/* to idle */
		ret = vcid_sched_switch(g->m, g->ts, cpu,
					prev >= 0 ? g->task[prev].tid : 0,
					prev >= 0 ? mm_of(&g->task[prev]) : 0,
					next >= 0 ? g->task[next].tid : 0,
					next >= 0 ? mm_of(&g->task[next]) : 0, &res);
		if (prev >= 0)
			g->task[prev].running = 0;
		g->curr[cpu] = next;
		if (next >= 0) {
			g->task[next].running = 1;
			g->task[next].cpu = cpu;
		}
		break;
	}
	case GEN_FORK: {
		struct gen_task *p;
		unsigned int tid;
		int gen;

		idx = gen_choose(g, gen_pick(g, 8) ? running_live : live);
		if (idx < 0 || g->nr_tasks >= GEN_MAX_TASKS)
			break;
		p = &g->task[idx];
		tid = g->next_tid++;
		if (p->gen < 0) {
			gen = -1;		/* kernel thread */
		} else if (gen_pick(g, 2) || g->nr_gens >= GEN_MAX_GENS) {
			gen = p->gen;		/* thread */
		} else {
			gen = g->nr_gens++;	/* process */
		}
		ret = vcid_sched_process_fork(g->m, g->ts, p->tid, mm_of(p), tid,
					      gen < 0 ? 0 : gen == p->gen ?
					      p->tgid : tid, &res);
		cpu = p->cpu;
		idx = gen_add(g, tid, gen < 0 ? 0 : gen == p->gen ? p->tgid : tid,
			      gen);
		g->task[idx].cpu = cpu;
		break;
	}
	case GEN_EXEC: {
		struct gen_task *t;

		idx = gen_choose(g, running_live);
		if (idx < 0 || g->nr_gens >= GEN_MAX_GENS)
			break;
		t = &g->task[idx];
		/* de_thread(): only the last thread of its mm execs */
		if (t->gen < 0 || g->gen_live[t->gen] != 1)
			break;
		ret = vcid_sched_process_exec(g->m, g->ts, t->tid, t->tgid, &res);
		g->gen_live[t->gen]--;
		t->gen = g->nr_gens++;
		g->gen_live[t->gen] = 1;
		break;
	}
	case GEN_EXIT: {
		struct gen_task *t;

		idx = gen_choose(g, gen_pick(g, 8) ? running_live : live);
		if (idx < 0 || g->task[idx].tid == 1)
			break;
		t = &g->task[idx];
		ret = vcid_sched_process_exit(g->m, g->ts, t->tid, mm_of(t), &res);
		t->live = 0;
		if (t->gen >= 0)
			g->gen_live[t->gen]--;
		break;
	}
	case GEN_FREE:
		idx = gen_choose(g, dead_idle);
		if (idx < 0)
			break;
		ret = vcid_sched_process_free(g->m, g->ts, g->task[idx].tid, &res);
		gen_remove(g, idx);
		break;
	case GEN_MIGRATE: {
		struct gen_task *t;
		unsigned int dest;

		idx = gen_choose(g, runnable);
		if (idx < 0 || g->nr_cpus < 2)
			break;
		t = &g->task[idx];
		dest = (t->cpu + 1 + gen_pick(g, g->nr_cpus - 1)) % g->nr_cpus;
		ret = vcid_sched_migrate_task(g->m, g->ts, t->tid, mm_of(t),
					      t->cpu, dest, &res);
		t->cpu = dest;
		break;
	}
	default:
		g->ts += (uint64_t)gen_pick(g, 3) * 60000000ULL;
		break;
	}
	return gen_check(g, op, ret, before, &res, cpu, next);
}

int gen_raw_event(struct vcid_model *m, uint64_t ts, unsigned int op,
		  unsigned int cpu, unsigned int cpu2, unsigned int t1,
		  unsigned int m1, unsigned int t2, unsigned int m2,
		  struct vcid_result *res)
{
	switch (op) {
	case 0:
		return vcid_sched_switch(m, ts, cpu, t1, m1, t2, m2, res);
	case 1:
		return vcid_sched_migrate_task(m, ts, t1, m1, cpu, cpu2, res);
	case 2:
		return vcid_sched_process_fork(m, ts, t1, m1, t2, m2, res);
	case 3:
		return vcid_sched_process_exec(m, ts, t1, m1, res);
	case 4:
		return vcid_sched_process_exit(m, ts, t1, m1, res);
	default:
		return vcid_sched_process_free(m, ts, t1, res);
	}
}
