// SPDX-License-Identifier: MIT
/*
 * rp_models.c - several allocator-model instances fed in one pass.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rp_models.h"

int rp_parse_cpu_to_node(const char *s, struct vcid_config *cfg,
			 char *err, size_t errlen)
{
	uint32_t cpu = 0, max_node = 0;
	const char *p = s;

	while (*p) {
		char *end;
		unsigned long node = strtoul(p, &end, 10);

		if (end == p || (*end && *end != ',') || node >= VCID_MAX_NODES) {
			snprintf(err, errlen,
				 "bad cpu-to-node '%s': want comma-separated node numbers < %d, one per CPU",
				 s, VCID_MAX_NODES);
			return -1;
		}
		if (cpu >= VCID_MAX_CPUS) {
			snprintf(err, errlen, "cpu-to-node lists more than %d CPUs",
				 VCID_MAX_CPUS);
			return -1;
		}
		cfg->cpu_to_node[cpu++] = (u8)node;
		if (node > max_node)
			max_node = (uint32_t)node;
		p = *end ? end + 1 : end;
	}
	if (!cpu) {
		snprintf(err, errlen, "empty cpu-to-node");
		return -1;
	}
	cfg->nr_cpus = cpu;
	cfg->nr_nodes = max_node + 1;
	return 0;
}

struct rp_variant_ctx {
	struct rp_models *ms;
	char *err;
	size_t errlen;
};

static int rp_add_variant(const char *item, size_t len, void *data)
{
	struct rp_variant_ctx *ctx = data;
	char name[32];
	unsigned int i;
	int v;

	if (len >= sizeof(name))
		len = sizeof(name) - 1;
	memcpy(name, item, len);
	name[len] = '\0';
	v = vcid_variant_from_name(name);
	if (v < 0) {
		size_t off = (size_t)snprintf(ctx->err, ctx->errlen,
					      "unknown variant '%s' (known:", name);

		for (i = 0; i < VCID_NR_VARIANTS && off < ctx->errlen; i++)
			off += (size_t)snprintf(ctx->err + off, ctx->errlen - off,
						"%s %s", i ? "," : "",
						vcid_variant_name((enum vcid_variant)i));
		if (off < ctx->errlen)
			snprintf(ctx->err + off, ctx->errlen - off, ")");
		return -1;
	}
	for (i = 0; i < ctx->ms->nr; i++)
		if (ctx->ms->v[i].variant == (enum vcid_variant)v)
			return 0;
	ctx->ms->v[ctx->ms->nr++].variant = (enum vcid_variant)v;
	return 0;
}

static int rp_split(const char *s, int (*fn)(const char *, size_t, void *),
		    void *data)
{
	while (*s) {
		size_t len = strcspn(s, ",");

		if (len && fn(s, len, data))
			return -1;
		s += len;
		if (*s)
			s++;
	}
	return 0;
}

/* The traced kernel's release and the variant that follows it. */
static void rp_models_kernel(struct rp_models *ms, const char *release)
{
	unsigned int major, minor;

	ms->kernel_variant = -ENODATA;
	if (!release || !*release)
		return;
	snprintf(ms->kernel, sizeof(ms->kernel), "%s", release);
	if (sscanf(release, "%u.%u", &major, &minor) != 2)
		ms->kernel_variant = -EINVAL;
	else
		ms->kernel_variant = vcid_variant_of_kernel(major, minor);
}

int rp_models_own(const struct rp_models *ms)
{
	unsigned int i;

	for (i = 0; ms->kernel_variant >= 0 && i < ms->nr; i++)
		if (ms->v[i].variant == (enum vcid_variant)ms->kernel_variant)
			return (int)i;
	return -1;
}

/* ", N ids taken in the kernel's order ..." when the model exchanged any. */
static const char *rp_models_reordered_note(const struct rp_model *m, char *buf, size_t len)
{
	if (!m->reordered)
		return "";
	snprintf(buf, len, " (%" PRIu64 " pairs of ids exchanged into the kernel's order: "
		 "concurrent switch-ins the trace cannot order)", m->reordered);
	return buf;
}

void rp_models_kernel_note(const struct rp_models *ms, const char *approx,
			   char *buf, size_t len)
{
	char note[128];
	const char *name = ms->kernel_variant >= 0 ?
		vcid_variant_name((enum vcid_variant)ms->kernel_variant) : NULL;
	int own = rp_models_own(ms);

	if (ms->kernel_variant == -ENODATA)
		snprintf(buf, len, "%s", "");
	else if (ms->kernel_variant == -EINVAL)
		snprintf(buf, len, "%s: not a MAJOR.MINOR release, no variant is its own",
			 ms->kernel);
	else if (ms->kernel_variant == -ENOENT)
		snprintf(buf, len, "%s: no mm_cid before Linux 6.3, no variant is its own",
			 ms->kernel);
	else if (ms->kernel_variant == -EOPNOTSUPP)
		snprintf(buf, len, "%s: the 6.3 mm_cid design has no variant", ms->kernel);
	else if (own < 0)
		snprintf(buf, len, "%s: its own variant, %s, is not selected",
			 ms->kernel, name);
	else if (!ms->v[own].reads)
		snprintf(buf, len, "%s: its own variant is %s (no rseq_update mm_cid to check it against)",
			 ms->kernel, name);
	else
		snprintf(buf, len, "%s: its own variant is %s, which gives %s%.2f %% of its %" PRIu64
			 " rseq_update mm_cids%s",
			 ms->kernel, name, approx, 100.0 * (double)ms->v[own].agree / (double)ms->v[own].reads,
			 ms->v[own].reads, rp_models_reordered_note(&ms->v[own], note, sizeof(note)));
}

int rp_models_init(struct rp_models *ms, const struct rp_model_params *p,
		   char *err, size_t errlen)
{
	struct rp_variant_ctx ctx = { .ms = ms, .err = err, .errlen = errlen };
	struct vcid_config topo;
	unsigned int i;

	memset(ms, 0, sizeof(*ms));
	if (p->variants) {
		if (rp_split(p->variants, rp_add_variant, &ctx))
			return -1;
		if (!ms->nr) {
			snprintf(err, errlen, "no variant selected");
			return -1;
		}
	} else {
		for (i = 0; i < VCID_NR_VARIANTS; i++)
			ms->v[ms->nr++].variant = (enum vcid_variant)i;
	}

	memset(&topo, 0, sizeof(topo));
	topo.nr_cpus = VCID_MAX_CPUS;
	topo.nr_nodes = 1;
	if (p->cpu_to_node) {
		if (rp_parse_cpu_to_node(p->cpu_to_node, &topo, err, errlen))
			return -1;
		ms->topology = true;
		if (p->nr_cpus && p->nr_cpus != topo.nr_cpus) {
			snprintf(err, errlen,
				 "cpus=%u disagrees with cpu-to-node (%u CPUs)",
				 p->nr_cpus, topo.nr_cpus);
			return -1;
		}
	} else if (p->nr_cpus) {
		if (p->nr_cpus > VCID_MAX_CPUS) {
			snprintf(err, errlen, "cpus=%u exceeds the model's %d",
				 p->nr_cpus, VCID_MAX_CPUS);
			return -1;
		}
		topo.nr_cpus = p->nr_cpus;
		ms->topology = true;
	}
	if (p->cache_size > VCID_MAX_CACHE) {
		snprintf(err, errlen, "cache-size=%u out of range 1..%d",
			 p->cache_size, VCID_MAX_CACHE);
		return -1;
	}

	rp_models_kernel(ms, p->kernel);
	for (i = 0; i < ms->nr; i++) {
		struct rp_model *m = &ms->v[i];
		struct vcid_config cfg;
		size_t size;

		vcid_config_default(&cfg, m->variant, topo.nr_cpus);
		cfg.nr_nodes = topo.nr_nodes;
		memcpy(cfg.cpu_to_node, topo.cpu_to_node, sizeof(cfg.cpu_to_node));
		if (p->cache_size)
			cfg.cache_size = p->cache_size;
		size = vcid_model_size(&cfg);
		if (!size) {
			snprintf(err, errlen, "invalid model configuration for %s",
				 vcid_variant_name(m->variant));
			goto error;
		}
		m->mem = aligned_alloc(64, (size + 63) & ~(size_t)63);
		if (!m->mem) {
			snprintf(err, errlen, "out of memory (%zu bytes for %s)",
				 size, vcid_variant_name(m->variant));
			goto error;
		}
		if (vcid_model_init(&m->m, m->mem, size, &cfg)) {
			snprintf(err, errlen, "cannot build the %s model",
				 vcid_variant_name(m->variant));
			goto error;
		}
		if (!i)
			ms->cfg = cfg;
	}
	return 0;
error:
	rp_models_fini(ms);
	return -1;
}

void rp_models_fini(struct rp_models *ms)
{
	unsigned int i;

	for (i = 0; i < ms->nr; i++) {
		free(ms->v[i].mem);
		ms->v[i].mem = NULL;
		ms->v[i].m = NULL;
	}
}

static int rp_model_event(struct vcid_model *m, const struct rp_kevent *ev,
			  struct vcid_result *res)
{
	switch (ev->type) {
	case RP_KEV_SWITCH:
		return vcid_sched_switch(m, ev->ts, ev->cpu, ev->peer.tid, ev->peer.mm,
					 ev->task.tid, ev->task.mm, res);
	case RP_KEV_MIGRATE:
		return vcid_sched_migrate_task(m, ev->ts, ev->task.tid, ev->task.mm,
					       ev->orig_cpu, ev->dest_cpu, res);
	case RP_KEV_FORK:
		return vcid_sched_process_fork(m, ev->ts, ev->peer.tid, ev->peer.mm,
					       ev->task.tid, ev->task.mm, res);
	case RP_KEV_EXEC:
		return vcid_sched_process_exec(m, ev->ts, ev->task.tid, ev->task.mm, res);
	case RP_KEV_EXIT:
		return vcid_sched_process_exit(m, ev->ts, ev->task.tid, ev->task.mm, res);
	case RP_KEV_FREE:
		return vcid_sched_process_free(m, ev->ts, ev->task.tid, res);
	default:
		return 0;
	}
}

/*
 * An event the models do not replay: rseq_update reads the task's id, and
 * a counted one carrying mm_cid checks it against the kernel's.
 */
static void rp_models_read(struct rp_models *ms, const struct rp_kevent *ev,
			   struct vcid_result *res)
{
	bool check = ev->type == RP_KEV_RSEQ_UPDATE && ev->counted && ev->mm_cid >= 0;
	int cid, own = rp_models_own(ms);
	unsigned int i;

	for (i = 0; i < ms->nr; i++) {
		cid = ev->type != RP_KEV_RSEQ_UPDATE ? -1 :
			vcid_rseq_update(ms->v[i].m, ev->cpu, ev->task.tid);
		if (check) {
			ms->v[i].reads++;
			ms->v[i].agree += cid == ev->mm_cid;
		}
		/* The kernel's own variant learns the order of its allocations. */
		if (ev->type == RP_KEV_RSEQ_UPDATE && ev->mm_cid >= 0 && (int)i == own)
			ms->v[i].reordered += (uint64_t)vcid_rseq_observe(ms->v[i].m, ev->cpu,
									  ev->task.tid, ev->mm_cid);
		if (res)
			res[i] = (struct vcid_result){
				.cid = cid, .prev_cid = -1, .node = -1,
			};
	}
}

/* An event outside the counted ones: its counter deltas are excluded. */
static void rp_models_feed_excluded(struct rp_models *ms, const struct rp_kevent *ev,
				    struct vcid_result *res)
{
	uint64_t before[VCID_NR_COUNTERS];
	unsigned int i;
	int c;

	for (i = 0; i < ms->nr; i++) {
		struct rp_model *m = &ms->v[i];

		for (c = 0; c < VCID_NR_COUNTERS; c++)
			before[c] = vcid_model_counter(m->m, (enum vcid_counter)c);
		if (rp_model_event(m->m, ev, res ? &res[i] : NULL) == -EINVAL)
			m->errors++;
		for (c = 0; c < VCID_NR_COUNTERS; c++)
			m->excluded[c] += vcid_model_counter(m->m, (enum vcid_counter)c) -
					  before[c];
	}
}

void rp_models_feed(struct rp_models *ms, const struct rp_kevent *ev,
		    struct vcid_result *res)
{
	unsigned int i;

	if (ev->type == RP_KEV_NONE || ev->type >= RP_KEV_RSEQ_UPDATE) {
		rp_models_read(ms, ev, res);
		return;
	}
	if (!ev->counted) {
		rp_models_feed_excluded(ms, ev, res);
		return;
	}
	for (i = 0; i < ms->nr; i++)
		if (rp_model_event(ms->v[i].m, ev, res ? &res[i] : NULL) == -EINVAL)
			ms->v[i].errors++;
}

uint64_t rp_models_counter(const struct rp_models *ms, unsigned int i,
			   enum vcid_counter c)
{
	const struct rp_model *m = &ms->v[i];

	/* Model health is about the whole replay, counted or not. */
	if (vcid_counter_group(c) == VCID_GROUP_HEALTH)
		return vcid_model_counter(m->m, c);
	return vcid_model_counter(m->m, c) - m->excluded[c];
}

uint64_t rp_models_schedstat_total(const struct rp_models *ms, unsigned int i)
{
	uint64_t sum = 0;
	int c;

	for (c = 0; c < VCID_NR_SCHEDSTAT; c++)
		sum += rp_models_counter(ms, i, (enum vcid_counter)c);
	return sum;
}
