// SPDX-License-Identifier: MIT
/*
 * rp_schema.c - the decoder's event-class schema (rp_schema.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rp_schema.h"

static const struct {
	const char *name;
	enum rp_kind kind;
} rp_kind_names[] = {
	{ "sched_switch", RP_K_SWITCH },
	{ "sched_migrate_task", RP_K_MIGRATE },
	{ "sched_process_fork", RP_K_FORK },
	{ "sched_process_exec", RP_K_EXEC },
	{ "sched_process_exit", RP_K_EXIT },
	{ "sched_process_free", RP_K_FREE },
	{ "rseq_update", RP_K_RSEQ },
	{ "lttng_statedump_process_state", RP_K_STATEDUMP },
	{ "perf_fork", RP_K_PERF_FORK },
	{ "perf_comm", RP_K_PERF_COMM },
	{ "task_newtask", RP_K_NEWTASK },
	{ "sched_move_numa", RP_K_MOVE_NUMA },
	{ "sched_stick_numa", RP_K_STICK_NUMA },
	{ "sched_swap_numa", RP_K_SWAP_NUMA },
};

const enum rp_kev_type rp_kind_type[RP_K_NR] = {
	[RP_K_NONE] = RP_KEV_NONE,
	[RP_K_SWITCH] = RP_KEV_SWITCH,
	[RP_K_MIGRATE] = RP_KEV_MIGRATE,
	[RP_K_FORK] = RP_KEV_FORK,
	[RP_K_EXEC] = RP_KEV_EXEC,
	[RP_K_EXIT] = RP_KEV_EXIT,
	[RP_K_FREE] = RP_KEV_FREE,
	[RP_K_RSEQ] = RP_KEV_RSEQ_UPDATE,
	[RP_K_STATEDUMP] = RP_KEV_TASK_INFO,
	[RP_K_PERF_FORK] = RP_KEV_TASK_INFO,
	[RP_K_PERF_COMM] = RP_KEV_TASK_INFO,
	[RP_K_NEWTASK] = RP_KEV_TASK_INFO,
	[RP_K_MOVE_NUMA] = RP_KEV_MOVE_NUMA,
	[RP_K_STICK_NUMA] = RP_KEV_STICK_NUMA,
	[RP_K_SWAP_NUMA] = RP_KEV_SWAP_NUMA,
};

/*
 * Candidate member names per role and kind, first match wins.  NULL-ended.
 * Roles not listed for a kind stay absent.
 */
struct rp_role_names {
	enum rp_role role;
	const char *names[3];
};

static const struct rp_role_names rp_switch_roles[] = {
	{ RP_R_PEER_TID, { "prev_tid", "prev_pid" } },
	{ RP_R_TID, { "next_tid", "next_pid" } },
	{ RP_R_PEER_COMM, { "prev_comm" } },
	{ RP_R_COMM, { "next_comm" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_migrate_roles[] = {
	{ RP_R_TID, { "tid", "pid" } },
	{ RP_R_COMM, { "comm" } },
	{ RP_R_ORIG_CPU, { "orig_cpu" } },
	{ RP_R_DEST_CPU, { "dest_cpu" } },
	{ RP_R_NR, { NULL } },
};

/* Fork is special-cased in rp_class_fork_roles(). */
static const struct rp_role_names rp_fork_roles[] = {
	{ RP_R_COMM, { "child_comm" } },
	{ RP_R_PEER_COMM, { "parent_comm" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_exec_roles[] = {
	{ RP_R_TID, { "tid", "pid" } },
	{ RP_R_FILENAME, { "filename" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_exit_roles[] = {
	{ RP_R_TID, { "tid", "pid" } },
	{ RP_R_COMM, { "comm" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_rseq_roles[] = {
	{ RP_R_TID, { "tid" } },
	{ RP_R_CPU_ID, { "cpu_id" } },
	{ RP_R_NODE_ID, { "node_id" } },
	{ RP_R_MM_CID, { "mm_cid" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_statedump_roles[] = {
	{ RP_R_TID, { "tid" } },
	{ RP_R_TGID, { "pid" } },
	{ RP_R_PPID, { "ppid" } },
	{ RP_R_COMM, { "name" } },
	{ RP_R_TYPE, { "type" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_perf_fork_roles[] = {
	{ RP_R_TID, { "tid" } },
	{ RP_R_TGID, { "pid" } },
	{ RP_R_PPID, { "ppid" } },
	{ RP_R_PEER_TID, { "ptid" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_perf_comm_roles[] = {
	{ RP_R_TID, { "tid" } },
	{ RP_R_TGID, { "pid" } },
	{ RP_R_COMM, { "comm" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_newtask_roles[] = {
	{ RP_R_TID, { "pid" } },
	{ RP_R_CLONE_FLAGS, { "clone_flags" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names rp_numa_roles[] = {
	{ RP_R_TID, { "pid", "src_pid" } },
	{ RP_R_ORIG_CPU, { "src_cpu" } },
	{ RP_R_DEST_CPU, { "dst_cpu" } },
	{ RP_R_NR, { NULL } },
};

static const struct rp_role_names *const rp_kind_roles[] = {
	[RP_K_NONE] = NULL,
	[RP_K_SWITCH] = rp_switch_roles,
	[RP_K_MIGRATE] = rp_migrate_roles,
	[RP_K_FORK] = rp_fork_roles,
	[RP_K_EXEC] = rp_exec_roles,
	[RP_K_EXIT] = rp_exit_roles,
	[RP_K_FREE] = rp_exit_roles,
	[RP_K_RSEQ] = rp_rseq_roles,
	[RP_K_STATEDUMP] = rp_statedump_roles,
	[RP_K_PERF_FORK] = rp_perf_fork_roles,
	[RP_K_PERF_COMM] = rp_perf_comm_roles,
	[RP_K_NEWTASK] = rp_newtask_roles,
	[RP_K_MOVE_NUMA] = rp_numa_roles,
	[RP_K_STICK_NUMA] = rp_numa_roles,
	[RP_K_SWAP_NUMA] = rp_numa_roles,
};

/* Index of member @name in structure class @fc, -1 when absent. */
static int rp_member_index(const bt_field_class *fc, const char *name,
			   bool *is_signed, bool want_string)
{
	uint64_t i, n;

	if (!fc || bt_field_class_get_type(fc) != BT_FIELD_CLASS_TYPE_STRUCTURE)
		return -1;
	n = bt_field_class_structure_get_member_count(fc);
	for (i = 0; i < n; i++) {
		const bt_field_class_structure_member *m =
			bt_field_class_structure_borrow_member_by_index_const(fc, i);
		const bt_field_class *mfc;
		bt_field_class_type t;

		if (strcmp(bt_field_class_structure_member_get_name(m), name))
			continue;
		mfc = bt_field_class_structure_member_borrow_field_class_const(m);
		t = bt_field_class_get_type(mfc);
		if (want_string)
			return t == BT_FIELD_CLASS_TYPE_STRING ? (int)i : -1;
		if (!bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_INTEGER))
			return -1;
		if (is_signed)
			*is_signed = bt_field_class_type_is(t,
				BT_FIELD_CLASS_TYPE_SIGNED_INTEGER);
		return (int)i;
	}
	return -1;
}

static bool rp_role_is_string(enum rp_role r)
{
	return r == RP_R_COMM || r == RP_R_PEER_COMM || r == RP_R_FILENAME;
}

static void rp_class_set(struct rp_evclass *c, const bt_field_class *fc,
			 enum rp_role r, const char *name)
{
	c->idx[r] = rp_member_index(fc, name, &c->is_signed[r],
				    rp_role_is_string(r));
}

/*
 * lttng-modules: parent_tid/parent_pid, child_tid/child_pid (tgids);
 * perf: parent_pid, child_pid are thread ids.
 */
static void rp_class_fork_roles(struct rp_evclass *c, const bt_field_class *fc)
{
	bool dummy;

	if (rp_member_index(fc, "child_tid", &dummy, false) >= 0) {
		rp_class_set(c, fc, RP_R_TID, "child_tid");
		rp_class_set(c, fc, RP_R_TGID, "child_pid");
		rp_class_set(c, fc, RP_R_PEER_TID, "parent_tid");
		rp_class_set(c, fc, RP_R_PEER_TGID, "parent_pid");
	} else {
		rp_class_set(c, fc, RP_R_TID, "child_pid");
		rp_class_set(c, fc, RP_R_PEER_TID, "parent_pid");
	}
}

static enum rp_kind rp_kind_of(const char *name)
{
	const char *colon = name ? strrchr(name, ':') : NULL;
	size_t i;

	if (!name)
		return RP_K_NONE;
	if (colon)
		name = colon + 1;
	for (i = 0; i < sizeof(rp_kind_names) / sizeof(rp_kind_names[0]); i++)
		if (!strcmp(rp_kind_names[i].name, name))
			return rp_kind_names[i].kind;
	return RP_K_NONE;
}

/* @c cannot be used: it has no member for @role (named as the kernel does). */
static void rp_class_lacks(struct rp_evclass *c, enum rp_role role)
{
	const struct rp_role_names *rn = rp_kind_roles[c->kind];

	while (rn->role != RP_R_NR && rn->role != role)
		rn++;
	/* The names it looks for, as "a" or "a/b". */
	if (rn->role != role) {
		c->lacks = "child_pid";
	} else if (!rn->names[1]) {
		c->lacks = rn->names[0];
	} else {
		snprintf(c->lacks_names, sizeof(c->lacks_names), "%s/%s",
			 rn->names[0], rn->names[1]);
		c->lacks = c->lacks_names;
	}
	c->lacks_kind = c->kind;
	c->kind = RP_K_NONE;
}

static void rp_class_describe(struct rp_evclass *c, const bt_event_class *ec)
{
	const bt_stream_class *sc = bt_event_class_borrow_stream_class_const(ec);
	const bt_field_class *fc = bt_event_class_borrow_payload_field_class_const(ec);
	const bt_field_class *pfc;
	const struct rp_role_names *rn;
	bool dummy;
	int r, k;

	c->key = ec;
	for (r = 0; r < RP_R_NR; r++)
		c->idx[r] = -1;
	c->kind = rp_kind_of(bt_event_class_get_name(ec));
	pfc = bt_stream_class_borrow_packet_context_field_class_const(sc);
	c->pkt_cpu = rp_member_index(pfc, "cpu_id", &dummy, false);
	c->has_clock = bt_stream_class_borrow_default_clock_class_const(sc) != NULL;
	if (c->kind == RP_K_NONE)
		return;
	for (rn = rp_kind_roles[c->kind]; rn->role != RP_R_NR; rn++) {
		for (k = 0; k < 3 && rn->names[k]; k++) {
			rp_class_set(c, fc, rn->role, rn->names[k]);
			if (c->idx[rn->role] >= 0)
				break;
		}
	}
	if (c->kind == RP_K_FORK)
		rp_class_fork_roles(c, fc);
	/* "cpu" is the event's CPU except in a statedump (the task's CPU). */
	if (c->kind != RP_K_STATEDUMP)
		rp_class_set(c, fc, RP_R_CPU, "cpu");
	rp_class_set(c, fc, RP_R_PERF_TID, "perf_tid");
	rp_class_set(c, fc, RP_R_PERF_PID, "perf_pid");
	if (c->idx[RP_R_PERF_TID] < 0 || c->idx[RP_R_PERF_PID] < 0) {
		/* LTTng: "lttng add-context -t tid -t pid" on the channel. */
		const bt_field_class *cfc =
			bt_stream_class_borrow_event_common_context_field_class_const(sc);

		rp_class_set(c, cfc, RP_R_PERF_TID, "tid");
		rp_class_set(c, cfc, RP_R_PERF_PID, "pid");
		c->cur_in_ctx = true;
	}
	/* Without its main members, the class cannot be used. */
	if (c->idx[RP_R_TID] < 0 && c->kind != RP_K_RSEQ)
		rp_class_lacks(c, RP_R_TID);
	else if (c->kind == RP_K_MIGRATE && c->idx[RP_R_ORIG_CPU] < 0)
		rp_class_lacks(c, RP_R_ORIG_CPU);
	else if (c->kind == RP_K_MIGRATE && c->idx[RP_R_DEST_CPU] < 0)
		rp_class_lacks(c, RP_R_DEST_CPU);
	else if (c->kind == RP_K_SWITCH && c->idx[RP_R_PEER_TID] < 0)
		rp_class_lacks(c, RP_R_PEER_TID);
}

static inline size_t rp_ptr_hash(const void *p, size_t cap)
{
	uintptr_t v = (uintptr_t)p;

	v ^= v >> 17;
	v *= 0x9e3779b97f4a7c15ULL;
	return (size_t)(v >> 32) & (cap - 1);
}

static int rp_classes_insert(struct rp_decoder *d, struct rp_evclass *c)
{
	size_t i;

	if ((d->classes_nr + 1) * 2 > d->classes_cap) {
		size_t ncap = d->classes_cap ? d->classes_cap * 2 : 64, j;
		struct rp_evclass **n = calloc(ncap, sizeof(*n));

		if (!n)
			return -1;
		for (j = 0; j < d->classes_cap; j++) {
			struct rp_evclass *o = d->classes[j];

			if (!o)
				continue;
			for (i = rp_ptr_hash(o->key, ncap); n[i]; i = (i + 1) & (ncap - 1))
				;
			n[i] = o;
		}
		free(d->classes);
		d->classes = n;
		d->classes_cap = ncap;
	}
	for (i = rp_ptr_hash(c->key, d->classes_cap); d->classes[i];
	     i = (i + 1) & (d->classes_cap - 1))
		;
	d->classes[i] = c;
	d->classes_nr++;
	return 0;
}

struct rp_evclass *rp_schema_find(struct rp_decoder *d, const bt_event_class *ec)
{
	struct rp_evclass *c;
	size_t i;

	if (d->classes_cap) {
		for (i = rp_ptr_hash(ec, d->classes_cap); d->classes[i];
		     i = (i + 1) & (d->classes_cap - 1)) {
			if (d->classes[i]->key == ec) {
				c = d->classes[i];
				goto found;
			}
		}
	}
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	rp_class_describe(c, ec);
	if (rp_classes_insert(d, c)) {
		free(c);
		return NULL;
	}
	if (c->kind != RP_K_NONE)
		d->declared |= 1u << rp_kind_type[c->kind];
	else if (c->lacks && !d->lacks[rp_kind_type[c->lacks_kind]])
		d->lacks[rp_kind_type[c->lacks_kind]] = c->lacks;
found:
	d->last2_key = d->last_key;
	d->last2 = d->last;
	d->last_key = ec;
	d->last = c;
	return c;
}

void rp_schema_fini(struct rp_decoder *d)
{
	size_t i;

	for (i = 0; i < d->classes_cap; i++)
		free(d->classes[i]);
	free(d->classes);
	d->classes = NULL;
}
