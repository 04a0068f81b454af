// SPDX-License-Identifier: MIT
/*
 * numa.c - sink.rseqprof.numa: vcpu-ids and NUMA nodes, per mm and variant.
 *
 * The guarantee checked (LPC 2022, "NUMA"): for the life of a process, the
 * mapping between a vcpu-id and a NUMA node stays invariant.  Every
 * switch-in replays through the models; each gives the id of the next task
 * and the node of that id (v3-numa: the node the id belongs to; the other
 * variants have no such notion and answer the node of the CPU the id is
 * used on).  Per mm life (a fork or an exec starts a new one) and variant:
 *
 *   home node	the node an id had at its first use
 *   violation	a switch-in that sees an id on another node than at its
 *		previous use (v3-numa: must never happen)
 *   remote run	a switch-in on a CPU whose node is not the id's home node:
 *		memory allocated node-locally at the id's first use is
 *		remote for that run (v3-numa: only after a steal)
 *   ids per node, the mapping over time (first uses and violations), and
 *   v3-numa's node reuse / new / rebalance / steal counters.
 *
 * Also the kernel's own NUMA balancing events (sched_move_numa,
 * sched_stick_numa, sched_swap_numa) when the trace has them.
 *
 * The topology is the trace's (parameter cpu-to-node, which `rseqprof
 * report` fills from rseqprof.info); without it the component refuses to
 * run, as the analysing machine's topology means nothing for the trace.
 *
 * Parameters: the common ones (rp_sink.h) and
 *   log-limit	mapping changes kept per mm and variant (default 256); the
 *		text report shows up to 5 violations per mm and variant.
 *   top	mms in the text report (default 10, 0: all), most violations
 *		first; csv and json always hold every mm.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <babeltrace2/babeltrace.h>

#include "rp_header.h"
#include "rp_host.h"
#include "migration/idtable.h"
#include "migration/mn_util.h"
#include "numa.h"

#define NUMA_DEFAULT_LOG	256
#define NUMA_DEFAULT_TOP	10
#define NUMA_TEXT_VIOLATIONS	5
#define NUMA_NR_VCOUNTERS	(VCID_NUMA_STEAL - VCID_NUMA_NODE_REUSE + 1)
#define NUMA_PATHS		(((1ULL << NUMA_NR_VCOUNTERS) - 1) << VCID_NUMA_NODE_REUSE)

/**
 * struct numa_change - one entry of an id's node over time
 * @from:	node before, -1 for the id's first use
 * @to:		node now
 */
struct numa_change {
	uint64_t ts;
	uint32_t tid;
	uint32_t id;
	int32_t from;
	int32_t to;
};

/**
 * struct numa_id - one vcpu-id of one mm in one variant
 * @home:	node at its first use, -1 while unused
 * @last:	node at its last use
 */
struct numa_id {
	int32_t home;
	int32_t last;
	uint64_t violations;
};

/**
 * struct numa_var - one mm in one variant
 * @ids:	owned, nr_cpus entries
 * @runs:	counted switch-ins of the mm's tasks with an id
 * @remote:	those on a CPU outside the id's home node
 * @violations:	counted switch-ins that saw an id change node
 * @counters:	v3-numa node reuse, new, rebalance, steal
 * @log:	owned, @log_cap entries, grown up to log-limit; @log_dropped beyond
 */
struct numa_var {
	struct numa_id *ids;
	uint64_t runs;
	uint64_t remote;
	uint64_t violations;
	uint64_t counters[NUMA_NR_VCOUNTERS];
	struct numa_change *log;
	uint32_t log_nr;
	uint32_t log_cap;
	uint64_t log_dropped;
};

/**
 * struct numa_mm - one life of one mm
 * @life:	1 for the first mm seen with this tgid, + 1 per exec/reuse
 * @counted:	a counted event touched it (only those are reported)
 */
struct numa_mm {
	uint32_t tgid;
	uint32_t life;
	bool counted;
	char comm[RP_COMM_LEN];
	struct numa_var v[VCID_NR_VARIANTS];
};

/**
 * struct numa_totals - one variant over all mms
 */
struct numa_totals {
	uint64_t runs;
	uint64_t remote;
	uint64_t violations;
	uint64_t ids_moved;
};

/**
 * struct numa - the component's private data
 * @base:	the shared sink; first
 * @mms:	owned: struct numa_mm by tgid (older lives stay in the array)
 * @log_limit:	changes kept per mm and variant
 * @top:	mms shown in the text report, 0: all
 */
struct numa {
	struct rp_sink base;
	struct idtable mms;
	uint32_t log_limit;
	uint64_t top;
};

static const struct rp_param_desc numa_params[] = {
	{ "log-limit", RP_PARAM_UINT,
	  "mapping changes kept per mm and variant (default 256)" },
	{ "top", RP_PARAM_UINT,
	  "mms shown in the text report (0: all, default 10)" },
	RP_PARAM_END,
};

static struct numa *to_numa(struct rp_sink *s)
{
	return (struct numa *)s;
}

static void numa_mm_free(struct numa_mm *mm)
{
	unsigned int i;

	for (i = 0; i < VCID_NR_VARIANTS; i++) {
		free(mm->v[i].ids);
		free(mm->v[i].log);
	}
}

/* Fill a new zeroed record: every id unused. */
static int numa_mm_setup(struct numa *nu, struct numa_mm *mm, uint32_t tgid,
			 uint32_t life)
{
	uint32_t nr_cpus = nu->base.models->cfg.nr_cpus, id;
	unsigned int i;

	mm->tgid = tgid;
	mm->life = life;
	for (i = 0; i < nu->base.models->nr; i++) {
		mm->v[i].ids = calloc(nr_cpus, sizeof(*mm->v[i].ids));
		if (!mm->v[i].ids)
			return -1;
		for (id = 0; id < nr_cpus; id++)
			mm->v[i].ids[id].home = mm->v[i].ids[id].last = -1;
	}
	return 0;
}

/* The current life of @tgid's mm, created when first seen. */
static struct numa_mm *numa_mm_get(struct numa *nu, uint32_t tgid)
{
	struct numa_mm *mm;
	int created;

	mm = idtable_get(&nu->mms, tgid, &created);
	if (mm && created && numa_mm_setup(nu, mm, tgid, 1))
		return NULL;
	return mm;
}

/* A new mm for @tgid (exec, or a reused process id): a new life. */
static int numa_mm_new_life(struct numa *nu, uint32_t tgid)
{
	struct numa_mm *old = idtable_find(&nu->mms, tgid), *mm;
	uint32_t life;

	if (!old)
		return 0;
	life = old->life + 1;
	mm = idtable_rebind(&nu->mms, tgid);
	if (!mm)
		return -1;
	return numa_mm_setup(nu, mm, tgid, life);
}

/* Append to the mapping over time; -1 when out of memory. */
static int numa_log(struct numa *nu, struct numa_var *v,
		    const struct rp_kevent *ev, uint32_t id, int32_t from,
		    int32_t to)
{
	if (v->log_nr >= nu->log_limit) {
		v->log_dropped++;
		return 0;
	}
	if (v->log_nr == v->log_cap) {
		/* Most lives log a few first uses: start small. */
		uint32_t cap = v->log_cap ? v->log_cap * 2 : 2;
		struct numa_change *log;

		if (cap > nu->log_limit)
			cap = nu->log_limit;
		log = realloc(v->log, cap * sizeof(*log));
		if (!log)
			return -1;
		v->log = log;
		v->log_cap = cap;
	}
	v->log[v->log_nr++] = (struct numa_change){
		.ts = ev->ts, .tid = ev->task.tid, .id = id,
		.from = from, .to = to,
	};
	return 0;
}

static int numa_on_switch(struct numa *nu, const struct rp_kevent *ev,
			  const struct vcid_result *res)
{
	const struct rp_models *ms = nu->base.models;
	int32_t cpu_node;
	struct numa_mm *mm;
	unsigned int i;

	if (!ev->task.mm || !res || ev->cpu >= ms->cfg.nr_cpus)
		return 0;
	mm = numa_mm_get(nu, ev->task.mm);
	if (!mm)
		return -1;
	if (ev->counted) {
		mm->counted = true;
		if (ev->task.info && ev->task.tid == ev->task.tgid &&
		    ev->task.info->comm[0])
			memcpy(mm->comm, ev->task.info->comm, RP_COMM_LEN);
		else if (!mm->comm[0] && ev->task.info)
			memcpy(mm->comm, ev->task.info->comm, RP_COMM_LEN);
	}
	cpu_node = ms->cfg.cpu_to_node[ev->cpu];
	for (i = 0; i < ms->nr; i++) {
		struct numa_var *v = &mm->v[i];
		int32_t cid = res[i].cid;
		int32_t node = res[i].node >= 0 ? res[i].node : cpu_node;
		struct numa_id *id;

		if (cid < 0 || (uint32_t)cid >= ms->cfg.nr_cpus)
			continue;
		id = &v->ids[cid];
		if (id->home < 0) {
			id->home = id->last = node;
			if (ev->counted &&
			    numa_log(nu, v, ev, (uint32_t)cid, -1, node))
				return -1;
		} else if (node != id->last) {
			if (ev->counted) {
				v->violations++;
				id->violations++;
				if (numa_log(nu, v, ev, (uint32_t)cid, id->last,
					     node))
					return -1;
			}
			id->last = node;
		}
		if (ev->counted) {
			v->runs++;
			v->remote += cpu_node != id->home;
		}
	}
	return 0;
}

/* v3-numa's own counters, attributed to the mm the event is about. */
static int numa_count_paths(struct numa *nu, const struct rp_kevent *ev,
			    const struct vcid_result *res)
{
	const struct rp_models *ms = nu->base.models;
	struct numa_mm *mm;
	unsigned int i, c;

	if (!ev->counted || !res || !ev->task.mm)
		return 0;
	for (i = 0; i < ms->nr; i++) {
		if (!(res[i].paths & NUMA_PATHS))
			continue;
		mm = numa_mm_get(nu, ev->task.mm);
		if (!mm)
			return -1;
		for (c = 0; c < NUMA_NR_VCOUNTERS; c++)
			if (res[i].paths & (1ULL << (VCID_NUMA_NODE_REUSE + c)))
				mm->v[i].counters[c]++;
	}
	return 0;
}

static int numa_event(struct rp_sink *s, const struct rp_kevent *ev,
		      const struct vcid_result *res)
{
	struct numa *nu = to_numa(s);
	int ret = 0;

	switch (ev->type) {
	case RP_KEV_SWITCH:
		ret = numa_on_switch(nu, ev, res);
		break;
	case RP_KEV_EXEC:
		ret = numa_mm_new_life(nu, ev->task.tgid);
		break;
	case RP_KEV_FORK:
		/* A new process whose id an earlier, dead process had. */
		if (ev->task.tid == ev->task.tgid &&
		    ev->task.tgid != ev->peer.tgid)
			ret = numa_mm_new_life(nu, ev->task.tgid);
		break;
	default:
		break;
	}
	if (!ret)
		ret = numa_count_paths(nu, ev, res);
	if (ret)
		rp_sink_error(s, "out of memory");
	return ret;
}

/* ---- report ---- */

static bool numa_applies(const struct rp_models *ms, unsigned int i)
{
	return vcid_counter_applies(ms->v[i].variant, VCID_NUMA_NODE_REUSE);
}

/* Ids whose home is each node, into @per_node; returns the ids used. */
static uint32_t numa_ids_per_node(const struct rp_models *ms,
				  const struct numa_var *v,
				  uint32_t per_node[VCID_MAX_NODES],
				  uint32_t *moved)
{
	uint32_t id, used = 0;

	memset(per_node, 0, VCID_MAX_NODES * sizeof(*per_node));
	*moved = 0;
	for (id = 0; id < ms->cfg.nr_cpus; id++) {
		if (v->ids[id].home < 0)
			continue;
		used++;
		per_node[v->ids[id].home]++;
		*moved += v->ids[id].violations != 0;
	}
	return used;
}

static void numa_totals(const struct numa *nu, struct numa_totals *t)
{
	const struct rp_models *ms = nu->base.models;
	uint32_t per_node[VCID_MAX_NODES], moved;
	unsigned int i;
	size_t m;

	memset(t, 0, VCID_NR_VARIANTS * sizeof(*t));
	for (m = 0; m < nu->mms.nr; m++) {
		const struct numa_mm *mm = idtable_at(&nu->mms, m);

		if (!mm->counted)
			continue;
		for (i = 0; i < ms->nr; i++) {
			numa_ids_per_node(ms, &mm->v[i], per_node, &moved);
			t[i].runs += mm->v[i].runs;
			t[i].remote += mm->v[i].remote;
			t[i].violations += mm->v[i].violations;
			t[i].ids_moved += moved;
		}
	}
}

static void numa_text_counters(FILE *f, const struct rp_models *ms,
			       unsigned int i, const uint64_t *c)
{
	unsigned int k;

	for (k = 0; k < NUMA_NR_VCOUNTERS; k++) {
		if (numa_applies(ms, i))
			fprintf(f, " %9" PRIu64, c[k]);
		else
			fprintf(f, " %9s", "-");
	}
}

static void numa_text_kernel(struct numa *nu, FILE *f)
{
	const struct rp_decoder *d = nu->base.dec;
	static const enum rp_kev_type types[] = {
		RP_KEV_MOVE_NUMA, RP_KEV_STICK_NUMA, RP_KEV_SWAP_NUMA,
	};
	unsigned int k;

	fprintf(f, "Kernel NUMA balancing events:");
	for (k = 0; k < 3; k++) {
		if (d->declared & (1u << types[k]) || d->counts[types[k]])
			fprintf(f, " %s %" PRIu64, rp_kev_type_name(types[k]),
				d->counts[types[k]]);
		else
			fprintf(f, " %s (not recorded)",
				rp_kev_type_name(types[k]));
	}
	fputc('\n', f);
}

static void numa_text_mm(struct numa *nu, FILE *f, const struct numa_mm *mm)
{
	const struct rp_models *ms = nu->base.models;
	uint32_t per_node[VCID_MAX_NODES], moved, used, n, id, k;
	unsigned int i;

	fprintf(f, "\nmm %" PRIu32 " %s (life %" PRIu32 ")\n", mm->tgid,
		mm->comm[0] ? mm->comm : "?", mm->life);
	fprintf(f, "  %-10s %5s %-16s %10s %12s %9s %9s %9s %9s\n", "variant",
		"ids", "ids per node", "violations", "remote/runs",
		"reuse", "new", "rebalance", "steal");
	for (i = 0; i < ms->nr; i++) {
		const struct numa_var *v = &mm->v[i];
		char cell[128], runs[48];
		size_t len = 0;

		used = numa_ids_per_node(ms, v, per_node, &moved);
		cell[0] = '\0';
		for (n = 0; n < ms->cfg.nr_nodes && len < sizeof(cell); n++)
			len += (size_t)snprintf(cell + len, sizeof(cell) - len,
						"%s%" PRIu32, n ? "," : "",
						per_node[n]);
		snprintf(runs, sizeof(runs), "%" PRIu64 "/%" PRIu64,
			 v->remote, v->runs);
		fprintf(f, "  %-10s %5" PRIu32 " %-16s %10" PRIu64 " %12s",
			vcid_variant_name(ms->v[i].variant), used, cell,
			v->violations, runs);
		numa_text_counters(f, ms, i, v->counters);
		fputc('\n', f);
	}
	for (i = 0; i < ms->nr; i++) {
		const struct numa_var *v = &mm->v[i];

		fprintf(f, "  %-10s id:home", vcid_variant_name(ms->v[i].variant));
		for (id = 0; id < ms->cfg.nr_cpus; id++)
			if (v->ids[id].home >= 0)
				fprintf(f, " %" PRIu32 ":%" PRId32, id,
					v->ids[id].home);
		fputc('\n', f);
		for (k = 0, n = 0; k < v->log_nr; k++) {
			const struct numa_change *c = &v->log[k];

			if (c->from < 0)
				continue;
			if (n++ == NUMA_TEXT_VIOLATIONS)
				break;
			fprintf(f, "    violation at %" PRIu64 ".%09" PRIu64
				" tid %" PRIu32 ": id %" PRIu32 " node %"
				PRId32 " -> %" PRId32 "\n",
				c->ts / 1000000000, c->ts % 1000000000, c->tid,
				c->id, c->from, c->to);
		}
		if (v->violations > n)
			fprintf(f, "    ... %" PRIu64 " violations in all\n",
				v->violations);
	}
}

/* One mm of the text ranking, with its sort keys. */
struct numa_rank {
	const struct numa_mm *mm;
	uint64_t violations;	/* over the variants */
	uint64_t runs;
};

static int numa_cmp_rank(const void *a, const void *b)
{
	const struct numa_rank *x = a, *y = b;

	if (x->violations != y->violations)
		return x->violations > y->violations ? -1 : 1;
	if (x->runs != y->runs)
		return x->runs > y->runs ? -1 : 1;
	if (x->mm->tgid != y->mm->tgid)
		return x->mm->tgid < y->mm->tgid ? -1 : 1;
	return x->mm->life < y->mm->life ? -1 : x->mm->life > y->mm->life;
}

/* The counted mms, ranked; an owned array (NULL when out of memory). */
static struct numa_rank *numa_ranking(const struct numa *nu, size_t *nr)
{
	struct numa_rank *v = malloc((nu->mms.nr ? nu->mms.nr : 1) * sizeof(*v));
	unsigned int i;
	size_t m;

	*nr = 0;
	if (!v)
		return NULL;
	for (m = 0; m < nu->mms.nr; m++) {
		const struct numa_mm *mm = idtable_at(&nu->mms, m);
		struct numa_rank *r = &v[*nr];

		if (!mm->counted)
			continue;
		r->mm = mm;
		r->violations = r->runs = 0;
		for (i = 0; i < nu->base.models->nr; i++) {
			r->violations += mm->v[i].violations;
			r->runs += mm->v[i].runs;
		}
		(*nr)++;
	}
	qsort(v, *nr, sizeof(*v), numa_cmp_rank);
	return v;
}

static int numa_text(struct numa *nu)
{
	struct numa_totals t[VCID_NR_VARIANTS];
	const struct rp_models *ms = nu->base.models;
	struct numa_rank *ranked;
	FILE *f = nu->base.out->f;
	size_t m, nr, shown;
	unsigned int i;

	numa_totals(nu, t);
	fprintf(f, "NUMA report\n");
	rp_header_text(&nu->base);
	mn_text_topology(f, ms);
	numa_text_kernel(nu, f);
	fprintf(f, "\nAll mms, per variant (violation: an id seen on another node than at its\n"
		   "previous use; remote: a run outside the id's home node, its first node):\n");
	fprintf(f, "  %-10s %10s %10s %12s %9s %9s %9s %9s\n", "variant",
		"violations", "ids-moved", "remote/runs", "reuse", "new",
		"rebalance", "steal");
	for (i = 0; i < ms->nr; i++) {
		uint64_t c[NUMA_NR_VCOUNTERS];
		char runs[48];
		unsigned int k;

		for (k = 0; k < NUMA_NR_VCOUNTERS; k++)
			c[k] = rp_models_counter(ms, i,
						 VCID_NUMA_NODE_REUSE + k);
		snprintf(runs, sizeof(runs), "%" PRIu64 "/%" PRIu64,
			 t[i].remote, t[i].runs);
		fprintf(f, "  %-10s %10" PRIu64 " %10" PRIu64 " %12s",
			vcid_variant_name(ms->v[i].variant), t[i].violations,
			t[i].ids_moved, runs);
		numa_text_counters(f, ms, i, c);
		fputc('\n', f);
	}
	ranked = numa_ranking(nu, &nr);
	if (!ranked)
		return -1;
	shown = nu->top && nu->top < nr ? nu->top : nr;
	fprintf(f, "\nmms (%zu of %zu, most violations first, then most runs):\n",
		shown, nr);
	for (m = 0; m < shown; m++)
		numa_text_mm(nu, f, ranked[m].mm);
	free(ranked);
	return 0;
}

static const char *const numa_counter_keys[NUMA_NR_VCOUNTERS] = {
	"node_reuse", "node_new", "rebalance", "steal",
};

static void numa_csv(struct numa *nu)
{
	struct numa_totals t[VCID_NR_VARIANTS];
	const struct rp_models *ms = nu->base.models;
	const struct rp_decoder *d = nu->base.dec;
	struct rp_out *o = nu->base.out;
	uint32_t per_node[VCID_MAX_NODES], moved, n;
	unsigned int i, k;
	char section[64], name[32];
	size_t m;

	numa_totals(nu, t);
	rp_csv_header(o);
	rp_header_csv(&nu->base);
	/* Rows only for the events the trace recorded (declared or seen). */
	for (k = RP_KEV_MOVE_NUMA; k <= RP_KEV_SWAP_NUMA; k++)
		if (d->declared & (1u << k) || d->counts[k])
			rp_csv_row(o, "numa_kernel", NULL, rp_kev_type_name(k),
				   d->counts[k], -1);
	for (i = 0; i < ms->nr; i++) {
		const char *vn = vcid_variant_name(ms->v[i].variant);

		rp_csv_row(o, "numa", vn, "violations", t[i].violations, -1);
		rp_csv_row(o, "numa", vn, "ids_moved", t[i].ids_moved, -1);
		rp_csv_row(o, "numa", vn, "runs", t[i].runs, -1);
		rp_csv_row(o, "numa", vn, "remote_runs", t[i].remote,
			   rp_percent(t[i].remote, t[i].runs));
		for (k = 0; numa_applies(ms, i) && k < NUMA_NR_VCOUNTERS; k++)
			rp_csv_row(o, "numa", vn, numa_counter_keys[k],
				   rp_models_counter(ms, i,
						     VCID_NUMA_NODE_REUSE + k),
				   -1);
	}
	for (m = 0; m < nu->mms.nr; m++) {
		const struct numa_mm *mm = idtable_at(&nu->mms, m);

		if (!mm->counted)
			continue;
		snprintf(section, sizeof(section), "numa_mm/%" PRIu32 "/%" PRIu32,
			 mm->tgid, mm->life);
		for (i = 0; i < ms->nr; i++) {
			const struct numa_var *v = &mm->v[i];
			const char *vn = vcid_variant_name(ms->v[i].variant);

			numa_ids_per_node(ms, v, per_node, &moved);
			rp_csv_row(o, section, vn, "violations",
				   v->violations, -1);
			rp_csv_row(o, section, vn, "remote_runs", v->remote,
				   rp_percent(v->remote, v->runs));
			rp_csv_row(o, section, vn, "runs", v->runs, -1);
			for (n = 0; n < ms->cfg.nr_nodes; n++) {
				snprintf(name, sizeof(name),
					 "ids_node%" PRIu32, n);
				rp_csv_row(o, section, vn, name, per_node[n],
					   -1);
			}
			for (k = 0; numa_applies(ms, i) &&
			     k < NUMA_NR_VCOUNTERS; k++)
				rp_csv_row(o, section, vn,
					   numa_counter_keys[k],
					   v->counters[k], -1);
		}
	}
}

static void numa_json_var(struct numa *nu, const struct numa_var *v,
			  unsigned int i)
{
	const struct rp_models *ms = nu->base.models;
	struct rp_out *o = nu->base.out;
	uint32_t per_node[VCID_MAX_NODES], moved, n, id, k;
	char key[32];

	numa_ids_per_node(ms, v, per_node, &moved);
	rp_json_open(o, vcid_variant_name(ms->v[i].variant));
	rp_json_u64(o, "violations", v->violations);
	rp_json_u64(o, "ids_moved", moved);
	rp_json_u64(o, "runs", v->runs);
	rp_json_u64(o, "remote_runs", v->remote);
	rp_json_open(o, "ids_per_node");
	for (n = 0; n < ms->cfg.nr_nodes; n++) {
		snprintf(key, sizeof(key), "%" PRIu32, n);
		rp_json_u64(o, key, per_node[n]);
	}
	rp_json_close(o);
	rp_json_open(o, "home_node");
	for (id = 0; id < ms->cfg.nr_cpus; id++) {
		if (v->ids[id].home < 0)
			continue;
		snprintf(key, sizeof(key), "%" PRIu32, id);
		rp_json_i64(o, key, v->ids[id].home);
	}
	rp_json_close(o);
	if (numa_applies(ms, i))
		for (k = 0; k < NUMA_NR_VCOUNTERS; k++)
			rp_json_u64(o, numa_counter_keys[k], v->counters[k]);
	/* The mapping over time, keyed by position to keep the order. */
	rp_json_open(o, "mapping");
	for (k = 0; k < v->log_nr; k++) {
		const struct numa_change *c = &v->log[k];

		snprintf(key, sizeof(key), "%" PRIu32, k);
		rp_json_open(o, key);
		rp_json_u64(o, "ts", c->ts);
		rp_json_u64(o, "tid", c->tid);
		rp_json_u64(o, "id", c->id);
		if (c->from < 0)
			rp_json_null(o, "from");
		else
			rp_json_i64(o, "from", c->from);
		rp_json_i64(o, "to", c->to);
		rp_json_close(o);
	}
	rp_json_close(o);
	rp_json_u64(o, "mapping_dropped", v->log_dropped);
	rp_json_close(o);
}

static void numa_json(struct numa *nu)
{
	struct numa_totals t[VCID_NR_VARIANTS];
	const struct rp_models *ms = nu->base.models;
	const struct rp_decoder *d = nu->base.dec;
	struct rp_out *o = nu->base.out;
	unsigned int i, k;
	char key[48];
	size_t m;

	numa_totals(nu, t);
	rp_json_open(o, NULL);
	rp_json_str(o, "report", "numa");
	rp_header_json(&nu->base);
	mn_json_topology(o, ms);
	rp_json_open(o, "kernel_numa_events");
	for (k = RP_KEV_MOVE_NUMA; k <= RP_KEV_SWAP_NUMA; k++) {
		if (d->declared & (1u << k) || d->counts[k])
			rp_json_u64(o, rp_kev_type_name(k), d->counts[k]);
		else
			rp_json_null(o, rp_kev_type_name(k));
	}
	rp_json_close(o);
	rp_json_open(o, "variants");
	for (i = 0; i < ms->nr; i++) {
		rp_json_open(o, vcid_variant_name(ms->v[i].variant));
		rp_json_u64(o, "violations", t[i].violations);
		rp_json_u64(o, "ids_moved", t[i].ids_moved);
		rp_json_u64(o, "runs", t[i].runs);
		rp_json_u64(o, "remote_runs", t[i].remote);
		for (k = 0; numa_applies(ms, i) && k < NUMA_NR_VCOUNTERS; k++)
			rp_json_u64(o, numa_counter_keys[k],
				    rp_models_counter(ms, i,
						      VCID_NUMA_NODE_REUSE + k));
		rp_json_close(o);
	}
	rp_json_close(o);
	rp_json_open(o, "mms");
	for (m = 0; m < nu->mms.nr; m++) {
		const struct numa_mm *mm = idtable_at(&nu->mms, m);

		if (!mm->counted)
			continue;
		snprintf(key, sizeof(key), "%" PRIu32 "/%" PRIu32, mm->tgid,
			 mm->life);
		rp_json_open(o, key);
		rp_json_u64(o, "pid", mm->tgid);
		rp_json_u64(o, "life", mm->life);
		rp_json_str(o, "comm", mm->comm);
		rp_json_open(o, "variants");
		for (i = 0; i < ms->nr; i++)
			numa_json_var(nu, &mm->v[i], i);
		rp_json_close(o);
		rp_json_close(o);
	}
	rp_json_close(o);
	rp_json_close(o);
}

static int numa_report(struct rp_sink *s)
{
	struct numa *nu = to_numa(s);

	switch (s->out->fmt) {
	case RP_FORMAT_TEXT:
		if (numa_text(nu)) {
			rp_sink_error(s, "out of memory");
			return -1;
		}
		break;
	case RP_FORMAT_CSV:
		numa_csv(nu);
		break;
	case RP_FORMAT_JSON:
		numa_json(nu);
		break;
	}
	return 0;
}

static const struct rp_sink_ops numa_ops = {
	.event = numa_event,
	.report = numa_report,
	.needed = 1u << RP_KEV_SWITCH,
	/* What the models replay and the kernel's NUMA balancing events. */
	.wanted = 1u << RP_KEV_SWITCH | 1u << RP_KEV_MIGRATE |
		  1u << RP_KEV_FORK | 1u << RP_KEV_EXEC | 1u << RP_KEV_EXIT |
		  1u << RP_KEV_FREE | 1u << RP_KEV_MOVE_NUMA |
		  1u << RP_KEV_STICK_NUMA | 1u << RP_KEV_SWAP_NUMA,
	.feed_models = true,
};

static void numa_destroy(struct rp_sink *s)
{
	struct numa *nu = to_numa(s);
	size_t m;

	if (!nu)
		return;
	for (m = 0; m < nu->mms.nr; m++)
		numa_mm_free(idtable_at(&nu->mms, m));
	idtable_fini(&nu->mms);
	free(nu);
}

static bt_component_class_initialize_method_status
numa_create(struct rp_host *host, struct rp_sink **out)
{
	const bt_value *params = host->params;
	bt_component_class_initialize_method_status status;
	struct numa *nu;
	uint64_t limit;

	nu = calloc(1, sizeof(*nu));
	if (!nu) {
		rp_host_error(host, "numa: out of memory");
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_MEMORY_ERROR;
	}
	idtable_init(&nu->mms, sizeof(struct numa_mm));
	rp_sink_init(&nu->base, host, "numa", &numa_ops);
	if (!rp_param_has(params, "cpu-to-node")) {
		rp_sink_error(&nu->base,
			      "no topology: give the trace's cpu-to-node (\"0,0,1,1\"); `rseqprof report` reads it from DIR/rseqprof.info, or pass --topology");
		status = BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
		goto error;
	}
	limit = rp_param_uint(params, "log-limit", NUMA_DEFAULT_LOG);
	nu->log_limit = limit > UINT32_MAX / 2 ? UINT32_MAX / 2 : (uint32_t)limit;
	nu->top = rp_param_uint(params, "top", NUMA_DEFAULT_TOP);
	*out = &nu->base;
	return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK;
error:
	numa_destroy(&nu->base);
	return status;
}

const struct rp_section numa_section = {
	.name = "numa",
	.params = numa_params,
	.ops = &numa_ops,
	.create = numa_create,
	.destroy = numa_destroy,
};
