/* SPDX-License-Identifier: MIT */
/*
 * rp_output.h - where and how a report is written: text, csv or json, to
 * stdout or to a file (parameters "format" and "output").
 *
 * JSON is written by a tiny emitter that tracks nesting and commas.  CSV
 * is "long": one row per value, with the header written by rp_csv_header().
 *
 * A document (rp_out_doc_begin()) holds the reports of several sections,
 * each a chapter (rp_out_chapter()): in JSON, the first chapter's object is
 * the document's and each later one becomes a member named after its
 * section; in CSV the header is written once; in text, chapters are apart
 * by an empty line and each header fact (rp_out_fact()) is stated once,
 * unless a later chapter read something else (the whole trace).
 *
 * Text listings (processes, threads, mms) show their first @top entries
 * (rp_out_shown()), then a line saying how many were left out
 * (rp_out_left_out()); detail tables are written with @full only, a line
 * saying what was left out standing for them (rp_out_full_only()).  CSV and
 * JSON always hold everything.
 */
#ifndef RP_OUTPUT_H
#define RP_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum rp_format {
	RP_FORMAT_TEXT,
	RP_FORMAT_CSV,
	RP_FORMAT_JSON,
};

#define RP_JSON_MAX_DEPTH	16
/* Header facts of a document: loss, events, duplicates, range, tasks. */
#define RP_OUT_MAX_FACTS	8
#define RP_OUT_FACT_LEN		320

/**
 * struct rp_out - an open report
 * @f:		the stream (stdout, or an owned file)
 * @owned:	@f was opened by rp_out_open() and is closed by rp_out_close()
 * @fmt:	the format
 * @depth:	JSON nesting depth
 * @first:	JSON: no member written yet at each depth
 * @doc:	a document of chapters (rp_out_doc_begin())
 * @chapters:	chapters begun so far
 * @facts:	text: the header facts the first chapter stated
 * @nr_facts:	entries of @facts
 * @top:	text: entries of each listing (0: all)
 * @full:	text: every entry of every listing, and the detail tables
 */
struct rp_out {
	FILE *f;
	bool owned;
	enum rp_format fmt;
	int depth;
	bool first[RP_JSON_MAX_DEPTH];
	bool doc;
	unsigned int chapters;
	char facts[RP_OUT_MAX_FACTS][RP_OUT_FACT_LEN];
	unsigned int nr_facts;
	uint64_t top;
	bool full;
};

/*
 * Entries of each text listing by default (parameter "top").  With 10, a
 * report of every section stays under 200 lines: about 60 for schedstat's
 * header and tables (six variants), 35 to 45 for migration (a CPU matrix of
 * at most 8 CPUs, else its 10 busiest pairs), 28 for numa and 45 for cid,
 * whatever the number of tasks.
 */
#define RP_OUT_DEFAULT_TOP	10

/**
 * rp_format_parse() - "text", "csv" or "json" (NULL: text)
 * Return: 0, or -1 for anything else.
 */
int rp_format_parse(const char *s, enum rp_format *fmt);

/**
 * rp_out_open() - open @path for writing ("-" or NULL: stdout)
 * Return: 0, or -errno.
 */
int rp_out_open(struct rp_out *o, const char *path, enum rp_format fmt);

/**
 * rp_out_close() - flush and close
 * Return: 0, or -errno when a write failed.
 */
int rp_out_close(struct rp_out *o);

/* Start a document of chapters on an open @o. */
void rp_out_doc_begin(struct rp_out *o);
/* Start the chapter of section @name (the first one: nothing to write). */
void rp_out_chapter(struct rp_out *o, const char *name);
/* End the document: JSON closes the first chapter's object. */
void rp_out_doc_end(struct rp_out *o);
/*
 * Text: write the header line @line (no newline) unless the document's
 * first chapter stated the same one.
 */
void rp_out_fact(struct rp_out *o, const char *line);

/**
 * rp_out_shown() - how many of the @nr entries of a text listing to show
 * Return: @nr with @o->full or a @o->top of 0, else at most @o->top.
 */
size_t rp_out_shown(const struct rp_out *o, size_t nr);

/**
 * rp_out_left_out() - text: end a listing cut to @o->top
 * @o:		the document
 * @left:	entries left out (0: nothing is written)
 * @what:	what they are, plural ("processes")
 *
 * Writes "  ... 390 more processes (--top N or --full to see them)".
 */
void rp_out_left_out(struct rp_out *o, size_t left, const char *what);

/**
 * rp_out_full_only() - text: stand for a detail table left out without full
 * @o:		the document
 * @nr:		entries of the table (0: nothing is written)
 * @what:	what they are, plural ("intervals over time")
 *
 * Writes "  ... 231 intervals over time left out (--full to see them)"
 * unless @o->full (the caller writes the table then).
 */
void rp_out_full_only(struct rp_out *o, size_t nr, const char *what);

/* JSON emitter.  @key is NULL inside arrays and for the root object. */
void rp_json_open(struct rp_out *o, const char *key);	/* { */
void rp_json_close(struct rp_out *o);			/* } */
void rp_json_u64(struct rp_out *o, const char *key, uint64_t v);
void rp_json_i64(struct rp_out *o, const char *key, int64_t v);
/* A fixed-point number with @decimals decimals. */
void rp_json_num(struct rp_out *o, const char *key, double v, int decimals);
void rp_json_bool(struct rp_out *o, const char *key, bool v);
void rp_json_str(struct rp_out *o, const char *key, const char *s);
void rp_json_null(struct rp_out *o, const char *key);
void rp_json_array_open(struct rp_out *o, const char *key);	/* [ */
void rp_json_array_close(struct rp_out *o);			/* ] */
/* A compact array of @n integers on one line: a member, or in an array. */
void rp_json_ints(struct rp_out *o, const char *key, const int64_t *v, size_t n);

/* CSV: "section,variant,name,count,percent" */
void rp_csv_header(struct rp_out *o);
/* One row; @variant may be NULL; @percent < 0 leaves the column empty. */
void rp_csv_row(struct rp_out *o, const char *section, const char *variant,
		const char *name, uint64_t count, double percent);

#endif /* RP_OUTPUT_H */
