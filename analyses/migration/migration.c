// SPDX-License-Identifier: MIT
/*
 * migration.c - sink.rseqprof.migration: task migrations and what they do
 * to vcpu-ids.
 *
 * For every process and thread: sched_migrate_task count, rate over the
 * analysed time span, cross-node share (the trace's topology), and per
 * allocator variant the ids released by the migration (the model's
 * "remove (bit-clear)" on migration, at the migration or, lazy variants
 * onto an idle CPU, at the thread's next switch-in) and the id
 * stability: whether the id a thread runs with after a migration (its next
 * switch-in) is the one it ran with before.  Also the CPU-to-CPU matrix of
 * all migrations, and processes and threads ranked by migrations.
 *
 * Parameters: the common ones (rp_host.h); "top" and "full" (common) cut
 * the text rankings and the CPU matrix of many CPUs.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <babeltrace2/babeltrace.h>

#include "rp_host.h"
#include "migration.h"
#include "migration_priv.h"

static void mig_set_comm(char *dst, const struct rp_kev_task *t)
{
	if (t->info && t->info->comm[0])
		memcpy(dst, t->info->comm, RP_COMM_LEN);
}

/* The thread record of @t, created with no id and no pending migration. */
static struct mig_thread *mig_thread_get(struct migration *mig,
					 const struct rp_kev_task *t)
{
	struct mig_thread *th;
	unsigned int i;
	int created;

	th = idtable_get(&mig->threads, t->tid, &created);
	if (!th)
		return NULL;
	if (created) {
		th->tid = t->tid;
		for (i = 0; i < VCID_NR_VARIANTS; i++) {
			th->last_cid[i] = -1;
			th->before[i] = MIG_NONE;
		}
	}
	th->tgid = t->tgid;
	mig_set_comm(th->comm, t);
	return th;
}

static void mig_count_migration(struct mig_counts *c, bool cross,
				const struct vcid_result *res, unsigned int nr)
{
	unsigned int i;

	c->migrations++;
	c->cross_node += cross;
	for (i = 0; res && i < nr; i++)
		if (res[i].paths & MIG_RELEASE_PATHS)
			c->released[i]++;
}

static int mig_on_migrate(struct migration *mig, const struct rp_kevent *ev,
			  const struct vcid_result *res)
{
	const struct vcid_config *cfg = &mig->base.models->cfg;
	unsigned int i, nr = mig->base.models->nr;
	struct mig_process *p;
	struct mig_thread *th;
	bool cross = false;
	int created;

	th = mig_thread_get(mig, &ev->task);
	if (!th)
		return -1;
	if (!ev->counted)
		return 0;
	if (ev->orig_cpu < mig->nr_cpus && ev->dest_cpu < mig->nr_cpus) {
		mig->matrix[ev->orig_cpu * mig->nr_cpus + ev->dest_cpu]++;
		if (ev->orig_cpu + 1 > mig->max_cpu)
			mig->max_cpu = ev->orig_cpu + 1;
		if (ev->dest_cpu + 1 > mig->max_cpu)
			mig->max_cpu = ev->dest_cpu + 1;
		cross = cfg->cpu_to_node[ev->orig_cpu] !=
			cfg->cpu_to_node[ev->dest_cpu];
	} else {
		mig->bad_cpu++;
	}
	for (i = 0; i < nr; i++)
		if (th->before[i] == MIG_NONE && th->last_cid[i] >= 0)
			th->before[i] = th->last_cid[i];

	p = idtable_get(&mig->procs, ev->task.tgid, &created);
	if (!p)
		return -1;
	p->tgid = ev->task.tgid;
	if (ev->task.info && ev->task.info->tid == ev->task.tgid)
		mig_set_comm(p->comm, &ev->task);
	else if (!p->comm[0])
		mig_set_comm(p->comm, &ev->task);
	if (!th->c.migrations)
		p->threads++;
	mig_count_migration(&th->c, cross, res, nr);
	mig_count_migration(&p->c, cross, res, nr);
	mig_count_migration(&mig->total, cross, res, nr);
	return 0;
}

/*
 * A new task whose tid an earlier one had: its counts stay under the tid,
 * the ids it ran with do not.
 */
static void mig_thread_forget_ids(struct migration *mig, uint32_t tid)
{
	struct mig_thread *th = idtable_find(&mig->threads, tid);
	unsigned int i;

	for (i = 0; th && i < VCID_NR_VARIANTS; i++) {
		th->last_cid[i] = -1;
		th->before[i] = MIG_NONE;
	}
}

/* Next run of a thread: settle the stability of a pending migration. */
static int mig_on_switch(struct migration *mig, const struct rp_kevent *ev,
			 const struct vcid_result *res)
{
	unsigned int i, nr = mig->base.models->nr;
	struct mig_process *p;
	struct mig_thread *th;

	if (!ev->task.tid || !res)
		return 0;
	th = mig_thread_get(mig, &ev->task);
	if (!th)
		return -1;
	p = idtable_find(&mig->procs, th->tgid);
	for (i = 0; i < nr; i++) {
		int32_t before = th->before[i];

		th->last_cid[i] = res[i].cid;
		if (before == MIG_NONE)
			continue;
		th->before[i] = MIG_NONE;
		/*
		 * The lazy variants activate a task woken onto an idle CPU,
		 * and release the source id, when that CPU next switches
		 * (vcid_lazy_pcpu.c): counted for the thread it switches to,
		 * whose migration is pending.
		 */
		if (res[i].paths & MIG_RELEASE_PATHS) {
			th->c.released[i]++;
			mig->total.released[i]++;
			if (p)
				p->c.released[i]++;
		}
		if (before == res[i].cid) {
			th->c.kept[i]++;
			mig->total.kept[i]++;
			if (p)
				p->c.kept[i]++;
		} else {
			th->c.changed[i]++;
			mig->total.changed[i]++;
			if (p)
				p->c.changed[i]++;
		}
	}
	return 0;
}

static int migration_event(struct rp_sink *s, const struct rp_kevent *ev,
			   const struct vcid_result *res)
{
	struct migration *mig = to_migration(s);
	int ret = 0;

	/*
	 * The span of the scheduler events: side band and statedumps (perf's
	 * are stamped 0) say nothing about when the workload ran.
	 */
	if (ev->counted && ev->type != RP_KEV_TASK_INFO && ev->ts)
		rp_span_add(&mig->span, ev->ts);
	switch (ev->type) {
	case RP_KEV_MIGRATE:
		ret = mig_on_migrate(mig, ev, res);
		break;
	case RP_KEV_SWITCH:
		ret = mig_on_switch(mig, ev, res);
		break;
	case RP_KEV_FORK:
		mig_thread_forget_ids(mig, ev->task.tid);
		break;
	default:
		break;
	}
	if (ret)
		rp_sink_error(s, "out of memory");
	return ret;
}

static const struct rp_sink_ops migration_ops = {
	.event = migration_event,
	.report = migration_report,
	.needed = 1u << RP_KEV_SWITCH | 1u << RP_KEV_MIGRATE,
	/* What the models replay; rseq_update is only counted. */
	.wanted = 1u << RP_KEV_SWITCH | 1u << RP_KEV_MIGRATE |
		  1u << RP_KEV_FORK | 1u << RP_KEV_EXEC | 1u << RP_KEV_EXIT |
		  1u << RP_KEV_FREE,
	.feed_models = true,
};

static void migration_destroy(struct rp_sink *s)
{
	struct migration *mig = to_migration(s);

	if (!mig)
		return;
	idtable_fini(&mig->threads);
	idtable_fini(&mig->procs);
	free(mig->matrix);
	free(mig);
}

static bt_component_class_initialize_method_status
migration_create(struct rp_host *host, struct rp_sink **out)
{
	bt_component_class_initialize_method_status status;
	struct migration *mig;

	mig = rp_sink_alloc(host, sizeof(*mig), "migration", &migration_ops);
	if (!mig)
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_MEMORY_ERROR;
	idtable_init(&mig->threads, sizeof(struct mig_thread));
	idtable_init(&mig->procs, sizeof(struct mig_process));
	mig->nr_cpus = mig->base.models->cfg.nr_cpus;
	mig->matrix = calloc((size_t)mig->nr_cpus * mig->nr_cpus,
			     sizeof(*mig->matrix));
	if (!mig->matrix) {
		rp_sink_error(&mig->base, "out of memory");
		status = BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_MEMORY_ERROR;
		goto error;
	}
	*out = &mig->base;
	return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK;
error:
	migration_destroy(&mig->base);
	return status;
}

const struct rp_section migration_section = {
	.name = "migration",
	.ops = &migration_ops,
	.create = migration_create,
	.destroy = migration_destroy,
};
