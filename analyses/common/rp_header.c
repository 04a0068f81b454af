// SPDX-License-Identifier: MIT
/*
 * rp_header.c - the facts every report states (rp_header.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "rp_header.h"

static const enum rp_kev_type rp_reported_types[] = {
	RP_KEV_SWITCH, RP_KEV_MIGRATE, RP_KEV_FORK, RP_KEV_EXEC,
	RP_KEV_EXIT, RP_KEV_FREE, RP_KEV_RSEQ_UPDATE,
};

#define RP_NR_REPORTED	(sizeof(rp_reported_types) / sizeof(rp_reported_types[0]))

/* Distinct trace formats a header names at most. */
#define RP_HEADER_MAX_FORMATS	8

/**
 * struct rp_header_input - what the report read, and with what
 * @desc:	the distinct entries of parameter "trace-format" (the format
 *		of each trace the caller found, "CTF 2 (lttng-ust 2.16)"),
 *		borrowed from the parameters, @len bytes each
 * @nr:		entries of @desc
 * @ctf2:	traces whose entry is CTF 2
 * @ctf18:	traces whose entry is CTF 1.8
 * @formats:	@desc joined ("A and B", "A, B and C")
 * @bt2:	the babeltrace2 library's version, as it runs ("2.1.2")
 */
struct rp_header_input {
	struct {
		const char *s;
		size_t len;
	} desc[RP_HEADER_MAX_FORMATS];
	unsigned int nr;
	uint64_t ctf2, ctf18;
	char formats[192];
	char bt2[48];
};

static bool rp_header_is(const char *item, size_t len, const char *format)
{
	size_t n = strlen(format);

	return len >= n && !strncmp(item, format, n) &&
	       (len == n || item[n] == ' ');
}

static int rp_header_add_format(const char *item, size_t len, void *data)
{
	struct rp_header_input *in = data;
	unsigned int i;

	if (rp_header_is(item, len, "CTF 2"))
		in->ctf2++;
	else if (rp_header_is(item, len, "CTF 1.8"))
		in->ctf18++;
	for (i = 0; i < in->nr; i++)
		if (in->desc[i].len == len && !strncmp(in->desc[i].s, item, len))
			return 0;
	if (in->nr < RP_HEADER_MAX_FORMATS) {
		in->desc[in->nr].s = item;
		in->desc[in->nr++].len = len;
	}
	return 0;
}

/*
 * Fill @in from parameter "trace-format" and the babeltrace2 library;
 * false when the caller stated no format (a component run by hand): the
 * header then says nothing about its input.
 */
static bool rp_header_input(const struct rp_sink *s, struct rp_header_input *in)
{
	const char *stage = bt_version_get_development_stage();
	size_t n = 0;
	unsigned int i;

	memset(in, 0, sizeof(*in));
	if (!rp_param_has(s->params, "trace-format"))
		return false;
	rp_param_list_foreach(s->params, "trace-format", rp_header_add_format, in);
	for (i = 0; i < in->nr && n < sizeof(in->formats); i++)
		n += (size_t)snprintf(in->formats + n, sizeof(in->formats) - n, "%s%.*s",
				      !i ? "" : i + 1 < in->nr ? ", " : " and ",
				      (int)in->desc[i].len, in->desc[i].s);
	if (!in->nr)
		snprintf(in->formats, sizeof(in->formats), "not found");
	snprintf(in->bt2, sizeof(in->bt2), "%u.%u.%u%s", bt_version_get_major(),
		 bt_version_get_minor(), bt_version_get_patch(), stage ? stage : "");
	return true;
}

void rp_header_json(struct rp_sink *s)
{
	const struct rp_loss *l = &s->dec->loss;
	uint64_t begin = rp_sink_begin(s), end = rp_sink_end(s);
	struct rp_header_input in;
	struct rp_out *o = s->out;
	size_t i;

	rp_json_u64(o, "lost_events", rp_loss_events(l));
	rp_json_bool(o, "lost_events_exact", !l->events_unknown && !l->packets_unknown);
	rp_json_u64(o, "lost_events_unknown_count_messages", l->events_unknown);
	rp_json_u64(o, "lost_packets", l->packets);
	rp_json_bool(o, "approximate", rp_loss_any(l));
	rp_json_open(o, "trace");
	rp_json_u64(o, "events", s->dec->events);
	for (i = 0; i < RP_NR_REPORTED; i++)
		rp_json_u64(o, rp_kev_type_name(rp_reported_types[i]),
			    s->dec->counts[rp_reported_types[i]]);
	rp_json_u64(o, "duplicates_dropped", s->dec->duplicates);
	rp_json_close(o);
	if (begin || end != UINT64_MAX) {
		rp_json_open(o, "range_ns");
		rp_json_u64(o, "begin", begin);
		if (end != UINT64_MAX)
			rp_json_u64(o, "end", end);
		rp_json_close(o);
	}
	rp_json_open(o, "tasks");
	rp_json_u64(o, "known", s->dec->tasks.nr);
	rp_json_u64(o, "tgid_guesses", s->dec->tasks.guesses);
	rp_json_u64(o, "tgid_guesses_wrong", s->dec->tasks.corrections);
	rp_json_close(o);
	if (rp_header_input(s, &in)) {
		rp_json_open(o, "input");
		rp_json_str(o, "trace_format", in.formats);
		rp_json_u64(o, "ctf_2_traces", in.ctf2);
		rp_json_u64(o, "ctf_1_8_traces", in.ctf18);
		rp_json_str(o, "babeltrace2_version", in.bt2);
		rp_json_close(o);
	}
}

void rp_header_text_filter(struct rp_sink *s, const char *what)
{
	const struct rp_filter *flt = s->filter;
	FILE *f = s->out->f;

	if (!flt->active)
		return;
	fprintf(f, "Filter: only %s", what);
	if (flt->has_pid)
		fprintf(f, " pid %" PRIu32, flt->pid);
	if (flt->has_tid)
		fprintf(f, " tid %" PRIu32, flt->tid);
	if (flt->procname)
		fprintf(f, " procname %s", flt->procname);
	fputc('\n', f);
}

void rp_header_text(struct rp_sink *s)
{
	const struct rp_loss *l = &s->dec->loss;
	uint64_t begin = rp_sink_begin(s), end = rp_sink_end(s);
	struct rp_header_input in;
	char line[RP_OUT_FACT_LEN];
	size_t i;
	int n;

	if (l->events_unknown || l->packets_unknown)
		snprintf(line, sizeof(line), "Lost events: unknown (at least %" PRIu64
			 "), lost packets: %" PRIu64 "%s: percentages are approximate",
			 rp_loss_events(l), l->packets,
			 l->packets_unknown ? " (and unknown)" : "");
	else if (rp_loss_any(l))
		snprintf(line, sizeof(line), "Lost events: %" PRIu64 ", lost packets: %" PRIu64
			 ": percentages are approximate", rp_loss_events(l), l->packets);
	else
		snprintf(line, sizeof(line), "Lost events: 0");
	rp_out_fact(s->out, line);
	n = snprintf(line, sizeof(line), "Trace events: %" PRIu64, s->dec->events);
	for (i = 0; i < RP_NR_REPORTED && n < (int)sizeof(line); i++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, "%s%s %" PRIu64,
			      i ? ", " : " (", rp_kev_type_name(rp_reported_types[i]),
			      s->dec->counts[rp_reported_types[i]]);
	if (n < (int)sizeof(line))
		snprintf(line + n, sizeof(line) - (size_t)n, ")");
	rp_out_fact(s->out, line);
	if (s->dec->duplicates) {
		snprintf(line, sizeof(line), "Duplicate events dropped: %" PRIu64
			 " (the recorder wrote them twice: same CPU, time and fields)",
			 s->dec->duplicates);
		rp_out_fact(s->out, line);
	}
	if (begin || end != UINT64_MAX) {
		n = snprintf(line, sizeof(line), "Range: counted from %" PRIu64 " ns", begin);
		if (end != UINT64_MAX)
			n += snprintf(line + n, sizeof(line) - (size_t)n, " to %" PRIu64 " ns", end);
		snprintf(line + n, sizeof(line) - (size_t)n,
			 " (trace events above: read up to the end of the range)");
		rp_out_fact(s->out, line);
	}
	snprintf(line, sizeof(line), "Tasks: %zu known, %" PRIu64
		 " with a guessed thread group (tid taken as tgid), %" PRIu64
		 " of those guesses proved wrong",
		 s->dec->tasks.nr, s->dec->tasks.guesses, s->dec->tasks.corrections);
	rp_out_fact(s->out, line);
	if (rp_header_input(s, &in)) {
		snprintf(line, sizeof(line), "Trace format: %s, read by babeltrace2 %s",
			 in.formats, in.bt2);
		rp_out_fact(s->out, line);
	}
}

void rp_header_csv(struct rp_sink *s)
{
	const struct rp_loss *l = &s->dec->loss;
	struct rp_header_input in;
	struct rp_out *o = s->out;
	size_t i;

	rp_csv_row(o, "loss", NULL, "lost_events", rp_loss_events(l), -1);
	rp_csv_row(o, "loss", NULL, "lost_events_unknown_count_messages", l->events_unknown, -1);
	rp_csv_row(o, "loss", NULL, "lost_packets", l->packets, -1);
	rp_csv_row(o, "trace", NULL, "events", s->dec->events, -1);
	for (i = 0; i < RP_NR_REPORTED; i++)
		rp_csv_row(o, "trace", NULL, rp_kev_type_name(rp_reported_types[i]),
			   s->dec->counts[rp_reported_types[i]], -1);
	if (s->dec->duplicates)
		rp_csv_row(o, "trace", NULL, "duplicates_dropped", s->dec->duplicates, -1);
	rp_csv_row(o, "tasks", NULL, "known", s->dec->tasks.nr, -1);
	rp_csv_row(o, "tasks", NULL, "tgid_guesses", s->dec->tasks.guesses, -1);
	rp_csv_row(o, "tasks", NULL, "tgid_guesses_wrong", s->dec->tasks.corrections, -1);
	if (rp_header_input(s, &in)) {
		rp_csv_row(o, "input", NULL, "ctf_2_traces", in.ctf2, -1);
		rp_csv_row(o, "input", NULL, "ctf_1_8_traces", in.ctf18, -1);
		rp_csv_row(o, "input", NULL, "babeltrace2_major", bt_version_get_major(), -1);
		rp_csv_row(o, "input", NULL, "babeltrace2_minor", bt_version_get_minor(), -1);
		rp_csv_row(o, "input", NULL, "babeltrace2_patch", bt_version_get_patch(), -1);
	}
}
