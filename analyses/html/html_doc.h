/* SPDX-License-Identifier: MIT */
/*
 * html_doc.h - the page layer of rseqprof-html: one self-contained HTML
 * document (inline CSS, inline SVG, no script, no network), escaping,
 * colours, and the report sections found in a JSON report.
 *
 * Element ids and classes are a contract with tests/html/ (and whoever
 * scrapes the page): every number shown is also carried by a data-*
 * attribute, copied from the JSON report without recomputation.
 */
#ifndef HTML_DOC_H
#define HTML_DOC_H

#include <stddef.h>
#include <stdio.h>

#include "json_parse.h"

/**
 * struct html_report - the sections of one JSON report
 * @root:	the whole document (borrowed)
 * @schedstat:	the schedstat section (the root when it is one), or NULL
 * @cid:	the cid section, or NULL
 * @migration:	the migration section, or NULL
 * @numa:	the numa section, or NULL
 *
 * A section is recognised by its "report" (or "analysis") member, at the
 * root or as a member of the root: `rseqprof report --format json` merges
 * the sinks' documents that way.
 */
struct html_report {
	const struct jp_value *root;
	const struct jp_value *schedstat;
	const struct jp_value *cid;
	const struct jp_value *migration;
	const struct jp_value *numa;
};

void html_report_find(struct html_report *r, const struct jp_value *root);

/* Write @s with &, <, >, " and ' escaped. */
void html_escape(FILE *f, const char *s);

/* Colour number @i of the categorical palette (wraps). */
const char *html_color(unsigned int i);

void html_begin(FILE *f, const char *title);
void html_end(FILE *f);

/* <section id=@id> with its <h2>; close with html_section_end(). */
void html_section_begin(FILE *f, const char *id, const char *title);
void html_section_end(FILE *f);

/* A paragraph of class "missing" saying why a section has nothing. */
void html_missing(FILE *f, const char *why);

/*
 * The lost-events banner, class "lost" or "nolost": id "lost-events" for the
 * page's report (@workload NULL), else data-workload=@workload.
 */
void html_lost_banner(FILE *f, const struct html_report *r, const char *workload);

/* The sections; each says so when its data is absent. */
void html_schedstat(FILE *f, const struct jp_value *sec);
void html_variants(FILE *f, const struct jp_value *sec);
void html_cid(FILE *f, const struct jp_value *sec);
void html_migration(FILE *f, const struct jp_value *sec);
void html_numa(FILE *f, const struct jp_value *sec);
void html_timeline(FILE *f, const struct jp_value *cid);

/*
 * Several reports on one page (workloads, kernels): their schedstat bars
 * grouped by report, and one table per variant with a column per report.
 */
void html_workloads(FILE *f, const char *const *labels,
		    const struct html_report *reports, size_t n);

/* A JSON member as a string: its text, or NULL when absent or not one. */
const char *html_str(const struct jp_value *obj, const char *key);

#endif /* HTML_DOC_H */
