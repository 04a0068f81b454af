// SPDX-License-Identifier: MIT
/*
 * html_cid.c - the cid section: per process, the ids user space saw (a
 * table with the per-vcpu vs per-CPU array sizes) and the vcpu-id
 * occupancy over time (distinct mm_cids per interval, with the distinct
 * cpu_ids for comparison).
 */
#include "html_doc.h"

#define OCC_X		40
#define OCC_W		700
#define OCC_H		110
#define OCC_MAX_CHARTS	16

/* Member @key of the histogram object @hist_key of @p as a number. */
static double html_hist(const struct jp_value *p, const char *hist_key, const char *key)
{
	return jp_number(jp_get(jp_get(p, hist_key), key), 0);
}

static void html_cid_table(FILE *f, const struct jp_value *procs)
{
	const struct jp_value *p;

	fputs("<table id=\"cid-table\">\n<tr><th class=\"label\">process</th><th>source</th>"
	      "<th>reads</th><th>distinct mm_cid</th><th>max mm_cid</th>"
	      "<th>distinct cpu_id</th><th>per-vcpu slots</th><th>per-vcpu bytes</th>"
	      "<th>per-CPU slots</th><th>per-CPU bytes</th></tr>\n", f);
	for (p = procs->child; p; p = p->next) {
		fprintf(f, "<tr class=\"cid-proc\" data-proc=\"%s\"><td class=\"label\">%.0f</td><td>",
			p->key, jp_number(jp_get(p, "pid"), 0));
		html_escape(f, html_str(p, "source"));
		fprintf(f, "</td><td data-field=\"reads\">%.0f</td>"
			"<td data-field=\"mm_cid_distinct\">%.0f</td>"
			"<td data-field=\"mm_cid_max\">%.0f</td>"
			"<td data-field=\"cpu_id_distinct\">%.0f</td>"
			"<td data-field=\"vcpu_slots\">%.0f</td><td data-field=\"vcpu_bytes\">%.0f</td>"
			"<td data-field=\"cpu_slots\">%.0f</td><td data-field=\"cpu_bytes\">%.0f</td></tr>\n",
			jp_number(jp_get(p, "reads"), 0),
			html_hist(p, "mm_cid", "distinct"), html_hist(p, "mm_cid", "max"),
			html_hist(p, "cpu_id", "distinct"),
			html_hist(p, "per_vcpu_array", "slots"), html_hist(p, "per_vcpu_array", "bytes"),
			html_hist(p, "per_cpu_array", "slots"), html_hist(p, "per_cpu_array", "bytes"));
	}
	fputs("</table>\n", f);
}

/*
 * @slice_ns: 0, or the slice of which the ids are the most distinct when a
 * long trace widened the intervals (interval_widened_from_ns).
 */
static void html_cid_chart(FILE *f, const struct jp_value *p, double interval_ns,
			   double slice_ns)
{
	const struct jp_value *ivs = jp_get(p, "intervals"), *iv;
	unsigned int n = 0, i;
	double top = 1, w;

	fprintf(f, "<h3>Process %.0f (", jp_number(jp_get(p, "pid"), 0));
	html_escape(f, html_str(p, "source") ? html_str(p, "source") : "?");
	fputs(")</h3>\n", f);
	if (!ivs || ivs->type != JP_OBJECT || !ivs->child) {
		html_missing(f, "No interval data for this process (the cid report was made "
			     "with interval=0, or the process had no read).");
		return;
	}
	for (iv = ivs->child; iv; iv = iv->next, n++) {
		if (jp_number(jp_get(iv, "mm_cids"), 0) > top)
			top = jp_number(jp_get(iv, "mm_cids"), 0);
		if (jp_number(jp_get(iv, "cpu_ids"), 0) > top)
			top = jp_number(jp_get(iv, "cpu_ids"), 0);
	}
	w = (double)OCC_W / n;
	fprintf(f, "<svg class=\"occupancy\" data-proc=\"%s\" "
		"width=\"%d\" height=\"%d\">\n"
		"<text x=\"0\" y=\"12\">%.0f</text><text x=\"0\" y=\"%d\">0</text>\n"
		"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>\n",
		p->key, OCC_X + OCC_W + 10, OCC_H + 30, top, OCC_H + 10,
		OCC_X, OCC_H + 10, OCC_X + OCC_W, OCC_H + 10);
	for (iv = ivs->child, i = 0; iv; iv = iv->next, i++) {
		double mm = jp_number(jp_get(iv, "mm_cids"), 0);
		double cpu = jp_number(jp_get(iv, "cpu_ids"), 0);
		double x = OCC_X + i * w;

		fprintf(f, "<rect class=\"occ\" data-t=\"%s\" data-mm-cids=\"%.0f\" "
			"data-cpu-ids=\"%.0f\" data-max-mm-cid=\"%.0f\" data-reads=\"%.0f\" "
			"x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\">"
			"<title>t=%s ns: %.0f mm_cids, %.0f cpu_ids, %.0f reads</title></rect>\n"
			"<line class=\"cpu-ids\" x1=\"%.2f\" x2=\"%.2f\" y1=\"%.2f\" y2=\"%.2f\" "
			"stroke=\"%s\" stroke-width=\"2\"/>\n",
			iv->key, mm, cpu, jp_number(jp_get(iv, "max_mm_cid"), 0),
			jp_number(jp_get(iv, "reads"), 0), x, 10 + OCC_H * (1 - mm / top),
			w > 2 ? w - 1 : w, OCC_H * mm / top, html_color(0), iv->key, mm, cpu,
			jp_number(jp_get(iv, "reads"), 0),
			x, x + w, 10 + OCC_H * (1 - cpu / top), 10 + OCC_H * (1 - cpu / top),
			html_color(1));
	}
	fprintf(f, "<text x=\"%d\" y=\"%d\">time (intervals of %.0f ms", OCC_X, OCC_H + 26,
		interval_ns / 1e6);
	if (slice_ns)
		fprintf(f, "; ids: the most distinct in one %.0f ms slice", slice_ns / 1e6);
	fputs(")</text>\n</svg>\n", f);
}

void html_cid(FILE *f, const struct jp_value *sec)
{
	const struct jp_value *procs = jp_get(sec, "processes"), *p;
	unsigned int n = 0;

	html_section_begin(f, "cid", "vcpu-id occupancy per process (cid)");
	if (!sec) {
		html_missing(f, "No cid report: record with probes (rseqprof record --preload) "
			     "or a kernel with rseq_update events, and report with the cid section.");
		goto out;
	}
	if (!procs || procs->type != JP_OBJECT || !procs->child) {
		html_missing(f, "The cid report holds no process: no rseq read was recorded.");
		goto out;
	}
	html_cid_table(f, procs);
	fprintf(f, "<p class=\"legend\"><span><span class=\"swatch\" style=\"background:%s\">"
		"</span>distinct mm_cid per interval</span><span><span class=\"swatch\" "
		"style=\"background:%s\"></span>distinct cpu_id per interval</span></p>\n",
		html_color(0), html_color(1));
	for (p = procs->child; p && n < OCC_MAX_CHARTS; p = p->next, n++)
		html_cid_chart(f, p, jp_number(jp_get(sec, "interval_ns"), 0),
			       jp_number(jp_get(sec, "interval_widened_from_ns"), 0));
	if (p)
		fprintf(f, "<p class=\"truncated\">Only the first %d processes are drawn; "
			"the table lists them all.</p>\n", OCC_MAX_CHARTS);
out:
	html_section_end(f);
}
