// SPDX-License-Identifier: MIT
/*
 * html_migration.c - the migration section: totals and the from->to CPU
 * matrix as a heat map (one cell per pair that migrated; colour: count
 * relative to the busiest pair).
 */
#include <stdlib.h>

#include "html_doc.h"

#define HM_X		40
#define HM_Y		30
#define HM_SIZE		480	/* the whole grid */
#define HM_MAX_CELL	40

/* Parse "F->T"; 0 on success. */
static int html_pair(const char *key, unsigned long *from, unsigned long *to)
{
	char *end;

	*from = strtoul(key, &end, 10);
	if (end == key || end[0] != '-' || end[1] != '>')
		return -1;
	key = end + 2;
	*to = strtoul(key, &end, 10);
	return end == key || *end ? -1 : 0;
}

static void html_heatmap(FILE *f, const struct jp_value *matrix, unsigned long ncpu)
{
	const struct jp_value *c;
	unsigned long from, to, i;
	double max = 0, cell;

	for (c = matrix->child; c; c = c->next) {
		if (html_pair(c->key, &from, &to))
			continue;
		if (from + 1 > ncpu)
			ncpu = from + 1;
		if (to + 1 > ncpu)
			ncpu = to + 1;
		if (jp_number(c, 0) > max)
			max = jp_number(c, 0);
	}
	cell = (double)HM_SIZE / ncpu;
	if (cell > HM_MAX_CELL)
		cell = HM_MAX_CELL;
	fprintf(f, "<svg id=\"migration-heatmap\" class=\"heatmap\" data-cpus=\"%lu\" "
		"width=\"%.0f\" height=\"%.0f\">\n"
		"<text x=\"%d\" y=\"12\">to CPU &#8594;</text>"
		"<text x=\"0\" y=\"%d\" transform=\"rotate(90 4 %d)\">from CPU &#8594;</text>\n"
		"<rect x=\"%d\" y=\"%d\" width=\"%.2f\" height=\"%.2f\" fill=\"#f6f6f6\" "
		"stroke=\"#ccc\"/>\n", ncpu, HM_X + ncpu * cell + 10, HM_Y + ncpu * cell + 10,
		HM_X, HM_Y, HM_Y, HM_X, HM_Y, ncpu * cell, ncpu * cell);
	for (i = 0; ncpu <= 32 && i < ncpu; i++)
		fprintf(f, "<text x=\"%.1f\" y=\"%d\">%lu</text><text x=\"%d\" y=\"%.1f\">%lu</text>\n",
			HM_X + i * cell + cell / 3, HM_Y - 4, i, HM_X - 18,
			HM_Y + i * cell + cell / 2 + 4, i);
	for (c = matrix->child; c; c = c->next) {
		double n = jp_number(c, 0);

		if (html_pair(c->key, &from, &to))
			continue;
		fprintf(f, "<rect class=\"cell\" data-from=\"%lu\" data-to=\"%lu\" data-count=\"%.0f\" "
			"x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"#e15759\" "
			"fill-opacity=\"%.3f\"><title>CPU %lu -&gt; %lu: %.0f</title></rect>\n",
			from, to, n, HM_X + to * cell, HM_Y + from * cell, cell, cell,
			0.15 + 0.85 * n / max, from, to, n);
		if (cell >= 24)
			fprintf(f, "<text x=\"%.1f\" y=\"%.1f\">%.0f</text>\n", HM_X + to * cell + 2,
				HM_Y + from * cell + cell / 2 + 4, n);
	}
	fputs("</svg>\n", f);
	fprintf(f, "<p class=\"legend\">Colour: migrations of the pair relative to the busiest "
		"pair (%.0f).</p>\n", max);
}

void html_migration(FILE *f, const struct jp_value *sec)
{
	const struct jp_value *matrix = jp_get(sec, "matrix"), *cross, *topo;

	html_section_begin(f, "migration", "Migrations: from -> to CPU");
	if (!sec) {
		html_missing(f, "No migration report: the report ran without the migration section.");
		goto out;
	}
	cross = jp_get(sec, "cross_node");
	fprintf(f, "<p id=\"migration-totals\" data-migrations=\"%.0f\">%.0f migrations",
		jp_number(jp_get(sec, "migrations"), 0), jp_number(jp_get(sec, "migrations"), 0));
	if (cross && cross->type == JP_NUMBER)
		fprintf(f, ", <span data-cross-node=\"%.0f\">%.0f across NUMA nodes</span>",
			cross->num, cross->num);
	else
		fputs(", cross-node share unknown (no topology in the recording)", f);
	fprintf(f, ", %.3f per second.</p>\n", jp_number(jp_get(sec, "rate_per_s"), 0));
	if (!matrix || matrix->type != JP_OBJECT || !matrix->child) {
		html_missing(f, "No migration in the trace: the matrix is empty.");
		goto out;
	}
	topo = jp_get(sec, "topology");
	html_heatmap(f, matrix, (unsigned long)jp_number(jp_get(topo, "nr_cpus"), 0));
out:
	html_section_end(f);
}
