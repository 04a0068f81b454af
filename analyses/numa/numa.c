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
 * Parameters: the common ones (rp_host.h) and
 *   log-limit	mapping changes kept per mm and variant (default 256); the
 *		text report shows up to 5 violations per mm and variant.
 * The text report ranks the mms, most violations first, one line each;
 * "full" (common) writes every mm's block of ids, homes and violations.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <babeltrace2/babeltrace.h>

#include "rp_host.h"
#include "numa.h"
#include "numa_priv.h"

static const struct rp_param_desc numa_params[] = {
	{ "log-limit", RP_PARAM_UINT,
	  "mapping changes kept per mm and variant (default 256)" },
	RP_PARAM_END,
};

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

	nu = rp_sink_alloc(host, sizeof(*nu), "numa", &numa_ops);
	if (!nu)
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_MEMORY_ERROR;
	idtable_init(&nu->mms, sizeof(struct numa_mm));
	if (!rp_param_has(params, "cpu-to-node")) {
		rp_sink_error(&nu->base,
			      "no topology: give the trace's cpu-to-node (\"0,0,1,1\"); `rseqprof report` reads it from DIR/rseqprof.info, or pass --topology");
		status = BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
		goto error;
	}
	limit = rp_param_uint(params, "log-limit", NUMA_DEFAULT_LOG);
	nu->log_limit = limit > UINT32_MAX / 2 ? UINT32_MAX / 2 : (uint32_t)limit;
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
