// SPDX-License-Identifier: MIT
/*
 * report.c - sink.rseqprof.report.
 *
 * `rseqprof report` used to run one sink per section behind
 * filter.rseqprof.tee: each decoded the trace, kept a task table and
 * replayed every event through its own models.  This sink hosts the
 * sections instead (rp_sink sections, rp_sink.h): one decoder (what any
 * section wants), one task table, one set of models fed once per event;
 * each section gets the events its own sink decodes, with the model
 * results, and writes its own report, byte for byte what its own sink
 * writes, to its own output.
 *
 * Parameters: the common ones (rp_sink.h), each hostable section's own,
 * and
 *   sections   string "schedstat,numa" or array of strings: the sections,
 *              in the order of their checks and reports (default:
 *              schedstat, migration, numa; cid too on demand, not with an
 *              end time: the cid sink reads the whole trace)
 *   outputs    array of paths (or one string for one section): where each
 *              section writes, in the order of @sections; without it,
 *              every section writes to output (default stdout) in turn
 */
#include <stdlib.h>
#include <string.h>

#include "rp_sink.h"
#include "report.h"
#include "cid/cid.h"
#include "migration/migration.h"
#include "numa/numa.h"
#include "schedstat/schedstat.h"

/*
 * The sections this sink can host, in their usual order; all but the last
 * (cid, which needs rseq reads in the trace) by default.
 */
static const struct rp_section *const report_sections[] = {
	&schedstat_section, &migration_section, &numa_section, &cid_section,
};

#define REPORT_NR_KINDS		(sizeof(report_sections) / sizeof(report_sections[0]))
#define REPORT_NR_DEFAULT	(REPORT_NR_KINDS - 1)
_Static_assert(REPORT_NR_KINDS <= RP_MAX_SECTIONS, "rp_sink hosts them all");

/**
 * struct report - private data of one sink.rseqprof.report component
 * @base:	owned: iterator, decoder, task table, models, progress, and
 *		the output of the sections given no path of their own
 * @sec:	owned: the sections, in report order
 * @cls:	borrowed, static: the class of each section
 * @nr:		number of sections
 */
struct report {
	struct rp_sink base;
	struct rp_sink *sec[REPORT_NR_KINDS];
	const struct rp_section *cls[REPORT_NR_KINDS];
	unsigned int nr;
};

/* The host has no analysis of its own: its sections do the work. */
static const struct rp_sink_ops report_ops = { .report = NULL };

static const struct rp_param_desc report_params[] = {
	{ "sections", RP_PARAM_STRING_LIST,
	  "sections, in order (default: schedstat,migration,numa)" },
	{ "outputs", RP_PARAM_STRING_LIST,
	  "output path of each section, in order (default: output)" },
	RP_PARAM_END,
};

/* Add the section named @name (@len bytes) to @rep. */
static int report_add_kind(const char *name, size_t len, void *data)
{
	struct report *rep = data;
	unsigned int i, k;

	for (k = 0; k < REPORT_NR_KINDS; k++)
		if (strlen(report_sections[k]->name) == len &&
		    !strncmp(report_sections[k]->name, name, len))
			break;
	if (k == REPORT_NR_KINDS) {
		rp_sink_error(&rep->base, "unknown section '%.*s' (schedstat, migration, numa or cid)",
			      (int)len, name);
		return -1;
	}
	for (i = 0; i < rep->nr; i++) {
		if (rep->cls[i] == report_sections[k]) {
			rp_sink_error(&rep->base, "section '%.*s' given twice",
				      (int)len, name);
			return -1;
		}
	}
	/*
	 * The cid sink reads the whole trace (its event counts cover it all);
	 * the host stops at the end of the range.
	 */
	if (report_sections[k] == &cid_section && rp_param_has(rep->base.params, "end")) {
		rp_sink_error(&rep->base, "section cid with an end time: run sink.rseqprof.cid for it");
		return -1;
	}
	rep->cls[rep->nr++] = report_sections[k];
	return 0;
}

/* The path of section @i from the outputs parameter, NULL: none given. */
static const char *report_output(const bt_value *params, unsigned int i)
{
	const bt_value *v;

	if (!rp_param_has(params, "outputs"))
		return NULL;
	v = bt_value_map_borrow_entry_value_const(params, "outputs");
	if (bt_value_is_string(v))
		return bt_value_string_get(v);
	return bt_value_string_get(bt_value_array_borrow_element_by_index_const(v, i));
}

/* Check that outputs names one string per section; 0 or -1. */
static int report_check_outputs(struct report *rep, const bt_value *params)
{
	const bt_value *v;
	uint64_t i, n = 1;

	if (!rp_param_has(params, "outputs"))
		return 0;
	v = bt_value_map_borrow_entry_value_const(params, "outputs");
	if (bt_value_is_array(v)) {
		n = bt_value_array_get_length(v);
		for (i = 0; i < n; i++)
			if (!bt_value_is_string(bt_value_array_borrow_element_by_index_const(v, i)))
				n = 0;
	}
	if (n != rep->nr) {
		rp_sink_error(&rep->base, "outputs must give one path for each of the %u section%s",
			      rep->nr, rep->nr > 1 ? "s" : "");
		return -1;
	}
	return 0;
}

static void report_destroy(struct report *rep)
{
	unsigned int i;

	if (!rep)
		return;
	for (i = 0; i < rep->nr; i++)
		if (rep->sec[i])
			rep->cls[i]->destroy(rep->sec[i]);
	rp_sink_fini(&rep->base);
	free(rep);
}

bt_component_class_initialize_method_status
report_init(bt_self_component_sink *self,
	    bt_self_component_sink_configuration *config __attribute__((unused)),
	    const bt_value *params, void *init_method_data __attribute__((unused)))
{
	const struct rp_param_desc *tables[REPORT_NR_KINDS + 2] = { report_params };
	bt_component_class_initialize_method_status status;
	struct rp_share share;
	struct report *rep;
	unsigned int i;

	rep = calloc(1, sizeof(*rep));
	if (!rep) {
		BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_COMPONENT(
			bt_self_component_sink_as_self_component(self),
			"report: out of memory");
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_MEMORY_ERROR;
	}
	for (i = 0; i < REPORT_NR_KINDS; i++)
		tables[i + 1] = report_sections[i]->params;
	status = rp_sink_init(&rep->base, self, params, tables, "report",
			      &report_ops, NULL);
	if (status != BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK)
		goto error;
	status = BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
	if (rp_param_list_foreach(params, "sections", report_add_kind, rep))
		goto error;
	if (!rp_param_has(params, "sections"))
		for (i = 0; i < REPORT_NR_DEFAULT; i++)
			rep->cls[rep->nr++] = report_sections[i];
	if (!rep->nr) {
		rp_sink_error(&rep->base, "no section given");
		goto error;
	}
	if (report_check_outputs(rep, params))
		goto error;

	share.host = &rep->base;
	for (i = 0; i < rep->nr; i++) {
		share.output = report_output(params, i);
		status = rep->cls[i]->create(self, params, &share, &rep->sec[i]);
		if (status != BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK)
			goto error;
	}
	rp_sink_set_sections(&rep->base, rep->sec, rep->nr);
	/* Progress lines as the first section's own sink prints them. */
	rep->base.progress.name = rep->cls[0]->name;
	bt_self_component_set_data(bt_self_component_sink_as_self_component(self), rep);
	return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK;
error:
	/* No finalization follows a failed initialization. */
	report_destroy(rep);
	return status;
}

void report_finalize(bt_self_component_sink *self)
{
	report_destroy(bt_self_component_get_data(
		bt_self_component_sink_as_self_component(self)));
}

bt_component_class_sink_graph_is_configured_method_status
report_graph_is_configured(bt_self_component_sink *self)
{
	struct report *rep = bt_self_component_get_data(
		bt_self_component_sink_as_self_component(self));

	return rp_sink_graph_is_configured(&rep->base, self);
}

bt_component_class_sink_consume_method_status
report_consume(bt_self_component_sink *self)
{
	struct report *rep = bt_self_component_get_data(
		bt_self_component_sink_as_self_component(self));

	return rp_sink_consume(&rep->base);
}
