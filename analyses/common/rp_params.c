// SPDX-License-Identifier: MIT
/*
 * rp_params.c - table-driven validation of component parameters.
 */
#include <stdio.h>
#include <string.h>

#include "rp_params.h"

struct rp_validate_ctx {
	const struct rp_param_desc *const *tables;
	char *err;
	size_t errlen;
	int ret;
};

static const struct rp_param_desc *
rp_param_lookup(const struct rp_param_desc *const *tables, const char *key)
{
	const struct rp_param_desc *d;
	int i;

	for (i = 0; tables[i]; i++)
		for (d = tables[i]; d->name; d++)
			if (!strcmp(d->name, key))
				return d;
	return NULL;
}

static const char *rp_param_type_name(enum rp_param_type t)
{
	switch (t) {
	case RP_PARAM_STRING:
		return "a string";
	case RP_PARAM_UINT:
		return "a non-negative integer";
	case RP_PARAM_BOOL:
		return "a boolean";
	case RP_PARAM_STRING_LIST:
		return "a string or an array of strings";
	case RP_PARAM_TIME:
		return "an integer (ns) or a string [HH:MM:]SS[.fraction]";
	}
	return "?";
}

static bool rp_param_type_ok(const struct rp_param_desc *d, const bt_value *v)
{
	uint64_t i, n;

	switch (d->type) {
	case RP_PARAM_STRING:
		return bt_value_is_string(v);
	case RP_PARAM_TIME:
		if (bt_value_is_string(v))
			return true;
		/* fall through */
	case RP_PARAM_UINT:
		if (bt_value_is_unsigned_integer(v))
			return true;
		return bt_value_is_signed_integer(v) &&
		       bt_value_integer_signed_get(v) >= 0;
	case RP_PARAM_BOOL:
		return bt_value_is_bool(v);
	case RP_PARAM_STRING_LIST:
		if (bt_value_is_string(v))
			return true;
		if (!bt_value_is_array(v))
			return false;
		n = bt_value_array_get_length(v);
		for (i = 0; i < n; i++)
			if (!bt_value_is_string(
				    bt_value_array_borrow_element_by_index_const(v, i)))
				return false;
		return true;
	}
	return false;
}

static bt_value_map_foreach_entry_const_func_status
rp_validate_entry(const char *key, const bt_value *v, void *data)
{
	struct rp_validate_ctx *ctx = data;
	const struct rp_param_desc *d = rp_param_lookup(ctx->tables, key);

	if (!d) {
		snprintf(ctx->err, ctx->errlen, "unknown parameter '%s'", key);
		ctx->ret = -1;
		return BT_VALUE_MAP_FOREACH_ENTRY_CONST_FUNC_STATUS_INTERRUPT;
	}
	if (!rp_param_type_ok(d, v)) {
		snprintf(ctx->err, ctx->errlen,
			 "parameter '%s' must be %s", key,
			 rp_param_type_name(d->type));
		ctx->ret = -1;
		return BT_VALUE_MAP_FOREACH_ENTRY_CONST_FUNC_STATUS_INTERRUPT;
	}
	return BT_VALUE_MAP_FOREACH_ENTRY_CONST_FUNC_STATUS_OK;
}

int rp_params_validate(const bt_value *params,
		       const struct rp_param_desc *const *tables,
		       char *err, size_t errlen)
{
	struct rp_validate_ctx ctx = {
		.tables = tables, .err = err, .errlen = errlen, .ret = 0,
	};

	if (!params)
		return 0;
	if (!bt_value_is_map(params)) {
		snprintf(err, errlen, "parameters must be a map");
		return -1;
	}
	bt_value_map_foreach_entry_const(params, rp_validate_entry, &ctx);
	return ctx.ret;
}

static const bt_value *rp_param_borrow(const bt_value *params, const char *key)
{
	if (!params || !bt_value_is_map(params))
		return NULL;
	return bt_value_map_borrow_entry_value_const(params, key);
}

bool rp_param_has(const bt_value *params, const char *key)
{
	return rp_param_borrow(params, key) != NULL;
}

const char *rp_param_string(const bt_value *params, const char *key,
			    const char *def)
{
	const bt_value *v = rp_param_borrow(params, key);

	return v && bt_value_is_string(v) ? bt_value_string_get(v) : def;
}

bool rp_param_bool(const bt_value *params, const char *key, bool def)
{
	const bt_value *v = rp_param_borrow(params, key);

	return v && bt_value_is_bool(v) ? bt_value_bool_get(v) : def;
}

uint64_t rp_param_uint(const bt_value *params, const char *key, uint64_t def)
{
	const bt_value *v = rp_param_borrow(params, key);

	if (!v)
		return def;
	if (bt_value_is_unsigned_integer(v))
		return bt_value_integer_unsigned_get(v);
	if (bt_value_is_signed_integer(v))
		return (uint64_t)bt_value_integer_signed_get(v);
	return def;
}

static int rp_split_foreach(const char *s,
			    int (*fn)(const char *, size_t, void *), void *data)
{
	const char *p = s;
	int ret;

	while (*p) {
		size_t len = strcspn(p, ",");

		if (len) {
			ret = fn(p, len, data);
			if (ret)
				return ret;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

int rp_param_list_foreach(const bt_value *params, const char *key,
			  int (*fn)(const char *item, size_t len, void *data),
			  void *data)
{
	const bt_value *v = rp_param_borrow(params, key);
	uint64_t i, n;
	int ret;

	if (!v)
		return 0;
	if (bt_value_is_string(v))
		return rp_split_foreach(bt_value_string_get(v), fn, data);
	if (!bt_value_is_array(v))
		return 0;
	n = bt_value_array_get_length(v);
	for (i = 0; i < n; i++) {
		const bt_value *e = bt_value_array_borrow_element_by_index_const(v, i);

		if (!bt_value_is_string(e))
			continue;
		ret = rp_split_foreach(bt_value_string_get(e), fn, data);
		if (ret)
			return ret;
	}
	return 0;
}

/* a * m + b, false on overflow */
static bool rp_mul_add(uint64_t a, uint64_t m, uint64_t b, uint64_t *out)
{
	return !__builtin_mul_overflow(a, m, out) && !__builtin_add_overflow(*out, b, out);
}

/* "[HH:MM:]SS[.fraction]" -> ns; -1 when malformed or beyond 2^64 - 1 ns. */
static int rp_parse_clock(const char *s, uint64_t *out, bool *tod)
{
	uint64_t parts[3] = { 0 }, ns = 0, scale = 100000000ULL, v;
	int n = 0;
	const char *p = s;

	for (;;) {
		if (*p < '0' || *p > '9' || n == 3)
			return -1;
		while (*p >= '0' && *p <= '9')
			if (!rp_mul_add(parts[n], 10, (uint64_t)(*p++ - '0'), &parts[n]))
				return -1;
		n++;
		if (*p != ':')
			break;
		p++;
	}
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		for (; *p >= '0' && *p <= '9'; p++) {
			ns += (uint64_t)(*p - '0') * scale;
			scale /= 10;
		}
	}
	if (*p || n == 2)
		return -1;
	*tod = n == 3;
	if (n == 3) {
		if (!rp_mul_add(parts[0], 60, parts[1], &v) ||
		    !rp_mul_add(v, 60, parts[2], &v))
			return -1;
	} else {
		v = parts[0];
	}
	if (!rp_mul_add(v, 1000000000ULL, ns, out))
		return -1;
	return 0;
}

int rp_param_time(const bt_value *params, const char *key, uint64_t def,
		  uint64_t *out, bool *tod)
{
	const bt_value *v = rp_param_borrow(params, key);

	*out = def;
	*tod = false;
	if (!v)
		return 0;
	if (bt_value_is_string(v))
		return rp_parse_clock(bt_value_string_get(v), out, tod);
	*out = rp_param_uint(params, key, def);
	return 0;
}
