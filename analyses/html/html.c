// SPDX-License-Identifier: MIT
/*
 * html.c - rseqprof-html: turn a JSON report of `rseqprof report --format
 * json` (schedstat at the root, other sinks' documents as members) into one
 * self-contained HTML page.  `rseqprof report DIR --html OUT` runs it.
 * Given several reports (workloads, kernels), the page puts their schedstat
 * breakdowns side by side instead, as the slides do.
 *
 * usage: rseqprof-html [-t TITLE] [-o OUT.html] [LABEL=]REPORT.json|- ...
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
	fprintf(f, "usage: %s [-t TITLE] [-o OUT.html] [LABEL=]REPORT.json|- ...\n"
		"Write one self-contained HTML page (inline SVG and CSS) from a JSON\n"
		"report of 'rseqprof report --format json'; from several, their\n"
		"schedstat breakdowns side by side, labelled LABEL or by file name.\n", prog);
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
	html_lost_banner(f, r, NULL);
	html_schedstat(f, r->schedstat);
	html_variants(f, r->schedstat);
	html_cid(f, r->cid);
	html_timeline(f, r->cid);
	html_migration(f, r->migration);
	html_numa(f, r->numa);
	html_end(f);
}

/* Several reports: their banners and the schedstat bars side by side. */
static void html_page_many(FILE *f, const struct html_report *r, const char *const *labels,
			   size_t n, const char *title)
{
	size_t i;

	html_begin(f, title);
	for (i = 0; i < n; i++)
		html_lost_banner(f, &r[i], labels[i]);
	html_workloads(f, labels, r, n);
	html_end(f);
}

/**
 * struct html_input - one JSON report given on the command line
 * @path:	file ("-": stdin)
 * @label:	LABEL of "LABEL=PATH", else the file name without ".json"
 * @text:	owned: the file's bytes
 * @root:	owned: the parsed document
 * @report:	its sections
 */
struct html_input {
	const char *path;
	char label[128];
	char *text;
	struct jp_value *root;
	struct html_report report;
};

/* Split "LABEL=PATH" (a LABEL holds no '/'), else label the file by name. */
static void html_input_name(struct html_input *in, const char *arg)
{
	const char *eq = strchr(arg, '='), *base;
	size_t n;

	if (eq && eq != arg && !memchr(arg, '/', (size_t)(eq - arg))) {
		in->path = eq + 1;
		n = (size_t)(eq - arg);
		snprintf(in->label, sizeof(in->label), "%.*s", (int)n, arg);
		return;
	}
	in->path = arg;
	base = strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg;
	n = strlen(base);
	if (n > 5 && !strcmp(base + n - 5, ".json"))
		n -= 5;
	snprintf(in->label, sizeof(in->label), "%.*s", (int)n, base);
}

/* Read and parse @in; a one-line error and -1 on failure. */
static int html_input_load(struct html_input *in)
{
	char err[256];
	size_t len = 0;
	FILE *f;

	f = strcmp(in->path, "-") ? fopen(in->path, "r") : stdin;
	if (!f) {
		fprintf(stderr, "%s: error: cannot open %s: %s\n", prog, in->path, strerror(errno));
		return -1;
	}
	in->text = html_slurp(f, &len);
	if (f != stdin)
		fclose(f);
	if (!in->text) {
		fprintf(stderr, "%s: error: cannot read %s: %s\n", prog, in->path, strerror(errno));
		return -1;
	}
	in->root = jp_parse(in->text, len, err, sizeof(err));
	if (!in->root) {
		fprintf(stderr, "%s: error: %s is not JSON (%s): give the output of "
			"'rseqprof report --format json'\n", prog, in->path, err);
		return -1;
	}
	html_sanitize_keys(in->root);
	html_report_find(&in->report, in->root);
	if (!in->report.schedstat && !in->report.cid && !in->report.migration &&
	    !in->report.numa) {
		fprintf(stderr, "%s: error: %s holds no rseqprof report section "
			"(schedstat, cid, migration or numa)\n", prog, in->path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *title = "rseqprof report", *out = NULL;
	struct html_report *reports = NULL;
	struct html_input *in = NULL;
	const char **labels = NULL;
	size_t n = 0, i;
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
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	n = (size_t)(argc - optind);
	in = calloc(n, sizeof(*in));
	reports = calloc(n, sizeof(*reports));
	labels = calloc(n, sizeof(*labels));
	if (!in || !reports || !labels) {
		fprintf(stderr, "%s: error: out of memory\n", prog);
		goto out;
	}
	for (i = 0; i < n; i++) {
		html_input_name(&in[i], argv[optind + i]);
		if (html_input_load(&in[i]))
			goto out;
		reports[i] = in[i].report;
		labels[i] = in[i].label;
	}
	f = out && strcmp(out, "-") ? fopen(out, "w") : stdout;
	if (!f) {
		fprintf(stderr, "%s: error: cannot write %s: %s\n", prog, out, strerror(errno));
		goto out;
	}
	if (n == 1)
		html_page(f, &reports[0], title);
	else
		html_page_many(f, reports, labels, n, title);
	if (fflush(f) || ferror(f) || (f != stdout && fclose(f))) {
		fprintf(stderr, "%s: error: cannot write %s\n", prog, out ? out : "stdout");
		goto out;
	}
	ret = 0;
out:
	for (i = 0; in && i < n; i++) {
		jp_free(in[i].root);
		free(in[i].text);
	}
	free(in);
	free(reports);
	free(labels);
	return ret;
}
