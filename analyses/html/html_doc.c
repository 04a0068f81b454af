// SPDX-License-Identifier: MIT
/*
 * html_doc.c - page frame, escaping, palette, section lookup and the
 * lost-events banner of rseqprof-html.
 */
#include <string.h>

#include "html_doc.h"

static const char *const html_palette[] = {
	"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1",
	"#edc948", "#76b7b2", "#ff9da7", "#9c755f", "#bab0ac",
};

#define HTML_NR_COLORS	(sizeof(html_palette) / sizeof(html_palette[0]))

const char *html_color(unsigned int i)
{
	return html_palette[i % HTML_NR_COLORS];
}

const char *html_str(const struct jp_value *obj, const char *key)
{
	const struct jp_value *v = jp_get(obj, key);

	return v && v->type == JP_STRING ? v->str : NULL;
}

/* The section name of @v ("schedstat", "cid", ...) or NULL. */
static const char *html_section_kind(const struct jp_value *v)
{
	const char *k;

	if (!v || v->type != JP_OBJECT)
		return NULL;
	k = html_str(v, "report");
	return k ? k : html_str(v, "analysis");
}

static void html_report_take(struct html_report *r, const struct jp_value *v)
{
	const char *k = html_section_kind(v);

	if (!k)
		return;
	if (!strcmp(k, "schedstat") && !r->schedstat)
		r->schedstat = v;
	else if (!strcmp(k, "cid") && !r->cid)
		r->cid = v;
	else if (!strcmp(k, "migration") && !r->migration)
		r->migration = v;
	else if (!strcmp(k, "numa") && !r->numa)
		r->numa = v;
}

void html_report_find(struct html_report *r, const struct jp_value *root)
{
	const struct jp_value *m;

	memset(r, 0, sizeof(*r));
	r->root = root;
	html_report_take(r, root);
	if (root && root->type == JP_OBJECT)
		for (m = root->child; m; m = m->next)
			html_report_take(r, m);
}

void html_escape(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

static const char html_css[] =
	"body{font-family:sans-serif;margin:1.5em;color:#222;max-width:1100px}\n"
	"h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc}\n"
	"h3{font-size:1em}\n"
	".banner{padding:.6em 1em;border-radius:4px;margin:1em 0}\n"
	".lost{background:#fde2e1;border:1px solid #e15759;font-weight:bold}\n"
	".nolost{background:#e6f4e4;border:1px solid #59a14f}\n"
	".lost-section{margin-left:.8em;font-weight:normal}\n"
	".missing{color:#8a6d3b;background:#fcf8e3;padding:.4em .8em}\n"
	"table{border-collapse:collapse;margin:.5em 0}\n"
	"td,th{border:1px solid #ddd;padding:2px 8px;text-align:right}\n"
	"th.label,td.label{text-align:left}\n"
	"tr.group th{background:#f3f3f3;text-align:left}\n"
	".delta{color:#777;font-size:.85em}\n"
	"td.pct{white-space:nowrap}\n"
	"svg{display:block;margin:.5em 0}\n"
	"svg text{font-size:11px;font-family:sans-serif}\n"
	"svg text.tl-variant{font-size:7px;text-anchor:end;fill:#555}\n"
	".legend span{display:inline-block;margin-right:1em}\n"
	".swatch{display:inline-block;width:.9em;height:.9em;margin-right:.3em;"
	"vertical-align:middle}\n";

void html_begin(FILE *f, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<title>", f);
	html_escape(f, title);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1 id=\"title\">", html_css);
	html_escape(f, title);
	fputs("</h1>\n", f);
}

void html_end(FILE *f)
{
	fputs("<p class=\"footer\">Written by rseqprof-html from the JSON report "
	      "(self-contained: no script, no network).</p>\n</body>\n</html>\n", f);
}

void html_section_begin(FILE *f, const char *id, const char *title)
{
	fprintf(f, "<section id=\"%s\">\n<h2>", id);
	html_escape(f, title);
	fputs("</h2>\n", f);
}

void html_section_end(FILE *f)
{
	fputs("</section>\n", f);
}

void html_missing(FILE *f, const char *why)
{
	fputs("<p class=\"missing\">", f);
	html_escape(f, why);
	fputs("</p>\n", f);
}

void html_lost_banner(FILE *f, const struct html_report *r, const char *workload)
{
	const struct {
		const char *name;
		const struct jp_value *sec;
	} secs[] = {
		{ "schedstat", r->schedstat }, { "cid", r->cid },
		{ "migration", r->migration }, { "numa", r->numa },
	};
	double lost = 0, n;
	bool approx = false, inexact = false, bad;
	size_t i;

	for (i = 0; i < sizeof(secs) / sizeof(secs[0]); i++) {
		const struct jp_value *ex, *ap;

		if (!secs[i].sec)
			continue;
		n = jp_number(jp_get(secs[i].sec, "lost_events"), 0);
		if (n > lost)
			lost = n;
		ex = jp_get(secs[i].sec, "lost_events_exact");
		ap = jp_get(secs[i].sec, "approximate");
		if (ex && ex->type == JP_BOOL && !ex->b)
			inexact = true;
		if (ap && ap->type == JP_BOOL && ap->b)
			approx = true;
	}
	if (workload) {
		fputs("<div data-workload=\"", f);
		html_escape(f, workload);
		fputc('"', f);
	} else {
		fputs("<div id=\"lost-events\"", f);
	}
	bad = lost > 0 || approx || inexact;
	fprintf(f, " class=\"banner %s\" data-lost=\"%.0f\">", bad ? "lost" : "nolost", lost);
	if (workload) {
		html_escape(f, workload);
		fputs(": ", f);
	}
	if (!bad) {
		fputs("No event was lost: the counts are exact.</div>\n", f);
		return;
	}
	fprintf(f, "The tracer lost %s%.0f events: every percentage below is approximate.",
		inexact ? "at least " : "", lost);
	for (i = 0; i < sizeof(secs) / sizeof(secs[0]); i++)
		if (secs[i].sec)
			fprintf(f, " <span class=\"lost-section\" data-section=\"%s\" "
				"data-lost=\"%.0f\">%s: %.0f</span>", secs[i].name,
				jp_number(jp_get(secs[i].sec, "lost_events"), 0), secs[i].name,
				jp_number(jp_get(secs[i].sec, "lost_events"), 0));
	fputs("</div>\n", f);
}
