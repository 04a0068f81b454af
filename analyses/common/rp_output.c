// SPDX-License-Identifier: MIT
/*
 * rp_output.c - report output: file handling, JSON emitter, CSV rows.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "rp_output.h"

int rp_format_parse(const char *s, enum rp_format *fmt)
{
	if (!s || !strcmp(s, "text"))
		*fmt = RP_FORMAT_TEXT;
	else if (!strcmp(s, "csv"))
		*fmt = RP_FORMAT_CSV;
	else if (!strcmp(s, "json"))
		*fmt = RP_FORMAT_JSON;
	else
		return -1;
	return 0;
}

int rp_out_open(struct rp_out *o, const char *path, enum rp_format fmt)
{
	memset(o, 0, sizeof(*o));
	o->fmt = fmt;
	o->first[0] = true;
	if (!path || !strcmp(path, "-")) {
		o->f = stdout;
		return 0;
	}
	o->f = fopen(path, "w");
	if (!o->f)
		return -errno;
	o->owned = true;
	return 0;
}

int rp_out_close(struct rp_out *o)
{
	int ret = 0;

	if (!o->f)
		return 0;
	if (fflush(o->f) || ferror(o->f))
		ret = -EIO;
	if (o->owned && fclose(o->f))
		ret = -errno;
	o->f = NULL;
	return ret;
}

static void rp_json_indent(struct rp_out *o)
{
	int i;

	for (i = 0; i < o->depth; i++)
		fputs("  ", o->f);
}

static void rp_json_string_body(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

/* Comma, newline, indentation and key of a new member. */
static void rp_json_member(struct rp_out *o, const char *key)
{
	if (o->depth > 0) {
		if (!o->first[o->depth])
			fputc(',', o->f);
		fputc('\n', o->f);
		rp_json_indent(o);
	}
	o->first[o->depth] = false;
	if (key) {
		rp_json_string_body(o->f, key);
		fputs(": ", o->f);
	}
}

/* Open an object or array (@c): its members go one level deeper. */
static void rp_json_nest(struct rp_out *o, const char *key, char c)
{
	rp_json_member(o, key);
	fputc(c, o->f);
	if (o->depth < RP_JSON_MAX_DEPTH - 1)
		o->depth++;
	o->first[o->depth] = true;
}

/* Back one level; a non-empty object or array ends on its own line. */
static void rp_json_unnest(struct rp_out *o)
{
	bool empty = o->first[o->depth];

	if (o->depth > 0)
		o->depth--;
	if (!empty) {
		fputc('\n', o->f);
		rp_json_indent(o);
	}
}

void rp_json_open(struct rp_out *o, const char *key)
{
	rp_json_nest(o, key, '{');
}

void rp_json_close(struct rp_out *o)
{
	rp_json_unnest(o);
	/* The first chapter's object stays open for the later ones. */
	if (!o->depth && o->doc && o->chapters == 1)
		return;
	fputc('}', o->f);
	if (!o->depth)
		fputc('\n', o->f);
}

void rp_json_array_open(struct rp_out *o, const char *key)
{
	rp_json_nest(o, key, '[');
}

void rp_json_array_close(struct rp_out *o)
{
	rp_json_unnest(o);
	fputc(']', o->f);
}

void rp_json_ints(struct rp_out *o, const char *key, const int64_t *v, size_t n)
{
	size_t i;

	rp_json_member(o, key);
	fputc('[', o->f);
	for (i = 0; i < n; i++)
		fprintf(o->f, "%s%" PRId64, i ? ", " : "", v[i]);
	fputc(']', o->f);
}

void rp_out_doc_begin(struct rp_out *o)
{
	o->doc = true;
	o->chapters = 0;
	o->nr_facts = 0;
}

void rp_out_chapter(struct rp_out *o, const char *name)
{
	if (o->doc && o->chapters++) {
		if (o->fmt == RP_FORMAT_JSON)
			fprintf(o->f, "  ,\"%s\": ", name);
		else if (o->fmt == RP_FORMAT_TEXT)
			fputc('\n', o->f);
	}
}

void rp_out_doc_end(struct rp_out *o)
{
	if (o->doc && o->chapters && o->fmt == RP_FORMAT_JSON)
		fputs("}\n", o->f);
	o->doc = false;
}

void rp_out_fact(struct rp_out *o, const char *line)
{
	unsigned int i;

	if (o->doc && o->chapters > 1) {
		for (i = 0; i < o->nr_facts; i++)
			if (!strcmp(o->facts[i], line))
				return;
	} else if (o->doc && o->nr_facts < RP_OUT_MAX_FACTS) {
		snprintf(o->facts[o->nr_facts++], RP_OUT_FACT_LEN, "%s", line);
	}
	fprintf(o->f, "%s\n", line);
}

size_t rp_out_shown(const struct rp_out *o, size_t nr)
{
	if (o->full || !o->top || o->top >= nr)
		return nr;
	return (size_t)o->top;
}

void rp_out_left_out(struct rp_out *o, size_t left, const char *what)
{
	if (left)
		fprintf(o->f, "  ... %zu more %s (--top N or --full to see them)\n",
			left, what);
}

void rp_out_full_only(struct rp_out *o, size_t nr, const char *what)
{
	if (nr && !o->full)
		fprintf(o->f, "  ... %zu %s left out (--full to see them)\n",
			nr, what);
}

void rp_json_u64(struct rp_out *o, const char *key, uint64_t v)
{
	rp_json_member(o, key);
	fprintf(o->f, "%" PRIu64, v);
}

void rp_json_i64(struct rp_out *o, const char *key, int64_t v)
{
	rp_json_member(o, key);
	fprintf(o->f, "%" PRId64, v);
}

void rp_json_num(struct rp_out *o, const char *key, double v, int decimals)
{
	rp_json_member(o, key);
	fprintf(o->f, "%.*f", decimals, v);
}

void rp_json_bool(struct rp_out *o, const char *key, bool v)
{
	rp_json_member(o, key);
	fputs(v ? "true" : "false", o->f);
}

void rp_json_str(struct rp_out *o, const char *key, const char *s)
{
	rp_json_member(o, key);
	rp_json_string_body(o->f, s);
}

void rp_json_null(struct rp_out *o, const char *key)
{
	rp_json_member(o, key);
	fputs("null", o->f);
}

void rp_csv_header(struct rp_out *o)
{
	/* One header for the document. */
	if (o->doc && o->chapters > 1)
		return;
	fputs("section,variant,name,count,percent\n", o->f);
}

void rp_csv_row(struct rp_out *o, const char *section, const char *variant,
		const char *name, uint64_t count, double percent)
{
	fprintf(o->f, "%s,%s,%s,%" PRIu64 ",", section, variant ? variant : "",
		name, count);
	if (percent >= 0)
		fprintf(o->f, "%.2f", percent);
	fputc('\n', o->f);
}
