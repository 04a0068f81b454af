// SPDX-License-Identifier: MIT
/*
 * schedstat.c - sink.rseqprof.schedstat.
 *
 * Every scheduler event goes through each selected model (rp_sink feeds
 * them); at the end the eight schedstat counters of each variant are printed
 * as the slides' three tables, all percentages of one denominator (the sum
 * of the eight), variants side by side, then the variant-specific counters
 * and the model's health counters.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "rp_header.h"
#include "rp_host.h"
#include "schedstat.h"

/**
 * struct schedstat - private data of the schedstat section
 * @base:	the section base, first (decoder, models, document: the host's)
 */
struct schedstat {
	struct rp_sink base;
};

#define SCHEDSTAT_LABEL_W	40
#define SCHEDSTAT_COL_W		24

/*
 * A column: four spaces and a 20-character field, left-aligned so that the
 * percentages line up under the variant names; the last one is not padded.
 */
static void schedstat_text_field(FILE *f, const char *text, bool last)
{
	fprintf(f, "    %-*s", last ? 0 : SCHEDSTAT_COL_W - 4, text);
}

static void schedstat_text_cell(FILE *f, uint64_t n, uint64_t total,
				const char *approx, bool last)
{
	char cell[64];

	snprintf(cell, sizeof(cell), "%s%6.2f %% (%" PRIu64 ")", approx,
		 rp_percent(n, total), n);
	schedstat_text_field(f, cell, last);
}

static void schedstat_text_u64(FILE *f, uint64_t n, bool last)
{
	char cell[32];

	snprintf(cell, sizeof(cell), "%" PRIu64, n);
	schedstat_text_field(f, cell, last);
}

static void schedstat_text(struct rp_sink *s)
{
	const struct rp_models *ms = s->models;
	const char *approx = rp_sink_approx(s);
	int own = rp_models_own(ms);
	FILE *f = s->out->f;
	char note[256];
	unsigned int i;
	size_t t;
	int c;

	fprintf(f, "rseqprof schedstat: %u CPUs%s, %u node%s, runqueue cache %u\n",
		ms->cfg.nr_cpus, ms->topology ? "" : " (no topology given: model maximum)",
		ms->cfg.nr_nodes, ms->cfg.nr_nodes > 1 ? "s" : "", ms->cfg.cache_size);
	rp_header_text(s);
	rp_header_text_filter(s, "events about");
	rp_models_kernel_note(ms, approx, note, sizeof(note));
	if (*note)
		fprintf(f, "Kernel %s%s\n", note,
			own >= 0 ? " (column marked *)" : "");
	fprintf(f, "\n%-*s", SCHEDSTAT_LABEL_W, "");
	for (i = 0; i < ms->nr; i++) {
		char name[40];

		snprintf(name, sizeof(name), "%s%s", vcid_variant_name(ms->v[i].variant),
			 (int)i == own ? " *" : "");
		schedstat_text_field(f, name, i + 1 == ms->nr);
	}
	fputc('\n', f);
	for (t = 0; t < VCID_NR_SLIDE_GROUPS; t++) {
		fprintf(f, "\n%s\n", vcid_group_title((enum vcid_counter_group)t));
		for (c = 0; c < VCID_NR_SCHEDSTAT; c++) {
			char label[64];

			if (vcid_counter_group((enum vcid_counter)c) != (enum vcid_counter_group)t)
				continue;
			snprintf(label, sizeof(label), "  %s:",
				 vcid_counter_label((enum vcid_counter)c));
			fprintf(f, "%-*s", SCHEDSTAT_LABEL_W, label);
			for (i = 0; i < ms->nr; i++)
				schedstat_text_cell(f, rp_models_counter(ms, i, (enum vcid_counter)c),
						    rp_models_schedstat_total(ms, i), approx,
						    i + 1 == ms->nr);
			fputc('\n', f);
		}
	}
	fprintf(f, "\n%-*s", SCHEDSTAT_LABEL_W, "Total (the percentages' denominator):");
	for (i = 0; i < ms->nr; i++)
		schedstat_text_u64(f, rp_models_schedstat_total(ms, i), i + 1 == ms->nr);
	fputc('\n', f);
	if (ms->v[0].reads) {
		fprintf(f, "%-*s", SCHEDSTAT_LABEL_W, "agreement with rseq_update's mm_cid:");
		for (i = 0; i < ms->nr; i++)
			schedstat_text_cell(f, ms->v[i].agree, ms->v[i].reads, approx,
					    i + 1 == ms->nr);
		fputc('\n', f);
	}

	for (i = 0; i < ms->nr; i++) {
		bool any = false;

		for (c = VCID_NR_SCHEDSTAT; c < VCID_NR_COUNTERS; c++) {
			char label[64];

			if (vcid_counter_group((enum vcid_counter)c) != VCID_GROUP_VARIANT ||
			    !vcid_counter_applies(ms->v[i].variant, (enum vcid_counter)c))
				continue;
			if (!any)
				fprintf(f, "\n%s only:\n", vcid_variant_name(ms->v[i].variant));
			any = true;
			snprintf(label, sizeof(label), "  %s:",
				 vcid_counter_label((enum vcid_counter)c));
			fprintf(f, "%-*s", SCHEDSTAT_LABEL_W, label);
			schedstat_text_cell(f, rp_models_counter(ms, i, (enum vcid_counter)c),
					    rp_models_schedstat_total(ms, i), approx, true);
			fputc('\n', f);
		}
	}

	fprintf(f, "\n%s\n", vcid_group_title(VCID_GROUP_HEALTH));
	for (c = 0; c < VCID_NR_COUNTERS; c++) {
		char label[64];

		if (vcid_counter_group((enum vcid_counter)c) != VCID_GROUP_HEALTH)
			continue;
		snprintf(label, sizeof(label), "  %s:", vcid_counter_label((enum vcid_counter)c));
		fprintf(f, "%-*s", SCHEDSTAT_LABEL_W, label);
		for (i = 0; i < ms->nr; i++)
			schedstat_text_u64(f, rp_models_counter(ms, i, (enum vcid_counter)c),
					   i + 1 == ms->nr);
		fputc('\n', f);
	}
	fprintf(f, "%-*s", SCHEDSTAT_LABEL_W, "  events refused (CPU out of range):");
	for (i = 0; i < ms->nr; i++)
		schedstat_text_u64(f, ms->v[i].errors, i + 1 == ms->nr);
	fputc('\n', f);
}

static void schedstat_json(struct rp_sink *s)
{
	const struct rp_models *ms = s->models;
	struct rp_out *o = s->out;
	unsigned int i;
	size_t t;
	int c;

	rp_json_open(o, NULL);
	rp_json_str(o, "report", "schedstat");
	rp_header_json(s);
	if (*ms->kernel) {
		char note[256];

		rp_models_kernel_note(ms, rp_sink_approx(s), note, sizeof(note));
		rp_json_open(o, "kernel");
		rp_json_str(o, "release", ms->kernel);
		if (ms->kernel_variant >= 0)
			rp_json_str(o, "variant",
				    vcid_variant_name((enum vcid_variant)ms->kernel_variant));
		rp_json_str(o, "note", note);
		rp_json_close(o);
	}
	rp_json_open(o, "config");
	rp_json_u64(o, "nr_cpus", ms->cfg.nr_cpus);
	rp_json_u64(o, "nr_nodes", ms->cfg.nr_nodes);
	rp_json_bool(o, "topology_given", ms->topology);
	rp_json_u64(o, "cache_size", ms->cfg.cache_size);
	rp_json_open(o, "filter");
	if (s->filter->has_pid)
		rp_json_u64(o, "pid", s->filter->pid);
	if (s->filter->has_tid)
		rp_json_u64(o, "tid", s->filter->tid);
	if (s->filter->procname)
		rp_json_str(o, "procname", s->filter->procname);
	rp_json_close(o);
	rp_json_close(o);
	rp_json_open(o, "variants");
	for (i = 0; i < ms->nr; i++) {
		uint64_t total = rp_models_schedstat_total(ms, i);

		rp_json_open(o, vcid_variant_name(ms->v[i].variant));
		for (t = 0; t < VCID_NR_SLIDE_GROUPS; t++) {
			rp_json_open(o, vcid_group_key((enum vcid_counter_group)t));
			for (c = 0; c < VCID_NR_SCHEDSTAT; c++) {
				uint64_t n = rp_models_counter(ms, i, (enum vcid_counter)c);

				if (vcid_counter_group((enum vcid_counter)c) !=
				    (enum vcid_counter_group)t)
					continue;
				rp_json_open(o, vcid_counter_name((enum vcid_counter)c));
				rp_json_u64(o, "count", n);
				rp_json_num(o, "percent", rp_percent(n, total), 2);
				rp_json_close(o);
			}
			rp_json_close(o);
		}
		rp_json_u64(o, "total", total);
		if (ms->v[i].reads) {
			rp_json_open(o, "rseq_update");
			rp_json_u64(o, "events", ms->v[i].reads);
			rp_json_u64(o, "agree", ms->v[i].agree);
			rp_json_num(o, "percent",
				    rp_percent(ms->v[i].agree, ms->v[i].reads), 2);
			rp_json_u64(o, "reordered", ms->v[i].reordered);
			rp_json_close(o);
		}
		rp_json_open(o, "variant");
		for (c = VCID_NR_SCHEDSTAT; c < VCID_NR_COUNTERS; c++) {
			uint64_t n = rp_models_counter(ms, i, (enum vcid_counter)c);

			if (vcid_counter_group((enum vcid_counter)c) != VCID_GROUP_VARIANT ||
			    !vcid_counter_applies(ms->v[i].variant, (enum vcid_counter)c))
				continue;
			rp_json_open(o, vcid_counter_name((enum vcid_counter)c));
			rp_json_u64(o, "count", n);
			rp_json_num(o, "percent", rp_percent(n, total), 2);
			rp_json_close(o);
		}
		rp_json_close(o);
		rp_json_open(o, "health");
		for (c = 0; c < VCID_NR_COUNTERS; c++)
			if (vcid_counter_group((enum vcid_counter)c) == VCID_GROUP_HEALTH)
				rp_json_u64(o, vcid_counter_name((enum vcid_counter)c),
					    rp_models_counter(ms, i, (enum vcid_counter)c));
		rp_json_u64(o, "refused_events", ms->v[i].errors);
		rp_json_close(o);
		rp_json_close(o);
	}
	rp_json_close(o);
	rp_json_close(o);
}

static void schedstat_csv(struct rp_sink *s)
{
	const struct rp_models *ms = s->models;
	struct rp_out *o = s->out;
	unsigned int i;
	size_t t;
	int c;

	rp_csv_header(o);
	rp_header_csv(s);
	for (i = 0; i < ms->nr; i++) {
		const char *v = vcid_variant_name(ms->v[i].variant);
		uint64_t total = rp_models_schedstat_total(ms, i);

		for (t = 0; t < VCID_NR_SLIDE_GROUPS; t++)
			for (c = 0; c < VCID_NR_SCHEDSTAT; c++)
				if (vcid_counter_group((enum vcid_counter)c) ==
				    (enum vcid_counter_group)t)
					rp_csv_row(o, vcid_group_key((enum vcid_counter_group)t), v,
						   vcid_counter_name((enum vcid_counter)c),
						   rp_models_counter(ms, i, (enum vcid_counter)c),
						   rp_percent(rp_models_counter(ms, i, (enum vcid_counter)c),
							      total));
		rp_csv_row(o, "total", v, "total", total, -1);
		if (ms->v[i].reads) {
			rp_csv_row(o, "rseq_update", v, "events", ms->v[i].reads, -1);
			rp_csv_row(o, "rseq_update", v, "agree", ms->v[i].agree,
				   rp_percent(ms->v[i].agree, ms->v[i].reads));
		}
		for (c = VCID_NR_SCHEDSTAT; c < VCID_NR_COUNTERS; c++) {
			enum vcid_counter vc = (enum vcid_counter)c;

			if (vcid_counter_group(vc) == VCID_GROUP_VARIANT &&
			    vcid_counter_applies(ms->v[i].variant, vc))
				rp_csv_row(o, "variant", v, vcid_counter_name(vc),
					   rp_models_counter(ms, i, vc),
					   rp_percent(rp_models_counter(ms, i, vc), total));
			else if (vcid_counter_group(vc) == VCID_GROUP_HEALTH)
				rp_csv_row(o, "health", v, vcid_counter_name(vc),
					   rp_models_counter(ms, i, vc), -1);
		}
		rp_csv_row(o, "health", v, "refused_events", ms->v[i].errors, -1);
	}
}

static int schedstat_report(struct rp_sink *s)
{
	switch (s->out->fmt) {
	case RP_FORMAT_TEXT:
		schedstat_text(s);
		break;
	case RP_FORMAT_JSON:
		schedstat_json(s);
		break;
	case RP_FORMAT_CSV:
		schedstat_csv(s);
		break;
	}
	return 0;
}

static const struct rp_sink_ops schedstat_ops = {
	.event = NULL,
	.report = schedstat_report,
	.needed = (1u << RP_KEV_SWITCH) | (1u << RP_KEV_MIGRATE) |
		  (1u << RP_KEV_FORK) | (1u << RP_KEV_EXIT),
	/* rseq_update: each variant's ids against the kernel's mm_cid. */
	.wanted = (1u << RP_KEV_SWITCH) | (1u << RP_KEV_MIGRATE) |
		  (1u << RP_KEV_FORK) | (1u << RP_KEV_EXEC) |
		  (1u << RP_KEV_EXIT) | (1u << RP_KEV_FREE) |
		  (1u << RP_KEV_RSEQ_UPDATE),
	.feed_models = true,
};

static void schedstat_destroy(struct rp_sink *s)
{
	free((struct schedstat *)s);
}

static bt_component_class_initialize_method_status
schedstat_create(struct rp_host *host, struct rp_sink **out)
{
	struct schedstat *st = rp_sink_alloc(host, sizeof(*st), "schedstat",
					     &schedstat_ops);

	if (!st)
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_MEMORY_ERROR;
	*out = &st->base;
	return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK;
}

const struct rp_section schedstat_section = {
	.name = "schedstat",
	.params = NULL,
	.ops = &schedstat_ops,
	.create = schedstat_create,
	.destroy = schedstat_destroy,
};
