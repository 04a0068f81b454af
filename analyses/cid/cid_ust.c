// SPDX-License-Identifier: MIT
/*
 * cid_ust.c - rseqprof_ust:rseq_read and rseqprof_ust:cpu_topology events.
 *
 * The member indexes of each event class are looked up once, by name, so
 * that the layout may grow fields without breaking older analyses.
 */
#include <stdlib.h>
#include <string.h>

#include "cid_ust.h"

enum {
	F_PID, F_TID, F_CPU_ID, F_NODE_ID, F_MM_CID, F_CALLER, F_NR_CPUS,
	F_NR,
};

static const char *const field_names[F_NR] = {
	"pid", "tid", "cpu_id", "node_id", "mm_cid", "caller", "nr_cpus",
};

/**
 * struct cid_ust_class - what is known of one event class
 * @ec:		borrowed key
 * @kind:	what it is
 * @idx:	payload member index of each field, -1 when absent
 */
struct cid_ust_class {
	const bt_event_class *ec;
	enum cid_ust_kind kind;
	int64_t idx[F_NR];
};

void cid_ust_fini(struct cid_ust *u)
{
	unsigned int i;

	for (i = 0; i < u->nr; i++)
		free(u->cls[i]);
	memset(u, 0, sizeof(*u));
}

static struct cid_ust_class *cid_ust_describe(const bt_event_class *ec)
{
	const char *name = bt_event_class_get_name(ec);
	const bt_field_class *payload = bt_event_class_borrow_payload_field_class_const(ec);
	struct cid_ust_class *c = calloc(1, sizeof(*c));
	uint64_t i, n;
	int f;

	if (!c)
		return NULL;
	c->ec = ec;
	for (f = 0; f < F_NR; f++)
		c->idx[f] = -1;
	if (!name || !payload)
		return c;
	if (!strcmp(name, "rseqprof_ust:rseq_read"))
		c->kind = CID_UST_READ;
	else if (!strcmp(name, "rseqprof_ust:cpu_topology"))
		c->kind = CID_UST_TOPOLOGY;
	else
		return c;
	n = bt_field_class_structure_get_member_count(payload);
	for (i = 0; i < n; i++) {
		const char *m = bt_field_class_structure_member_get_name(
			bt_field_class_structure_borrow_member_by_index_const(payload, i));

		for (f = 0; f < F_NR; f++)
			if (!strcmp(m, field_names[f]))
				c->idx[f] = (int64_t)i;
	}
	/* a class without the fields it needs is not ours */
	if (c->kind == CID_UST_READ &&
	    (c->idx[F_PID] < 0 || c->idx[F_TID] < 0 || c->idx[F_CPU_ID] < 0 ||
	     c->idx[F_MM_CID] < 0))
		c->kind = CID_UST_OTHER;
	if (c->kind == CID_UST_TOPOLOGY && c->idx[F_NR_CPUS] < 0)
		c->kind = CID_UST_OTHER;
	return c;
}

static struct cid_ust_class *cid_ust_class(struct cid_ust *u, const bt_event_class *ec)
{
	struct cid_ust_class *c;
	unsigned int i;

	if (u->last && u->last->ec == ec)
		return u->last;
	for (i = 0; i < u->nr; i++)
		if (u->cls[i]->ec == ec)
			return u->last = u->cls[i];
	c = cid_ust_describe(ec);
	if (!c)
		return NULL;
	if (u->nr == CID_UST_MAX_CLASSES) {
		/* many classes: forget the oldest, it is looked up again if needed */
		free(u->cls[0]);
		memmove(u->cls, u->cls + 1, (CID_UST_MAX_CLASSES - 1) * sizeof(u->cls[0]));
		u->nr--;
	}
	u->cls[u->nr++] = c;
	return u->last = c;
}

static int64_t field_int(const bt_field *payload, int64_t idx, int64_t def)
{
	const bt_field *f;
	bt_field_class_type t;

	if (idx < 0)
		return def;
	f = bt_field_structure_borrow_member_field_by_index_const(payload, (uint64_t)idx);
	t = bt_field_get_class_type(f);
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_SIGNED_INTEGER))
		return bt_field_integer_signed_get_value(f);
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_UNSIGNED_INTEGER))
		return (int64_t)bt_field_integer_unsigned_get_value(f);
	return def;
}

static bool caller_matches(const bt_field *payload, int64_t idx, const char *caller)
{
	bt_field_class_enumeration_mapping_label_array labels;
	const bt_field *f;
	bt_field_class_type t;
	uint64_t i, n;

	if (idx < 0)
		return false;
	f = bt_field_structure_borrow_member_field_by_index_const(payload, (uint64_t)idx);
	t = bt_field_get_class_type(f);
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_SIGNED_ENUMERATION)) {
		if (bt_field_enumeration_signed_get_mapping_labels(f, &labels, &n))
			return false;
	} else if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_UNSIGNED_ENUMERATION)) {
		if (bt_field_enumeration_unsigned_get_mapping_labels(f, &labels, &n))
			return false;
	} else {
		return false;
	}
	for (i = 0; i < n; i++)
		if (!strcmp(labels[i], caller))
			return true;
	return false;
}

int cid_ust_decode(struct cid_ust *u, const bt_message *msg, const char *caller,
		   struct cid_read *r, uint32_t *nr_cpus)
{
	const bt_event *ev = bt_message_event_borrow_event_const(msg);
	const bt_field *payload;
	struct cid_ust_class *c;
	int64_t v;

	c = cid_ust_class(u, bt_event_borrow_class_const(ev));
	if (!c)
		return -1;
	if (c->kind == CID_UST_OTHER)
		return CID_UST_OTHER;
	payload = bt_event_borrow_payload_field_const(ev);
	if (!payload) {
		u->bad++;
		return CID_UST_OTHER;
	}
	if (c->kind == CID_UST_TOPOLOGY) {
		v = field_int(payload, c->idx[F_NR_CPUS], 0);
		*nr_cpus = v > 0 && v <= UINT32_MAX ? (uint32_t)v : 0;
		return CID_UST_TOPOLOGY;
	}
	if (caller && !caller_matches(payload, c->idx[F_CALLER], caller))
		return CID_UST_OTHER;
	r->ts = 0;
	if (bt_message_event_borrow_stream_class_default_clock_class_const(msg)) {
		int64_t ns;

		if (!bt_clock_snapshot_get_ns_from_origin(
			    bt_message_event_borrow_default_clock_snapshot_const(msg), &ns) &&
		    ns > 0)
			r->ts = (uint64_t)ns;
	}
	r->pid = (uint32_t)field_int(payload, c->idx[F_PID], 0);
	r->tid = (uint32_t)field_int(payload, c->idx[F_TID], 0);
	r->cpu_id = (int32_t)field_int(payload, c->idx[F_CPU_ID], -1);
	r->node_id = (int32_t)field_int(payload, c->idx[F_NODE_ID], -1);
	r->mm_cid = (int32_t)field_int(payload, c->idx[F_MM_CID], -1);
	return CID_UST_READ;
}
