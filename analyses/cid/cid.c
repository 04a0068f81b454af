// SPDX-License-Identifier: MIT
/*
 * cid.c - sink.rseqprof.cid: component methods and event handling.
 *
 * Two sources of (cpu_id, node_id, mm_cid), kept apart in the report:
 *   ust     rseqprof_ust:rseq_read, what the program's threads read
 *           (probes/preload), optionally only one caller's reads;
 *   kernel  rseq_update, what the kernel wrote (perf CTF or LTTng layout,
 *           decoded by analyses/common).
 * Kernel scheduler events also drive the allocator models (analyses/common
 * rp_models); at each rseq_update of a user task the sink compares each
 * model's id for that task with the real mm_cid.  When both sources are in
 * the graph, each UST read is also checked against the last rseq_update of
 * its thread: what the thread read must be what the kernel last wrote.
 *
 * The host (rp_host.h) gives the parameters, decoder, models and document;
 * it feeds the models and hands the section the kernel events (ops->event)
 * and the messages it did not decode (ops->message: the UST reads).  The
 * section reads the whole trace whatever the range (ops->whole_trace): its
 * own counts stay in the range, and its header states what it read.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cid.h"
#include "cid_priv.h"
#include "rp_host.h"

static const struct rp_param_desc cid_params[] = {
	{ "slot-size", RP_PARAM_UINT, "bytes of one per-vcpu / per-CPU array slot (default 64)" },
	{ "interval", RP_PARAM_UINT, "interval length in ns for the over-time table (default 100 ms, 0: none)" },
	{ "caller", RP_PARAM_STRING, "UST reads of this caller only: thread_begin, thread_end, sched_getcpu, sample, api" },
	{ "mismatches", RP_PARAM_UINT, "list the first N rseq_update events where a model's id differs (default 0, at most 1000)" },
	RP_PARAM_END
};

static const char *const cid_callers[] = {
	"thread_begin", "thread_end", "sched_getcpu", "sample", "api", NULL,
};

static int cid_report_op(struct rp_sink *s);
static int cid_event_op(struct rp_sink *s, const struct rp_kevent *ev,
			const struct vcid_result *res);
static int cid_message_op(struct rp_sink *s, const bt_message *msg);

static const struct rp_sink_ops cid_ops = {
	.event = cid_event_op,
	.message = cid_message_op,
	.report = cid_report_op,
	.wanted = 0,
	.feed_models = true,
	.whole_trace = true,
};

/* Frees @s's cid and everything it holds; safe on a partly initialized one. */
static void cid_destroy(struct rp_sink *s)
{
	struct cid *c = (struct cid *)s;
	int i;

	if (!c)
		return;
	for (i = 0; i < VCID_NR_VARIANTS; i++)
		free(c->val.mismatch[i]);
	for (i = 0; (size_t)i < c->timelines.nr; i++)
		cid_tl_fini(idtable_at(&c->timelines, (size_t)i));
	idtable_fini(&c->timelines);
	cid_procs_fini(&c->procs);
	cid_last_fini(&c->last);
	cid_ust_fini(&c->ust);
	free(c);
}

static bt_component_class_initialize_method_status
cid_create(struct rp_host *host, struct rp_sink **out)
{
	bt_component_class_initialize_method_status status =
		BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK;
	const bt_value *params = host->params;
	struct cid *c = rp_sink_alloc(host, sizeof(*c), "cid", &cid_ops);
	int i;

	if (!c)
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_MEMORY_ERROR;
	idtable_init(&c->timelines, sizeof(struct cid_timeline));
	c->owner = -1;
	for (i = 0; (unsigned int)i < c->base.models->nr; i++)
		if (c->base.models->v[i].variant == VCID_OWNER_6_19)
			c->owner = i;
	c->slot_size = rp_param_uint(params, "slot-size", 64);
	c->time.slice = rp_param_uint(params, "interval", 100000000ULL);
	c->caller = rp_param_string(params, "caller", NULL);
	if (rp_param_uint(params, "mismatches", 0) > CID_MAX_MISMATCHES) {
		rp_sink_error(&c->base, "mismatches: at most %d", CID_MAX_MISMATCHES);
		status = BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
		goto end;
	}
	c->mismatches = (unsigned int)rp_param_uint(params, "mismatches", 0);
	if (!c->slot_size) {
		rp_sink_error(&c->base, "slot-size must be at least 1 byte");
		status = BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
		goto end;
	}
	if (c->caller) {
		for (i = 0; cid_callers[i]; i++)
			if (!strcmp(c->caller, cid_callers[i]))
				break;
		if (!cid_callers[i]) {
			rp_sink_error(&c->base, "unknown caller '%s' (thread_begin, thread_end, sched_getcpu, sample or api)",
				      c->caller);
			status = BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
		}
	}
end:
	if (status != BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK)
		/* No finalization follows a failed initialization. */
		cid_destroy(&c->base);
	else
		*out = &c->base;
	return status;
}

const struct rp_section cid_section = {
	.name = "cid",
	.params = cid_params,
	.ops = &cid_ops,
	.create = cid_create,
	.destroy = cid_destroy,
};

/* In the time range, and about the filtered process/thread. */
static bool cid_selected(struct cid *c, uint64_t ts, uint32_t pid, uint32_t tid)
{
	const struct rp_filter *f = c->base.filter;
	struct rp_sink *s = &c->base;

	/* The host resolved a time-of-day range at the first event. */
	if (ts < rp_sink_begin(s) || ts > rp_sink_end(s))
		return false;
	if (!f->active)
		return true;
	if (f->has_pid && pid != f->pid)
		return false;
	if (f->has_tid && tid != f->tid)
		return false;
	if (f->procname) {
		const struct rp_task *t = rp_tasks_find(&s->dec->tasks, tid);
		const struct rp_task *leader = rp_tasks_find(&s->dec->tasks, pid);

		return (t && !strcmp(t->comm, f->procname)) ||
		       (leader && !strcmp(leader->comm, f->procname));
	}
	return true;
}

static int cid_count(struct cid *c, enum cid_source src, const struct cid_read *r,
		     struct cid_proc **out)
{
	struct cid_proc *p;

	if (!c->has_t0) {
		c->t0 = r->ts;
		c->has_t0 = true;
	}
	c->seen[src] = true;
	if (c->time.slice)
		cid_time_fit(&c->procs, &c->time, r->ts, c->t0);
	p = cid_procs_get(&c->procs, r->pid, src);
	if (!p || cid_proc_add(p, r, &c->time, r->ts < c->t0 ? r->ts : c->t0))
		return -1;
	*out = p;
	return 0;
}

/* Keep the first c->mismatches mismatches of model @i. */
static int cid_keep_mismatch(struct cid *c, unsigned int i, const struct rp_kevent *ev,
			     int model)
{
	struct cid_mismatch *m;

	if (c->val.nr_mismatch[i] >= c->mismatches)
		return 0;
	if (!c->val.mismatch[i]) {
		c->val.mismatch[i] = calloc(c->mismatches, sizeof(*m));
		if (!c->val.mismatch[i])
			return -1;
	}
	m = &c->val.mismatch[i][c->val.nr_mismatch[i]++];
	m->ts = ev->ts;
	m->pid = ev->task.tgid;
	m->tid = ev->task.tid;
	m->cpu = ev->cpu;
	m->real = ev->mm_cid;
	m->model = model;
	return 0;
}

/* The timeline of process @pid, created empty; NULL: out of memory. */
static struct cid_timeline *cid_timeline(struct cid *c, uint32_t pid)
{
	int created = 0;
	struct cid_timeline *tl = idtable_get(&c->timelines, pid, &created);

	if (tl && created)
		cid_tl_init(tl);
	return tl;
}

/*
 * A migration of a selected task, and the owner-6.19 mode switches the
 * event made (its counters moved), on the timeline of the task's process.
 */
static int cid_timeline_marks(struct cid *c, const struct rp_kevent *ev)
{
	uint64_t modes[2] = { 0, 0 };
	struct cid_timeline *tl;
	int m;

	if (c->owner >= 0) {
		modes[0] = rp_models_counter(c->base.models, (unsigned int)c->owner,
					     VCID_OWNER_TO_PERCPU);
		modes[1] = rp_models_counter(c->base.models, (unsigned int)c->owner,
					     VCID_OWNER_TO_PERTASK);
	}
	for (m = 0; m < 2; m++) {
		if (modes[m] == c->modes[m])
			continue;
		c->modes[m] = modes[m];
		tl = ev->task.mm && cid_selected(c, ev->ts, ev->task.tgid, ev->task.tid) ?
		     cid_timeline(c, ev->task.tgid) : NULL;
		if (tl && cid_tl_mark(&tl->modes, ev->ts, ev->task.tid, m == 0, 0))
			return -1;
	}
	if (ev->type != RP_KEV_MIGRATE || !ev->task.mm ||
	    !cid_selected(c, ev->ts, ev->task.tgid, ev->task.tid))
		return 0;
	tl = cid_timeline(c, ev->task.tgid);
	return tl ? cid_tl_mark(&tl->migrations, ev->ts, ev->task.tid,
				(int32_t)ev->orig_cpu, (int32_t)ev->dest_cpu) : -1;
}

/* rseq_update of a user task: count it and compare with every model. */
static int cid_rseq_update(struct cid *c, const struct rp_kevent *ev,
			   const struct vcid_result *res)
{
	const struct rp_models *ms = c->base.models;
	struct cid_read r = {
		.ts = ev->ts, .pid = ev->task.tgid, .tid = ev->task.tid,
		.cpu_id = ev->cpu_id, .node_id = ev->node_id, .mm_cid = ev->mm_cid,
	};
	int32_t model[VCID_NR_VARIANTS];
	struct cid_timeline *tl;
	struct cid_proc *p;
	unsigned int i;

	if (!ev->task.mm)
		return 0;	/* idle or kernel thread: no rseq area */
	if (cid_count(c, CID_SRC_KERNEL, &r, &p))
		return -1;
	if (ev->mm_cid < 0) {
		c->val.no_mm_cid++;
		return 0;
	}
	c->val.events++;
	for (i = 0; i < ms->nr; i++) {
		int model = res[i].cid;

		if (model == ev->mm_cid) {
			c->val.agree[i]++;
			p->agree[i]++;
		} else if (cid_keep_mismatch(c, i, ev, model)) {
			return -1;
		}
		if (cid_hist_add(&p->model[i], model))
			return -1;
	}
	for (i = 0; i < ms->nr; i++)
		model[i] = res[i].cid < 0 ? -1 : res[i].cid;
	tl = cid_timeline(c, ev->task.tgid);
	return tl ? cid_tl_read(tl, ev->ts, ev->cpu, ev->task.tid, ev->mm_cid, model, ms->nr) : -1;
}

/*
 * A decoded kernel event, after the models replayed it; @counted: in the
 * range and about the filtered tasks (cid_selected()).
 */
static int cid_kernel_event(struct cid *c, const struct rp_kevent *ev,
			    const struct vcid_result *res, bool counted)
{
	if (cid_timeline_marks(c, ev))
		return -1;
	if (ev->type != RP_KEV_RSEQ_UPDATE)
		return 0;
	if (cid_last_set(&c->last, ev->task.tid, ev->cpu_id, ev->mm_cid))
		return -1;
	return counted ? cid_rseq_update(c, ev, res) : 0;
}

/* A message the decoder left: a UST read, or the UST topology. */
static int cid_ust_message(struct cid *c, const bt_message *msg)
{
	struct cid_read r;
	struct cid_proc *p;
	uint32_t nr_cpus;
	int ret;

	if (bt_message_get_type(msg) != BT_MESSAGE_TYPE_EVENT)
		return 0;
	ret = cid_ust_decode(&c->ust, msg, c->caller, &r, &nr_cpus);
	if (ret < 0)
		return -1;
	if (ret == CID_UST_TOPOLOGY && nr_cpus > c->ust_nr_cpus)
		c->ust_nr_cpus = nr_cpus;
	if (ret == CID_UST_READ && cid_selected(c, r.ts, r.pid, r.tid)) {
		const struct cid_last_entry *k = cid_last_get(&c->last, r.tid);

		if (cid_count(c, CID_SRC_UST, &r, &p))
			return -1;
		if (k) {
			/* the thread read what the kernel last wrote? */
			p->checked++;
			if (k->cpu_id == r.cpu_id && k->mm_cid == r.mm_cid)
				p->checked_agree++;
		}
	}
	return 0;
}

static int cid_event_op(struct rp_sink *s, const struct rp_kevent *ev,
			const struct vcid_result *res)
{
	struct cid *c = (struct cid *)s;
	bool counted = false;

	/* Only rseq_update events are counted here (the host counts the rest). */
	if (ev->type == RP_KEV_RSEQ_UPDATE)
		counted = cid_selected(c, ev->ts, ev->task.tgid, ev->task.tid);
	if (cid_kernel_event(c, ev, res, counted)) {
		rp_sink_error(s, "out of memory");
		return -1;
	}
	return 0;
}

static int cid_message_op(struct rp_sink *s, const bt_message *msg)
{
	if (cid_ust_message((struct cid *)s, msg)) {
		rp_sink_error(s, "out of memory");
		return -1;
	}
	return 0;
}

/* The end of the stream: what was counted, then the report. */
static int cid_report_op(struct rp_sink *s)
{
	struct cid *c = (struct cid *)s;
	size_t i;

	if (!c->procs.nr) {
		rp_sink_error(s, "the trace holds no rseqprof_ust:rseq_read nor rseq_update event%s "
			      "(record with 'rseqprof record --preload', or with the rseq:rseq_update tracepoint)",
			      s->filter->active || rp_sink_begin(s) ||
			      rp_sink_end(s) != UINT64_MAX ?
				" for the selected process and time range" : "");
		return -1;
	}
	for (i = 0; i < c->procs.nr; i++)
		if (cid_proc_flush(c->procs.v[i], &c->time)) {
			rp_sink_error(s, "out of memory");
			return -1;
		}
	cid_procs_sort(&c->procs);
	return cid_report(c);
}
