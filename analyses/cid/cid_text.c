// SPDX-License-Identifier: MIT
/*
 * cid_text.c - the cid report in text.
 *
 * By default (rp_out.h: "top"), the processes with the most reads, one
 * line each, with one line summing what the full table adds per process
 * (reads without mm_cid or rseq, UST reads checked against the kernel);
 * a line each for the histograms and intervals left out; the models'
 * agreement with rseq_update; and, for the processes with the most
 * rseq_update events, every model's agreement side by side.
 *
 * With "full": every process in (source, pid) order with its notes, the
 * mm_cid and cpu_id histograms, the over-time table, and each model's
 * agreement per process.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cid_priv.h"
#include "rp_header.h"

static void cid_text_hist(FILE *f, const struct cid_proc *p, const char *name,
			  const struct cid_hist *h)
{
	int32_t id;

	if (h->max < 0)
		return;
	fprintf(f, "%-6s %7" PRIu32 " %s histogram:", cid_source_names[p->src], p->pid, name);
	for (id = 0; id <= h->max; id++)
		if (h->count[id])
			fprintf(f, " %" PRId32 ":%" PRIu64, id, h->count[id]);
	fputc('\n', f);
}

/* The first mismatches of each variant, in time order. */
static void cid_text_mismatches(struct cid *c)
{
	const struct rp_models *ms = c->base.models;
	FILE *f = c->base.out->f;
	const struct cid_mismatch *m;
	unsigned int v, j;

	if (!c->mismatches)
		return;
	for (v = 0; v < ms->nr; v++) {
		fprintf(f, "First %u mismatches of %s (time_ns pid tid cpu real model):\n",
			c->val.nr_mismatch[v], vcid_variant_name(ms->v[v].variant));
		for (j = 0; j < c->val.nr_mismatch[v]; j++) {
			m = &c->val.mismatch[v][j];
			fprintf(f, "  %" PRIu64 " %" PRIu32 " %" PRIu32 " %" PRIu32
				" %" PRId32 " %" PRId32 "\n", m->ts, m->pid, m->tid,
				m->cpu, m->real, m->model);
		}
	}
}

/* rseq_update events of @p with an mm_cid: what the models are held to. */
static uint64_t cid_events(const struct cid_proc *p)
{
	return p->reads - p->no_mm_cid;
}

/* Ties: source, then pid. */
static int cid_cmp_id(const struct cid_proc *x, const struct cid_proc *y)
{
	if (x->src != y->src)
		return x->src < y->src ? -1 : 1;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

/* Most reads first. */
static int cid_cmp_reads(const void *a, const void *b)
{
	const struct cid_proc *x = *(const struct cid_proc *const *)a;
	const struct cid_proc *y = *(const struct cid_proc *const *)b;

	if (x->reads != y->reads)
		return x->reads > y->reads ? -1 : 1;
	return cid_cmp_id(x, y);
}

/* Most rseq_update events with an mm_cid first. */
static int cid_cmp_events(const void *a, const void *b)
{
	const struct cid_proc *x = *(const struct cid_proc *const *)a;
	const struct cid_proc *y = *(const struct cid_proc *const *)b;

	if (cid_events(x) != cid_events(y))
		return cid_events(x) > cid_events(y) ? -1 : 1;
	return cid_cmp_id(x, y);
}

/*
 * cid_ranking() - the processes (@kernel: of the kernel source only),
 * ranked by @cmp
 * Return: an owned array of *@nr pointers, NULL when out of memory.
 */
static const struct cid_proc **cid_ranking(const struct cid *c, bool kernel,
					   int (*cmp)(const void *, const void *),
					   size_t *nr)
{
	const struct cid_proc **v = malloc((c->procs.nr ? c->procs.nr : 1) * sizeof(*v));
	size_t i;

	*nr = 0;
	if (!v)
		return NULL;
	for (i = 0; i < c->procs.nr; i++)
		if (!kernel || c->procs.v[i]->src == CID_SRC_KERNEL)
			v[(*nr)++] = c->procs.v[i];
	qsort(v, *nr, sizeof(*v), cmp);
	return v;
}

/* The title of the per-process table, ending with @what, and its header. */
static void cid_text_table_head(struct cid *c, const char *what)
{
	FILE *f = c->base.out->f;

	fprintf(f, "\nPer process (ust: rseqprof_ust:rseq_read, read by the threads; kernel: rseq_update)%s%s:\n",
		rp_loss_any(&c->base.dec->loss) ?
		", events were lost: counts are lower bounds" : "", what);
	fprintf(f, "%-6s %7s %10s %7s %10s %7s %10s %5s %20s %20s\n", "source", "pid",
		"reads", "mm_cids", "max_mm_cid", "cpu_ids", "max_cpu_id", "nodes",
		"per-vcpu slots/bytes", "per-CPU slots/bytes");
}

/* One row of the per-process table; @cpus per-CPU slots. */
static void cid_text_proc(struct cid *c, const struct cid_proc *p, uint32_t cpus)
{
	FILE *f = c->base.out->f;
	char vcpu[48], pcpu[48];

	snprintf(vcpu, sizeof(vcpu), "%" PRIu64 "/%" PRIu64, cid_vcpu_slots(p),
		 cid_vcpu_slots(p) * c->slot_size);
	snprintf(pcpu, sizeof(pcpu), "%" PRIu32 "/%" PRIu64, cpus,
		 (uint64_t)cpus * c->slot_size);
	fprintf(f, "%-6s %7" PRIu32 " %10" PRIu64 " %7" PRIu32 " %10" PRId32
		" %7" PRIu32 " %10" PRId32 " %5" PRIu32 " %20s %20s\n",
		cid_source_names[p->src], p->pid, p->reads, p->mm_cid.distinct,
		p->mm_cid.max, p->cpu_id.distinct, p->cpu_id.max,
		p->node_id.distinct, vcpu, pcpu);
}

/* The models' agreement over all processes, and the mismatches asked for. */
static void cid_text_validation(struct cid *c)
{
	const struct rp_models *ms = c->base.models;
	bool approx = rp_loss_any(&c->base.dec->loss);
	FILE *f = c->base.out->f;
	unsigned int v;

	fprintf(f, "\nModel validation: %" PRIu64 " rseq_update events of user tasks with an mm_cid"
		" (%" PRIu64 " without), model id == real mm_cid:\n",
		c->val.events, c->val.no_mm_cid);
	for (v = 0; v < ms->nr; v++)
		fprintf(f, "  %-10s %10" PRIu64 " %s%6.2f %%\n",
			vcid_variant_name(ms->v[v].variant), c->val.agree[v],
			approx ? "~" : "", rp_percent(c->val.agree[v], c->val.events));
	cid_text_mismatches(c);
}

/* Full: every process with its notes, histograms, intervals, validation. */
static void cid_text_full(struct cid *c, uint32_t cpus)
{
	const struct rp_models *ms = c->base.models;
	bool approx = rp_loss_any(&c->base.dec->loss);
	FILE *f = c->base.out->f;
	const struct cid_proc *p;
	unsigned int v;
	size_t i, j;

	cid_text_table_head(c, "");
	for (i = 0; i < c->procs.nr; i++) {
		p = c->procs.v[i];
		cid_text_proc(c, p, cpus);
		if (p->no_mm_cid || p->bad_cpu)
			fprintf(f, "%-6s %7" PRIu32 " reads without mm_cid (kernel < 6.3): %" PRIu64
				", without rseq (cpu_id < 0): %" PRIu64 "\n",
				cid_source_names[p->src], p->pid, p->no_mm_cid, p->bad_cpu);
	}
	for (i = 0; i < c->procs.nr; i++) {
		p = c->procs.v[i];
		if (p->checked)
			fprintf(f, "%-6s %7" PRIu32 " reads checked against the thread's last rseq_update: %"
				PRIu64 ", same cpu_id and mm_cid: %" PRIu64 " (%s%.2f %%)\n",
				cid_source_names[p->src], p->pid, p->checked, p->checked_agree,
				approx ? "~" : "", rp_percent(p->checked_agree, p->checked));
	}
	fputc('\n', f);
	for (i = 0; i < c->procs.nr; i++) {
		cid_text_hist(f, c->procs.v[i], "mm_cid", &c->procs.v[i]->mm_cid);
		cid_text_hist(f, c->procs.v[i], "cpu_id", &c->procs.v[i]->cpu_id);
	}
	if (c->time.slice) {
		fprintf(f, "\nOver time (%" PRIu64 " ns intervals from the first read):\n",
			cid_time_width(&c->time));
		if (c->time.shift)
			fprintf(f, "(widened from %" PRIu64 " ns to keep at most %d intervals: "
				"mm_cids and cpu_ids are the most distinct in one %" PRIu64
				" ns slice)\n", c->time.slice, CID_MAX_INTERVALS, c->time.slice);
		fprintf(f, "%-6s %7s %14s %10s %7s %10s %7s\n", "source", "pid",
			"start_s", "reads", "mm_cids", "max_mm_cid", "cpu_ids");
		for (i = 0; i < c->procs.nr; i++) {
			p = c->procs.v[i];
			for (j = 0; j < p->nr_iv; j++)
				fprintf(f, "%-6s %7" PRIu32 " %14.3f %10" PRIu64 " %7" PRIu32
					" %10" PRId32 " %7" PRIu32 "\n",
					cid_source_names[p->src], p->pid,
					(double)cid_start(c, &p->iv[j]) / 1e9,
					p->iv[j].reads, p->iv[j].mm_cids,
					p->iv[j].max_mm_cid, p->iv[j].cpu_ids);
		}
	}
	if (!c->seen[CID_SRC_KERNEL])
		return;
	cid_text_validation(c);
	fprintf(f, "%-10s %7s %10s %10s %10s %13s %13s\n", "variant", "pid", "events",
		"agree", "agreement", "real dist/max", "model dist/max");
	for (v = 0; v < ms->nr; v++) {
		for (i = 0; i < c->procs.nr; i++) {
			char real[32], model[32];

			p = c->procs.v[i];
			if (p->src != CID_SRC_KERNEL)
				continue;
			snprintf(real, sizeof(real), "%" PRIu32 "/%" PRId32,
				 p->mm_cid.distinct, p->mm_cid.max);
			snprintf(model, sizeof(model), "%" PRIu32 "/%" PRId32,
				 p->model[v].distinct, p->model[v].max);
			fprintf(f, "%-10s %7" PRIu32 " %10" PRIu64 " %10" PRIu64 " %s%8.2f %% %13s %13s\n",
				vcid_variant_name(ms->v[v].variant), p->pid,
				cid_events(p), p->agree[v], approx ? "~" : " ",
				rp_percent(p->agree[v], cid_events(p)), real, model);
		}
	}
}

/*
 * Top: what the full table adds per process, summed in a line or two,
 * and a line for each detail table left out.
 */
static void cid_text_top_notes(struct cid *c)
{
	uint64_t no_mm_cid = 0, bad_cpu = 0, checked = 0, agree = 0, hists = 0, ivs = 0;
	bool approx = rp_loss_any(&c->base.dec->loss);
	struct rp_out *o = c->base.out;
	const struct cid_proc *p;
	size_t i, noted = 0;

	for (i = 0; i < c->procs.nr; i++) {
		p = c->procs.v[i];
		no_mm_cid += p->no_mm_cid;
		bad_cpu += p->bad_cpu;
		noted += p->no_mm_cid || p->bad_cpu;
		checked += p->checked;
		agree += p->checked_agree;
		hists += (p->mm_cid.max >= 0) + (p->cpu_id.max >= 0);
		ivs += p->nr_iv;
	}
	if (noted)
		fprintf(o->f, "Reads without mm_cid (kernel < 6.3): %" PRIu64
			", without rseq (cpu_id < 0): %" PRIu64 ", in %zu processes\n",
			no_mm_cid, bad_cpu, noted);
	if (checked)
		fprintf(o->f, "UST reads checked against their thread's last rseq_update: %"
			PRIu64 ", same cpu_id and mm_cid: %" PRIu64 " (%s%.2f %%)\n",
			checked, agree, approx ? "~" : "", rp_percent(agree, checked));
	rp_out_full_only(o, hists, "mm_cid and cpu_id histograms");
	if (c->time.slice)
		rp_out_full_only(o, ivs, "rows of the over-time table");
}

/*
 * Top: per process with the most rseq_update events, every model's
 * agreement side by side.  0, or -1 out of memory.
 */
static int cid_text_top_validation(struct cid *c)
{
	const struct rp_models *ms = c->base.models;
	bool approx = rp_loss_any(&c->base.dec->loss);
	FILE *f = c->base.out->f;
	const struct cid_proc **v;
	size_t i, nr, shown;
	unsigned int m;

	v = cid_ranking(c, true, cid_cmp_events, &nr);
	if (!v)
		return -1;
	shown = rp_out_shown(c->base.out, nr);
	fprintf(f, "Per process (%zu of %zu, most rseq_update events first), model id == real mm_cid:\n",
		shown, nr);
	fprintf(f, "%7s %10s %13s", "pid", "events", "real dist/max");
	for (m = 0; m < ms->nr; m++)
		fprintf(f, " %11s", vcid_variant_name(ms->v[m].variant));
	fputc('\n', f);
	for (i = 0; i < shown; i++) {
		char real[32];

		snprintf(real, sizeof(real), "%" PRIu32 "/%" PRId32,
			 v[i]->mm_cid.distinct, v[i]->mm_cid.max);
		fprintf(f, "%7" PRIu32 " %10" PRIu64 " %13s", v[i]->pid,
			cid_events(v[i]), real);
		for (m = 0; m < ms->nr; m++)
			fprintf(f, " %s%8.2f %%", approx ? "~" : " ",
				rp_percent(v[i]->agree[m], cid_events(v[i])));
		fputc('\n', f);
	}
	rp_out_left_out(c->base.out, nr - shown, "processes");
	free(v);
	return 0;
}

/* Top: the processes with the most reads, notes, validation; 0 or -1. */
static int cid_text_top(struct cid *c, uint32_t cpus)
{
	const struct cid_proc **v;
	size_t i, nr, shown;
	char what[64];

	v = cid_ranking(c, false, cid_cmp_reads, &nr);
	if (!v)
		return -1;
	shown = rp_out_shown(c->base.out, nr);
	snprintf(what, sizeof(what), " (%zu of %zu, most reads first)", shown, nr);
	cid_text_table_head(c, what);
	for (i = 0; i < shown; i++)
		cid_text_proc(c, v[i], cpus);
	rp_out_left_out(c->base.out, nr - shown, "processes");
	free(v);
	cid_text_top_notes(c);
	if (!c->seen[CID_SRC_KERNEL])
		return 0;
	cid_text_validation(c);
	return cid_text_top_validation(c);
}

int cid_text(struct cid *c)
{
	struct rp_sink *s = &c->base;
	FILE *f = s->out->f;
	const char *from;
	uint32_t cpus = cid_possible_cpus(c, &from);

	fprintf(f, "rseqprof cid: slot size %" PRIu64 " bytes, %" PRIu32 " possible CPUs (from %s)\n",
		c->slot_size, cpus, from);
	rp_header_text(s);
	rp_header_text_filter(s, "reads of");
	if (c->caller)
		fprintf(f, "UST reads: caller %s only\n", c->caller);
	if (c->ust.bad)
		fprintf(f, "UST events with unreadable fields: %" PRIu64 "\n", c->ust.bad);
	if (s->out->full) {
		cid_text_full(c, cpus);
		return 0;
	}
	return cid_text_top(c, cpus);
}
