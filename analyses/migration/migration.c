// SPDX-License-Identifier: MIT
/*
 * migration.c - sink.rseqprof.migration: task migrations and what they do
 * to vcpu-ids.
 *
 * For every process and thread: sched_migrate_task count, rate over the
 * analysed time span, cross-node share (the trace's topology), and per
 * allocator variant the ids released by the migration (the model's
 * "remove (bit-clear)" on migration) and the id
 * stability: whether the id a thread runs with after a migration (its next
 * switch-in) is the one it ran with before.  Also the CPU-to-CPU matrix of
 * all migrations, and processes and threads ranked by migrations.
 *
 * Parameters: the common ones (rp_sink.h) and
 *   top	rows of the process and thread rankings in the text report
 *		(default 10, 0: all); csv and json always hold every row.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <babeltrace2/babeltrace.h>

#include "rp_header.h"
#include "rp_host.h"
#include "idtable.h"
#include "migration.h"
#include "mn_util.h"

#define MIG_DEFAULT_TOP	10
#define MIG_NONE	(-2)	/* no migration waits for the next switch-in */

/*
 * The model path that frees an id because of a migration: the schedstat
 * "remove (bit-clear)" on migration.  lazy-6.13's migration steal moves the
 * source CPU's id to the destination with the task: not a release (the
 * stability columns show whether the task kept it).
 */
#define MIG_RELEASE_PATHS	(1ULL << VCID_MIGRATION_REMOVE)

/**
 * struct mig_counts - what is counted per thread, per process and in total
 * @migrations:	counted sched_migrate_task events
 * @cross_node:	those whose source and destination CPUs are on two nodes
 * @released:	per model slot: migrations that released an id
 * @kept:	per model slot: next run after a migration kept the id
 * @changed:	per model slot: next run after a migration had another id
 */
struct mig_counts {
	uint64_t migrations;
	uint64_t cross_node;
	uint64_t released[VCID_NR_VARIANTS];
	uint64_t kept[VCID_NR_VARIANTS];
	uint64_t changed[VCID_NR_VARIANTS];
};

/**
 * struct mig_thread - one thread
 * @last_cid:	per model slot: id at its last switch-in, -1 none
 * @before:	per model slot: id before a migration whose next switch-in
 *		was not seen yet, MIG_NONE when none is pending
 */
struct mig_thread {
	uint32_t tid;
	uint32_t tgid;
	struct mig_counts c;
	int32_t last_cid[VCID_NR_VARIANTS];
	int32_t before[VCID_NR_VARIANTS];
	char comm[RP_COMM_LEN];
};

/**
 * struct mig_process - one thread group
 * @threads:	its threads that migrated at least once
 */
struct mig_process {
	uint32_t tgid;
	uint32_t threads;
	struct mig_counts c;
	char comm[RP_COMM_LEN];
};

/**
 * struct migration - the component's private data
 * @base:	the shared sink (iterator, decoder, models, output); first
 * @top:	ranking rows in the text report, 0: all
 * @threads:	owned: struct mig_thread by tid
 * @procs:	owned: struct mig_process by tgid
 * @matrix:	owned: nr_cpus * nr_cpus counts, [from * nr_cpus + to]
 * @nr_cpus:	CPUs of the model configuration (the trace's topology)
 * @max_cpu:	highest CPU seen in a counted migration, + 1
 * @total:	all counted migrations
 * @span:	first and last counted event times
 * @bad_cpu:	counted migrations naming a CPU >= @nr_cpus
 */
struct migration {
	struct rp_sink base;
	uint64_t top;
	struct idtable threads;
	struct idtable procs;
	uint64_t *matrix;
	uint32_t nr_cpus;
	uint32_t max_cpu;
	struct mig_counts total;
	struct mn_span span;
	uint64_t bad_cpu;
};

static const struct rp_param_desc migration_params[] = {
	{ "top", RP_PARAM_UINT,
	  "processes and threads ranked in the text report (0: all, default 10)" },
	RP_PARAM_END,
};

static struct migration *to_migration(struct rp_sink *s)
{
	return (struct migration *)s;
}

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
		mn_span_add(&mig->span, ev->ts);
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

/* Rank: most migrations first, then lowest id. */
static int mig_cmp_proc(const void *a, const void *b)
{
	const struct mig_process *x = *(const struct mig_process *const *)a;
	const struct mig_process *y = *(const struct mig_process *const *)b;

	if (x->c.migrations != y->c.migrations)
		return x->c.migrations > y->c.migrations ? -1 : 1;
	return x->tgid < y->tgid ? -1 : x->tgid > y->tgid;
}

static int mig_cmp_thread(const void *a, const void *b)
{
	const struct mig_thread *x = *(const struct mig_thread *const *)a;
	const struct mig_thread *y = *(const struct mig_thread *const *)b;

	if (x->c.migrations != y->c.migrations)
		return x->c.migrations > y->c.migrations ? -1 : 1;
	return x->tid < y->tid ? -1 : x->tid > y->tid;
}

/*
 * mig_ranking() - the records of @t that migrated, ranked by @cmp.
 * Return: an owned array of @*nr pointers (NULL and 0 when none or no memory:
 * @*oom tells).
 */
static void **mig_ranking(const struct idtable *t, size_t count_off,
			  int (*cmp)(const void *, const void *), size_t *nr,
			  bool *oom)
{
	void **v = malloc((t->nr ? t->nr : 1) * sizeof(*v));
	size_t i;

	*nr = 0;
	*oom = !v;
	if (!v)
		return NULL;
	for (i = 0; i < t->nr; i++) {
		unsigned char *rec = idtable_at(t, i);
		const struct mig_counts *c = (const void *)(rec + count_off);

		if (c->migrations)
			v[(*nr)++] = rec;
	}
	qsort(v, *nr, sizeof(*v), cmp);
	return v;
}

static double mig_rate(const struct migration *mig, uint64_t n)
{
	uint64_t ns = mn_span_ns(&mig->span);

	return ns ? (double)n * 1e9 / (double)ns : 0.0;
}

/* ---- text ---- */

static void mig_text_cross(FILE *f, const struct migration *mig,
			   const struct mig_counts *c)
{
	if (mig->base.models->topology)
		fprintf(f, " %10" PRIu64, c->cross_node);
	else
		fprintf(f, " %10s", "-");
}

static void mig_text_matrix(struct migration *mig, FILE *f)
{
	uint32_t from, to;

	if (!mig->total.migrations)
		return;
	fprintf(f, "\nMigrations from CPU (rows) to CPU (columns):\n%6s", "");
	for (to = 0; to < mig->max_cpu; to++)
		fprintf(f, " %6" PRIu32, to);
	fputc('\n', f);
	for (from = 0; from < mig->max_cpu; from++) {
		fprintf(f, "%6" PRIu32, from);
		for (to = 0; to < mig->max_cpu; to++)
			fprintf(f, " %6" PRIu64,
				mig->matrix[from * mig->nr_cpus + to]);
		fputc('\n', f);
	}
}

static void mig_text_variants(struct migration *mig, FILE *f)
{
	const struct rp_models *ms = mig->base.models;
	const struct mig_counts *c = &mig->total;
	unsigned int i;

	fprintf(f, "\nvcpu-ids on migration (released: freed by the migration; kept/changed:\n"
		   "the id at the next run equals / differs from the id before):\n");
	fprintf(f, "  %-10s %10s %10s %10s %10s\n", "variant", "released",
		"kept", "changed", "stability");
	for (i = 0; i < ms->nr; i++)
		fprintf(f, "  %-10s %10" PRIu64 " %10" PRIu64 " %10" PRIu64
			" %8.1f %%\n", vcid_variant_name(ms->v[i].variant),
			c->released[i], c->kept[i], c->changed[i],
			rp_percent(c->kept[i], c->kept[i] + c->changed[i]));
}

static void mig_text_processes(struct migration *mig, FILE *f,
			       struct mig_process **v, size_t nr)
{
	size_t i, shown = mig->top && mig->top < nr ? mig->top : nr;

	fprintf(f, "\nProcesses by migrations (%zu of %zu):\n", shown, nr);
	fprintf(f, "  %8s %-16s %7s %10s %10s %10s\n", "pid", "comm",
		"threads", "migrations", "cross-node", "rate/s");
	for (i = 0; i < shown; i++) {
		fprintf(f, "  %8" PRIu32 " %-16s %7" PRIu32 " %10" PRIu64,
			v[i]->tgid, v[i]->comm, v[i]->threads,
			v[i]->c.migrations);
		mig_text_cross(f, mig, &v[i]->c);
		fprintf(f, " %10.2f\n", mig_rate(mig, v[i]->c.migrations));
	}
}

static void mig_text_threads(struct migration *mig, FILE *f,
			     struct mig_thread **v, size_t nr)
{
	const struct rp_models *ms = mig->base.models;
	size_t i, shown = mig->top && mig->top < nr ? mig->top : nr;
	unsigned int j;

	fprintf(f, "\nThreads by migrations (%zu of %zu); per variant: released kept/changed:\n",
		shown, nr);
	fprintf(f, "  %8s %8s %-16s %10s %10s", "tid", "pid", "comm",
		"migrations", "cross-node");
	for (j = 0; j < ms->nr; j++)
		fprintf(f, " %14s", vcid_variant_name(ms->v[j].variant));
	fputc('\n', f);
	for (i = 0; i < shown; i++) {
		fprintf(f, "  %8" PRIu32 " %8" PRIu32 " %-16s %10" PRIu64,
			v[i]->tid, v[i]->tgid, v[i]->comm, v[i]->c.migrations);
		mig_text_cross(f, mig, &v[i]->c);
		for (j = 0; j < ms->nr; j++) {
			char cell[64];

			snprintf(cell, sizeof(cell), "%" PRIu64 " %" PRIu64
				 "/%" PRIu64, v[i]->c.released[j],
				 v[i]->c.kept[j], v[i]->c.changed[j]);
			fprintf(f, " %14s", cell);
		}
		fputc('\n', f);
	}
}

static void mig_text(struct migration *mig, struct mig_process **procs,
		     size_t nprocs, struct mig_thread **threads,
		     size_t nthreads)
{
	struct rp_sink *s = &mig->base;
	FILE *f = s->out->f;

	fprintf(f, "Migration report\n");
	rp_header_text(s);
	mn_text_topology(f, s->models);
	fprintf(f, "Migrations: %" PRIu64 " in %.3f s (%.2f/s)",
		mig->total.migrations, (double)mn_span_ns(&mig->span) / 1e9,
		mig_rate(mig, mig->total.migrations));
	if (s->models->topology)
		fprintf(f, ", cross-node %" PRIu64 " (%.1f %%)",
			mig->total.cross_node,
			rp_percent(mig->total.cross_node,
				   mig->total.migrations));
	fputc('\n', f);
	if (mig->bad_cpu)
		fprintf(f, "Migrations naming a CPU outside the topology: %" PRIu64 "\n",
			mig->bad_cpu);
	mig_text_matrix(mig, f);
	mig_text_variants(mig, f);
	mig_text_processes(mig, f, procs, nprocs);
	mig_text_threads(mig, f, threads, nthreads);
}

/* ---- csv ---- */

static void mig_csv_counts(struct migration *mig, const char *section,
			   const struct mig_counts *c)
{
	const struct rp_models *ms = mig->base.models;
	struct rp_out *o = mig->base.out;
	unsigned int i;

	rp_csv_row(o, section, NULL, "migrations", c->migrations, -1);
	if (ms->topology)
		rp_csv_row(o, section, NULL, "cross_node", c->cross_node,
			   rp_percent(c->cross_node, c->migrations));
	for (i = 0; i < ms->nr; i++) {
		const char *v = vcid_variant_name(ms->v[i].variant);

		rp_csv_row(o, section, v, "released", c->released[i], -1);
		rp_csv_row(o, section, v, "kept", c->kept[i],
			   rp_percent(c->kept[i], c->kept[i] + c->changed[i]));
		rp_csv_row(o, section, v, "changed", c->changed[i], -1);
	}
}

static void mig_csv(struct migration *mig, struct mig_process **procs,
		    size_t nprocs, struct mig_thread **threads,
		    size_t nthreads)
{
	struct rp_out *o = mig->base.out;
	char name[64];
	uint32_t from, to;
	size_t i;

	rp_csv_header(o);
	rp_header_csv(&mig->base);
	rp_csv_row(o, "migrations", NULL, "duration_ns",
		   mn_span_ns(&mig->span), -1);
	rp_csv_row(o, "migrations", NULL, "bad_cpu", mig->bad_cpu, -1);
	mig_csv_counts(mig, "migrations", &mig->total);
	for (from = 0; from < mig->max_cpu; from++) {
		for (to = 0; to < mig->max_cpu; to++) {
			uint64_t n = mig->matrix[from * mig->nr_cpus + to];

			if (!n)
				continue;
			snprintf(name, sizeof(name), "%" PRIu32 "->%" PRIu32,
				 from, to);
			rp_csv_row(o, "migration_matrix", NULL, name, n, -1);
		}
	}
	for (i = 0; i < nprocs; i++) {
		snprintf(name, sizeof(name), "migration_process/%" PRIu32, procs[i]->tgid);
		rp_csv_row(o, name, NULL, "threads", procs[i]->threads, -1);
		mig_csv_counts(mig, name, &procs[i]->c);
	}
	for (i = 0; i < nthreads; i++) {
		snprintf(name, sizeof(name), "migration_thread/%" PRIu32, threads[i]->tid);
		rp_csv_row(o, name, NULL, "pid", threads[i]->tgid, -1);
		mig_csv_counts(mig, name, &threads[i]->c);
	}
}

/* ---- json ---- */

static void mig_json_counts(struct migration *mig, const struct mig_counts *c)
{
	const struct rp_models *ms = mig->base.models;
	struct rp_out *o = mig->base.out;
	unsigned int i;

	rp_json_u64(o, "migrations", c->migrations);
	if (ms->topology)
		rp_json_u64(o, "cross_node", c->cross_node);
	else
		rp_json_null(o, "cross_node");
	rp_json_num(o, "rate_per_s", mig_rate(mig, c->migrations), 3);
	rp_json_open(o, "variants");
	for (i = 0; i < ms->nr; i++) {
		rp_json_open(o, vcid_variant_name(ms->v[i].variant));
		rp_json_u64(o, "released", c->released[i]);
		rp_json_u64(o, "kept", c->kept[i]);
		rp_json_u64(o, "changed", c->changed[i]);
		rp_json_close(o);
	}
	rp_json_close(o);
}

static void mig_json(struct migration *mig, struct mig_process **procs,
		     size_t nprocs, struct mig_thread **threads,
		     size_t nthreads)
{
	struct rp_out *o = mig->base.out;
	char name[64];
	uint32_t from, to;
	size_t i;

	rp_json_open(o, NULL);
	rp_json_str(o, "report", "migration");
	rp_header_json(&mig->base);
	mn_json_topology(o, mig->base.models);
	rp_json_u64(o, "duration_ns", mn_span_ns(&mig->span));
	rp_json_u64(o, "bad_cpu", mig->bad_cpu);
	mig_json_counts(mig, &mig->total);
	rp_json_open(o, "matrix");
	for (from = 0; from < mig->max_cpu; from++) {
		for (to = 0; to < mig->max_cpu; to++) {
			uint64_t n = mig->matrix[from * mig->nr_cpus + to];

			if (!n)
				continue;
			snprintf(name, sizeof(name), "%" PRIu32 "->%" PRIu32,
				 from, to);
			rp_json_u64(o, name, n);
		}
	}
	rp_json_close(o);
	rp_json_open(o, "processes");
	for (i = 0; i < nprocs; i++) {
		snprintf(name, sizeof(name), "%" PRIu32, procs[i]->tgid);
		rp_json_open(o, name);
		rp_json_str(o, "comm", procs[i]->comm);
		rp_json_u64(o, "threads", procs[i]->threads);
		mig_json_counts(mig, &procs[i]->c);
		rp_json_close(o);
	}
	rp_json_close(o);
	rp_json_open(o, "threads");
	for (i = 0; i < nthreads; i++) {
		snprintf(name, sizeof(name), "%" PRIu32, threads[i]->tid);
		rp_json_open(o, name);
		rp_json_u64(o, "pid", threads[i]->tgid);
		rp_json_str(o, "comm", threads[i]->comm);
		mig_json_counts(mig, &threads[i]->c);
		rp_json_close(o);
	}
	rp_json_close(o);
	rp_json_close(o);
}

static int migration_report(struct rp_sink *s)
{
	struct migration *mig = to_migration(s);
	struct mig_process **procs;
	struct mig_thread **threads;
	size_t nprocs, nthreads;
	bool oom1, oom2;
	int ret = -1;

	procs = (struct mig_process **)mig_ranking(&mig->procs,
			offsetof(struct mig_process, c), mig_cmp_proc,
			&nprocs, &oom1);
	threads = (struct mig_thread **)mig_ranking(&mig->threads,
			offsetof(struct mig_thread, c), mig_cmp_thread,
			&nthreads, &oom2);
	if (oom1 || oom2) {
		rp_sink_error(s, "out of memory");
		goto end;
	}
	switch (s->out->fmt) {
	case RP_FORMAT_TEXT:
		mig_text(mig, procs, nprocs, threads, nthreads);
		break;
	case RP_FORMAT_CSV:
		mig_csv(mig, procs, nprocs, threads, nthreads);
		break;
	case RP_FORMAT_JSON:
		mig_json(mig, procs, nprocs, threads, nthreads);
		break;
	}
	ret = 0;
end:
	free(procs);
	free(threads);
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

	mig = calloc(1, sizeof(*mig));
	if (!mig) {
		rp_host_error(host, "migration: out of memory");
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_MEMORY_ERROR;
	}
	idtable_init(&mig->threads, sizeof(struct mig_thread));
	idtable_init(&mig->procs, sizeof(struct mig_process));
	rp_sink_init(&mig->base, host, "migration", &migration_ops);
	mig->top = rp_param_uint(host->params, "top", MIG_DEFAULT_TOP);
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
	.params = migration_params,
	.ops = &migration_ops,
	.create = migration_create,
	.destroy = migration_destroy,
};
