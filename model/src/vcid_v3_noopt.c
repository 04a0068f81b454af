// SPDX-License-Identifier: MIT OR GPL-2.0-only
/*
 * vcid_v3_noopt.c - "v3-noopt": the per-mm vcpu-id without optimizations
 *
 * Follows "[PATCH v3 00/23] RSEQ node id and virtual cpu id extensions"
 * (Mathieu Desnoyers, 2022-07-29, lore 20220729190225.12726-1-
 * mathieu.desnoyers@efficios.com), patch "sched: Introduce per memory space
 * current virtual cpu id" taken alone, which is also the design merged as
 * mm_cid in Linux 6.3 (af7f588d8f73) minus its same-mm hand-over:
 *
 *   switch_mm_vcpu(prev, next):
 *	if (prev->vcpu_mm_active)
 *		mm_vcpu_put(prev->mm, prev->mm_vcpu);	cpumask_clear_cpu()
 *	if (next->vcpu_mm_active)
 *		next->mm_vcpu = mm_vcpu_get(next->mm);	first zero, set
 *
 * Counters: every bit-set is "alloc" (so each switch-in of a user thread is
 * one alloc); the bit-clear of mm_release() (exit, exec) while the task holds
 * its id is "remove" on release mm.  The bit-clear on switch-out is not one
 * of the slides' paths and is not counted: it always pairs with the alloc of
 * the same switch-in, so bits set == running threads holding an id.
 */
#include "vcid_internal.h"

static void mm_vcpu_put(struct vcid_task *t)
{
	if (t->cid < 0)
		return;
	vcid_clear_bit(vcid_mm_vcpumask(t->mm), t->cid);
	t->cid = -1;
}

static void mm_vcpu_get(struct vcid_model *m, struct vcid_task *t)
{
	u64 *mask = vcid_mm_vcpumask(t->mm);
	s32 id = vcid_first_zero(m, mask);

	/* At most nr_cpus threads run at once: a zero bit always exists. */
	if (id >= 0) {
		vcid_set_bit(mask, id);
		vcid_count(m, VCID_SW_ALLOC);
	}
	t->cid = id;
}

static void v3_noopt_switch_mm(struct vcid_model *m, struct vcid_rq *rq,
			       struct vcid_task *prev, struct vcid_task *next)
{
	(void)rq;
	if (prev && prev->active)
		mm_vcpu_put(prev);
	if (next && next->active)
		mm_vcpu_get(m, next);
}

static void v3_noopt_get_mm(struct vcid_model *m, struct vcid_task *t,
			    struct vcid_task *parent)
{
	(void)m;
	(void)t;
	(void)parent;
}

static void v3_noopt_release_mm(struct vcid_model *m, struct vcid_task *t)
{
	if (t->cid < 0)
		return;
	mm_vcpu_put(t);
	vcid_count(m, VCID_RELEASE_MM_REMOVE);
}

/* sched_vcpu_after_execve(): the running task takes an id in its new mm. */
static void v3_noopt_activate_mm(struct vcid_model *m, struct vcid_task *t)
{
	if (t->running)
		mm_vcpu_get(m, t);
}

static void v3_noopt_migrate(struct vcid_model *m, struct vcid_task *t,
			     u32 from, u32 to)
{
	(void)m;
	(void)t;
	(void)from;
	(void)to;
}


static s32 v3_noopt_node_of(const struct vcid_model *m,
			    const struct vcid_task *t, s32 cid)
{
	(void)cid;
	return (s32)vcid_cpu_node(m, t->cpu);
}

/* Bits set in each mm == its running threads holding an id, each its own. */
static int v3_noopt_check(const struct vcid_model *m)
{
	u32 cpu, i, running = 0;
	u64 bits = 0;

	for (cpu = 0; cpu < m->cfg.nr_cpus; cpu++) {
		const struct vcid_task *t = vcid_rq(m, cpu)->curr;

		/* a task that gained its mm while running has no id yet */
		if (!t || !t->active || t->cid < 0)
			continue;
		if (!vcid_test_bit(vcid_mm_vcpumask(t->mm), t->cid))
			return -EUCLEAN;
		running++;
	}
	for (i = 0; i < m->cfg.max_mms; i++) {
		const struct vcid_mm *mm = (const struct vcid_mm *)
			(m->mms + (size_t)i * m->mm_stride);

		if (mm->refs)
			bits += vcid_weight(m, vcid_mm_vcpumask(mm));
	}
	return bits == running && !m->bits_freed ? 0 : -EUCLEAN;
}

const struct vcid_ops vcid_v3_noopt_ops = {
	.switch_mm = v3_noopt_switch_mm,
	.get_mm = v3_noopt_get_mm,
	.release_mm = v3_noopt_release_mm,
	.activate_mm = v3_noopt_activate_mm,
	.migrate = v3_noopt_migrate,
	.node_of = v3_noopt_node_of,
	.check = v3_noopt_check,
};
