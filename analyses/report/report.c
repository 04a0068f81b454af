// SPDX-License-Identifier: MIT
/*
 * report.c - the component methods of every rseqprof sink.
 *
 * A sink is a host (rp_host.h) and its sections.  sink.rseqprof.schedstat,
 * .migration, .numa and .cid run the one section they are named after;
 * sink.rseqprof.report runs those its parameter names:
 *   sections   string "schedstat,numa" or array of strings: the sections,
 *              in the order of their chapters (default: schedstat,
 *              migration, numa; cid on demand).  A section that reads the
 *              whole trace (cid) is written after the others.
 * Every sink writes one document to its output (rp_output.h).
 */
#include <string.h>

#include "report.h"
#include "rp_bt2.h"
#include "rp_host.h"
#include "cid/cid.h"
#include "migration/migration.h"
#include "numa/numa.h"
#include "schedstat/schedstat.h"

/*
 * The sections, in their usual order; all but the last (cid, which needs
 * rseq reads in the trace) by default in sink.rseqprof.report.
 */
static const struct rp_section *const report_sections[] = {
	&schedstat_section, &migration_section, &numa_section, &cid_section,
};

#define REPORT_NR_KINDS		(sizeof(report_sections) / sizeof(report_sections[0]))
#define REPORT_NR_DEFAULT	(REPORT_NR_KINDS - 1)
_Static_assert(REPORT_NR_KINDS <= RP_MAX_SECTIONS, "a host runs them all");

static const struct rp_param_desc report_params[] = {
	{ "sections", RP_PARAM_STRING_LIST,
	  "sections, in order (default: schedstat,migration,numa)" },
	RP_PARAM_END,
};

/**
 * struct report_kinds - the sections a sink.rseqprof.report runs
 * @self:	borrowed: the component, for errors
 * @cls:	borrowed, static: the class of each section
 * @nr:		number of sections
 */
struct report_kinds {
	bt_self_component *self;
	const struct rp_section *cls[REPORT_NR_KINDS];
	unsigned int nr;
};

/* Add the section named @name (@len bytes); 0 or -1. */
static int report_add_kind(const char *name, size_t len, void *data)
{
	struct report_kinds *k = data;
	unsigned int i, c;

	for (c = 0; c < REPORT_NR_KINDS; c++)
		if (strlen(report_sections[c]->name) == len &&
		    !strncmp(report_sections[c]->name, name, len))
			break;
	if (c == REPORT_NR_KINDS) {
		BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_COMPONENT(k->self,
			"report: unknown section '%.*s' (schedstat, migration, numa or cid)",
			(int)len, name);
		return -1;
	}
	for (i = 0; i < k->nr; i++) {
		if (k->cls[i] == report_sections[c]) {
			BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_COMPONENT(k->self,
				"report: section '%.*s' given twice", (int)len, name);
			return -1;
		}
	}
	k->cls[k->nr++] = report_sections[c];
	return 0;
}

/* The sections of sink.rseqprof.report; 0 or -1 after a cause. */
static int report_kinds(struct report_kinds *k, const bt_value *params)
{
	unsigned int i;

	if (rp_param_has(params, "sections") &&
	    !bt_value_is_string(bt_value_map_borrow_entry_value_const(params, "sections")) &&
	    !bt_value_is_array(bt_value_map_borrow_entry_value_const(params, "sections"))) {
		BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_COMPONENT(k->self,
			"report: sections must be a string or an array of strings");
		return -1;
	}
	if (rp_param_list_foreach(params, "sections", report_add_kind, k))
		return -1;
	if (!rp_param_has(params, "sections"))
		for (i = 0; i < REPORT_NR_DEFAULT; i++)
			k->cls[k->nr++] = report_sections[i];
	if (!k->nr) {
		BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_COMPONENT(k->self,
			"report: no section given");
		return -1;
	}
	return 0;
}

static struct rp_host *report_host(bt_self_component_sink *self)
{
	return bt_self_component_get_data(bt_self_component_sink_as_self_component(self));
}

bt_component_class_initialize_method_status
rp_component_init(bt_self_component_sink *self,
		  bt_self_component_sink_configuration *config __attribute__((unused)),
		  const bt_value *params, void *init_method_data __attribute__((unused)))
{
	const struct rp_param_desc *tables[REPORT_NR_KINDS + 2] = { NULL };
	struct report_kinds k = {
		.self = bt_self_component_sink_as_self_component(self),
	};
	bt_component_class_initialize_method_status status;
	unsigned int i, n = 0;
	const char *name;
	struct rp_host *h;

	name = bt_component_class_get_name(bt_component_class_sink_as_component_class_const(
		bt_component_sink_borrow_class_const(
			bt_self_component_sink_as_component_sink(self))));
	if (!strcmp(name, "report")) {
		if (report_kinds(&k, params))
			return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
		/* Every hostable section's parameters are accepted. */
		tables[n++] = report_params;
		for (i = 0; i < REPORT_NR_KINDS; i++)
			if (report_sections[i]->params)
				tables[n++] = report_sections[i]->params;
	} else {
		for (i = 0; i < REPORT_NR_KINDS; i++)
			if (!strcmp(report_sections[i]->name, name))
				k.cls[k.nr++] = report_sections[i];
		tables[n++] = k.cls[0]->params;
	}
	status = rp_host_create(self, params, name, k.cls, k.nr, tables, &h);
	if (status == BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK)
		bt_self_component_set_data(k.self, h);
	return status;
}

void rp_component_finalize(bt_self_component_sink *self)
{
	rp_host_destroy(report_host(self));
}

bt_component_class_sink_graph_is_configured_method_status
rp_component_graph_is_configured(bt_self_component_sink *self)
{
	return rp_host_graph_is_configured(report_host(self), self);
}

bt_component_class_sink_consume_method_status
rp_component_consume(bt_self_component_sink *self)
{
	return rp_host_consume(report_host(self));
}

bt_component_class_get_supported_mip_versions_method_status
rp_component_mip_versions(bt_self_component_class_sink *cls __attribute__((unused)),
			  const bt_value *params __attribute__((unused)),
			  void *init_method_data __attribute__((unused)),
			  bt_logging_level level __attribute__((unused)),
			  bt_integer_range_set_unsigned *versions)
{
	if (bt_integer_range_set_unsigned_add_range(versions, 0, rp_bt2_max_mip()) !=
	    BT_INTEGER_RANGE_SET_ADD_RANGE_STATUS_OK)
		return BT_COMPONENT_CLASS_GET_SUPPORTED_MIP_VERSIONS_METHOD_STATUS_MEMORY_ERROR;
	return BT_COMPONENT_CLASS_GET_SUPPORTED_MIP_VERSIONS_METHOD_STATUS_OK;
}
