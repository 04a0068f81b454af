// SPDX-License-Identifier: MIT
/*
 * rp_host.c - the host of the rseqprof sink components: input, decoder,
 * models, filter, range and document; the sections do the analyses.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rp_host.h"

#define RP_NS_PER_DAY	(86400ULL * 1000000000ULL)
/* Parameter tables: the common one, the caller's, then the end. */
#define RP_HOST_MAX_TABLES	(RP_MAX_SECTIONS + 2)

const struct rp_param_desc rp_host_params[] = {
	{ "variants", RP_PARAM_STRING_LIST, "allocator variants (default: all)" },
	{ "cache-size", RP_PARAM_UINT, "runqueue cache entries (v3-opt, v3-numa)" },
	{ "cpus", RP_PARAM_UINT, "possible CPUs when no cpu-to-node is given" },
	{ "cpu-to-node", RP_PARAM_STRING, "node of each CPU, e.g. \"0,0,1,1\"" },
	{ "pid", RP_PARAM_UINT, "only count events about this process" },
	{ "tid", RP_PARAM_UINT, "only count events about this thread" },
	{ "procname", RP_PARAM_STRING, "only count events about tasks of this name" },
	{ "begin", RP_PARAM_TIME, "start of the counted range" },
	{ "end", RP_PARAM_TIME, "end of the counted range" },
	{ "format", RP_PARAM_STRING, "text | csv | json" },
	{ "output", RP_PARAM_STRING, "output file (default: stdout)" },
	{ "lost-events", RP_PARAM_UINT, "events the recorder reports lost" },
	{ "kernel-release", RP_PARAM_STRING, "release of the traced kernel (uname -r): marks its own variant" },
	{ "fork-at", RP_PARAM_STRING, "perf_fork (default: where the kernel gives a new thread its id) | sched_process_fork (where rseqprof.ko sees it)" },
	{ "top", RP_PARAM_UINT, "entries of each listing in the text report (default 10, 0: all)" },
	{ "full", RP_PARAM_BOOL, "text report: every entry of every listing, and the detail tables" },
	{ "progress", RP_PARAM_STRING, "auto (on when stderr is a terminal) | yes | no" },
	{ "progress-file", RP_PARAM_STRING, "where progress goes (default: stderr)" },
	{ "trace-format", RP_PARAM_STRING_LIST, "format of each trace read, as the caller found it (\"CTF 2 (lttng-ust 2.16)\"): the header states it and babeltrace2's version" },
	{ "jobs", RP_PARAM_UINT, "decode the streams of traces in this many workers (rp_workers.h; 1: read the input port)" },
	{ "traces", RP_PARAM_STRING_LIST, "jobs: the trace folders the workers read" },
	{ "tmp-dir", RP_PARAM_STRING, "jobs: where the workers' views of the traces go (default: $TMPDIR or /tmp)" },
	RP_PARAM_END
};

/* Integer parameters that must fit in 32 bits. */
static const char *const rp_u32_params[] = { "pid", "tid", "cpus", "cache-size", "jobs" };

void rp_host_verror(struct rp_host *h, const char *who, const char *fmt, va_list ap)
{
	char msg[512];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_COMPONENT(h->self_comp,
							    "%s: %s", who, msg);
}

void rp_host_error(struct rp_host *h, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rp_host_verror(h, h->name, fmt, ap);
	va_end(ap);
}

/* A time parameter as given, for messages. */
static const char *rp_host_time_arg(struct rp_host *h, const char *key,
				    char *buf, size_t len)
{
	const char *str = rp_param_string(h->params, key, NULL);

	if (str)
		return str;
	snprintf(buf, len, "%" PRIu64 " ns", rp_param_uint(h->params, key, 0));
	return buf;
}

/* begin after end: true after appending the error to @s (NULL: @h). */
static bool rp_host_range_empty(struct rp_host *h, struct rp_sink *s)
{
	char bbuf[32], ebuf[32];
	const char *b, *e;

	if (h->begin <= h->end)
		return false;
	b = rp_host_time_arg(h, "begin", bbuf, sizeof(bbuf));
	e = rp_host_time_arg(h, "end", ebuf, sizeof(ebuf));
	if (s)
		rp_sink_error(s, "begin (%s) is after end (%s): the time range is empty", b, e);
	else
		rp_host_error(h, "begin (%s) is after end (%s): the time range is empty", b, e);
	return true;
}

/* The filter and the range from the parameters; 0 or -1. */
static int rp_host_selection(struct rp_host *h)
{
	const bt_value *params = h->params;
	struct rp_filter *f = &h->filter;
	bool tod;

	f->has_pid = rp_param_has(params, "pid");
	f->pid = (uint32_t)rp_param_uint(params, "pid", 0);
	f->has_tid = rp_param_has(params, "tid");
	f->tid = (uint32_t)rp_param_uint(params, "tid", 0);
	f->procname = rp_param_string(params, "procname", NULL);
	f->active = f->has_pid || f->has_tid || f->procname;
	if ((f->has_pid && !f->pid) || (f->has_tid && !f->tid)) {
		rp_host_error(h, "%s 0 is the idle task, which has no mm and no vcpu-id: give a user process or thread",
			      f->has_pid && !f->pid ? "pid" : "tid");
		return -1;
	}
	if (rp_param_time(params, "begin", 0, &h->begin, &tod)) {
		rp_host_error(h, "bad begin time '%s'", rp_param_string(params, "begin", ""));
		return -1;
	}
	h->begin_tod = tod;
	if (rp_param_time(params, "end", UINT64_MAX, &h->end, &tod)) {
		rp_host_error(h, "bad end time '%s'", rp_param_string(params, "end", ""));
		return -1;
	}
	h->end_tod = tod;
	/* Mixed kinds are compared once the first event resolves the day. */
	if (h->begin_tod == h->end_tod && rp_host_range_empty(h, NULL))
		return -1;
	return 0;
}

/* Collect one trace folder of the "traces" parameter. */
static int rp_host_add_trace(const char *path, size_t len, void *data)
{
	struct rp_host *h = data;

	if (h->nr_traces == RP_MAX_TRACES) {
		rp_host_error(h, "traces: at most %d trace folders", RP_MAX_TRACES);
		return -1;
	}
	h->traces[h->nr_traces] = strndup(path, len);
	if (!h->traces[h->nr_traces]) {
		rp_host_error(h, "out of memory");
		return -1;
	}
	h->nr_traces++;
	return 0;
}

/* The decoding workers' parameters; 0 or -1. */
static int rp_host_jobs(struct rp_host *h)
{
	uint64_t jobs = rp_param_uint(h->params, "jobs", 1), i;
	const bt_value *v;

	if (!jobs || jobs > RP_MAX_JOBS) {
		rp_host_error(h, "jobs must be 1 to %d", RP_MAX_JOBS);
		return -1;
	}
	h->jobs = (unsigned int)jobs;
	if (h->jobs == 1)
		return 0;
	/* Paths are taken whole: a comma is no separator here. */
	v = rp_param_has(h->params, "traces") ?
	    bt_value_map_borrow_entry_value_const(h->params, "traces") : NULL;
	if (v && bt_value_is_string(v) &&
	    rp_host_add_trace(bt_value_string_get(v), strlen(bt_value_string_get(v)), h))
		return -1;
	for (i = 0; v && bt_value_is_array(v) && i < bt_value_array_get_length(v); i++) {
		const bt_value *e = bt_value_array_borrow_element_by_index_const(v, i);

		if (!bt_value_is_string(e)) {
			rp_host_error(h, "traces: an array of strings (trace folders)");
			return -1;
		}
		if (rp_host_add_trace(bt_value_string_get(e), strlen(bt_value_string_get(e)), h))
			return -1;
	}
	if (!h->nr_traces) {
		rp_host_error(h, "jobs %u: the traces parameter names no trace folder", h->jobs);
		return -1;
	}
	return 0;
}

/* The models from the parameters; 0 or -1. */
static int rp_host_models(struct rp_host *h)
{
	const bt_value *params = h->params;
	struct rp_model_params mp = { 0 };
	char err[256];

	if (rp_param_has(params, "variants")) {
		/* Arrays are joined: the models take one comma-separated string. */
		const bt_value *v = bt_value_map_borrow_entry_value_const(params, "variants");

		if (bt_value_is_string(v)) {
			mp.variants = bt_value_string_get(v);
		} else {
			uint64_t i, n = bt_value_array_get_length(v);
			size_t off = 0;

			for (i = 0; i < n && off < sizeof(h->variants) - 1; i++)
				off += (size_t)snprintf(h->variants + off,
							sizeof(h->variants) - off, "%s%s",
							i ? "," : "",
							bt_value_string_get(
								bt_value_array_borrow_element_by_index_const(v, i)));
			mp.variants = h->variants;
		}
	}
	mp.cache_size = (uint32_t)rp_param_uint(params, "cache-size", 0);
	if (rp_param_has(params, "cache-size") && !mp.cache_size) {
		rp_host_error(h, "cache-size must be at least 1");
		return -1;
	}
	mp.nr_cpus = (uint32_t)rp_param_uint(params, "cpus", 0);
	mp.cpu_to_node = rp_param_string(params, "cpu-to-node", NULL);
	mp.kernel = rp_param_string(params, "kernel-release", NULL);
	if (rp_models_init(&h->models, &mp, err, sizeof(err))) {
		rp_host_error(h, "%s", err);
		return -1;
	}
	return 0;
}

/* Check the parameters and set up what the sections share; 0 or -1. */
static int rp_host_setup(struct rp_host *h, const struct rp_param_desc *const *extra)
{
	const struct rp_param_desc *tables[RP_HOST_MAX_TABLES + 1] = { rp_host_params };
	const bt_value *params = h->params;
	enum rp_format fmt;
	const char *path;
	char err[256];
	size_t i;
	int ret;

	for (i = 0; extra && extra[i] && i < RP_HOST_MAX_TABLES - 1; i++)
		tables[i + 1] = extra[i];
	if (rp_params_validate(params, tables, err, sizeof(err))) {
		rp_host_error(h, "%s", err);
		return -1;
	}
	if (rp_format_parse(rp_param_string(params, "format", NULL), &fmt)) {
		rp_host_error(h, "unknown format '%s' (use text, csv or json)",
			      rp_param_string(params, "format", ""));
		return -1;
	}
	for (i = 0; i < sizeof(rp_u32_params) / sizeof(rp_u32_params[0]); i++) {
		if (rp_param_uint(params, rp_u32_params[i], 0) > UINT32_MAX) {
			rp_host_error(h, "parameter '%s' is too large", rp_u32_params[i]);
			return -1;
		}
	}
	if (rp_host_selection(h))
		return -1;
	if (rp_host_jobs(h))
		return -1;
	path = rp_param_string(params, "fork-at", "perf_fork");
	h->dec->fork_at_sched_process_fork = !strcmp(path, "sched_process_fork");
	if (!h->dec->fork_at_sched_process_fork && strcmp(path, "perf_fork")) {
		rp_host_error(h, "fork-at must be perf_fork or sched_process_fork, not '%s'", path);
		return -1;
	}
	h->dec->loss.extra_events = rp_param_uint(params, "lost-events", 0);
	ret = rp_progress_init(&h->progress, rp_param_string(params, "progress", NULL),
			       rp_param_string(params, "progress-file", NULL), h->name);
	if (ret == -EINVAL) {
		rp_host_error(h, "progress must be auto, yes or no, not '%s'",
			      rp_param_string(params, "progress", ""));
		return -1;
	} else if (ret) {
		rp_host_error(h, "cannot open progress-file '%s': %s",
			      rp_param_string(params, "progress-file", ""), strerror(-ret));
		return -1;
	}
	if (rp_host_models(h))
		return -1;
	path = rp_param_string(params, "output", NULL);
	ret = rp_out_open(&h->out, path, fmt);
	if (ret) {
		rp_host_error(h, "cannot open output '%s': %s", path, strerror(-ret));
		return -1;
	}
	h->out.top = rp_param_uint(params, "top", RP_OUT_DEFAULT_TOP);
	h->out.full = rp_param_bool(params, "full", false);
	rp_out_doc_begin(&h->out);
	return 0;
}

/* Add section @cls; whole-trace sections go after the others. */
static bt_component_class_initialize_method_status
rp_host_add_section(struct rp_host *h, const struct rp_section *cls)
{
	bt_component_class_initialize_method_status status;
	struct rp_host_section hs = {
		.cls = cls,
		.wanted = cls->ops->wanted,
		.feed_models = cls->ops->feed_models,
		.whole_trace = cls->ops->whole_trace,
	};
	unsigned int i;

	status = cls->create(h, &hs.sec);
	if (status != BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK)
		return status;
	i = h->nr_sections++;
	for (; !hs.whole_trace && i && h->sections[i - 1].whole_trace; i--)
		h->sections[i] = h->sections[i - 1];
	h->sections[i] = hs;
	h->feed_models |= hs.feed_models;
	h->message_ops |= cls->ops->message != NULL;
	/* 0: the section decodes everything. */
	h->dec->wanted |= hs.wanted ? hs.wanted : ~0u;
	return status;
}

bt_component_class_initialize_method_status
rp_host_create(bt_self_component_sink *self, const bt_value *params,
	       const char *name, const struct rp_section *const *cls,
	       unsigned int nr, const struct rp_param_desc *const *extra,
	       struct rp_host **out)
{
	bt_component_class_initialize_method_status status =
		BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_MEMORY_ERROR;
	struct rp_host *h;
	unsigned int i;

	h = calloc(1, sizeof(*h));
	if (!h) {
		BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_COMPONENT(
			bt_self_component_sink_as_self_component(self),
			"%s: out of memory", name);
		return status;
	}
	h->self_comp = bt_self_component_sink_as_self_component(self);
	h->name = name;
	h->params = params;
	bt_value_get_ref(params);
	h->end = UINT64_MAX;
	h->dec = malloc(sizeof(*h->dec));
	if (!h->dec || rp_decoder_init(h->dec)) {
		free(h->dec);
		h->dec = NULL;
		rp_host_error(h, "out of memory");
		goto error;
	}
	h->dec->wanted = 1u << RP_KEV_TASK_INFO;
	status = BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
	if (rp_host_setup(h, extra))
		goto error;
	for (i = 0; i < nr && i < RP_MAX_SECTIONS; i++) {
		status = rp_host_add_section(h, cls[i]);
		if (status != BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK)
			goto error;
	}
	if (bt_self_component_sink_add_input_port(self, "in", NULL, NULL) !=
	    BT_SELF_COMPONENT_ADD_PORT_STATUS_OK) {
		rp_host_error(h, "cannot add the input port");
		status = BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
		goto error;
	}
	/* Progress lines name the first section. */
	h->progress.name = h->sections[0].cls->name;
	*out = h;
	return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK;
error:
	/* No finalization follows a failed initialization. */
	rp_host_destroy(h);
	return status;
}

/* Stop the decoding workers (killed if running) and the merger. */
static void rp_host_stop_workers(struct rp_host *h)
{
	/* The progress line stops looking at the workers' mappings. */
	rp_stream_files_watch(&h->progress.files, NULL, 0);
	if (h->merge)
		rp_merge_fini(h->merge);
	free(h->merge);
	h->merge = NULL;
	if (h->workers)
		rp_workers_stop(h->workers);
	free(h->workers);
	h->workers = NULL;
}

void rp_host_destroy(struct rp_host *h)
{
	unsigned int i;

	if (!h)
		return;
	for (i = 0; i < h->nr_sections; i++)
		h->sections[i].cls->destroy(h->sections[i].sec);
	rp_progress_abort(&h->progress);
	rp_host_stop_workers(h);
	for (i = 0; i < h->nr_traces; i++)
		free(h->traces[i]);
	bt_message_iterator_put_ref(h->iter);
	rp_models_fini(&h->models);
	if (h->dec)
		rp_decoder_fini(h->dec);
	free(h->dec);
	rp_out_close(&h->out);
	bt_value_put_ref(h->params);
	free(h);
}

bt_component_class_sink_graph_is_configured_method_status
rp_host_graph_is_configured(struct rp_host *h, bt_self_component_sink *self)
{
	bt_message_iterator_create_from_sink_component_status st;

	st = bt_message_iterator_create_from_sink_component(self,
		bt_self_component_sink_borrow_input_port_by_name(self, "in"),
		&h->iter);
	if (st != BT_MESSAGE_ITERATOR_CREATE_FROM_SINK_COMPONENT_STATUS_OK) {
		rp_host_error(h, "cannot create the input message iterator");
		return (bt_component_class_sink_graph_is_configured_method_status)st;
	}
	if (h->jobs > 1) {
		struct rp_workers *w = malloc(sizeof(*w));
		char err[512];

		if (!w) {
			rp_host_error(h, "out of memory");
			return BT_COMPONENT_CLASS_SINK_GRAPH_IS_CONFIGURED_METHOD_STATUS_MEMORY_ERROR;
		}
		if (rp_workers_start(w, (const char *const *)h->traces, h->nr_traces,
				     h->jobs, rp_param_string(h->params, "tmp-dir", NULL),
				     err, sizeof(err))) {
			free(w);
			rp_host_error(h, "%s", err);
			return BT_COMPONENT_CLASS_SINK_GRAPH_IS_CONFIGURED_METHOD_STATUS_ERROR;
		}
		/* From here, rp_host_destroy() stops them. */
		h->workers = w;
		h->merge = malloc(sizeof(*h->merge));
		if (!h->merge || rp_merge_init(h->merge, w)) {
			free(h->merge);
			h->merge = NULL;
			rp_host_error(h, "out of memory");
			return BT_COMPONENT_CLASS_SINK_GRAPH_IS_CONFIGURED_METHOD_STATUS_MEMORY_ERROR;
		}
		if (h->progress.on)
			rp_progress_workers(&h->progress, w->files, w->nr_files, w->pid, w->nr);
	}
	return BT_COMPONENT_CLASS_SINK_GRAPH_IS_CONFIGURED_METHOD_STATUS_OK;
}

static bool rp_task_matches(const struct rp_filter *f, const struct rp_kev_task *kt,
			    struct rp_tasks *tasks)
{
	if (!kt->tid)
		return false;
	if (f->has_tid && kt->tid != f->tid)
		return false;
	if (f->has_pid && kt->tgid != f->pid)
		return false;
	if (f->procname) {
		const struct rp_task *leader;

		if (kt->info && !strcmp(kt->info->comm, f->procname))
			return true;
		leader = rp_tasks_find(tasks, kt->tgid);
		return leader && !strcmp(leader->comm, f->procname);
	}
	return true;
}

/* Set ev->counted; 1 when the event is past the end of the range. */
static int rp_host_select(struct rp_host *h, struct rp_kevent *ev)
{
	if (!h->range_set) {
		/* Time-of-day bounds are relative to the first event's day. */
		uint64_t day = ev->ts - ev->ts % RP_NS_PER_DAY;

		if (h->begin_tod)
			h->begin += day;
		if (h->end_tod)
			h->end += day;
		h->range_set = true;
	}
	ev->counted = false;
	if (ev->ts > h->end && ev->type != RP_KEV_TASK_INFO)
		return 1;
	ev->counted = ev->ts >= h->begin;
	if (ev->counted && h->filter.active)
		ev->counted = rp_task_matches(&h->filter, &ev->task, &h->dec->tasks) ||
			      (ev->type == RP_KEV_FORK &&
			       rp_task_matches(&h->filter, &ev->peer, &h->dec->tasks));
	return 0;
}

/* " about pid P tid T procname N" for the filter, "" without one. */
static const char *rp_host_selection_text(struct rp_host *h, char *buf, size_t len)
{
	const struct rp_filter *f = &h->filter;
	int n = snprintf(buf, len, " about");

	if (!f->active)
		return "";
	if (f->has_pid)
		n += snprintf(buf + n, len - (size_t)n, " pid %" PRIu32, f->pid);
	if (f->has_tid)
		n += snprintf(buf + n, len - (size_t)n, " tid %" PRIu32, f->tid);
	if (f->procname)
		snprintf(buf + n, len - (size_t)n, " procname %.64s", f->procname);
	return buf;
}

/* The models met CPUs beyond the topology: -1 after appending the error. */
static int rp_host_check_topology(struct rp_host *h, struct rp_sink *s)
{
	if (!h->models.nr || !h->models.v[0].errors)
		return 0;
	rp_sink_error(s, "the trace has events on CPU %u but the topology has %u CPUs "
		      "(cpu-to-node/cpus): give the trace's own topology",
		      h->max_cpu, h->models.cfg.nr_cpus);
	return -1;
}

/* The checks of section @hs's analysis, then its chapter; 0 or -1. */
static int rp_host_write_section(struct rp_host *h, const struct rp_host_section *hs)
{
	char missing[256], what[128], range[64] = "";
	struct rp_sink *sec = hs->sec;

	if (rp_decoder_missing(h->dec, sec->ops->needed, missing, sizeof(missing))) {
		rp_sink_error(sec, "the trace lacks events this analysis needs: %s "
			      "(record them: see 'rseqprof record --help')", missing);
		return -1;
	}
	if (rp_host_range_empty(h, sec))
		return -1;
	if (!h->counted && !hs->whole_trace &&
	    (h->filter.active || h->begin || h->end != UINT64_MAX)) {
		if (h->end != UINT64_MAX)
			snprintf(range, sizeof(range), " in the time range %" PRIu64 " to %" PRIu64
				 " ns", h->begin, h->end);
		else if (h->begin)
			snprintf(range, sizeof(range), " from %" PRIu64 " ns on", h->begin);
		rp_sink_error(sec, "no event%s%s: nothing to report (%" PRIu64 " events read)",
			      rp_host_selection_text(h, what, sizeof(what)), range,
			      h->dec->events);
		return -1;
	}
	if ((sec->ops->needed & (1u << RP_KEV_SWITCH)) && !h->dec->counts[RP_KEV_SWITCH]) {
		rp_sink_error(sec, "the trace holds no sched_switch event%s",
			      h->begin || h->end != UINT64_MAX ?
			      " in the selected time range" : "");
		return -1;
	}
	if (hs->feed_models && rp_host_check_topology(h, sec))
		return -1;
	rp_out_chapter(&h->out, sec->name);
	return sec->ops->report(sec);
}

/*
 * Write the chapters of the sections that stop at the end of the range
 * (@all: at the end of the stream, all of them), in order; 0 or -1.
 */
static int rp_host_write(struct rp_host *h, bool all)
{
	int ret;

	/* The progress line is done before the document is. */
	if (all || !h->sections[h->nr_sections - 1].whole_trace)
		rp_progress_end(&h->progress);
	for (; h->nr_written < h->nr_sections; h->nr_written++) {
		const struct rp_host_section *hs = &h->sections[h->nr_written];

		if (hs->whole_trace && !all)
			return 0;
		if (rp_host_write_section(h, hs))
			return -1;
	}
	rp_out_doc_end(&h->out);
	ret = rp_out_close(&h->out);
	if (ret) {
		rp_host_error(h, "cannot write the report: %s", strerror(-ret));
		return -1;
	}
	return 0;
}

/* Hand an undecoded @msg to the sections that read those; 0 or -1. */
static int rp_host_dispatch_message(struct rp_host *h, const bt_message *msg)
{
	unsigned int i;

	for (i = h->nr_written; i < h->nr_sections; i++) {
		struct rp_sink *sec = h->sections[i].sec;

		if (sec->ops->message && sec->ops->message(sec, msg))
			return -1;
	}
	return 0;
}

/* Hand @ev to every section still reading; 0, or -1 after a cause. */
static int rp_host_dispatch(struct rp_host *h, const struct rp_kevent *ev,
			    const struct vcid_result *res)
{
	const struct rp_host_section *hs;
	unsigned int i;

	for (i = h->nr_written; i < h->nr_sections; i++) {
		hs = &h->sections[i];
		/* A section sees the events it wants, no more. */
		if (!hs->sec->ops->event ||
		    (hs->wanted && ev->type != RP_KEV_TASK_INFO &&
		     !(hs->wanted & (1u << ev->type))))
			continue;
		if (hs->sec->ops->event(hs->sec, ev, hs->feed_models ? res : NULL))
			return -1;
	}
	return 0;
}

static void rp_host_note_cpus(struct rp_host *h, const struct rp_kevent *ev)
{
	uint32_t cpu = ev->cpu;

	if (ev->type == RP_KEV_MIGRATE) {
		if (ev->orig_cpu > cpu)
			cpu = ev->orig_cpu;
		if (ev->dest_cpu > cpu)
			cpu = ev->dest_cpu;
	}
	if (cpu > h->max_cpu)
		h->max_cpu = cpu;
}

/*
 * One decoded event: 0, 1 when nothing more is to be read (past the end
 * of the range, no section reads the whole trace), -1 on error.
 */
static int rp_host_event(struct rp_host *h, struct rp_kevent *ev)
{
	struct vcid_result res[VCID_NR_VARIANTS];

	if (rp_host_select(h, ev) && !h->past_end) {
		h->past_end = true;
		if (rp_host_write(h, false))
			return -1;
	}
	if (h->nr_written == h->nr_sections)
		return 1;
	h->counted += ev->counted && ev->type != RP_KEV_TASK_INFO;
	rp_host_note_cpus(h, ev);
	if (h->feed_models)
		rp_models_feed(&h->models, ev, res);
	return rp_host_dispatch(h, ev, res);
}

/* A worker's error causes, innermost first, as causes of the current error. */
static void rp_host_worker_causes(struct rp_host *h)
{
	char line[sizeof(h->merge->err)];
	char *p = h->merge->err, *nl;

	while (*p) {
		nl = strchr(p, '\n');
		snprintf(line, sizeof(line), "%.*s", nl ? (int)(nl - p) : (int)strlen(p), p);
		rp_workers_unview(h->workers, line, sizeof(line));
		BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_COMPONENT(h->self_comp, "%s", line);
		if (!nl)
			break;
		p = nl + 1;
	}
}

/* Records merged per call of rp_host_consume_records(). */
#define RP_HOST_RECORDS	4096

/* rp_host_consume() over the workers' records (jobs > 1). */
static bt_component_class_sink_consume_method_status
rp_host_consume_records(struct rp_host *h)
{
	uint64_t events = h->dec->events;
	const struct rp_rec *rec;
	struct rp_kevent ev;
	unsigned int i;
	int ret;

	for (i = 0; i < RP_HOST_RECORDS; i++) {
		ret = rp_merge_next(h->merge, &rec);
		if (ret < 0) {
			rp_host_worker_causes(h);
			rp_host_error(h, "cannot read the trace");
			return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
		}
		if (!ret) {
			rp_progress_add(&h->progress, h->dec->events - events);
			if (rp_host_write(h, true))
				return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
			goto end;
		}
		ret = rp_decoder_record(h->dec, rec, &ev);
		if (ret < 0) {
			rp_host_error(h, "out of memory");
			return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_MEMORY_ERROR;
		}
		if (ret > 0) {
			ret = rp_host_event(h, &ev);
			if (ret < 0)
				return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
			/* Every chapter written: the rest of the trace is not read. */
			if (ret > 0)
				goto end;
		}
	}
	rp_progress_add(&h->progress, h->dec->events - events);
	return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_OK;
end:
	rp_host_stop_workers(h);
	bt_message_iterator_put_ref(h->iter);
	h->iter = NULL;
	return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_END;
}

bt_component_class_sink_consume_method_status
rp_host_consume(struct rp_host *h)
{
	bt_component_class_sink_consume_method_status status =
		BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_OK;
	bt_message_array_const msgs;
	uint64_t count, i, events;
	struct rp_kevent ev;
	bool done = false;
	int ret;

	if (h->merge)
		return rp_host_consume_records(h);
	switch (bt_message_iterator_next(h->iter, &msgs, &count)) {
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_OK:
		break;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_AGAIN:
		/* A live source waiting for data: still say where we are. */
		rp_progress_idle(&h->progress);
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_AGAIN;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_END:
		goto finish;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_MEMORY_ERROR:
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_MEMORY_ERROR;
	default:
		rp_host_error(h, "cannot read the trace");
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
	}

	events = h->dec->events;
	for (i = 0; i < count; i++) {
		if (status == BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_OK && !done) {
			rp_progress_message(&h->progress, msgs[i]);
			ret = rp_decoder_message(h->dec, msgs[i], &ev);
			if (ret < 0) {
				rp_host_error(h, "out of memory");
				status = BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_MEMORY_ERROR;
			} else if (ret == 0 && h->message_ops &&
				   rp_host_dispatch_message(h, msgs[i])) {
				status = BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
			} else if (ret > 0) {
				ret = rp_host_event(h, &ev);
				if (ret < 0)
					status = BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
				done = ret > 0;
			}
		}
		bt_message_put_ref(msgs[i]);
	}
	rp_progress_add(&h->progress, h->dec->events - events);
	/* Every chapter written: the rest of the trace is not read. */
	if (status == BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_OK && done)
		goto end;
	return status;

finish:
	if (rp_host_write(h, true))
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
end:
	/* Let go of the input now. */
	bt_message_iterator_put_ref(h->iter);
	h->iter = NULL;
	return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_END;
}
