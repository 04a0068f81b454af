// SPDX-License-Identifier: MIT
/*
 * fuzz-params.c - libFuzzer target over the text the analyses parse from
 * their users: the --begin/--end times ("[HH:MM:]SS[.fraction]", parsed by
 * rp_param_time()), the comma lists of the variants parameter
 * (rp_param_list_foreach()) and the cpu-to-node topology from
 * rseqprof.info (rp_parse_cpu_to_node()).
 *
 * The first input byte picks the parser, the rest is the text.  Besides
 * the sanitizers, each parser is checked against an independent oracle:
 * a time that parses equals the exact value computed in 128 bits (so an
 * overflow cannot pass as a time), list items are the non-empty comma
 * fields in order, a topology that parses has one node < VCID_MAX_NODES
 * per comma field.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rp_models.h"
#include "rp_params.h"

#define FZ_MAX_TEXT	4096

static void fz_fail(const char *what, const char *text)
{
	fprintf(stderr, "fuzz-params: %s: input '%s'\n", what, text);
	abort();
}

/* Reference for "[HH:MM:]SS[.fraction]": 0 and *ns, or -1 (malformed or > 2^64-1). */
static int fz_ref_time(const char *s, unsigned __int128 *ns)
{
	unsigned __int128 parts[3] = { 0 }, frac = 0, scale = 100000000;
	int n = 0, digits;
	const char *p = s;

	do {
		if (n == 3)
			return -1;
		for (digits = 0; *p >= '0' && *p <= '9'; p++, digits++) {
			parts[n] = parts[n] * 10 + (unsigned)(*p - '0');
			if (parts[n] > ((unsigned __int128)1 << 70))
				return -1;
		}
		if (!digits)
			return -1;
		n++;
	} while (*p == ':' && p++);
	if (*p == '.') {
		for (p++, digits = 0; *p >= '0' && *p <= '9'; p++, digits++) {
			frac += (unsigned)(*p - '0') * scale;
			scale /= 10;
		}
		if (!digits)
			return -1;
	}
	if (*p || n == 2)
		return -1;
	if (n == 3)
		*ns = ((parts[0] * 60 + parts[1]) * 60 + parts[2]) * 1000000000 + frac;
	else
		*ns = parts[0] * 1000000000 + frac;
	return *ns > UINT64_MAX ? -1 : 0;
}

static void fz_time(const char *text)
{
	bt_value *map = bt_value_map_create();
	unsigned __int128 want;
	uint64_t got;
	bool tod;
	int ret, ref;

	if (!map || bt_value_map_insert_string_entry(map, "begin", text))
		abort();
	ret = rp_param_time(map, "begin", 7, &got, &tod);
	ref = fz_ref_time(text, &want);
	if (ret == 0 && ref != 0)
		fz_fail("accepted a malformed or overflowing time", text);
	if (ret != 0 && ref == 0)
		fz_fail("refused a valid time", text);
	if (ret == 0 && got != (uint64_t)want)
		fz_fail("wrong time", text);
	bt_value_put_ref(map);
}

struct fz_list {
	const char *text;
	const char *next;	/* where the next item must start searching */
};

static int fz_list_item(const char *item, size_t len, void *data)
{
	struct fz_list *l = data;
	const char *p = l->next;

	while (*p == ',')
		p++;
	if (!len || memchr(item, ',', len) || item != p || strncmp(item, p, len))
		fz_fail("list item is not the next non-empty comma field", l->text);
	l->next = p + len;
	return 0;
}

static void fz_list(const char *text)
{
	bt_value *map = bt_value_map_create();
	struct fz_list l = { text, NULL };
	const char *value;

	if (!map || bt_value_map_insert_string_entry(map, "variants", text))
		abort();
	/* The callback gets pointers into the map's copy of the text. */
	value = bt_value_string_get(bt_value_map_borrow_entry_value_const(map, "variants"));
	l.next = value;
	rp_param_list_foreach(map, "variants", fz_list_item, &l);
	while (*l.next == ',')
		l.next++;
	if (*l.next)
		fz_fail("list items missed", text);
	bt_value_put_ref(map);
}

static void fz_topology(const char *text)
{
	struct vcid_config cfg;
	char err[256];
	uint32_t fields = 1, i;
	const char *p;

	memset(&cfg, 0, sizeof(cfg));
	if (rp_parse_cpu_to_node(text, &cfg, err, sizeof(err))) {
		if (!memchr(err, '\0', sizeof(err)) || !err[0])
			fz_fail("refused without a message", text);
		return;
	}
	for (p = text; *p; p++)
		fields += *p == ',';
	if (p > text && p[-1] == ',')
		fields--;
	if (cfg.nr_cpus != fields || cfg.nr_cpus > VCID_MAX_CPUS)
		fz_fail("CPU count differs from the comma fields", text);
	if (!cfg.nr_nodes || cfg.nr_nodes > VCID_MAX_NODES)
		fz_fail("node count out of range", text);
	for (i = 0; i < cfg.nr_cpus; i++)
		if (cfg.cpu_to_node[i] >= cfg.nr_nodes)
			fz_fail("a CPU's node is >= nr_nodes", text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[FZ_MAX_TEXT + 1];

	if (size < 1 || size - 1 > FZ_MAX_TEXT)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	if (strlen(text) != size - 1)
		return 0;	/* the parsers take C strings */
	switch (data[0] % 3) {
	case 0:
		fz_time(text);
		break;
	case 1:
		fz_list(text);
		break;
	default:
		fz_topology(text);
		break;
	}
	return 0;
}
