// SPDX-License-Identifier: MIT
/*
 * html_numa.c - the numa section: the recorded CPU -> node topology, the
 * per-variant totals (violations of "an id keeps its node"), and for each
 * mm the id -> node chart of every variant (colour: the id's home node).
 */
#include <stdlib.h>

#include "html_doc.h"

#define NM_X		90
#define NM_CELL		16
#define NM_MAX_IDS	64
#define NM_MAX_MMS	12

static void html_cpu_nodes(FILE *f, const char *map)
{
	const char *p;
	unsigned int cpu = 0, n = 1;
	char *end;

	for (p = map; *p; p++)
		n += *p == ',';
	fprintf(f, "<svg id=\"numa-cpus\" width=\"%u\" "
		"height=\"%d\">\n<text x=\"0\" y=\"14\">CPU -&gt; node</text>\n",
		NM_X + n * NM_CELL + 10, NM_CELL + 8);
	for (p = map; *p; cpu++) {
		unsigned long node = strtoul(p, &end, 10);

		if (end == p)
			break;
		fprintf(f, "<rect class=\"cpunode\" data-cpu=\"%u\" data-node=\"%lu\" x=\"%u\" "
			"y=\"2\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#fff\">"
			"<title>CPU %u: node %lu</title></rect>\n", cpu, node,
			NM_X + cpu * NM_CELL, NM_CELL, NM_CELL, html_color((unsigned int)node),
			cpu, node);
		p = *end == ',' ? end + 1 : end;
	}
	fputs("</svg>\n", f);
}

/* Which colour is which node. */
static void html_node_legend(FILE *f, unsigned int nodes)
{
	unsigned int n;

	fputs("<p class=\"legend\" id=\"numa-legend\">", f);
	for (n = 0; n < nodes; n++)
		fprintf(f, "<span><span class=\"swatch\" style=\"background:%s\"></span>"
			"node %u</span>", html_color(n), n);
	fputs("</p>\n", f);
}

static const char *const nm_totals[] = {
	"violations", "ids_moved", "runs", "remote_runs",
	"node_reuse", "node_new", "rebalance", "steal",
};

#define NM_NR_TOTALS	(sizeof(nm_totals) / sizeof(nm_totals[0]))

static void html_numa_totals(FILE *f, const struct jp_value *vars)
{
	const struct jp_value *v, *n;
	size_t i;

	fputs("<table id=\"numa-table\">\n<tr><th class=\"label\">variant</th>", f);
	for (i = 0; i < NM_NR_TOTALS; i++)
		fprintf(f, "<th>%s</th>", nm_totals[i]);
	fputs("</tr>\n", f);
	for (v = vars->child; v; v = v->next) {
		fprintf(f, "<tr data-variant=\"%s\"><td class=\"label\">%s</td>", v->key, v->key);
		for (i = 0; i < NM_NR_TOTALS; i++) {
			n = jp_get(v, nm_totals[i]);
			if (n && n->type == JP_NUMBER)
				fprintf(f, "<td data-field=\"%s\">%.0f</td>", nm_totals[i], n->num);
			else
				fputs("<td class=\"na\">-</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

static void html_mm_chart(FILE *f, const struct jp_value *mm)
{
	const struct jp_value *vars = jp_get(mm, "variants"), *v, *h, *id;
	unsigned int rows = 0, cols = 1, r;

	for (v = vars ? vars->child : NULL; v; v = v->next, rows++)
		for (h = jp_get(v, "home_node"), id = h ? h->child : NULL; id; id = id->next)
			if ((unsigned int)atoi(id->key) + 1 > cols)
				cols = (unsigned int)atoi(id->key) + 1;
	if (cols > NM_MAX_IDS)
		cols = NM_MAX_IDS;
	fputs("<h3>", f);
	html_escape(f, html_str(mm, "comm"));
	fprintf(f, " (pid %.0f)</h3>\n<svg class=\"idnode-chart\" data-mm=\"%s\" "
		"width=\"%u\" height=\"%u\">\n",
		jp_number(jp_get(mm, "pid"), 0), mm->key, NM_X + cols * NM_CELL + 140,
		rows * (NM_CELL + 4) + 18);
	for (r = 0; r < cols; r++)
		if (cols <= 32 || r % 8 == 0)
			fprintf(f, "<text x=\"%u\" y=\"11\">%u</text>", NM_X + r * NM_CELL + 3, r);
	fprintf(f, "<text x=\"0\" y=\"11\">vcpu-id</text>\n");
	for (v = vars ? vars->child : NULL, r = 0; v; v = v->next, r++) {
		unsigned int y = 16 + r * (NM_CELL + 4);

		fprintf(f, "<text x=\"0\" y=\"%u\">%s</text>\n", y + NM_CELL - 4, v->key);
		for (h = jp_get(v, "home_node"), id = h ? h->child : NULL; id; id = id->next) {
			unsigned int i = (unsigned int)atoi(id->key);

			if (i >= cols)
				continue;
			fprintf(f, "<rect class=\"idnode\" data-mm=\"%s\" data-variant=\"%s\" "
				"data-id=\"%s\" data-node=\"%.0f\" x=\"%u\" y=\"%u\" width=\"%d\" "
				"height=\"%d\" fill=\"%s\" stroke=\"#fff\"><title>%s id %s: node %.0f"
				"</title></rect>\n", mm->key, v->key, id->key, jp_number(id, 0),
				NM_X + i * NM_CELL, y, NM_CELL, NM_CELL,
				html_color((unsigned int)jp_number(id, 0)), v->key, id->key,
				jp_number(id, 0));
		}
		fprintf(f, "<text class=\"violations\" data-variant=\"%s\" data-violations=\"%.0f\" "
			"x=\"%u\" y=\"%u\">%.0f violation(s)</text>\n", v->key,
			jp_number(jp_get(v, "violations"), 0), NM_X + cols * NM_CELL + 8,
			y + NM_CELL - 4, jp_number(jp_get(v, "violations"), 0));
	}
	fputs("</svg>\n", f);
}

void html_numa(FILE *f, const struct jp_value *sec)
{
	const struct jp_value *vars = jp_get(sec, "variants"), *mms = jp_get(sec, "mms"), *mm;
	const char *map = html_str(jp_get(sec, "topology"), "cpu_to_node");
	unsigned int n = 0;

	html_section_begin(f, "numa", "NUMA: vcpu-id -> node");
	if (!sec) {
		html_missing(f, "No numa report: the report ran without the numa section.");
		goto out;
	}
	if (map)
		html_cpu_nodes(f, map);
	else
		html_missing(f, "The recording has no topology (cpu_to_node): node charts "
			     "assume one node.");
	html_node_legend(f, (unsigned int)jp_number(jp_get(jp_get(sec, "topology"),
							    "nr_nodes"), 1));
	if (vars && vars->type == JP_OBJECT && vars->child)
		html_numa_totals(f, vars);
	if (!mms || mms->type != JP_OBJECT || !mms->child) {
		html_missing(f, "The numa report holds no mm: no id was allocated.");
		goto out;
	}
	fputs("<p>Each cell is a vcpu-id, coloured by the node it belongs to "
	      "(its home node at the end of the trace).</p>\n", f);
	for (mm = mms->child; mm && n < NM_MAX_MMS; mm = mm->next, n++)
		html_mm_chart(f, mm);
	if (mm)
		fprintf(f, "<p class=\"truncated\">Only the first %d mms are drawn.</p>\n",
			NM_MAX_MMS);
out:
	html_section_end(f);
}
