// SPDX-License-Identifier: MIT
/*
 * cid_report.c - the cid report in csv or json (text: cid_text.c).
 *
 * For each (source, process): reads, distinct ids and the largest of
 * mm_cid / cpu_id / node_id with their histograms; the slots (and bytes,
 * slot-size each) an array indexed by mm_cid needs (largest mm_cid + 1)
 * and those a per-CPU array needs (possible CPUs); the intervals; and, for
 * the kernel source, each model's agreement with the real mm_cid.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cid_priv.h"
#include "rp_header.h"

const char *const cid_source_names[CID_NR_SRC] = {
	[CID_SRC_UST] = "ust",
	[CID_SRC_KERNEL] = "kernel",
};

uint64_t cid_start(const struct cid *c, const struct cid_interval *iv)
{
	return iv->index * cid_time_width(&c->time);
}

uint32_t cid_possible_cpus(const struct cid *c, const char **from)
{
	int32_t max = -1;
	size_t i;

	if (c->base.models->topology) {
		*from = "cpu-to-node";
		return c->base.models->cfg.nr_cpus;
	}
	if (c->ust_nr_cpus) {
		*from = "rseqprof_ust:cpu_topology";
		return c->ust_nr_cpus;
	}
	for (i = 0; i < c->procs.nr; i++)
		if (c->procs.v[i]->cpu_id.max > max)
			max = c->procs.v[i]->cpu_id.max;
	*from = "the highest cpu_id seen + 1, no topology given";
	return (uint32_t)(max + 1);
}

static void cid_json_hist(struct rp_out *o, const char *key, const struct cid_hist *h,
			  bool histogram)
{
	char id[16];
	int32_t i;

	rp_json_open(o, key);
	rp_json_u64(o, "distinct", h->distinct);
	rp_json_i64(o, "max", h->max);
	if (histogram) {
		rp_json_open(o, "histogram");
		for (i = 0; i <= h->max; i++) {
			if (!h->count[i])
				continue;
			snprintf(id, sizeof(id), "%" PRId32, i);
			rp_json_u64(o, id, h->count[i]);
		}
		rp_json_close(o);
	}
	rp_json_close(o);
}

static void cid_json_lanes(struct rp_out *o, const char *key, const struct idtable *t,
			   unsigned int nr_models, uint64_t origin)
{
	int64_t row[5 + VCID_NR_VARIANTS];
	char id[16];
	uint32_t j;
	size_t i;
	unsigned int m;

	rp_json_open(o, key);
	for (i = 0; i < t->nr; i++) {
		const struct cid_tl_lane *l = idtable_at(t, i);

		snprintf(id, sizeof(id), "%" PRIu32, l->id);
		rp_json_array_open(o, id);
		for (j = 0; j < l->nr; j++) {
			const struct cid_tl_seg *g = &l->seg[j];

			row[0] = (int64_t)(g->t0 - origin);
			row[1] = (int64_t)(g->t1 - origin);
			row[2] = g->reads;
			row[3] = g->mismatch;
			row[4] = g->real;
			for (m = 0; m < nr_models; m++)
				row[5 + m] = g->model[m];
			rp_json_ints(o, NULL, row, 5 + nr_models);
		}
		rp_json_array_close(o);
	}
	rp_json_close(o);
}

static void cid_json_marks(struct rp_out *o, const char *key, const struct cid_tl_marks *mk,
			   bool migration, uint64_t origin)
{
	char left[64];
	int64_t row[4];
	uint32_t i;

	rp_json_array_open(o, key);
	for (i = 0; i < mk->nr; i++) {
		row[0] = (int64_t)(mk->v[i].ts - origin);
		row[1] = mk->v[i].tid;
		row[2] = mk->v[i].a;
		row[3] = mk->v[i].b;
		rp_json_ints(o, NULL, row, migration ? 4 : 3);
	}
	rp_json_array_close(o);
	snprintf(left, sizeof(left), "%s_left_out", key);
	rp_json_u64(o, left, mk->left);
}

/*
 * The timeline of kernel process @pid: per CPU and per thread, runs of
 * reads [t0_ns, t1_ns, reads, mismatch bits (bit i: model i), real mm_cid,
 * model ids...]; migrations [ts, tid, from, to]; mode switches [ts, tid,
 * 1: to per-CPU ids / 0: to per-task ids].  Times are ns from the first
 * read counted, as the intervals' (negative: before it), so that they do
 * not depend on how a trace format states its clock's origin.
 */
static void cid_json_timeline(const struct cid *c, struct rp_out *o, uint32_t pid)
{
	const struct cid_timeline *tl = idtable_find(&c->timelines, pid);
	const struct rp_models *ms = c->base.models;
	unsigned int v;

	if (!tl)
		return;
	rp_json_open(o, "timeline");
	rp_json_bool(o, "aggregated", tl->aggregated);
	rp_json_u64(o, "max_runs_per_lane", CID_TL_MAX_SEGS);
	rp_json_open(o, "models");
	for (v = 0; v < ms->nr; v++)
		rp_json_u64(o, vcid_variant_name(ms->v[v].variant), v);
	rp_json_close(o);
	cid_json_lanes(o, "cpus", &tl->cpus, ms->nr, c->t0);
	cid_json_lanes(o, "threads", &tl->threads, ms->nr, c->t0);
	cid_json_marks(o, "migrations", &tl->migrations, true, c->t0);
	cid_json_marks(o, "modes", &tl->modes, false, c->t0);
	rp_json_close(o);
}

static void cid_json(struct cid *c)
{
	struct rp_sink *s = &c->base;
	const struct rp_models *ms = s->models;
	struct rp_out *o = s->out;
	const char *from;
	uint32_t cpus = cid_possible_cpus(c, &from);
	const struct cid_proc *p;
	char key[64];
	unsigned int v;
	size_t i, j;

	rp_json_open(o, NULL);
	rp_json_str(o, "analysis", "cid");
	rp_json_u64(o, "slot_size", c->slot_size);
	rp_json_u64(o, "possible_cpus", cpus);
	rp_json_str(o, "possible_cpus_from", from);
	rp_json_u64(o, "interval_ns", cid_time_width(&c->time));
	if (c->time.shift)
		rp_json_u64(o, "interval_widened_from_ns", c->time.slice);
	if (c->caller)
		rp_json_str(o, "caller", c->caller);
	else
		rp_json_null(o, "caller");
	rp_header_json(s);
	rp_json_u64(o, "ust_unreadable_events", c->ust.bad);
	rp_json_open(o, "processes");
	for (i = 0; i < c->procs.nr; i++) {
		p = c->procs.v[i];
		snprintf(key, sizeof(key), "%s:%" PRIu32, cid_source_names[p->src], p->pid);
		rp_json_open(o, key);
		rp_json_str(o, "source", cid_source_names[p->src]);
		rp_json_u64(o, "pid", p->pid);
		rp_json_u64(o, "reads", p->reads);
		rp_json_u64(o, "reads_without_mm_cid", p->no_mm_cid);
		rp_json_u64(o, "reads_without_rseq", p->bad_cpu);
		if (p->src == CID_SRC_UST) {
			rp_json_u64(o, "reads_checked_against_kernel", p->checked);
			rp_json_u64(o, "reads_equal_to_kernel", p->checked_agree);
		}
		cid_json_hist(o, "mm_cid", &p->mm_cid, true);
		cid_json_hist(o, "cpu_id", &p->cpu_id, true);
		cid_json_hist(o, "node_id", &p->node_id, false);
		rp_json_open(o, "per_vcpu_array");
		rp_json_u64(o, "slots", cid_vcpu_slots(p));
		rp_json_u64(o, "bytes", cid_vcpu_slots(p) * c->slot_size);
		rp_json_close(o);
		rp_json_open(o, "per_cpu_array");
		rp_json_u64(o, "slots", cpus);
		rp_json_u64(o, "bytes", (uint64_t)cpus * c->slot_size);
		rp_json_close(o);
		rp_json_open(o, "intervals");
		for (j = 0; j < p->nr_iv; j++) {
			snprintf(key, sizeof(key), "%" PRIu64, cid_start(c, &p->iv[j]));
			rp_json_open(o, key);
			rp_json_u64(o, "reads", p->iv[j].reads);
			rp_json_u64(o, "mm_cids", p->iv[j].mm_cids);
			rp_json_i64(o, "max_mm_cid", p->iv[j].max_mm_cid);
			rp_json_u64(o, "cpu_ids", p->iv[j].cpu_ids);
			rp_json_close(o);
		}
		rp_json_close(o);
		if (p->src == CID_SRC_KERNEL) {
			rp_json_open(o, "validation");
			for (v = 0; v < ms->nr; v++) {
				rp_json_open(o, vcid_variant_name(ms->v[v].variant));
				rp_json_u64(o, "events", p->reads - p->no_mm_cid);
				rp_json_u64(o, "agree", p->agree[v]);
				rp_json_num(o, "percent", rp_percent(p->agree[v], p->reads - p->no_mm_cid), 2);
				cid_json_hist(o, "model_id", &p->model[v], false);
				rp_json_close(o);
			}
			rp_json_close(o);
			cid_json_timeline(c, o, p->pid);
		}
		rp_json_close(o);
	}
	rp_json_close(o);
	rp_json_open(o, "validation");
	rp_json_u64(o, "rseq_update_events", c->val.events);
	rp_json_u64(o, "without_mm_cid", c->val.no_mm_cid);
	for (v = 0; v < ms->nr; v++) {
		rp_json_open(o, vcid_variant_name(ms->v[v].variant));
		rp_json_u64(o, "agree", c->val.agree[v]);
		rp_json_num(o, "percent", rp_percent(c->val.agree[v], c->val.events), 2);
		if (c->mismatches) {
			rp_json_open(o, "mismatches");
			for (j = 0; j < c->val.nr_mismatch[v]; j++) {
				const struct cid_mismatch *m = &c->val.mismatch[v][j];

				snprintf(key, sizeof(key), "%zu", j);
				rp_json_open(o, key);
				rp_json_u64(o, "ts", m->ts);
				rp_json_u64(o, "pid", m->pid);
				rp_json_u64(o, "tid", m->tid);
				rp_json_u64(o, "cpu", m->cpu);
				rp_json_i64(o, "real", m->real);
				rp_json_i64(o, "model", m->model);
				rp_json_close(o);
			}
			rp_json_close(o);
		}
		rp_json_close(o);
	}
	rp_json_close(o);
	rp_json_close(o);
}

static void cid_csv_hist(struct rp_out *o, const char *section, const char *who,
			 const struct cid_hist *h)
{
	char id[16];
	int32_t i;

	for (i = 0; i <= h->max; i++) {
		if (!h->count[i])
			continue;
		snprintf(id, sizeof(id), "%" PRId32, i);
		rp_csv_row(o, section, who, id, h->count[i], -1);
	}
}

static void cid_csv(struct cid *c)
{
	struct rp_sink *s = &c->base;
	const struct rp_models *ms = s->models;
	struct rp_out *o = s->out;
	const char *from;
	uint32_t cpus = cid_possible_cpus(c, &from);
	const struct cid_proc *p;
	char who[64], name[64];
	unsigned int v;
	size_t i, j;

	rp_csv_header(o);
	rp_header_csv(s);
	rp_csv_row(o, "config", NULL, "slot_size", c->slot_size, -1);
	rp_csv_row(o, "config", NULL, "possible_cpus", cpus, -1);
	rp_csv_row(o, "config", NULL, "interval_ns", cid_time_width(&c->time), -1);
	if (c->time.shift)
		rp_csv_row(o, "config", NULL, "interval_widened_from_ns", c->time.slice, -1);
	for (i = 0; i < c->procs.nr; i++) {
		p = c->procs.v[i];
		snprintf(who, sizeof(who), "%s:%" PRIu32, cid_source_names[p->src], p->pid);
		rp_csv_row(o, "process", who, "reads", p->reads, -1);
		rp_csv_row(o, "process", who, "reads_without_mm_cid", p->no_mm_cid, -1);
		rp_csv_row(o, "process", who, "reads_without_rseq", p->bad_cpu, -1);
		if (p->src == CID_SRC_UST) {
			rp_csv_row(o, "process", who, "reads_checked_against_kernel", p->checked, -1);
			rp_csv_row(o, "process", who, "reads_equal_to_kernel", p->checked_agree,
				   rp_percent(p->checked_agree, p->checked));
		}
		rp_csv_row(o, "process", who, "mm_cid_distinct", p->mm_cid.distinct, -1);
		rp_csv_row(o, "process", who, "mm_cid_slots", cid_vcpu_slots(p), -1);
		rp_csv_row(o, "process", who, "cpu_id_distinct", p->cpu_id.distinct, -1);
		rp_csv_row(o, "process", who, "cpu_id_slots", (uint64_t)(p->cpu_id.max + 1), -1);
		rp_csv_row(o, "process", who, "node_id_distinct", p->node_id.distinct, -1);
		rp_csv_row(o, "process", who, "per_vcpu_bytes", cid_vcpu_slots(p) * c->slot_size, -1);
		rp_csv_row(o, "process", who, "per_cpu_slots", cpus, -1);
		rp_csv_row(o, "process", who, "per_cpu_bytes", (uint64_t)cpus * c->slot_size, -1);
		cid_csv_hist(o, "mm_cid_histogram", who, &p->mm_cid);
		cid_csv_hist(o, "cpu_id_histogram", who, &p->cpu_id);
		for (j = 0; j < p->nr_iv; j++) {
			uint64_t start = cid_start(c, &p->iv[j]);

			snprintf(name, sizeof(name), "%" PRIu64 ":reads", start);
			rp_csv_row(o, "interval", who, name, p->iv[j].reads, -1);
			snprintf(name, sizeof(name), "%" PRIu64 ":mm_cids", start);
			rp_csv_row(o, "interval", who, name, p->iv[j].mm_cids, -1);
			snprintf(name, sizeof(name), "%" PRIu64 ":mm_cid_slots", start);
			rp_csv_row(o, "interval", who, name, (uint64_t)(p->iv[j].max_mm_cid + 1), -1);
			snprintf(name, sizeof(name), "%" PRIu64 ":cpu_ids", start);
			rp_csv_row(o, "interval", who, name, p->iv[j].cpu_ids, -1);
		}
	}
	rp_csv_row(o, "validation", NULL, "rseq_update_events", c->val.events, -1);
	rp_csv_row(o, "validation", NULL, "without_mm_cid", c->val.no_mm_cid, -1);
	for (v = 0; v < ms->nr; v++) {
		const char *vn = vcid_variant_name(ms->v[v].variant);

		rp_csv_row(o, "validation", vn, "agree", c->val.agree[v],
			   rp_percent(c->val.agree[v], c->val.events));
		for (i = 0; i < c->procs.nr; i++) {
			p = c->procs.v[i];
			if (p->src != CID_SRC_KERNEL)
				continue;
			snprintf(who, sizeof(who), "%s:%" PRIu32, vn, p->pid);
			rp_csv_row(o, "validation_process", who, "agree", p->agree[v],
				   rp_percent(p->agree[v], p->reads - p->no_mm_cid));
			rp_csv_row(o, "validation_process", who, "model_distinct",
				   p->model[v].distinct, -1);
			rp_csv_row(o, "validation_process", who, "model_slots",
				   (uint64_t)(p->model[v].max + 1), -1);
		}
	}
}

int cid_report(struct cid *c)
{
	switch (c->base.out->fmt) {
	case RP_FORMAT_JSON:
		cid_json(c);
		break;
	case RP_FORMAT_CSV:
		cid_csv(c);
		break;
	default:
		if (cid_text(c)) {
			rp_sink_error(&c->base, "out of memory");
			return -1;
		}
		break;
	}
	return 0;
}
