/* SPDX-License-Identifier: MIT */
/*
 * json_parse.h - a small strict JSON parser for rseqprof's own reports.
 *
 * Parses a whole document into a tree (objects keep member order), with a
 * depth limit and precise one-line errors ("line 3: expected ':'").  Numbers
 * are kept as double.  Meant for reports the plugin wrote, but robust
 * against anything: it is a fuzz target.
 */
#ifndef RSEQPROF_JSON_PARSE_H
#define RSEQPROF_JSON_PARSE_H

#include <stdbool.h>
#include <stddef.h>

#define JP_MAX_DEPTH	64

enum jp_type {
	JP_NULL,
	JP_BOOL,
	JP_NUMBER,
	JP_STRING,
	JP_ARRAY,
	JP_OBJECT,
};

/**
 * struct jp_value - one JSON value
 * @type:	what it is
 * @b:		JP_BOOL
 * @num:	JP_NUMBER
 * @str:	JP_STRING (owned, NUL-terminated; embedded NULs are refused)
 * @key:	member name when the value is an object member (owned), or NULL
 * @child:	JP_ARRAY / JP_OBJECT: first element (owned)
 * @next:	next sibling (owned)
 */
struct jp_value {
	enum jp_type type;
	bool b;
	double num;
	char *str;
	char *key;
	struct jp_value *child;
	struct jp_value *next;
};

/**
 * jp_parse() - parse @len bytes of @text
 * @text:	the document (need not be NUL-terminated)
 * @len:	its length
 * @err:	receives a one-line message on failure
 * @errlen:	size of @err
 *
 * Return: the root value (free with jp_free()), or NULL with @err set.
 */
struct jp_value *jp_parse(const char *text, size_t len, char *err, size_t errlen);

void jp_free(struct jp_value *v);

/**
 * jp_get() - member @key of object @obj, NULL when absent or not an object
 */
const struct jp_value *jp_get(const struct jp_value *obj, const char *key);

/**
 * jp_number() - the number at @v, @def when @v is NULL or not a number
 */
double jp_number(const struct jp_value *v, double def);

#endif /* RSEQPROF_JSON_PARSE_H */
