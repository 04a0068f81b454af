// SPDX-License-Identifier: MIT
/*
 * json_parse.c - a small strict JSON parser (RFC 8259 grammar, \u escapes
 * decoded to UTF-8, surrogate pairs included).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_parse.h"

struct jp_ctx {
	const char *p;
	const char *end;
	const char *start;
	char *err;
	size_t errlen;
	bool failed;
};

static int jp_line(const struct jp_ctx *c)
{
	const char *q;
	int line = 1;

	for (q = c->start; q < c->p && q < c->end; q++)
		if (*q == '\n')
			line++;
	return line;
}

static void jp_fail(struct jp_ctx *c, const char *what)
{
	if (c->failed)
		return;
	c->failed = true;
	snprintf(c->err, c->errlen, "line %d: %s", jp_line(c), what);
}

static void jp_ws(struct jp_ctx *c)
{
	while (c->p < c->end &&
	       (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

static bool jp_lit(struct jp_ctx *c, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, lit, n))
		return false;
	c->p += n;
	return true;
}

static int jp_hex4(struct jp_ctx *c, unsigned int *out)
{
	unsigned int v = 0;
	int i;

	if (c->end - c->p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		char ch = *c->p++;

		v <<= 4;
		if (ch >= '0' && ch <= '9')
			v |= (unsigned int)(ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			v |= (unsigned int)(ch - 'a' + 10);
		else if (ch >= 'A' && ch <= 'F')
			v |= (unsigned int)(ch - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static size_t jp_utf8(unsigned int cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* At the opening quote; returns an owned string or NULL. */
static char *jp_string(struct jp_ctx *c)
{
	const char *q;
	char *out, *o;

	c->p++;
	/* The decoded string is never longer than the raw one. */
	for (q = c->p; q < c->end && *q != '"'; q++)
		if (*q == '\\')
			q++;
	if (q >= c->end) {
		jp_fail(c, "unterminated string");
		return NULL;
	}
	out = malloc((size_t)(q - c->p) + 1);
	if (!out) {
		jp_fail(c, "out of memory");
		return NULL;
	}
	o = out;
	while (c->p < c->end && *c->p != '"') {
		unsigned char ch = (unsigned char)*c->p++;

		if (ch < 0x20) {
			jp_fail(c, "control character in string");
			goto error;
		}
		if (ch != '\\') {
			*o++ = (char)ch;
			continue;
		}
		if (c->p >= c->end) {
			jp_fail(c, "unterminated string");
			goto error;
		}
		switch (*c->p++) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			unsigned int cp, lo;

			if (jp_hex4(c, &cp)) {
				jp_fail(c, "bad \\u escape");
				goto error;
			}
			if (cp >= 0xd800 && cp < 0xdc00) {
				if (!jp_lit(c, "\\u") || jp_hex4(c, &lo) ||
				    lo < 0xdc00 || lo >= 0xe000) {
					jp_fail(c, "bad surrogate pair");
					goto error;
				}
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			} else if (cp >= 0xdc00 && cp < 0xe000) {
				jp_fail(c, "lone low surrogate");
				goto error;
			}
			if (!cp) {
				jp_fail(c, "NUL in string");
				goto error;
			}
			/* \uXXXX is 6 raw bytes, at most 4 decoded; a pair 12 -> 4. */
			o += jp_utf8(cp, o);
			break;
		}
		default:
			jp_fail(c, "bad escape in string");
			goto error;
		}
	}
	c->p++;
	*o = '\0';
	return out;
error:
	free(out);
	return NULL;
}

static bool jp_number_ok(struct jp_ctx *c, double *out)
{
	const char *s = c->p;
	char buf[64];
	size_t n;

	if (c->p < c->end && *c->p == '-')
		c->p++;
	if (c->p >= c->end || *c->p < '0' || *c->p > '9')
		return false;
	if (*c->p == '0')
		c->p++;
	else
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
			c->p++;
	if (c->p < c->end && *c->p == '.') {
		c->p++;
		if (c->p >= c->end || *c->p < '0' || *c->p > '9')
			return false;
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
			c->p++;
	}
	if (c->p < c->end && (*c->p == 'e' || *c->p == 'E')) {
		c->p++;
		if (c->p < c->end && (*c->p == '+' || *c->p == '-'))
			c->p++;
		if (c->p >= c->end || *c->p < '0' || *c->p > '9')
			return false;
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
			c->p++;
	}
	n = (size_t)(c->p - s);
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*out = strtod(buf, NULL);
	return isfinite(*out);
}

static struct jp_value *jp_value(struct jp_ctx *c, int depth);

static struct jp_value *jp_new(struct jp_ctx *c, enum jp_type t)
{
	struct jp_value *v = calloc(1, sizeof(*v));

	if (!v)
		jp_fail(c, "out of memory");
	else
		v->type = t;
	return v;
}

static struct jp_value *jp_container(struct jp_ctx *c, int depth, bool object)
{
	struct jp_value *v = jp_new(c, object ? JP_OBJECT : JP_ARRAY);
	struct jp_value **tail;
	char close = object ? '}' : ']';

	if (!v)
		return NULL;
	tail = &v->child;
	c->p++;
	jp_ws(c);
	if (c->p < c->end && *c->p == close) {
		c->p++;
		return v;
	}
	for (;;) {
		char *key = NULL;
		struct jp_value *e;

		jp_ws(c);
		if (object) {
			if (c->p >= c->end || *c->p != '"') {
				jp_fail(c, "expected a member name");
				goto error;
			}
			key = jp_string(c);
			if (!key)
				goto error;
			jp_ws(c);
			if (c->p >= c->end || *c->p != ':') {
				free(key);
				jp_fail(c, "expected ':'");
				goto error;
			}
			c->p++;
		}
		e = jp_value(c, depth + 1);
		if (!e) {
			free(key);
			goto error;
		}
		e->key = key;
		*tail = e;
		tail = &e->next;
		jp_ws(c);
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			continue;
		}
		if (c->p < c->end && *c->p == close) {
			c->p++;
			return v;
		}
		jp_fail(c, object ? "expected ',' or '}'" : "expected ',' or ']'");
		goto error;
	}
error:
	jp_free(v);
	return NULL;
}

static struct jp_value *jp_value(struct jp_ctx *c, int depth)
{
	struct jp_value *v;

	if (depth > JP_MAX_DEPTH) {
		jp_fail(c, "nested too deeply");
		return NULL;
	}
	jp_ws(c);
	if (c->p >= c->end) {
		jp_fail(c, "unexpected end of input");
		return NULL;
	}
	switch (*c->p) {
	case '{':
		return jp_container(c, depth, true);
	case '[':
		return jp_container(c, depth, false);
	case '"': {
		char *s = jp_string(c);

		if (!s)
			return NULL;
		v = jp_new(c, JP_STRING);
		if (!v) {
			free(s);
			return NULL;
		}
		v->str = s;
		return v;
	}
	case 't':
	case 'f':
	case 'n':
		if (jp_lit(c, "true") || jp_lit(c, "false")) {
			v = jp_new(c, JP_BOOL);
			if (v)
				v->b = c->p[-1] == 'e' && c->p[-2] == 'u';
			return v;
		}
		if (jp_lit(c, "null"))
			return jp_new(c, JP_NULL);
		break;
	default: {
		double num;

		if (jp_number_ok(c, &num)) {
			v = jp_new(c, JP_NUMBER);
			if (v)
				v->num = num;
			return v;
		}
		break;
	}
	}
	jp_fail(c, "expected a value");
	return NULL;
}

struct jp_value *jp_parse(const char *text, size_t len, char *err, size_t errlen)
{
	struct jp_ctx c = {
		.p = text, .end = text + len, .start = text,
		.err = err, .errlen = errlen,
	};
	struct jp_value *v = jp_value(&c, 0);

	if (!v)
		return NULL;
	jp_ws(&c);
	if (c.p != c.end) {
		jp_fail(&c, "trailing data after the document");
		jp_free(v);
		return NULL;
	}
	return v;
}

void jp_free(struct jp_value *v)
{
	while (v) {
		struct jp_value *next = v->next;

		jp_free(v->child);
		free(v->str);
		free(v->key);
		free(v);
		v = next;
	}
}

const struct jp_value *jp_get(const struct jp_value *obj, const char *key)
{
	const struct jp_value *e;

	if (!obj || obj->type != JP_OBJECT)
		return NULL;
	for (e = obj->child; e; e = e->next)
		if (!strcmp(e->key, key))
			return e;
	return NULL;
}

double jp_number(const struct jp_value *v, double def)
{
	return v && v->type == JP_NUMBER ? v->num : def;
}
