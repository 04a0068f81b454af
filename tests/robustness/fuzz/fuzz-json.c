// SPDX-License-Identifier: MIT
/*
 * fuzz-json.c - libFuzzer target over the JSON reader of rseqprof compare
 * (analyses/common/json_parse.c), which reads reports users hand it.
 *
 * Besides the sanitizers, two oracles: a refusal comes with a one-line,
 * non-empty message; a document that parses is written back as JSON by an
 * independent writer here, and that text must parse into the same tree
 * (types, keys and member order, strings, numbers bit for bit).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_parse.h"

struct fz_buf {
	char *s;
	size_t len, cap;
};

static void fz_fail(const char *what)
{
	fprintf(stderr, "fuzz-json: %s\n", what);
	abort();
}

static void fz_put(struct fz_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s)
			abort();
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void fz_puts(struct fz_buf *b, const char *s)
{
	fz_put(b, s, strlen(s));
}

static void fz_string(struct fz_buf *b, const char *s)
{
	char esc[8];

	fz_puts(b, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			fz_put(b, esc, 2);
		} else if (c < 0x20) {
			snprintf(esc, sizeof(esc), "\\u%04x", c);
			fz_puts(b, esc);
		} else {
			fz_put(b, (const char *)&c, 1);
		}
	}
	fz_puts(b, "\"");
}

static void fz_write(struct fz_buf *b, const struct jp_value *v)
{
	const struct jp_value *c;
	char num[64];

	switch (v->type) {
	case JP_NULL:
		fz_puts(b, "null");
		break;
	case JP_BOOL:
		fz_puts(b, v->b ? "true" : "false");
		break;
	case JP_NUMBER:
		if (!isfinite(v->num))
			fz_fail("a parsed number is not finite");
		snprintf(num, sizeof(num), "%.17g", v->num);
		fz_puts(b, num);
		break;
	case JP_STRING:
		fz_string(b, v->str);
		break;
	case JP_ARRAY:
	case JP_OBJECT:
		fz_puts(b, v->type == JP_ARRAY ? "[" : "{");
		for (c = v->child; c; c = c->next) {
			if (v->type == JP_OBJECT) {
				if (!c->key)
					fz_fail("an object member without a key");
				fz_string(b, c->key);
				fz_puts(b, ":");
			}
			fz_write(b, c);
			if (c->next)
				fz_puts(b, ",");
		}
		fz_puts(b, v->type == JP_ARRAY ? "]" : "}");
		break;
	default:
		fz_fail("unknown value type");
	}
}

static int fz_same(const struct jp_value *a, const struct jp_value *b)
{
	for (; a && b; a = a->next, b = b->next) {
		if (a->type != b->type || (!a->key) != (!b->key) ||
		    (a->key && strcmp(a->key, b->key)))
			return 0;
		if (a->type == JP_BOOL && a->b != b->b)
			return 0;
		if (a->type == JP_NUMBER && memcmp(&a->num, &b->num, sizeof(a->num)) &&
		    a->num != b->num)
			return 0;
		if (a->type == JP_STRING && strcmp(a->str, b->str))
			return 0;
		if (!fz_same(a->child, b->child))
			return 0;
	}
	return !a && !b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fz_buf out = { 0 };
	struct jp_value *v, *w;
	char err[256];

	err[0] = '\0';
	v = jp_parse((const char *)data, size, err, sizeof(err));
	if (!v) {
		if (!err[0] || !memchr(err, '\0', sizeof(err)) || strchr(err, '\n'))
			fz_fail("refused without a one-line message");
		return 0;
	}
	fz_write(&out, v);
	w = jp_parse(out.s, out.len, err, sizeof(err));
	if (!w) {
		fprintf(stderr, "fuzz-json: rewritten '%.200s': %s\n", out.s, err);
		fz_fail("the rewritten document does not parse");
	}
	if (!fz_same(v, w))
		fz_fail("the rewritten document parses into another tree");
	jp_free(v);
	jp_free(w);
	free(out.s);
	return 0;
}
