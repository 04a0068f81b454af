// SPDX-License-Identifier: MIT
/*
 * html_timeline.c - the timeline section: for the processes with the most
 * kernel reads, the mm_cid each CPU and each thread held over time, the
 * kernel's (rseq_update) above each model's, from the cid report's
 * "timeline" member.  A model's run whose id differed from the kernel's at
 * a read is underlined in red; migrations are triangles on the thread's
 * lane; owner-6.19's switches between per-task and per-CPU ids are dashed
 * vertical lines.
 *
 * Size: at most TL_MAX_PROCS processes, TL_MAX_CPUS CPU lanes and
 * TL_MAX_THREADS thread lanes (those with the most reads) each, and
 * TL_MAX_RUNS rectangles per row: longer rows merge neighbouring runs
 * (pairwise, as the report does), which the page says.  With 6 variants
 * that is at most 2 x 24 lanes x 7 rows x 32 runs, about 2.5 MB of SVG
 * however long the trace.  Every lane states its reads and, per model,
 * the runs of the report with a mismatch (data-* attributes).
 */
#include <stdlib.h>
#include <string.h>

#include "html_doc.h"
#include "vcid_model.h"

#define TL_MAX_PROCS	2
#define TL_MAX_CPUS	16
#define TL_MAX_THREADS	8
#define TL_MAX_RUNS	32
#define TL_LABEL	110
#define TL_W		860
#define TL_REAL_H	10
#define TL_MODEL_H	7
#define TL_GAP		6
#define TL_MIXED	(-2)
#define TL_RUNS_CAP	256	/* runs read from one lane (the report keeps 128) */

/* One run of a row, as drawn. */
struct tl_run {
	double t0, t1;
	double reads;
	unsigned int mismatch;
	int id;
};

/* A lane of the JSON: its key and runs ([t0, t1, reads, mismatch, real, models...]). */
struct tl_lane {
	const char *kind;
	const struct jp_value *lane;
	double reads;
	unsigned int idx;
};

static double tl_num(const struct jp_value *row, unsigned int i)
{
	const struct jp_value *v = row ? row->child : NULL;

	while (v && i--)
		v = v->next;
	return jp_number(v, 0);
}

static double tl_lane_reads(const struct jp_value *lane)
{
	const struct jp_value *r;
	double n = 0;

	for (r = lane->child; r; r = r->next)
		n += tl_num(r, 2);
	return n;
}

/* Most reads first, then the order of the report. */
static int tl_cmp_lane(const void *a, const void *b)
{
	const struct tl_lane *x = a, *y = b;

	if (x->reads != y->reads)
		return x->reads < y->reads ? 1 : -1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/*
 * The runs of column @col of @lane (4: real, 5 + i: model i), neighbours
 * with the same id merged, then halved until at most TL_MAX_RUNS remain.
 * Returns how many, *@merged set when halving was needed.
 */
static unsigned int tl_row(const struct jp_value *lane, unsigned int col, unsigned int bit,
			   struct tl_run *out, unsigned int cap, bool *merged)
{
	const struct jp_value *r;
	unsigned int n = 0, i, j;

	for (r = lane->child; r; r = r->next) {
		int id = (int)tl_num(r, col);
		unsigned int mis = ((unsigned int)tl_num(r, 3) >> bit) & 1;

		if (n && out[n - 1].id == id) {
			out[n - 1].t1 = tl_num(r, 1);
			out[n - 1].reads += tl_num(r, 2);
			out[n - 1].mismatch |= mis;
			continue;
		}
		if (n == cap)
			break;
		out[n++] = (struct tl_run){
			.t0 = tl_num(r, 0), .t1 = tl_num(r, 1), .reads = tl_num(r, 2),
			.mismatch = mis, .id = id,
		};
	}
	while (n > TL_MAX_RUNS) {
		*merged = true;
		for (i = 0, j = 0; i < n; i += 2, j++) {
			out[j] = out[i];
			if (i + 1 == n)
				continue;
			out[j].t1 = out[i + 1].t1;
			out[j].reads += out[i + 1].reads;
			out[j].mismatch |= out[i + 1].mismatch;
			if (out[j].id != out[i + 1].id)
				out[j].id = TL_MIXED;
		}
		n = j;
	}
	return n;
}

struct tl_scale {
	double t0, t1;
};

static double tl_x(const struct tl_scale *sc, double t)
{
	return TL_LABEL + TL_W * (t - sc->t0) / (sc->t1 > sc->t0 ? sc->t1 - sc->t0 : 1);
}

/* One row of rectangles at @y; a run holds its id until the next starts. */
static void tl_draw_row(FILE *f, const struct tl_scale *sc, const struct tl_run *run,
			unsigned int n, double y, double h, const char *row)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		double x0 = tl_x(sc, run[i].t0);
		double x1 = tl_x(sc, i + 1 < n ? run[i + 1].t0 : run[i].t1);

		if (x1 - x0 < 1)
			x1 = x0 + 1;
		fprintf(f, "<rect class=\"tl-run\" data-row=\"%s\" data-id=\"%d\" "
			"data-reads=\"%.0f\" data-mismatch=\"%u\" x=\"%.1f\" y=\"%.1f\" "
			"width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %d</title></rect>\n",
			row, run[i].id, run[i].reads, run[i].mismatch, x0, y, x1 - x0, h,
			run[i].id == TL_MIXED ? "#bbb" :
			run[i].id < 0 ? "#fff" : html_color((unsigned int)run[i].id),
			row, run[i].id);
		if (run[i].mismatch)
			fprintf(f, "<rect class=\"tl-mis\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
				"height=\"2\" fill=\"#d00\"/>\n", x0, y + h - 2, x1 - x0);
	}
}

/* Runs of the lane, for the row of column @col (mismatch bit @bit). */
static unsigned int tl_lane_row(const struct tl_lane *l, unsigned int col, unsigned int bit,
				struct tl_run *run, bool *merged)
{
	return tl_row(l->lane, col, bit, run, TL_RUNS_CAP, merged);
}

/* One lane: its label, the kernel's row, then one row per model; the next y. */
static double tl_draw_lane(FILE *f, const struct tl_scale *sc, const struct tl_lane *l,
			   const struct jp_value *models, double y, bool *merged)
{
	static struct tl_run run[TL_RUNS_CAP];
	const struct jp_value *m, *r;
	unsigned int n, bit, mis;

	fprintf(f, "<g class=\"tl-lane\" data-lane=\"%s:%s\" data-reads=\"%.0f\">\n"
		"<text x=\"0\" y=\"%.1f\">%s %s</text>\n",
		l->kind, l->lane->key, l->reads, y + TL_REAL_H - 1,
		strcmp(l->kind, "cpu") ? "tid" : "CPU", l->lane->key);
	/* The kernel's row: bit 31 is never a model's, no mismatch there. */
	n = tl_lane_row(l, 4, 31, run, merged);
	tl_draw_row(f, sc, run, n, y, TL_REAL_H, "kernel");
	y += TL_REAL_H + 1;
	for (m = models ? models->child : NULL; m; m = m->next) {
		bit = (unsigned int)jp_number(m, 0);
		for (mis = 0, r = l->lane->child; r; r = r->next)
			mis += ((unsigned int)tl_num(r, 3) >> bit) & 1;
		fprintf(f, "<g class=\"tl-model\" data-variant=\"%s\" data-mismatch-runs=\"%u\">\n"
			"<text x=\"%d\" y=\"%.1f\" class=\"tl-variant\">%s</text>\n",
			m->key, mis, TL_LABEL - 4, y + TL_MODEL_H - 1, m->key);
		n = tl_lane_row(l, 5 + bit, bit, run, merged);
		tl_draw_row(f, sc, run, n, y, TL_MODEL_H, m->key);
		fputs("</g>\n", f);
		y += TL_MODEL_H;
	}
	fputs("</g>\n", f);
	return y + TL_GAP;
}

/* Up to @cap lanes of @obj (CPUs or threads), most reads first. */
static unsigned int tl_lanes(const struct jp_value *obj, const char *kind,
			     struct tl_lane *out, unsigned int cap, unsigned int *total)
{
	const struct jp_value *l;
	unsigned int n = 0;
	struct tl_lane *all;

	*total = 0;
	for (l = obj ? obj->child : NULL; l; l = l->next)
		(*total)++;
	all = calloc(*total ? *total : 1, sizeof(*all));
	if (!all)
		return 0;
	for (l = obj ? obj->child : NULL; l; l = l->next, n++)
		all[n] = (struct tl_lane){
			.kind = kind, .lane = l, .reads = tl_lane_reads(l), .idx = n,
		};
	/* CPUs keep their order; threads: the busiest. */
	if (strcmp(kind, "cpu"))
		qsort(all, n, sizeof(*all), tl_cmp_lane);
	if (n > cap)
		n = cap;
	memcpy(out, all, n * sizeof(*all));
	free(all);
	return n;
}

static void tl_scale_of(struct tl_scale *sc, const struct tl_lane *l, unsigned int n)
{
	const struct jp_value *r;
	unsigned int i;

	sc->t0 = -1;
	sc->t1 = 0;
	for (i = 0; i < n; i++)
		for (r = l[i].lane->child; r; r = r->next) {
			if (sc->t0 < 0 || tl_num(r, 0) < sc->t0)
				sc->t0 = tl_num(r, 0);
			if (tl_num(r, 1) > sc->t1)
				sc->t1 = tl_num(r, 1);
		}
	if (sc->t0 < 0)
		sc->t0 = 0;
}

/* Migrations on the lanes of their threads, mode switches across. */
static void tl_draw_marks(FILE *f, const struct tl_scale *sc, const struct jp_value *tl,
			  const struct tl_lane *lanes, const double *lane_y, unsigned int n,
			  double height)
{
	const struct jp_value *mk;
	unsigned int i;
	double x;

	for (mk = jp_get(tl, "modes") ? jp_get(tl, "modes")->child : NULL; mk; mk = mk->next) {
		x = tl_x(sc, tl_num(mk, 0));
		fprintf(f, "<line class=\"tl-mode\" data-ts=\"%.0f\" data-to=\"%s\" x1=\"%.1f\" "
			"x2=\"%.1f\" y1=\"0\" y2=\"%.1f\" stroke=\"#333\" stroke-dasharray=\"4 3\">"
			"<title>%s ids from here</title></line>\n",
			tl_num(mk, 0), tl_num(mk, 2) ? "per-cpu" : "per-task", x, x, height,
			tl_num(mk, 2) ? "per-CPU" : "per-task");
	}
	for (mk = jp_get(tl, "migrations") ? jp_get(tl, "migrations")->child : NULL; mk;
	     mk = mk->next) {
		for (i = 0; i < n; i++)
			if (strcmp(lanes[i].kind, "cpu") && atof(lanes[i].lane->key) == tl_num(mk, 1))
				break;
		if (i == n)
			continue;
		x = tl_x(sc, tl_num(mk, 0));
		fprintf(f, "<path class=\"tl-mig\" data-ts=\"%.0f\" data-tid=\"%.0f\" "
			"data-from=\"%.0f\" data-to=\"%.0f\" d=\"M%.1f %.1f l-3 -5 h6 z\" "
			"fill=\"#000\"><title>migration CPU %.0f to %.0f</title></path>\n",
			tl_num(mk, 0), tl_num(mk, 1), tl_num(mk, 2), tl_num(mk, 3),
			x, lane_y[i], tl_num(mk, 2), tl_num(mk, 3));
	}
}

static void tl_process(FILE *f, const struct jp_value *p, const struct jp_value *tl)
{
	struct tl_lane lanes[TL_MAX_CPUS + TL_MAX_THREADS];
	double lane_y[TL_MAX_CPUS + TL_MAX_THREADS];
	const struct jp_value *models = jp_get(tl, "models"), *m;
	unsigned int nc, nt, total_c, total_t, i, nm = 0;
	struct tl_scale sc;
	bool merged = false;
	double y = 4, h;

	for (m = models ? models->child : NULL; m; m = m->next)
		nm++;
	nc = tl_lanes(jp_get(tl, "cpus"), "cpu", lanes, TL_MAX_CPUS, &total_c);
	nt = tl_lanes(jp_get(tl, "threads"), "thread", lanes + nc, TL_MAX_THREADS, &total_t);
	tl_scale_of(&sc, lanes, nc + nt);
	h = 4 + (nc + nt) * (TL_REAL_H + 1 + nm * TL_MODEL_H + TL_GAP) + 14;
	fprintf(f, "<h3>Process %.0f</h3>\n", jp_number(jp_get(p, "pid"), 0));
	fprintf(f, "<svg class=\"timeline\" data-proc=\"%s\" data-cpu-lanes=\"%u\" "
		"data-thread-lanes=\"%u\" width=\"%d\" height=\"%.0f\">\n",
		p->key, total_c, total_t, TL_LABEL + TL_W + 10, h);
	for (i = 0; i < nc + nt; i++) {
		lane_y[i] = y;
		y = tl_draw_lane(f, &sc, &lanes[i], models, y, &merged);
	}
	tl_draw_marks(f, &sc, tl, lanes, lane_y, nc + nt, y);
	fprintf(f, "<text x=\"%d\" y=\"%.0f\">%.3f s to %.3f s from the first read</text>\n",
		TL_LABEL, y + 10, sc.t0 / 1e9, sc.t1 / 1e9);
	fputs("</svg>\n", f);
	if (total_c > nc || total_t > nt)
		fprintf(f, "<p class=\"truncated\">Drawn: %u of %u CPUs and the %u of %u threads "
			"with the most reads; the JSON report holds them all.</p>\n",
			nc, total_c, nt, total_t);
	if (merged || (jp_get(tl, "aggregated") && jp_get(tl, "aggregated")->b))
		fprintf(f, "<p class=\"aggregated\">Aggregated: neighbouring runs of reads were "
			"merged to keep the page small (grey: several ids); the JSON report has "
			"up to %.0f runs per lane.</p>\n",
			jp_number(jp_get(tl, "max_runs_per_lane"), 0));
	if (jp_number(jp_get(tl, "migrations_left_out"), 0) ||
	    jp_number(jp_get(tl, "modes_left_out"), 0))
		fprintf(f, "<p class=\"truncated\">Not drawn: %.0f migrations and %.0f mode "
			"switches past the first ones kept.</p>\n",
			jp_number(jp_get(tl, "migrations_left_out"), 0),
			jp_number(jp_get(tl, "modes_left_out"), 0));
}

/* Kernel processes with a timeline, most reads first, then the lowest pid. */
static int tl_cmp_proc(const void *a, const void *b)
{
	const struct jp_value *p = *(const struct jp_value *const *)a;
	const struct jp_value *q = *(const struct jp_value *const *)b;
	double x = jp_number(jp_get(p, "reads"), 0), y = jp_number(jp_get(q, "reads"), 0);

	if (x != y)
		return x < y ? 1 : -1;
	x = jp_number(jp_get(p, "pid"), 0);
	y = jp_number(jp_get(q, "pid"), 0);
	return x < y ? -1 : x > y;
}

void html_timeline(FILE *f, const struct jp_value *cid)
{
	const struct jp_value *procs = jp_get(cid, "processes"), *p;
	const struct jp_value **v = NULL;
	unsigned int n = 0, i;

	html_section_begin(f, "timeline", "vcpu-ids over time (timeline)");
	for (p = procs ? procs->child : NULL; p; p = p->next)
		n += jp_get(p, "timeline") != NULL;
	if (!n) {
		html_missing(f, "No timeline: it needs the kernel's rseq_update events with mm_cid "
			     "(Linux 6.3 or later, recorded with perf) and the cid section.");
		goto out;
	}
	v = calloc(n, sizeof(*v));
	if (!v)
		goto out;
	n = 0;
	for (p = procs->child; p; p = p->next)
		if (jp_get(p, "timeline"))
			v[n++] = p;
	qsort(v, n, sizeof(*v), tl_cmp_proc);
	fputs("<p class=\"legend\">Each lane: the kernel's mm_cid (rseq_update, top row), "
	      "then each model's id, one thin row per variant; colours are ids (grey: several "
	      "merged); red underline: the model gave another id at a read of that run; "
	      "triangles: migrations; "
	      "dashed lines: owner-6.19 switches between per-task and per-CPU ids.</p>\n", f);
	for (i = 0; i < n && i < TL_MAX_PROCS; i++)
		tl_process(f, v[i], jp_get(v[i], "timeline"));
	if (n > TL_MAX_PROCS)
		fprintf(f, "<p class=\"truncated\">Drawn: the %d of %u processes with the most "
			"reads.</p>\n", TL_MAX_PROCS, n);
out:
	free(v);
	html_section_end(f);
}
