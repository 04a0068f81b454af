// SPDX-License-Identifier: MIT
/*
 * html_schedstat.c - the schedstat section as pictures: one stacked bar per
 * variant (the slides' three tables, shares of one denominator), and the
 * variants side by side in one table with differences to the first.
 */
#include <string.h>

#include "html_doc.h"
#include "vcid_model.h"

/* The slides' tables, in their order (the model's groups). */
#define HTML_NR_TABLES	VCID_NR_SLIDE_GROUPS

#define BAR_X		110	/* left of the bars */
#define BAR_W		600	/* 100 % */
#define BAR_H		26
#define BAR_GAP		10

/* The slides' label of counter @name of @group, else @name itself. */
static const char *html_counter_label(enum vcid_counter_group group, const char *name)
{
	int c;

	for (c = 0; c < VCID_NR_COUNTERS; c++)
		if (vcid_counter_group((enum vcid_counter)c) == group &&
		    !strcmp(vcid_counter_name((enum vcid_counter)c), name))
			return vcid_counter_label((enum vcid_counter)c);
	return name;
}

static const struct jp_value *html_variants_of(const struct jp_value *sec)
{
	const struct jp_value *v = jp_get(sec, "variants");

	return v && v->type == JP_OBJECT && v->child ? v : NULL;
}

/* Optional data-workload attribute (several reports on one page). */
static void html_workload_attr(FILE *f, const char *workload)
{
	if (!workload)
		return;
	fputs(" data-workload=\"", f);
	html_escape(f, workload);
	fputc('"', f);
}

static void html_seg(FILE *f, const char *workload, const char *variant, const char *table,
		     const struct jp_value *c, unsigned int color, double y, double *x)
{
	double pct = jp_number(jp_get(c, "percent"), 0);
	double count = jp_number(jp_get(c, "count"), 0);
	double w = pct * BAR_W / 100.0;

	fputs("<rect class=\"seg\"", f);
	html_workload_attr(f, workload);
	fprintf(f, " data-variant=\"%s\" data-table=\"%s\" "
		"data-counter=\"%s\" data-count=\"%.0f\" data-percent=\"%.2f\" "
		"x=\"%.2f\" y=\"%.0f\" width=\"%.2f\" height=\"%d\" fill=\"%s\">"
		"<title>%s %s %s: %.2f %% (%.0f)</title></rect>\n",
		variant, table, c->key, count, pct, *x, y, w, BAR_H, html_color(color),
		variant, table, c->key, pct, count);
	if (w >= 44)
		fprintf(f, "<text x=\"%.2f\" y=\"%.0f\" fill=\"#fff\">%.2f%%</text>\n",
			*x + 3, y + BAR_H / 2 + 4, pct);
	*x += w;
}

/* One stacked bar: variant @v's counters of the three tables, at @y. */
static void html_bar(FILE *f, const char *workload, const struct jp_value *v, double y)
{
	const struct jp_value *t, *c;
	unsigned int color = 0;
	double x = BAR_X;
	size_t i;

	fputs("<g class=\"bar\"", f);
	html_workload_attr(f, workload);
	fprintf(f, " data-variant=\"%s\">\n<text x=\"0\" y=\"%.0f\">%s</text>\n",
		v->key, y + BAR_H / 2 + 4, v->key);
	for (i = 0; i < HTML_NR_TABLES; i++) {
		t = jp_get(v, vcid_group_key((enum vcid_counter_group)i));
		for (c = t && t->type == JP_OBJECT ? t->child : NULL; c; c = c->next)
			html_seg(f, workload, v->key, vcid_group_key((enum vcid_counter_group)i), c, color++, y, &x);
	}
	fputs("</g>\n", f);
}

/* The colours of html_bar(), from variant @v's counters (all have the same). */
static void html_bar_legend(FILE *f, const struct jp_value *v)
{
	const struct jp_value *t, *c;
	unsigned int color = 0;
	size_t i;

	fputs("<p class=\"legend\">", f);
	for (i = 0; i < HTML_NR_TABLES; i++) {
		t = jp_get(v, vcid_group_key((enum vcid_counter_group)i));
		for (c = t && t->type == JP_OBJECT ? t->child : NULL; c; c = c->next) {
			fprintf(f, "<span><span class=\"swatch\" style=\"background:%s\"></span>%s ",
				html_color(color++), vcid_group_title((enum vcid_counter_group)i));
			html_escape(f, html_counter_label((enum vcid_counter_group)i, c->key));
			fputs("</span>", f);
		}
	}
	fputs("</p>\n", f);
}

/*
 * The traced kernel, its own variant, and each variant's agreement with
 * the kernel's rseq_update mm_cid, when the report has them.
 */
static void html_kernel(FILE *f, const struct jp_value *sec,
			const struct jp_value *vars)
{
	const struct jp_value *note = jp_get(jp_get(sec, "kernel"), "note");
	const struct jp_value *v, *r;

	if (note && note->type == JP_STRING) {
		fputs("<p id=\"kernel\">Kernel ", f);
		html_escape(f, note->str);
		fputs("</p>\n", f);
	}
	if (!jp_get(vars->child, "rseq_update"))
		return;
	fputs("<table id=\"agreement\"><tr><th>variant</th>"
	      "<th>agreement with rseq_update's mm_cid</th></tr>\n", f);
	for (v = vars->child; v; v = v->next) {
		r = jp_get(v, "rseq_update");
		fputs("<tr><td>", f);
		html_escape(f, v->key);
		fputs("</td><td class=\"agree\" data-variant=\"", f);
		html_escape(f, v->key);
		fprintf(f, "\" data-percent=\"%.2f\">%.2f %% (%.0f of %.0f)</td></tr>\n",
			jp_number(jp_get(r, "percent"), 0), jp_number(jp_get(r, "percent"), 0),
			jp_number(jp_get(r, "agree"), 0), jp_number(jp_get(r, "events"), 0));
	}
	fputs("</table>\n", f);
}

void html_schedstat(FILE *f, const struct jp_value *sec)
{
	const struct jp_value *vars = html_variants_of(sec), *v;
	unsigned int nvar = 0;
	double y;

	html_section_begin(f, "schedstat", "Schedstat breakdown per variant");
	if (!vars) {
		html_missing(f, sec ? "The schedstat report holds no variant."
				    : "No schedstat report: the trace has no kernel scheduler "
				      "events, or report ran without the schedstat section.");
		html_section_end(f);
		return;
	}
	for (v = vars->child; v; v = v->next)
		nvar++;
	html_kernel(f, sec, vars);
	fprintf(f, "<p>Share of each allocator path, percent of all schedstat events "
		"(the slides' three tables stacked in one bar).</p>\n"
		"<svg id=\"schedstat-bars\" class=\"stacked-bars\" "
		"width=\"%d\" height=\"%u\">\n", BAR_X + BAR_W + 10,
		nvar * (BAR_H + BAR_GAP) + BAR_GAP);
	y = BAR_GAP;
	for (v = vars->child; v; v = v->next, y += BAR_H + BAR_GAP)
		html_bar(f, NULL, v, y);
	fputs("</svg>\n", f);
	html_bar_legend(f, vars->child);
	html_section_end(f);
}

static void html_cell(FILE *f, const struct jp_value *v, const char *table,
		      const char *counter, const struct jp_value *first)
{
	const struct jp_value *c = jp_get(jp_get(v, table), counter);
	double pct, base;

	if (!c) {
		fputs("<td class=\"na\">-</td>", f);
		return;
	}
	pct = jp_number(jp_get(c, "percent"), 0);
	fprintf(f, "<td class=\"pct\" data-variant=\"%s\" data-table=\"%s\" "
		"data-counter=\"%s\" data-count=\"%.0f\" data-percent=\"%.2f\">"
		"%.2f %% <span class=\"count\">(%.0f)</span>",
		v->key, table, counter, jp_number(jp_get(c, "count"), 0), pct, pct,
		jp_number(jp_get(c, "count"), 0));
	if (first != v && jp_get(jp_get(first, table), counter)) {
		base = jp_number(jp_get(jp_get(jp_get(first, table), counter), "percent"), 0);
		fprintf(f, " <span class=\"delta\">%+.2f pp</span>", pct - base);
	}
	fputs("</td>", f);
}

void html_variants(FILE *f, const struct jp_value *sec)
{
	const struct jp_value *vars = html_variants_of(sec), *v, *t, *c;
	size_t i;

	html_section_begin(f, "variants", "Variants side by side");
	if (!vars) {
		html_missing(f, "No schedstat report: nothing to compare.");
		html_section_end(f);
		return;
	}
	fprintf(f, "<p>Percent of all schedstat events (count); the difference to "
		"<b>%s</b> in percentage points.</p>\n<table id=\"variant-table\">\n"
		"<tr><th class=\"label\">counter</th>", vars->child->key);
	for (v = vars->child; v; v = v->next)
		fprintf(f, "<th data-variant=\"%s\">%s</th>", v->key, v->key);
	fputs("</tr>\n", f);
	for (i = 0; i < HTML_NR_TABLES; i++) {
		t = jp_get(vars->child, vcid_group_key((enum vcid_counter_group)i));
		fprintf(f, "<tr class=\"group\"><th colspan=\"99\">%s</th></tr>\n",
			vcid_group_title((enum vcid_counter_group)i));
		for (c = t && t->type == JP_OBJECT ? t->child : NULL; c; c = c->next) {
			fputs("<tr><td class=\"label\">", f);
			html_escape(f, html_counter_label((enum vcid_counter_group)i, c->key));
			fputs("</td>", f);
			for (v = vars->child; v; v = v->next)
				html_cell(f, v, vcid_group_key((enum vcid_counter_group)i), c->key, vars->child);
			fputs("</tr>\n", f);
		}
	}
	fputs("<tr class=\"group\"><th colspan=\"99\">Total (the denominator):</th></tr>\n"
	      "<tr><td class=\"label\">schedstat events</td>", f);
	for (v = vars->child; v; v = v->next)
		fprintf(f, "<td class=\"total\" data-variant=\"%s\" data-total=\"%.0f\">%.0f</td>",
			v->key, jp_number(jp_get(v, "total"), 0), jp_number(jp_get(v, "total"), 0));
	fputs("</tr>\n</table>\n", f);

	/* Counters only some variants have (lazy-6.13, v3-numa). */
	for (v = vars->child; v; v = v->next) {
		t = jp_get(v, "variant");
		if (!t || t->type != JP_OBJECT || !t->child)
			continue;
		fprintf(f, "<h3>%s only</h3>\n<table class=\"variant-only\" data-variant=\"%s\">\n",
			v->key, v->key);
		for (c = t->child; c; c = c->next) {
			fputs("<tr><td class=\"label\">", f);
			html_escape(f, html_counter_label(VCID_GROUP_VARIANT, c->key));
			fprintf(f, "</td><td class=\"pct\" data-variant=\"%s\" data-table=\"variant\" "
				"data-counter=\"%s\" data-count=\"%.0f\" data-percent=\"%.2f\">"
				"%.2f %% (%.0f)</td></tr>\n", v->key, c->key,
				jp_number(jp_get(c, "count"), 0), jp_number(jp_get(c, "percent"), 0),
				jp_number(jp_get(c, "percent"), 0), jp_number(jp_get(c, "count"), 0));
		}
		fputs("</table>\n", f);
	}
	html_section_end(f);
}

/* Counter @counter of @table, variant @variant, in report @sec (or NULL). */
static const struct jp_value *html_counter_of(const struct jp_value *sec, const char *variant,
					      const char *table, const char *counter)
{
	return jp_get(jp_get(jp_get(html_variants_of(sec), variant), table), counter);
}

/*
 * Cell of report @sec, variant @variant, counter @counter of @table, with
 * the difference to report @base (NULL: none) in percentage points.
 */
static void html_workload_cell(FILE *f, const char *label, const struct jp_value *sec,
			       const struct jp_value *base, const char *variant,
			       const char *table, const char *counter)
{
	const struct jp_value *c, *b;

	c = html_counter_of(sec, variant, table, counter);
	b = base ? html_counter_of(base, variant, table, counter) : NULL;
	if (!c) {
		fputs("<td class=\"na\">-</td>", f);
		return;
	}
	fputs("<td class=\"pct\"", f);
	html_workload_attr(f, label);
	fprintf(f, " data-variant=\"%s\" data-table=\"%s\" data-counter=\"%s\" "
		"data-count=\"%.0f\" data-percent=\"%.2f\">%.2f %% <span class=\"count\">"
		"(%.0f)</span>", variant, table, counter,
		jp_number(jp_get(c, "count"), 0), jp_number(jp_get(c, "percent"), 0),
		jp_number(jp_get(c, "percent"), 0), jp_number(jp_get(c, "count"), 0));
	if (b)
		fprintf(f, " <span class=\"delta\">%+.2f pp</span>",
			jp_number(jp_get(c, "percent"), 0) - jp_number(jp_get(b, "percent"), 0));
	fputs("</td>", f);
}

/* One table per variant (of the first report): counters x reports. */
static void html_workload_tables(FILE *f, const char *const *labels,
				 const struct html_report *reports, size_t n,
				 const struct jp_value *first)
{
	const struct jp_value *v, *t, *c;
	size_t i, w;

	for (v = first->child; v; v = v->next) {
		fprintf(f, "<h3>%s</h3>\n<table class=\"workload-table\" data-variant=\"%s\">\n"
			"<tr><th class=\"label\">counter</th>", v->key, v->key);
		for (w = 0; w < n; w++) {
			fputs("<th>", f);
			html_escape(f, labels[w]);
			fputs("</th>", f);
		}
		fputs("</tr>\n", f);
		for (i = 0; i < HTML_NR_TABLES; i++) {
			fprintf(f, "<tr class=\"group\"><th colspan=\"99\">%s</th></tr>\n",
				vcid_group_title((enum vcid_counter_group)i));
			t = jp_get(v, vcid_group_key((enum vcid_counter_group)i));
			for (c = t && t->type == JP_OBJECT ? t->child : NULL; c; c = c->next) {
				fputs("<tr><td class=\"label\">", f);
				html_escape(f, html_counter_label((enum vcid_counter_group)i, c->key));
				fputs("</td>", f);
				for (w = 0; w < n; w++)
					html_workload_cell(f, labels[w], reports[w].schedstat,
							   w ? reports[0].schedstat : NULL, v->key,
							   vcid_group_key((enum vcid_counter_group)i), c->key);
				fputs("</tr>\n", f);
			}
		}
		fputs("</table>\n", f);
	}
}

void html_workloads(FILE *f, const char *const *labels,
		    const struct html_report *reports, size_t n)
{
	const struct jp_value *vars, *v, *first = NULL;
	unsigned int rows = 0;
	size_t w;
	double y;

	html_section_begin(f, "workloads", "Schedstat breakdown per report and variant");
	for (w = 0; w < n; w++) {
		vars = html_variants_of(reports[w].schedstat);
		rows++;
		for (v = vars ? vars->child : NULL; v; v = v->next)
			rows++;
		if (vars && !first)
			first = vars;
	}
	if (!first) {
		html_missing(f, "No report holds a schedstat section.");
		html_section_end(f);
		return;
	}
	fprintf(f, "<p>Share of each allocator path, percent of all schedstat events, "
		"one group of bars per report (the slides' tables as a picture); the tables give "
		"the difference to the first report in percentage points.</p>\n"
		"<svg id=\"workload-bars\" class=\"stacked-bars\" width=\"%d\" height=\"%u\">\n",
		BAR_X + BAR_W + 10, rows * (BAR_H + BAR_GAP) + BAR_GAP);
	y = BAR_GAP;
	for (w = 0; w < n; w++) {
		vars = html_variants_of(reports[w].schedstat);
		fprintf(f, "<text x=\"0\" y=\"%.0f\" font-weight=\"bold\">", y + BAR_H / 2 + 4);
		html_escape(f, labels[w]);
		fprintf(f, "%s</text>\n", vars ? "" : ": no schedstat report");
		y += BAR_H + BAR_GAP;
		for (v = vars ? vars->child : NULL; v; v = v->next, y += BAR_H + BAR_GAP)
			html_bar(f, labels[w], v, y);
	}
	fputs("</svg>\n", f);
	html_bar_legend(f, first->child);
	html_workload_tables(f, labels, reports, n, first);
	fputs("<p>Each report's own page (rseqprof report DIR --html) has its cid, "
	      "migration and numa sections.</p>\n", f);
	html_section_end(f);
}
