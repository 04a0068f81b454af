// SPDX-License-Identifier: MIT
/*
 * compare.c - rseqprof-compare: two schedstat JSON reports side by side.
 *
 * usage: rseqprof-compare [--format text|json] [--names NAME_A NAME_B] A.json B.json
 *
 * For each variant present in either report and each counter of the three
 * schedstat tables and of the variant's own table: counts and percentages of
 * A and B, the absolute difference (B - A) of the counts and of the
 * percentages (in percentage points), and the relative difference of the
 * counts ((B - A) / A, "n/a" when A is 0).  Losses of both are stated.
 * Exit status: 0, 1 for an unreadable or malformed report, 2 for bad usage.
 */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_parse.h"
#include "rp_output.h"
#include "vcid_model.h"

#define CMP_MAX_INPUT	(64u << 20)

/* The slides' three tables and the variant counters. */
#define CMP_NR_TABLES	(VCID_GROUP_VARIANT + 1)

struct cmp_report {
	const char *path;
	const char *name;	/* shown instead of @path when set */
	char *text;
	struct jp_value *root;
	const struct jp_value *variants;
};

static int cmp_load(struct cmp_report *r, const char *path)
{
	char err[256];
	size_t len = 0, cap = 4096, n;
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;

	r->path = path;
	if (!f) {
		fprintf(stderr, "rseqprof-compare: cannot open %s: %s\n", path, strerror(errno));
		return -1;
	}
	r->text = malloc(cap);
	while (r->text && (n = fread(r->text + len, 1, cap - len, f)) > 0) {
		len += n;
		if (len == cap) {
			char *t;

			if (cap >= CMP_MAX_INPUT) {
				fprintf(stderr, "rseqprof-compare: %s: larger than %u bytes\n",
					path, CMP_MAX_INPUT);
				goto error;
			}
			t = realloc(r->text, cap * 2);
			if (!t)
				goto error;
			r->text = t;
			cap *= 2;
		}
	}
	if (!r->text || ferror(f)) {
		fprintf(stderr, "rseqprof-compare: cannot read %s\n", path);
		goto error;
	}
	if (f != stdin)
		fclose(f);
	f = NULL;
	r->root = jp_parse(r->text, len, err, sizeof(err));
	if (!r->root) {
		fprintf(stderr, "rseqprof-compare: %s: not a JSON report: %s\n", path, err);
		return -1;
	}
	r->variants = jp_get(r->root, "variants");
	if (!r->variants || r->variants->type != JP_OBJECT) {
		fprintf(stderr, "rseqprof-compare: %s: no \"variants\" object: not a schedstat report "
			"(make one with 'rseqprof report DIR --format json')\n", path);
		return -1;
	}
	return 0;
error:
	if (f && f != stdin)
		fclose(f);
	return -1;
}

static void cmp_free(struct cmp_report *r)
{
	jp_free(r->root);
	free(r->text);
}

/* Label of counter @name in table @table, from the model's names. */
static const char *cmp_label(const char *table, const char *name)
{
	size_t t;
	int c;

	for (t = 0; t < CMP_NR_TABLES; t++) {
		if (strcmp(vcid_group_key((enum vcid_counter_group)t), table))
			continue;
		for (c = 0; c < VCID_NR_COUNTERS; c++)
			if (vcid_counter_group((enum vcid_counter)c) == (enum vcid_counter_group)t &&
			    !strcmp(vcid_counter_name((enum vcid_counter)c), name))
				return vcid_counter_label((enum vcid_counter)c);
	}
	return name;
}

struct cmp_cell {
	bool present;
	double count;
	double percent;
};

static struct cmp_cell cmp_cell(const struct jp_value *variant, const char *table,
				const char *name)
{
	const struct jp_value *e = jp_get(jp_get(variant, table), name);
	struct cmp_cell cell = { 0 };

	if (!e || e->type != JP_OBJECT)
		return cell;
	cell.present = true;
	cell.count = jp_number(jp_get(e, "count"), 0);
	cell.percent = jp_number(jp_get(e, "percent"), 0);
	return cell;
}

static void cmp_side_text(struct cmp_cell c)
{
	if (c.present)
		printf("   %7.2f %% %10.0f", c.percent, c.count);
	else
		printf("   %19s", "-");
}

static void cmp_row_text(const char *label, struct cmp_cell a, struct cmp_cell b)
{
	char rel[32];
	double d = b.count - a.count;

	printf("    %-38s", label);
	cmp_side_text(a);
	cmp_side_text(b);
	if (!a.present || !b.present) {
		printf("\n");
		return;
	}
	if (a.count > 0)
		snprintf(rel, sizeof(rel), "%+.2f %%", 100.0 * d / a.count);
	else
		snprintf(rel, sizeof(rel), "%s", d == 0 ? "0.00 %" : "n/a");
	printf("   %+11.0f %10s %+9.2f pp\n", d, rel, b.percent - a.percent);
}

static void cmp_row_json(struct rp_out *o, const char *name, struct cmp_cell a,
			 struct cmp_cell b)
{
	double d = b.count - a.count;

	rp_json_open(o, name);
	rp_json_num(o, "a_count", a.count, 0);
	rp_json_num(o, "b_count", b.count, 0);
	rp_json_num(o, "a_percent", a.percent, 2);
	rp_json_num(o, "b_percent", b.percent, 2);
	rp_json_num(o, "diff_count", d, 0);
	if (a.count > 0)
		rp_json_num(o, "rel_count_percent", 100.0 * d / a.count, 2);
	else
		rp_json_null(o, "rel_count_percent");
	rp_json_num(o, "diff_percent_points", b.percent - a.percent, 2);
	rp_json_close(o);
}

/* Counter names of @table in @a's or @b's variant, each once, in order. */
static void cmp_table(struct rp_out *o, const struct jp_value *va,
		      const struct jp_value *vb, size_t t)
{
	const struct jp_value *src[2] = { jp_get(va, vcid_group_key((enum vcid_counter_group)t)),
					  jp_get(vb, vcid_group_key((enum vcid_counter_group)t)) };
	const struct jp_value *e;
	bool any = false;
	int s;

	for (s = 0; s < 2; s++) {
		if (!src[s] || src[s]->type != JP_OBJECT)
			continue;
		for (e = src[s]->child; e; e = e->next) {
			if (s == 1 && jp_get(src[0], e->key))
				continue;
			if (!any) {
				if (o)
					rp_json_open(o, vcid_group_key((enum vcid_counter_group)t));
				else
					printf("  %s\n", vcid_group_title((enum vcid_counter_group)t));
				any = true;
			}
			if (o)
				cmp_row_json(o, e->key, cmp_cell(va, vcid_group_key((enum vcid_counter_group)t), e->key),
					     cmp_cell(vb, vcid_group_key((enum vcid_counter_group)t), e->key));
			else
				cmp_row_text(cmp_label(vcid_group_key((enum vcid_counter_group)t), e->key),
					     cmp_cell(va, vcid_group_key((enum vcid_counter_group)t), e->key),
					     cmp_cell(vb, vcid_group_key((enum vcid_counter_group)t), e->key));
		}
	}
	if (any && o)
		rp_json_close(o);
}

static void cmp_variant(struct rp_out *o, const char *name,
			const struct cmp_report *a, const struct cmp_report *b)
{
	const struct jp_value *va = jp_get(a->variants, name);
	const struct jp_value *vb = jp_get(b->variants, name);
	size_t t;

	if (o) {
		rp_json_open(o, name);
		rp_json_bool(o, "in_a", va != NULL);
		rp_json_bool(o, "in_b", vb != NULL);
	} else {
		printf("\n%s%s\n", name, !va ? " (only in B)" : !vb ? " (only in A)" : "");
	}
	for (t = 0; t < CMP_NR_TABLES; t++)
		cmp_table(o, va, vb, t);
	if (o) {
		rp_json_num(o, "a_total", jp_number(jp_get(va, "total"), 0), 0);
		rp_json_num(o, "b_total", jp_number(jp_get(vb, "total"), 0), 0);
		rp_json_close(o);
	} else {
		printf("    %-38s   %19.0f   %19.0f\n", "total (denominator)",
		       jp_number(jp_get(va, "total"), 0), jp_number(jp_get(vb, "total"), 0));
	}
}

static const char *cmp_loss(const struct cmp_report *r, char *buf, size_t len)
{
	const struct jp_value *exact = jp_get(r->root, "lost_events_exact");
	double lost = jp_number(jp_get(r->root, "lost_events"), -1);

	if (lost < 0)
		snprintf(buf, len, "not stated");
	else if (exact && exact->type == JP_BOOL && !exact->b)
		snprintf(buf, len, "unknown (at least %.0f)", lost);
	else
		snprintf(buf, len, "%.0f", lost);
	return buf;
}

static void cmp_all(struct rp_out *o, const struct cmp_report *a,
		    const struct cmp_report *b)
{
	const struct jp_value *e;
	char la[64], lb[64];

	if (o) {
		rp_json_open(o, NULL);
		rp_json_str(o, "a", a->name);
		rp_json_str(o, "b", b->name);
		rp_json_num(o, "a_lost_events", jp_number(jp_get(a->root, "lost_events"), 0), 0);
		rp_json_num(o, "b_lost_events", jp_number(jp_get(b->root, "lost_events"), 0), 0);
		rp_json_open(o, "variants");
	} else {
		printf("rseqprof compare: A = %s, B = %s\n", a->name, b->name);
		printf("Lost events: A %s, B %s\n", cmp_loss(a, la, sizeof(la)),
		       cmp_loss(b, lb, sizeof(lb)));
		printf("\n    %-38s   %19s   %19s   %11s %10s %12s\n", "", "A", "B",
		       "B-A count", "rel", "B-A percent");
	}
	for (e = a->variants->child; e; e = e->next)
		cmp_variant(o, e->key, a, b);
	for (e = b->variants->child; e; e = e->next)
		if (!jp_get(a->variants, e->key))
			cmp_variant(o, e->key, a, b);
	if (o) {
		rp_json_close(o);
		rp_json_close(o);
	}
}

int main(int argc, char **argv)
{
	struct cmp_report a = { 0 }, b = { 0 };
	enum rp_format fmt = RP_FORMAT_TEXT;
	struct rp_out out;
	int i = 1, ret = 1;

	for (;;) {
		if (argc - i > 1 && !strcmp(argv[i], "--format")) {
			if (rp_format_parse(argv[i + 1], &fmt) || fmt == RP_FORMAT_CSV) {
				fprintf(stderr, "rseqprof-compare: unknown format '%s' (text or json)\n",
					argv[i + 1]);
				return 2;
			}
			i += 2;
		} else if (argc - i > 2 && !strcmp(argv[i], "--names")) {
			a.name = argv[i + 1];
			b.name = argv[i + 2];
			i += 3;
		} else {
			break;
		}
	}
	if (argc - i != 2) {
		fprintf(stderr, "usage: rseqprof-compare [--format text|json] "
			"[--names NAME_A NAME_B] A.json B.json\n");
		return 2;
	}
	if (cmp_load(&a, argv[i]) || cmp_load(&b, argv[i + 1]))
		goto end;
	if (!a.name)
		a.name = a.path;
	if (!b.name)
		b.name = b.path;
	if (fmt == RP_FORMAT_JSON) {
		rp_out_open(&out, NULL, fmt);
		cmp_all(&out, &a, &b);
		rp_out_close(&out);
	} else {
		cmp_all(NULL, &a, &b);
	}
	ret = fflush(stdout) ? 1 : 0;
end:
	cmp_free(&a);
	cmp_free(&b);
	return ret;
}
