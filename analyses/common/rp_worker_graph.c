// SPDX-License-Identifier: MIT
/*
 * rp_worker_graph.c - a decoding worker's graph (rp_worker_graph.h):
 * source.ctf.fs per view -> filter.utils.muxer -> the record sink.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <babeltrace2/babeltrace.h>

#include "rp_decoder.h"
#include "rp_worker_graph.h"

/* Records written at once. */
#define RP_WBUF	512
#define RP_WSTREAMS	256

/**
 * struct rp_wsink - the record sink of a worker
 * @job:	the worker's share
 * @fd:		the pipe
 * @iter:	owned: input message iterator
 * @dec:	owned: a decoder for its class table
 * @streams:	what each stream is ordered by (its trace, class and id as
 *		one graph over the whole trace gives them)
 * @trace_sent:	the trace's RP_REC_TRACE record is written
 * @buf:	records not written yet
 */
struct rp_wsink {
	const struct rp_worker_job *job;
	int fd;
	bt_message_iterator *iter;
	struct rp_decoder *dec;
	struct rp_wstream {
		const bt_stream *s;
		uint16_t trace;
		uint64_t sc_id;
		uint64_t id;
	} streams[RP_WSTREAMS];
	unsigned int nr_streams;
	unsigned int last;
	bool trace_sent[RP_MAX_TRACES];
	struct rp_rec buf[RP_WBUF];
	unsigned int n;
};

static int rp_write_all(int fd, const void *p, size_t len)
{
	const char *c = p;

	while (len) {
		ssize_t n = write(fd, c, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		c += n;
		len -= (size_t)n;
	}
	return 0;
}

static int rp_wflush(struct rp_wsink *ws)
{
	int ret = rp_write_all(ws->fd, ws->buf, ws->n * sizeof(ws->buf[0]));

	ws->n = 0;
	return ret;
}

/* A new zeroed record at the end of the buffer; NULL when it cannot be written. */
static struct rp_rec *rp_wnew(struct rp_wsink *ws)
{
	struct rp_rec *r;

	if (ws->n == RP_WBUF && rp_wflush(ws))
		return NULL;
	r = &ws->buf[ws->n++];
	memset(r, 0, offsetof(struct rp_rec, u));
	return r;
}

/* Send @text as error records (one cause). */
static void rp_wsend_text(struct rp_wsink *ws, const char *text)
{
	size_t len = strlen(text), off = 0;

	do {
		struct rp_rec *r = rp_wnew(ws);
		size_t n = len - off < RP_REC_TEXT - 1 ? len - off : RP_REC_TEXT - 1;

		if (!r)
			return;
		r->type = RP_REC_ERROR;
		memcpy(r->u.text, text + off, n);
		r->u.text[n] = '\0';
		off += n;
		if (off == len)
			r->flags |= RP_REC_LAST;
	} while (off < len);
}

/* The stream's entry, made at its beginning; NULL when unknown. */
static struct rp_wstream *rp_wstream_find(struct rp_wsink *ws, const bt_stream *s)
{
	unsigned int i;

	if (ws->last < ws->nr_streams && ws->streams[ws->last].s == s)
		return &ws->streams[ws->last];
	for (i = 0; i < ws->nr_streams; i++)
		if (ws->streams[i].s == s) {
			ws->last = i;
			return &ws->streams[i];
		}
	return NULL;
}

/* A new stream: which trace and file it is, its id in the whole trace. */
static struct rp_wstream *rp_wstream_add(struct rp_wsink *ws, const bt_stream *s)
{
	const char *name = bt_stream_get_name(s), *base;
	struct rp_wstream *e = rp_wstream_find(ws, s);
	const struct rp_worker_job *job = ws->job;
	unsigned int i;

	if (!e) {
		if (ws->nr_streams == RP_WSTREAMS)
			return NULL;
		e = &ws->streams[ws->nr_streams++];
	}
	e->s = s;
	e->sc_id = bt_stream_class_get_id(bt_stream_borrow_class_const(s));
	e->id = bt_stream_get_id(s);
	e->trace = 0;
	base = name ? strrchr(name, '/') : NULL;
	for (i = 0; base && i < job->nr_files; i++) {
		const struct rp_worker_file *f = &job->files[i];
		const char *view = job->traces[f->trace].view;

		if (strcmp(base + 1, f->name) || strncmp(name, view, strlen(view)) ||
		    name + strlen(view) != base)
			continue;
		e->trace = (uint16_t)f->trace;
		if (job->traces[f->trace].auto_ids)
			e->id = f->rank;
		break;
	}
	return e;
}

/* The time the muxer orders @msg of stream class @sc by (get_msg_ts_ns()). */
static void rp_wtime(const bt_message *msg, const bt_stream_class *sc, struct rp_rec *r)
{
	const bt_clock_snapshot *cs = NULL;
	int64_t ns;

	if (!bt_stream_class_borrow_default_clock_class_const(sc))
		return;
	switch (bt_message_get_type(msg)) {
	case BT_MESSAGE_TYPE_EVENT:
		cs = bt_message_event_borrow_default_clock_snapshot_const(msg);
		break;
	case BT_MESSAGE_TYPE_PACKET_BEGINNING:
		if (bt_stream_class_packets_have_beginning_default_clock_snapshot(sc))
			cs = bt_message_packet_beginning_borrow_default_clock_snapshot_const(msg);
		break;
	case BT_MESSAGE_TYPE_PACKET_END:
		if (bt_stream_class_packets_have_end_default_clock_snapshot(sc))
			cs = bt_message_packet_end_borrow_default_clock_snapshot_const(msg);
		break;
	case BT_MESSAGE_TYPE_STREAM_BEGINNING:
		if (bt_message_stream_beginning_borrow_default_clock_snapshot_const(msg, &cs) !=
		    BT_MESSAGE_STREAM_CLOCK_SNAPSHOT_STATE_KNOWN)
			cs = NULL;
		break;
	case BT_MESSAGE_TYPE_STREAM_END:
		if (bt_message_stream_end_borrow_default_clock_snapshot_const(msg, &cs) !=
		    BT_MESSAGE_STREAM_CLOCK_SNAPSHOT_STATE_KNOWN)
			cs = NULL;
		break;
	case BT_MESSAGE_TYPE_DISCARDED_EVENTS:
		if (bt_stream_class_discarded_events_have_default_clock_snapshots(sc))
			cs = bt_message_discarded_events_borrow_beginning_default_clock_snapshot_const(msg);
		break;
	case BT_MESSAGE_TYPE_DISCARDED_PACKETS:
		if (bt_stream_class_discarded_packets_have_default_clock_snapshots(sc))
			cs = bt_message_discarded_packets_borrow_beginning_default_clock_snapshot_const(msg);
		break;
	default:
		break;
	}
	if (cs && bt_clock_snapshot_get_ns_from_origin(cs, &ns) ==
		  BT_CLOCK_SNAPSHOT_GET_NS_FROM_ORIGIN_STATUS_OK) {
		r->ns = ns;
		r->flags |= RP_REC_HAS_NS;
	}
}

/* The trace's record, the classes' lacks, then the stream's beginning. */
static int rp_wbegin(struct rp_wsink *ws, const bt_stream *s, struct rp_wstream *e)
{
	const char *lacks[RP_KEV_NR];
	const bt_trace *trace = bt_stream_borrow_trace_const(s);
	struct rp_rec *r;
	uint32_t declared;
	int t;

	if (!ws->trace_sent[e->trace]) {
		const uint8_t *uuid = bt_trace_get_uuid(trace);
		const char *name = bt_trace_get_name(trace);

		r = rp_wnew(ws);
		if (!r)
			return -1;
		r->type = RP_REC_TRACE;
		r->trace = e->trace;
		if (uuid) {
			r->flags |= RP_REC_HAS_UUID;
			memcpy(r->u.trace.uuid, uuid, 16);
		}
		if (name) {
			r->flags |= RP_REC_HAS_NAME;
			snprintf(r->u.trace.name, sizeof(r->u.trace.name), "%s", name);
		}
		ws->trace_sent[e->trace] = true;
	}
	memcpy(lacks, ws->dec->lacks, sizeof(lacks));
	declared = rp_decoder_declare(ws->dec, s);
	for (t = 0; t < RP_KEV_NR; t++) {
		if (lacks[t] || !ws->dec->lacks[t])
			continue;
		r = rp_wnew(ws);
		if (!r)
			return -1;
		r->type = RP_REC_LACK;
		r->trace = e->trace;
		r->u.lack.type = (uint32_t)t;
		snprintf(r->u.lack.name, sizeof(r->u.lack.name), "%s", ws->dec->lacks[t]);
	}
	r = rp_wnew(ws);
	if (!r)
		return -1;
	r->u.declared = declared;
	return 0;
}

/* The record of @msg; 0 or -1. */
static int rp_wmessage(struct rp_wsink *ws, const bt_message *msg)
{
	bt_message_type type = bt_message_get_type(msg);
	const bt_stream *s = NULL;
	struct rp_wstream *e;
	struct rp_rec *r;
	uint64_t count;
	uint8_t rtype;

	switch (type) {
	case BT_MESSAGE_TYPE_EVENT:
		s = bt_event_borrow_stream_const(bt_message_event_borrow_event_const(msg));
		rtype = RP_REC_EVENT;
		break;
	case BT_MESSAGE_TYPE_STREAM_BEGINNING:
		s = bt_message_stream_beginning_borrow_stream_const(msg);
		rtype = RP_REC_STREAM_BEGINNING;
		break;
	case BT_MESSAGE_TYPE_STREAM_END:
		s = bt_message_stream_end_borrow_stream_const(msg);
		rtype = RP_REC_STREAM_END;
		break;
	case BT_MESSAGE_TYPE_PACKET_BEGINNING:
		s = bt_packet_borrow_stream_const(bt_message_packet_beginning_borrow_packet_const(msg));
		rtype = RP_REC_PACKET_BEGINNING;
		break;
	case BT_MESSAGE_TYPE_PACKET_END:
		s = bt_packet_borrow_stream_const(bt_message_packet_end_borrow_packet_const(msg));
		rtype = RP_REC_PACKET_END;
		break;
	case BT_MESSAGE_TYPE_DISCARDED_EVENTS:
		s = bt_message_discarded_events_borrow_stream_const(msg);
		rtype = RP_REC_DISCARDED_EVENTS;
		break;
	case BT_MESSAGE_TYPE_DISCARDED_PACKETS:
		s = bt_message_discarded_packets_borrow_stream_const(msg);
		rtype = RP_REC_DISCARDED_PACKETS;
		break;
	default:
		return 0;
	}
	if (type == BT_MESSAGE_TYPE_STREAM_BEGINNING) {
		e = rp_wstream_add(ws, s);
		if (!e || rp_wbegin(ws, s, e))
			return -1;
		r = &ws->buf[ws->n - 1];
	} else {
		e = rp_wstream_find(ws, s);
		if (!e)
			return -1;
		r = rp_wnew(ws);
		if (!r)
			return -1;
	}
	r->type = rtype;
	r->trace = e->trace;
	r->sc_id = e->sc_id;
	r->stream_id = e->id;
	rp_wtime(msg, bt_stream_borrow_class_const(s), r);
	switch (type) {
	case BT_MESSAGE_TYPE_EVENT:
		return rp_decoder_extract(ws->dec, msg, r);
	case BT_MESSAGE_TYPE_DISCARDED_EVENTS:
		if (bt_message_discarded_events_get_count(msg, &count) ==
		    BT_PROPERTY_AVAILABILITY_AVAILABLE) {
			r->flags |= RP_REC_COUNT;
			r->u.count = count;
		}
		return 0;
	case BT_MESSAGE_TYPE_DISCARDED_PACKETS:
		if (bt_message_discarded_packets_get_count(msg, &count) ==
		    BT_PROPERTY_AVAILABILITY_AVAILABLE) {
			r->flags |= RP_REC_COUNT;
			r->u.count = count;
		}
		return 0;
	default:
		return 0;
	}
}

static bt_component_class_sink_consume_method_status
rp_wsink_consume(bt_self_component_sink *self)
{
	struct rp_wsink *ws = bt_self_component_get_data(
		bt_self_component_sink_as_self_component(self));
	bt_self_component *comp = bt_self_component_sink_as_self_component(self);
	bt_message_array_const msgs;
	uint64_t count, i;
	int ret = 0;

	switch (bt_message_iterator_next(ws->iter, &msgs, &count)) {
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_OK:
		break;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_AGAIN:
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_AGAIN;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_END: {
		struct rp_rec *r = rp_wnew(ws);

		if (!r)
			return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
		r->type = RP_REC_END;
		if (rp_wflush(ws))
			return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_END;
	}
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_MEMORY_ERROR:
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_MEMORY_ERROR;
	default:
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
	}
	for (i = 0; i < count; i++) {
		if (!ret)
			ret = rp_wmessage(ws, msgs[i]);
		bt_message_put_ref(msgs[i]);
	}
	if (ret) {
		BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_COMPONENT(comp,
			"report: decoding worker %u: out of memory or cannot write its records",
			ws->job->index);
		return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_ERROR;
	}
	return BT_COMPONENT_CLASS_SINK_CONSUME_METHOD_STATUS_OK;
}

static bt_component_class_initialize_method_status
rp_wsink_init(bt_self_component_sink *self,
	      bt_self_component_sink_configuration *config __attribute__((unused)),
	      const bt_value *params __attribute__((unused)), void *data)
{
	bt_self_component_set_data(bt_self_component_sink_as_self_component(self), data);
	if (bt_self_component_sink_add_input_port(self, "in", NULL, NULL) !=
	    BT_SELF_COMPONENT_ADD_PORT_STATUS_OK)
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
	return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK;
}

static bt_component_class_sink_graph_is_configured_method_status
rp_wsink_configured(bt_self_component_sink *self)
{
	struct rp_wsink *ws = bt_self_component_get_data(
		bt_self_component_sink_as_self_component(self));

	if (bt_message_iterator_create_from_sink_component(self,
		bt_self_component_sink_borrow_input_port_by_name(self, "in"), &ws->iter) !=
	    BT_MESSAGE_ITERATOR_CREATE_FROM_SINK_COMPONENT_STATUS_OK)
		return BT_COMPONENT_CLASS_SINK_GRAPH_IS_CONFIGURED_METHOD_STATUS_ERROR;
	return BT_COMPONENT_CLASS_SINK_GRAPH_IS_CONFIGURED_METHOD_STATUS_OK;
}

/* Connect every output port of @src to a new input port of the muxer @mux. */
static int rp_wconnect(bt_graph *g, const bt_component_source *src,
		       const bt_component_filter *mux)
{
	uint64_t i, n = bt_component_source_get_output_port_count(src);

	for (i = 0; i < n; i++) {
		const bt_port_input *in = bt_component_filter_borrow_input_port_by_index_const(
			mux, bt_component_filter_get_input_port_count(mux) - 1);

		if (bt_graph_connect_ports(g,
			bt_component_source_borrow_output_port_by_index_const(src, i),
			in, NULL) != BT_GRAPH_CONNECT_PORTS_STATUS_OK)
			return -1;
	}
	return 0;
}

/* The graph of @job, its sink @ws; NULL on error (a cause appended). */
static bt_graph *rp_wgraph(const struct rp_worker_job *job, struct rp_wsink *ws,
			   bt_component_class_sink **cls)
{
	bt_logging_level level = bt_logging_get_global_level();
	const bt_plugin *ctf = NULL, *utils = NULL;
	const bt_component_filter *mux = NULL;
	const bt_component_sink *sink = NULL;
	bt_graph *g = bt_graph_create(0);
	unsigned int t;

	if (!g)
		return NULL;
	if (bt_plugin_find("ctf", BT_TRUE, BT_TRUE, BT_TRUE, BT_TRUE, BT_FALSE, &ctf) !=
	    BT_PLUGIN_FIND_STATUS_OK ||
	    bt_plugin_find("utils", BT_TRUE, BT_TRUE, BT_TRUE, BT_TRUE, BT_FALSE, &utils) !=
	    BT_PLUGIN_FIND_STATUS_OK) {
		BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_UNKNOWN("report",
			"decoding worker: cannot find the babeltrace2 plugins ctf and utils");
		goto error;
	}
	if (bt_graph_add_filter_component(g,
		bt_plugin_borrow_filter_component_class_by_name_const(utils, "muxer"),
		"mux", NULL, level, &mux) != BT_GRAPH_ADD_COMPONENT_STATUS_OK)
		goto error;
	for (t = 0; t < job->nr_traces; t++) {
		const bt_component_source *src;
		bt_value *params, *inputs;
		char name[16];
		int ret;

		if (!job->traces[t].used)
			continue;
		params = bt_value_map_create();
		inputs = NULL;
		if (!params || bt_value_map_insert_empty_array_entry(params, "inputs", &inputs) ||
		    bt_value_array_append_string_element(inputs, job->traces[t].view)) {
			bt_value_put_ref(params);
			goto error;
		}
		snprintf(name, sizeof(name), "src%u", t);
		ret = bt_graph_add_source_component(g,
			bt_plugin_borrow_source_component_class_by_name_const(ctf, "fs"),
			name, params, level, &src);
		bt_value_put_ref(params);
		if (ret != BT_GRAPH_ADD_COMPONENT_STATUS_OK || rp_wconnect(g, src, mux))
			goto error;
	}
	*cls = bt_component_class_sink_create("rseqprof-worker", rp_wsink_consume);
	if (!*cls ||
	    bt_component_class_sink_set_initialize_method(*cls, rp_wsink_init) ||
	    bt_component_class_sink_set_graph_is_configured_method(*cls, rp_wsink_configured) ||
	    bt_graph_add_sink_component_with_initialize_method_data(g, *cls, "records",
		NULL, ws, level, &sink) != BT_GRAPH_ADD_COMPONENT_STATUS_OK ||
	    bt_graph_connect_ports(g, bt_component_filter_borrow_output_port_by_name_const(mux, "out"),
		bt_component_sink_borrow_input_port_by_name_const(sink, "in"), NULL) !=
	    BT_GRAPH_CONNECT_PORTS_STATUS_OK)
		goto error;
	bt_plugin_put_ref(ctf);
	bt_plugin_put_ref(utils);
	return g;
error:
	bt_plugin_put_ref(ctf);
	bt_plugin_put_ref(utils);
	bt_graph_put_ref(g);
	return NULL;
}

int rp_worker_graph_run(const struct rp_worker_job *job, int fd)
{
	bt_component_class_sink *cls = NULL;
	struct rp_wsink *ws = calloc(1, sizeof(*ws));
	bt_graph_run_status st = BT_GRAPH_RUN_STATUS_ERROR;
	bt_graph *g = NULL;
	int ret = -1;

	if (!ws)
		return -1;
	ws->job = job;
	ws->fd = fd;
	ws->dec = malloc(sizeof(*ws->dec));
	if (!ws->dec || rp_decoder_init(ws->dec)) {
		BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_UNKNOWN("report",
			"decoding worker: out of memory");
		goto out;
	}
	g = rp_wgraph(job, ws, &cls);
	if (g) {
		do
			st = bt_graph_run(g);
		while (st == BT_GRAPH_RUN_STATUS_AGAIN);
	}
	if (st == BT_GRAPH_RUN_STATUS_OK)
		ret = 0;
out:
	if (ret) {
		const bt_error *e = bt_current_thread_take_error();
		uint64_t i, n = e ? bt_error_get_cause_count(e) : 0;

		ws->n = 0;
		for (i = 0; i < n; i++)
			rp_wsend_text(ws, bt_error_cause_get_message(
				bt_error_borrow_cause_by_index(e, i)));
		if (!n)
			rp_wsend_text(ws, "decoding worker: babeltrace2 could not read the trace");
		rp_wflush(ws);
		if (e)
			bt_error_release(e);
	}
	bt_message_iterator_put_ref(ws->iter);
	ws->iter = NULL;
	bt_graph_put_ref(g);
	bt_component_class_sink_put_ref(cls);
	if (ws->dec)
		rp_decoder_fini(ws->dec);
	free(ws->dec);
	free(ws);
	return ret;
}
