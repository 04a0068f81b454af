// SPDX-License-Identifier: MIT
/*
 * numa_report.c - the numa section's report: per mm and variant, the ids'
 * home nodes, violations, remote runs and the mapping over time, v3-numa's
 * counters and the kernel's NUMA balancing events; in text, csv and json.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "rp_header.h"
#include "rp_topology.h"
#include "numa_priv.h"

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

/* One line for @mm: per variant, violations and remote/runs. */
static void numa_text_mm_line(struct numa *nu, FILE *f, const struct numa_mm *mm)
{
	const struct rp_models *ms = nu->base.models;
	unsigned int i;

	fprintf(f, "  %8" PRIu32 " %5" PRIu32 " %-16s", mm->tgid, mm->life,
		mm->comm[0] ? mm->comm : "?");
	for (i = 0; i < ms->nr; i++) {
		char cell[64];

		snprintf(cell, sizeof(cell), "%" PRIu64 " %" PRIu64 "/%" PRIu64,
			 mm->v[i].violations, mm->v[i].remote, mm->v[i].runs);
		fprintf(f, " %14s", cell);
	}
	fputc('\n', f);
}

/* The mms ranked: one line each, or (full) each one's block. */
static void numa_text_mms(struct numa *nu, FILE *f, const struct numa_rank *ranked,
			  size_t nr)
{
	const struct rp_models *ms = nu->base.models;
	size_t m, shown = rp_out_shown(nu->base.out, nr);
	unsigned int i;

	if (nu->base.out->full) {
		fprintf(f, "\nmms (%zu of %zu, most violations first, then most runs):\n",
			shown, nr);
		for (m = 0; m < shown; m++)
			numa_text_mm(nu, f, ranked[m].mm);
		return;
	}
	fprintf(f, "\nmms (%zu of %zu, most violations first, then most runs); per variant: "
		   "violations remote/runs (ids and home nodes: --full):\n", shown, nr);
	fprintf(f, "  %8s %5s %-16s", "pid", "life", "comm");
	for (i = 0; i < ms->nr; i++)
		fprintf(f, " %14s", vcid_variant_name(ms->v[i].variant));
	fputc('\n', f);
	for (m = 0; m < shown; m++)
		numa_text_mm_line(nu, f, ranked[m].mm);
	rp_out_left_out(nu->base.out, nr - shown, "mms");
}

static int numa_text(struct numa *nu)
{
	struct numa_totals t[VCID_NR_VARIANTS];
	const struct rp_models *ms = nu->base.models;
	struct numa_rank *ranked;
	FILE *f = nu->base.out->f;
	size_t nr;
	unsigned int i;

	numa_totals(nu, t);
	fprintf(f, "NUMA report\n");
	rp_header_text(&nu->base);
	rp_topology_text(f, ms);
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
	numa_text_mms(nu, f, ranked, nr);
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
	rp_topology_json(o, ms);
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

int numa_report(struct rp_sink *s)
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
