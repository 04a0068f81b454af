// SPDX-License-Identifier: MIT
/*
 * rp_sink.c - the shared part of the rseqprof sink components.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rp_sink.h"

#define RP_NS_PER_DAY	(86400ULL * 1000000000ULL)
/* Own parameter tables a sink may give rp_sink_init(). */
#define RP_SINK_MAX_TABLES	8

const struct rp_param_desc rp_sink_common_params[] = {
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
	{ "progress", RP_PARAM_STRING, "auto (on when stderr is a terminal) | yes | no" },
	{ "progress-file", RP_PARAM_STRING, "where progress goes (default: stderr)" },
	RP_PARAM_END
};

void rp_sink_error(struct rp_sink *s, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_COMPONENT(s->self_comp,
							    "%s: %s", s->name, msg);
}

/* A time parameter as given, for messages. */
static const char *rp_sink_time_arg(struct rp_sink *s, const char *key,
				    char *buf, size_t len)
{
	const char *str = rp_param_string(s->params, key, NULL);

	if (str)
		return str;
	snprintf(buf, len, "%" PRIu64 " ns", rp_param_uint(s->params, key, 0));
	return buf;
}

/* begin after end: true after appending the error. */
static bool rp_sink_range_empty(struct rp_sink *s)
{
	char b[32], e[32];

	if (s->begin <= s->end)
		return false;
	rp_sink_error(s, "begin (%s) is after end (%s): the time range is empty",
		      rp_sink_time_arg(s, "begin", b, sizeof(b)),
		      rp_sink_time_arg(s, "end", e, sizeof(e)));
	return true;
}

/* Integer parameters that must fit in 32 bits. */
static const char *const rp_u32_params[] = { "pid", "tid", "cpus", "cache-size" };

bt_component_class_initialize_method_status
rp_sink_init(struct rp_sink *s, bt_self_component_sink *self,
	     const bt_value *params,
	     const struct rp_param_desc *const *own_params,
	     const char *name, const struct rp_sink_ops *ops,
	     const struct rp_share *share)
{
	const struct rp_param_desc *tables[RP_SINK_MAX_TABLES + 2] = {
		rp_sink_common_params,
	};
	struct rp_model_params mp = { 0 };
	bt_component_class_initialize_method_status status;
	enum rp_format fmt;
	char err[256];
	const char *path;
	size_t i;
	bool tod;
	int ret;

	s->self_comp = bt_self_component_sink_as_self_component(self);
	s->name = name;
	s->ops = ops;
	s->params = params;
	bt_value_get_ref(params);
	s->models = share ? share->host->models : &s->own_models;
	if (share) {
		s->dec = share->host->dec;
	} else {
		s->own_dec = malloc(sizeof(*s->own_dec));
		if (!s->own_dec || rp_decoder_init(s->own_dec)) {
			status = BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_MEMORY_ERROR;
			rp_sink_error(s, "out of memory");
			goto end;
		}
		s->dec = s->own_dec;
	}
	rp_sink_set_sections(s, &s, 1);
	for (i = 0; own_params && own_params[i] && i < RP_SINK_MAX_TABLES; i++)
		tables[i + 1] = own_params[i];
	/* A host validated the parameters of all its sections. */
	if (!share && rp_params_validate(params, tables, err, sizeof(err))) {
		rp_sink_error(s, "%s", err);
		goto error;
	}
	if (rp_format_parse(rp_param_string(params, "format", NULL), &fmt)) {
		rp_sink_error(s, "unknown format '%s' (use text, csv or json)",
			      rp_param_string(params, "format", ""));
		goto error;
	}

	for (i = 0; i < sizeof(rp_u32_params) / sizeof(rp_u32_params[0]); i++) {
		if (rp_param_uint(params, rp_u32_params[i], 0) > UINT32_MAX) {
			rp_sink_error(s, "parameter '%s' is too large", rp_u32_params[i]);
			goto error;
		}
	}
	s->filter.has_pid = rp_param_has(params, "pid");
	s->filter.pid = (uint32_t)rp_param_uint(params, "pid", 0);
	s->filter.has_tid = rp_param_has(params, "tid");
	s->filter.tid = (uint32_t)rp_param_uint(params, "tid", 0);
	s->filter.procname = rp_param_string(params, "procname", NULL);
	s->filter.active = s->filter.has_pid || s->filter.has_tid ||
			   s->filter.procname;
	if ((s->filter.has_pid && !s->filter.pid) ||
	    (s->filter.has_tid && !s->filter.tid)) {
		rp_sink_error(s, "%s 0 is the idle task, which has no mm and no vcpu-id: give a user process or thread",
			      s->filter.has_pid && !s->filter.pid ? "pid" : "tid");
		goto error;
	}
	if (rp_param_time(params, "begin", 0, &s->begin, &tod)) {
		rp_sink_error(s, "bad begin time '%s'",
			      rp_param_string(params, "begin", ""));
		goto error;
	}
	s->begin_tod = tod;
	if (rp_param_time(params, "end", UINT64_MAX, &s->end, &tod)) {
		rp_sink_error(s, "bad end time '%s'",
			      rp_param_string(params, "end", ""));
		goto error;
	}
	s->end_tod = tod;
	/* Mixed kinds are compared once the first event resolves the day. */
	if (s->begin_tod == s->end_tod && rp_sink_range_empty(s))
		goto error;
	if (share) {
		/* The host owns the input, the progress and the models. */
		if (share->output) {
			ret = rp_out_open(&s->out, share->output, fmt);
			if (ret) {
				rp_sink_error(s, "cannot open output '%s': %s",
					      share->output, strerror(-ret));
				goto error;
			}
		} else {
			rp_out_open(&s->out, NULL, fmt);
			s->out.f = share->host->out.f;
		}
		status = BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK;
		goto end;
	}
	s->dec->loss.extra_events = rp_param_uint(params, "lost-events", 0);
	ret = rp_progress_init(&s->progress, rp_param_string(params, "progress", NULL),
			       rp_param_string(params, "progress-file", NULL), name);
	if (ret == -EINVAL) {
		rp_sink_error(s, "progress must be auto, yes or no, not '%s'",
			      rp_param_string(params, "progress", ""));
		goto error;
	} else if (ret) {
		rp_sink_error(s, "cannot open progress-file '%s': %s",
			      rp_param_string(params, "progress-file", ""), strerror(-ret));
		goto error;
	}

	mp.variants = NULL;
	if (rp_param_has(params, "variants")) {
		/* Arrays are joined: the models take one comma-separated string. */
		const bt_value *v = bt_value_map_borrow_entry_value_const(params, "variants");

		if (bt_value_is_string(v)) {
			mp.variants = bt_value_string_get(v);
		} else {
			uint64_t i, n = bt_value_array_get_length(v);
			size_t off = 0;

			for (i = 0; i < n && off < sizeof(s->variants) - 1; i++)
				off += (size_t)snprintf(s->variants + off,
							sizeof(s->variants) - off, "%s%s",
							i ? "," : "",
							bt_value_string_get(
								bt_value_array_borrow_element_by_index_const(v, i)));
			mp.variants = s->variants;
		}
	}
	mp.cache_size = (uint32_t)rp_param_uint(params, "cache-size", 0);
	if (rp_param_has(params, "cache-size") && !mp.cache_size) {
		rp_sink_error(s, "cache-size must be at least 1");
		goto error;
	}
	mp.nr_cpus = (uint32_t)rp_param_uint(params, "cpus", 0);
	mp.cpu_to_node = rp_param_string(params, "cpu-to-node", NULL);
	mp.kernel = rp_param_string(params, "kernel-release", NULL);
	if (rp_models_init(s->models, &mp, err, sizeof(err))) {
		rp_sink_error(s, "%s", err);
		goto error;
	}

	path = rp_param_string(params, "output", NULL);
	ret = rp_out_open(&s->out, path, fmt);
	if (ret) {
		rp_sink_error(s, "cannot open output '%s': %s", path, strerror(-ret));
		goto error;
	}

	if (bt_self_component_sink_add_input_port(self, "in", NULL, NULL) !=
	    BT_SELF_COMPONENT_ADD_PORT_STATUS_OK) {
		rp_sink_error(s, "cannot add the input port");
		goto error;
	}
	status = BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK;
	goto end;
error:
	status = BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
end:
	return status;
}

bt_component_class_sink_graph_is_configured_method_status
rp_sink_graph_is_configured(struct rp_sink *s, bt_self_component_sink *self)
{
	bt_message_iterator_create_from_sink_component_status st;

	st = bt_message_iterator_create_from_sink_component(self,
		bt_self_component_sink_borrow_input_port_by_name(self, "in"),
		&s->iter);
	if (st != BT_MESSAGE_ITERATOR_CREATE_FROM_SINK_COMPONENT_STATUS_OK) {
		rp_sink_error(s, "cannot create the input message iterator");
		return (bt_component_class_sink_graph_is_configured_method_status)st;
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
static int rp_sink_select(struct rp_sink *s, struct rp_kevent *ev)
{
	if (!s->range_set) {
		/* Time-of-day bounds are relative to the first event's day. */
		uint64_t day = ev->ts - ev->ts % RP_NS_PER_DAY;

		if (s->begin_tod)
			s->begin += day;
		if (s->end_tod)
			s->end += day;
		s->range_set = true;
	}
	if (ev->ts > s->end && ev->type != RP_KEV_TASK_INFO)
		return 1;
	ev->counted = ev->ts >= s->begin;
	if (ev->counted && s->filter.active)
		ev->counted = rp_task_matches(&s->filter, &ev->task, &s->dec->tasks) ||
			      (ev->type == RP_KEV_FORK &&
			       rp_task_matches(&s->filter, &ev->peer, &s->dec->tasks));
	return 0;
}

int rp_sink_write_report(struct rp_sink *s)
{
	int ret;

	if (s->ops->report(s))
		return -1;
	ret = rp_out_close(&s->out);
	if (ret) {
		rp_sink_error(s, "cannot write the report: %s", strerror(-ret));
		return -1;
	}
	return 0;
}

/* " about pid P tid T procname N" for the filter, "" without one. */
static const char *rp_sink_selection(struct rp_sink *s, char *buf, size_t len)
{
	const struct rp_filter *f = &s->filter;
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

int rp_sink_check_topology(struct rp_sink *s)
{
	if (!s->models->nr || !s->models->v[0].errors)
		return 0;
	rp_sink_error(s, "the trace has events on CPU %u but the topology has %u CPUs "
		      "(cpu-to-node/cpus): give the trace's own topology",
		      s->max_cpu, s->models->cfg.nr_cpus);
	return -1;
}

/*
 * The end of the stream for one section @sec of @s (or @s itself): the
 * checks of its analysis, then its report.
 */
static int rp_sink_finish_section(struct rp_sink *s, struct rp_sink *sec)
{
	char missing[256], what[128], range[64] = "";

	if (sec != s) {
		/* The host resolved the range and saw the CPUs. */
		sec->begin = s->begin;
		sec->end = s->end;
		sec->range_set = s->range_set;
		sec->max_cpu = s->max_cpu;
		sec->done = true;
	}
	if (rp_decoder_missing(sec->dec, sec->ops->needed, missing, sizeof(missing))) {
		rp_sink_error(sec, "the trace lacks events this analysis needs: %s "
			      "(record them: see 'rseqprof record --help')", missing);
		return -1;
	}
	if (rp_sink_range_empty(s))
		return -1;
	if ((sec->ops->needed & (1u << RP_KEV_SWITCH)) && !sec->dec->counts[RP_KEV_SWITCH]) {
		rp_sink_error(sec, "the trace holds no sched_switch event%s",
			      sec->begin || sec->end != UINT64_MAX ?
			      " in the selected time range" : "");
		return -1;
	}
	/* The host counted and filtered for its sections. */
	if (!s->counted && (s->filter.active || s->begin || s->end != UINT64_MAX)) {
		if (s->end != UINT64_MAX)
			snprintf(range, sizeof(range), " in the time range %" PRIu64 " to %" PRIu64
				 " ns", s->begin, s->end);
		else if (s->begin)
			snprintf(range, sizeof(range), " from %" PRIu64 " ns on", s->begin);
		rp_sink_error(sec, "no event%s%s: nothing to report (%" PRIu64 " events read)",
			      rp_sink_selection(s, what, sizeof(what)), range, s->dec->events);
		return -1;
	}
	if (sec->ops->feed_models && rp_sink_check_topology(sec))
		return -1;
	return rp_sink_write_report(sec);
}

static int rp_sink_finish(struct rp_sink *s)
{
	unsigned int i;

	s->done = true;
	rp_progress_end(&s->progress);
	for (i = 0; i < s->nr_sections; i++)
		if (rp_sink_finish_section(s, s->sections[i].sec))
			return -1;
	return 0;
}

void rp_sink_set_sections(struct rp_sink *s, struct rp_sink *const *sections,
			  unsigned int nr)
{
	uint32_t wanted = 1u << RP_KEV_TASK_INFO;
	unsigned int i;

	s->nr_sections = nr;
	s->feed_models = false;
	s->message_ops = false;
	for (i = 0; i < nr; i++) {
		const struct rp_sink_ops *ops = sections[i]->ops;

		s->feed_models |= ops->feed_models;
		s->message_ops |= ops->message != NULL;
		/* 0: the section decodes everything. */
		wanted |= ops->wanted ? ops->wanted : ~0u;
		s->sections[i] = (struct rp_sink_section){
			.sec = sections[i],
			.event = ops->event,
			.wanted = ops->wanted,
			.feed_models = ops->feed_models,
		};
	}
	/* A section hosted elsewhere leaves its host's decoder alone. */
	if (s->own_dec)
		s->own_dec->wanted = wanted;
}

/* Hand an undecoded @msg to the sections that read those; 0 or -1. */
static int rp_sink_dispatch_message(struct rp_sink *s, const bt_message *msg)
{
	unsigned int i;

	for (i = 0; i < s->nr_sections; i++) {
		struct rp_sink *sec = s->sections[i].sec;

		if (sec->ops->message && sec->ops->message(sec, msg))
			return -1;
	}
	return 0;
}

/* Hand @ev to every section; 0, or -1 after a section appended a cause. */
static int rp_sink_dispatch(struct rp_sink *s, const struct rp_kevent *ev,
			    const struct vcid_result *res)
{
	const struct rp_sink_section *h;
	unsigned int i;

	for (i = 0; i < s->nr_sections; i++) {
		h = &s->sections[i];
		/* A section sees what its own sink would decode, no more. */
		if (!h->event || (h->wanted && ev->type != RP_KEV_TASK_INFO &&
				  !(h->wanted & (1u << ev->type))))
			continue;
		if (h->event(h->sec, ev, h->feed_models ? res : NULL))
			return -1;
	}
	return 0;
}

void rp_sink_note_cpus(struct rp_sink *s, const struct rp_kevent *ev)
{
	uint32_t cpu = ev->cpu;

	if (ev->type == RP_KEV_MIGRATE) {
		if (ev->orig_cpu > cpu)
			cpu = ev->orig_cpu;
		if (ev->dest_cpu > cpu)
			cpu = ev->dest_cpu;
	}
	if (cpu > s->max_cpu)
		s->max_cpu = cpu;
}

bt_component_class_sink_consume_method_status
rp_sink_consume(struct rp_sink *s)
{
	bt_component_class_sink_consume_method_status status =
		BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_OK;
	struct vcid_result res[VCID_NR_VARIANTS];
	bt_message_array_const msgs;
	uint64_t count, i, events;
	struct rp_kevent ev;
	int ret;

	switch (bt_message_iterator_next(s->iter, &msgs, &count)) {
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_OK:
		break;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_AGAIN:
		/* A live source waiting for data: still say where we are. */
		rp_progress_idle(&s->progress);
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_AGAIN;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_END:
		goto finish;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_MEMORY_ERROR:
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_MEMORY_ERROR;
	default:
		rp_sink_error(s, "cannot read the trace");
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
	}

	events = s->dec->events;
	for (i = 0; i < count; i++) {
		if (status == BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_OK &&
		    !s->past_end) {
			ret = rp_decoder_message(s->dec, msgs[i], &ev);
			if (ret < 0) {
				rp_sink_error(s, "out of memory");
				status = BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_MEMORY_ERROR;
			} else if (ret == 0 && s->message_ops &&
				   rp_sink_dispatch_message(s, msgs[i])) {
				status = BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
			} else if (ret > 0 && rp_sink_select(s, &ev)) {
				s->past_end = true;
			} else if (ret > 0) {
				s->counted += ev.counted && ev.type != RP_KEV_TASK_INFO;
				rp_sink_note_cpus(s, &ev);
				if (s->feed_models)
					rp_models_feed(s->models, &ev, res);
				if (rp_sink_dispatch(s, &ev, res))
					status = BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
			}
		}
		bt_message_put_ref(msgs[i]);
	}
	rp_progress_add(&s->progress, s->dec->events - events);
	/* Past the end of the range: the rest of the trace is not read. */
	if (status == BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_OK && s->past_end)
		goto finish;
	return status;

finish:
	/* Let go of the input now: a tee upstream stops queueing for us. */
	bt_message_iterator_put_ref(s->iter);
	s->iter = NULL;
	if (rp_sink_finish(s))
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
	return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_END;
}

bt_component_class_initialize_method_status
rp_section_component_init(bt_self_component_sink *self, const bt_value *params,
			  const struct rp_section *sec)
{
	bt_component_class_initialize_method_status status;
	struct rp_sink *s;

	status = sec->create(self, params, NULL, &s);
	if (status == BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK)
		bt_self_component_set_data(
			bt_self_component_sink_as_self_component(self), s);
	return status;
}

void rp_sink_fini(struct rp_sink *s)
{
	rp_progress_abort(&s->progress);
	bt_message_iterator_put_ref(s->iter);
	s->iter = NULL;
	rp_models_fini(&s->own_models);
	if (s->own_dec)
		rp_decoder_fini(s->own_dec);
	free(s->own_dec);
	s->own_dec = NULL;
	rp_out_close(&s->out);
	bt_value_put_ref(s->params);
	s->params = NULL;
}

static const enum rp_kev_type rp_reported_types[] = {
	RP_KEV_SWITCH, RP_KEV_MIGRATE, RP_KEV_FORK, RP_KEV_EXEC,
	RP_KEV_EXIT, RP_KEV_FREE, RP_KEV_RSEQ_UPDATE,
};

#define RP_NR_REPORTED	(sizeof(rp_reported_types) / sizeof(rp_reported_types[0]))

void rp_sink_json_common(struct rp_sink *s)
{
	const struct rp_loss *l = &s->dec->loss;
	struct rp_out *o = &s->out;
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
	if (s->begin || s->end != UINT64_MAX) {
		rp_json_open(o, "range_ns");
		rp_json_u64(o, "begin", s->begin);
		if (s->end != UINT64_MAX)
			rp_json_u64(o, "end", s->end);
		rp_json_close(o);
	}
	rp_json_open(o, "tasks");
	rp_json_u64(o, "known", s->dec->tasks.nr);
	rp_json_u64(o, "tgid_guesses", s->dec->tasks.guesses);
	rp_json_u64(o, "tgid_guesses_wrong", s->dec->tasks.corrections);
	rp_json_close(o);
}

void rp_sink_text_filter(struct rp_sink *s, const char *what)
{
	FILE *f = s->out.f;

	if (!s->filter.active)
		return;
	fprintf(f, "Filter: only %s", what);
	if (s->filter.has_pid)
		fprintf(f, " pid %" PRIu32, s->filter.pid);
	if (s->filter.has_tid)
		fprintf(f, " tid %" PRIu32, s->filter.tid);
	if (s->filter.procname)
		fprintf(f, " procname %s", s->filter.procname);
	fputc('\n', f);
}

void rp_sink_text_common(struct rp_sink *s)
{
	const struct rp_loss *l = &s->dec->loss;
	FILE *f = s->out.f;
	size_t i;

	if (l->events_unknown || l->packets_unknown)
		fprintf(f, "Lost events: unknown (at least %" PRIu64 "), lost packets: %" PRIu64
			"%s: percentages are approximate\n", rp_loss_events(l), l->packets,
			l->packets_unknown ? " (and unknown)" : "");
	else if (rp_loss_any(l))
		fprintf(f, "Lost events: %" PRIu64 ", lost packets: %" PRIu64
			": percentages are approximate\n", rp_loss_events(l), l->packets);
	else
		fprintf(f, "Lost events: 0\n");
	fprintf(f, "Trace events: %" PRIu64, s->dec->events);
	for (i = 0; i < RP_NR_REPORTED; i++)
		fprintf(f, "%s%s %" PRIu64, i ? ", " : " (", rp_kev_type_name(rp_reported_types[i]),
			s->dec->counts[rp_reported_types[i]]);
	fprintf(f, ")\n");
	if (s->dec->duplicates)
		fprintf(f, "Duplicate events dropped: %" PRIu64
			" (the recorder wrote them twice: same CPU, time and fields)\n",
			s->dec->duplicates);
	if (s->begin || s->end != UINT64_MAX) {
		fprintf(f, "Range: counted from %" PRIu64 " ns", s->begin);
		if (s->end != UINT64_MAX)
			fprintf(f, " to %" PRIu64 " ns", s->end);
		fprintf(f, " (trace events above: read up to the end of the range)\n");
	}
	fprintf(f, "Tasks: %zu known, %" PRIu64 " with a guessed thread group (tid taken as tgid)"
		", %" PRIu64 " of those guesses proved wrong\n",
		s->dec->tasks.nr, s->dec->tasks.guesses, s->dec->tasks.corrections);
}

void rp_sink_csv_common(struct rp_sink *s)
{
	const struct rp_loss *l = &s->dec->loss;
	struct rp_out *o = &s->out;
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
}
