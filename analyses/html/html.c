// SPDX-License-Identifier: MIT
/*
 * html.c - rseqprof-html: turn a JSON report of `rseqprof report --format
 * json` (schedstat at the root, other sinks' documents as members) into one
 * self-contained HTML page.  `rseqprof report DIR --html OUT` runs it.
 *
 * usage: rseqprof-html [-t TITLE] [-o OUT.html] REPORT.json|-
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "html_doc.h"

#define HTML_MAX_INPUT	(256u << 20)

static const char *prog = "rseqprof-html";

static void usage(FILE *f)
{
	fprintf(f, "usage: %s [-t TITLE] [-o OUT.html] REPORT.json|-\n"
		"Write one self-contained HTML page (inline SVG and CSS) from a JSON\n"
		"report of 'rseqprof report --format json'.\n", prog);
}

/* Read all of @f; NULL with errno set on failure. */
static char *html_slurp(FILE *f, size_t *len)
{
	size_t cap = 1 << 16, n = 0, got;
	char *buf = malloc(cap), *nb;

	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n < cap)
			continue;
		if (cap >= HTML_MAX_INPUT) {
			errno = EFBIG;
			goto fail;
		}
		nb = realloc(buf, cap * 2);
		if (!nb)
			goto fail;
		buf = nb;
		cap *= 2;
	}
	if (!buf || ferror(f))
		goto fail;
	*len = n;
	return buf;
fail:
	free(buf);
	return NULL;
}

/*
 * The page copies member names into attributes and text: a name holding
 * markup characters (never one rseqprof writes) is neutralised here, once.
 */
static void html_sanitize_keys(struct jp_value *v)
{
	char *p;

	for (; v; v = v->next) {
		for (p = v->key; p && *p; p++)
			if (*p == '<' || *p == '&' || *p == '"' || *p == '\'')
				*p = '_';
		html_sanitize_keys(v->child);
	}
}

static void html_page(FILE *f, const struct html_report *r, const char *title)
{
	html_begin(f, title);
	html_lost_banner(f, r);
	html_schedstat(f, r->schedstat);
	html_variants(f, r->schedstat);
	html_cid(f, r->cid);
	html_migration(f, r->migration);
	html_numa(f, r->numa);
	html_end(f);
}

int main(int argc, char **argv)
{
	const char *title = "rseqprof report", *out = NULL, *in;
	struct html_report r;
	struct jp_value *root = NULL;
	char err[256], *text = NULL;
	size_t len;
	FILE *f;
	int opt, ret = 1;

	while ((opt = getopt(argc, argv, "ht:o:")) != -1) {
		switch (opt) {
		case 't':
			title = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	in = argv[optind];
	f = strcmp(in, "-") ? fopen(in, "r") : stdin;
	if (!f) {
		fprintf(stderr, "%s: error: cannot open %s: %s\n", prog, in, strerror(errno));
		return 1;
	}
	text = html_slurp(f, &len);
	if (f != stdin)
		fclose(f);
	if (!text) {
		fprintf(stderr, "%s: error: cannot read %s: %s\n", prog, in, strerror(errno));
		goto out;
	}
	root = jp_parse(text, len, err, sizeof(err));
	if (!root) {
		fprintf(stderr, "%s: error: %s is not JSON (%s): give the output of "
			"'rseqprof report --format json'\n", prog, in, err);
		goto out;
	}
	html_sanitize_keys(root);
	html_report_find(&r, root);
	if (!r.schedstat && !r.cid && !r.migration && !r.numa) {
		fprintf(stderr, "%s: error: %s holds no rseqprof report section "
			"(schedstat, cid, migration or numa)\n", prog, in);
		goto out;
	}
	f = out && strcmp(out, "-") ? fopen(out, "w") : stdout;
	if (!f) {
		fprintf(stderr, "%s: error: cannot write %s: %s\n", prog, out, strerror(errno));
		goto out;
	}
	html_page(f, &r, title);
	if (fflush(f) || ferror(f) || (f != stdout && fclose(f))) {
		fprintf(stderr, "%s: error: cannot write %s\n", prog, out ? out : "stdout");
		goto out;
	}
	ret = 0;
out:
	jp_free(root);
	free(text);
	return ret;
}
