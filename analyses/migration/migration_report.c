// SPDX-License-Identifier: MIT
/*
 * migration_report.c - the migration section's report: processes and
 * threads ranked by migrations, the CPU matrix, per variant what the
 * migrations did to the ids; in text, csv and json.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "rp_header.h"
#include "rp_topology.h"
#include "migration_priv.h"

/* CPUs up to which the text report draws the whole matrix without full. */
#define MIG_TEXT_MATRIX_CPUS	8

/* One cell of the CPU matrix, for the ranking of CPU pairs. */
struct mig_pair {
	uint32_t from, to;
	uint64_t n;
};

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

/* Most migrations first, then lowest source CPU, then lowest target. */
static int mig_cmp_pair(const void *a, const void *b)
{
	const struct mig_pair *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return x->to < y->to ? -1 : x->to > y->to;
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
	uint64_t ns = rp_span_ns(&mig->span);

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

/*
 * The CPU pairs of a matrix too wide to draw, busiest first; 0, or -1 out
 * of memory.
 */
static int mig_text_pairs(struct migration *mig, FILE *f)
{
	struct mig_pair *v;
	uint32_t from, to;
	size_t nr = 0, i, shown;

	v = malloc((size_t)mig->max_cpu * mig->max_cpu * sizeof(*v));
	if (!v)
		return -1;
	for (from = 0; from < mig->max_cpu; from++) {
		for (to = 0; to < mig->max_cpu; to++) {
			uint64_t n = mig->matrix[from * mig->nr_cpus + to];

			if (n)
				v[nr++] = (struct mig_pair){ from, to, n };
		}
	}
	qsort(v, nr, sizeof(*v), mig_cmp_pair);
	shown = rp_out_shown(mig->base.out, nr);
	fprintf(f, "\nCPU pairs by migrations (%zu of %zu; the %" PRIu32
		" x %" PRIu32 " matrix with --full):\n", shown, nr,
		mig->max_cpu, mig->max_cpu);
	fprintf(f, "  %6s %6s %10s\n", "from", "to", "migrations");
	for (i = 0; i < shown; i++)
		fprintf(f, "  %6" PRIu32 " %6" PRIu32 " %10" PRIu64 "\n",
			v[i].from, v[i].to, v[i].n);
	rp_out_left_out(mig->base.out, nr - shown, "CPU pairs");
	free(v);
	return 0;
}

/* The CPU matrix, or its busiest pairs when too wide; 0, or -1 (no memory). */
static int mig_text_matrix(struct migration *mig, FILE *f)
{
	uint32_t from, to;

	if (!mig->total.migrations)
		return 0;
	if (mig->max_cpu > MIG_TEXT_MATRIX_CPUS && !mig->base.out->full)
		return mig_text_pairs(mig, f);
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
	return 0;
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
	size_t i, shown = rp_out_shown(mig->base.out, nr);

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
	rp_out_left_out(mig->base.out, nr - shown, "processes");
}

static void mig_text_threads(struct migration *mig, FILE *f,
			     struct mig_thread **v, size_t nr)
{
	const struct rp_models *ms = mig->base.models;
	size_t i, shown = rp_out_shown(mig->base.out, nr);
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
	rp_out_left_out(mig->base.out, nr - shown, "threads");
}

static int mig_text(struct migration *mig, struct mig_process **procs,
		     size_t nprocs, struct mig_thread **threads,
		     size_t nthreads)
{
	struct rp_sink *s = &mig->base;
	FILE *f = s->out->f;

	fprintf(f, "Migration report\n");
	rp_header_text(s);
	rp_topology_text(f, s->models);
	fprintf(f, "Migrations: %" PRIu64 " in %.3f s (%.2f/s)",
		mig->total.migrations, (double)rp_span_ns(&mig->span) / 1e9,
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
	if (mig_text_matrix(mig, f))
		return -1;
	mig_text_variants(mig, f);
	mig_text_processes(mig, f, procs, nprocs);
	mig_text_threads(mig, f, threads, nthreads);
	return 0;
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
		   rp_span_ns(&mig->span), -1);
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
	rp_topology_json(o, mig->base.models);
	rp_json_u64(o, "duration_ns", rp_span_ns(&mig->span));
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

int migration_report(struct rp_sink *s)
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
		if (mig_text(mig, procs, nprocs, threads, nthreads)) {
			rp_sink_error(s, "out of memory");
			goto end;
		}
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
