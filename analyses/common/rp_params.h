/* SPDX-License-Identifier: MIT */
/*
 * rp_params.h - table-driven validation of component parameters.
 *
 * babeltrace2 2.0.4 keeps its parameter-validation helpers internal, so the
 * rseqprof sinks describe their parameters in a table and validate the map
 * they receive against it: every key must be in one of the tables, with the
 * right type.  Unknown keys and wrong types are errors that name the key.
 */
#ifndef RP_PARAMS_H
#define RP_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <babeltrace2/babeltrace.h>

enum rp_param_type {
	RP_PARAM_STRING,	/* a string value */
	RP_PARAM_UINT,		/* a non-negative integer (signed or unsigned value) */
	RP_PARAM_BOOL,		/* a boolean */
	RP_PARAM_STRING_LIST,	/* a string "a,b,c" or an array of strings */
	RP_PARAM_TIME,		/* an integer (ns) or a string "[HH:MM:]SS[.frac]" */
};

/**
 * struct rp_param_desc - one accepted parameter
 * @name:	key in the parameter map
 * @type:	expected type
 * @help:	one line for the component's help text
 */
struct rp_param_desc {
	const char *name;
	enum rp_param_type type;
	const char *help;
};

/* Terminates a table. */
#define RP_PARAM_END	{ NULL, 0, NULL }

/**
 * rp_params_validate() - check @params against NULL-terminated @tables
 * @params:	the component's parameter map (may be NULL: nothing to check)
 * @tables:	NULL-terminated array of RP_PARAM_END-terminated tables
 * @err:	receives a one-line message on failure
 * @errlen:	size of @err
 *
 * Return: 0, or -1 with @err set (unknown key, wrong type, not a map).
 */
int rp_params_validate(const bt_value *params,
		       const struct rp_param_desc *const *tables,
		       char *err, size_t errlen);

/**
 * rp_param_string() - the string value of @key, or @def when absent
 */
const char *rp_param_string(const bt_value *params, const char *key,
			    const char *def);

/**
 * rp_param_uint() - the integer value of @key, or @def when absent
 *
 * Only call after rp_params_validate() accepted @key as RP_PARAM_UINT.
 */
uint64_t rp_param_uint(const bt_value *params, const char *key, uint64_t def);

/**
 * rp_param_bool() - the boolean value of @key, or @def when absent
 */
bool rp_param_bool(const bt_value *params, const char *key, bool def);

/**
 * rp_param_has() - whether @key is present
 */
bool rp_param_has(const bt_value *params, const char *key);

/**
 * rp_param_list_foreach() - call @fn for each item of a RP_PARAM_STRING_LIST
 * @params:	the map
 * @key:	the key (absent: @fn is never called)
 * @fn:		callback; a non-zero return stops and is returned
 * @data:	passed to @fn
 *
 * A string value is split on commas; empty items are skipped.
 *
 * Return: 0, or the first non-zero value @fn returned.
 */
int rp_param_list_foreach(const bt_value *params, const char *key,
			  int (*fn)(const char *item, size_t len, void *data),
			  void *data);

/**
 * rp_param_time() - the time of @key in ns, @def when absent
 * @params:	the map
 * @key:	a RP_PARAM_TIME key
 * @def:	default
 * @out:	receives the time
 *
 * A string with hours ("HH:MM:SS[.fraction]") is a time of day, as
 * babeltrace2 prints it: *@tod is set and the caller adds the day of the
 * trace.  Other forms set *@tod to false.
 *
 * Return: 0, or -1 when the string is not "[HH:MM:]SS[.fraction]".
 */
int rp_param_time(const bt_value *params, const char *key, uint64_t def,
		  uint64_t *out, bool *tod);

#endif /* RP_PARAMS_H */
