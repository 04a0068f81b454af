// SPDX-License-Identifier: MIT
/*
 * rp_merge.c - the merger of the workers' records (rp_merge.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rp_merge.h"

int rp_merge_init(struct rp_merge *m, struct rp_workers *w)
{
	unsigned int i;

	memset(m, 0, sizeof(*m));
	m->w = w;
	m->last_ns = INT64_MIN;
	for (i = 0; i < w->nr; i++) {
		m->in[i].buf = malloc(RP_MERGE_BUF * sizeof(struct rp_rec));
		if (!m->in[i].buf) {
			rp_merge_fini(m);
			return -1;
		}
	}
	return 0;
}

void rp_merge_fini(struct rp_merge *m)
{
	unsigned int i;

	for (i = 0; i < RP_MAX_JOBS; i++) {
		free(m->in[i].buf);
		m->in[i].buf = NULL;
	}
}

static void rp_merge_errf(struct rp_merge *m, const char *fmt, const char *s)
{
	size_t off = strlen(m->err);

	snprintf(m->err + off, sizeof(m->err) - off, fmt, s);
}

/*
 * Refill worker @i's buffer, all of whose records were taken; 0, or -1 when
 * its pipe ended (@quiet: say nothing, its causes are said).
 */
static int rp_merge_fill(struct rp_merge *m, unsigned int i, bool quiet)
{
	struct rp_merge_in *in = &m->in[i];
	char *p = (char *)in->buf;
	ssize_t n;

	/* Keep the partial record. */
	if (in->bytes && in->nr)
		memmove(p, p + in->nr * sizeof(struct rp_rec), in->bytes);
	in->nr = in->pos = 0;
	for (;;) {
		n = read(m->w->fd[i], p + in->bytes,
			 RP_MERGE_BUF * sizeof(struct rp_rec) - in->bytes);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			char why[160];

			if (n < 0)
				snprintf(why, sizeof(why), "decoding worker %u: %s", i, strerror(errno));
			else if (!rp_workers_wait(m->w, i, why, sizeof(why)))
				snprintf(why, sizeof(why),
					 "decoding worker %u ended before the end of its streams", i);
			else
				rp_workers_wait(m->w, i, why, sizeof(why));
			if (!quiet)
				rp_merge_errf(m, "%s", why);
			return -1;
		}
		in->bytes += (size_t)n;
		if (in->bytes >= sizeof(struct rp_rec))
			break;
	}
	in->nr = in->bytes / sizeof(struct rp_rec);
	in->bytes -= in->nr * sizeof(struct rp_rec);
	return 0;
}

/*
 * The next record of worker @i that goes through the merge (NULL: it
 * ended); the trace records are taken on the way.  -1: failed.
 */
static int rp_merge_head(struct rp_merge *m, unsigned int i, const struct rp_rec **out)
{
	struct rp_merge_in *in = &m->in[i];
	const struct rp_rec *r;

	*out = NULL;
	while (!in->ended) {
		if (in->pos == in->nr && rp_merge_fill(m, i, false))
			return -1;
		r = &in->buf[in->pos];
		switch (r->type) {
		case RP_REC_TRACE:
			if (r->trace < RP_MAX_TRACES && !m->traces[r->trace].known) {
				m->traces[r->trace].known = true;
				m->traces[r->trace].has_uuid = r->flags & RP_REC_HAS_UUID;
				m->traces[r->trace].has_name = r->flags & RP_REC_HAS_NAME;
				memcpy(m->traces[r->trace].uuid, r->u.trace.uuid, 16);
				memcpy(m->traces[r->trace].name, r->u.trace.name,
				       sizeof(r->u.trace.name));
			}
			in->pos++;
			continue;
		case RP_REC_END:
			in->ended = true;
			in->pos++;
			return 0;
		case RP_REC_ERROR:
			/* Every cause, then the worker's end. */
			for (;;) {
				if (in->pos == in->nr && rp_merge_fill(m, i, true))
					return -1;
				r = &in->buf[in->pos++];
				if (r->type != RP_REC_ERROR)
					continue;
				rp_merge_errf(m, "%.87s", r->u.text);
				if (r->flags & RP_REC_LAST)
					rp_merge_errf(m, "%s", "\n");
			}
		default:
			*out = r;
			return 0;
		}
	}
	return 0;
}

/* Nullable strings and UUIDs as the muxer compares them: present first. */
static int rp_cmp_present(bool a, bool b)
{
	return a == b ? 0 : a ? -1 : 1;
}

/* common_muxing_compare_messages() of two records of different streams. */
static int rp_merge_cmp(const struct rp_merge *m, const struct rp_rec *a,
			const struct rp_rec *b)
{
	int ret;

	if (a->trace != b->trace && a->trace < RP_MAX_TRACES && b->trace < RP_MAX_TRACES) {
		const __typeof__(m->traces[0]) *ta = &m->traces[a->trace];
		const __typeof__(m->traces[0]) *tb = &m->traces[b->trace];

		ret = rp_cmp_present(ta->has_uuid, tb->has_uuid);
		if (!ret && ta->has_uuid)
			ret = memcmp(ta->uuid, tb->uuid, 16);
		if (!ret)
			ret = rp_cmp_present(ta->has_name, tb->has_name);
		if (!ret && ta->has_name)
			ret = strcmp(ta->name, tb->name);
		if (ret)
			return ret;
	}
	if (a->sc_id != b->sc_id)
		return a->sc_id < b->sc_id ? -1 : 1;
	if (a->stream_id != b->stream_id)
		return a->stream_id < b->stream_id ? -1 : 1;
	return 0;
}

int rp_merge_next(struct rp_merge *m, const struct rp_rec **rec)
{
	const struct rp_rec *best = NULL, *r;
	unsigned int i, from = 0;
	int64_t best_ns = 0, ns;

	for (i = 0; i < m->w->nr; i++) {
		if (rp_merge_head(m, i, &r)) {
			/* The worker's causes, then why the report stops. */
			return -1;
		}
		if (!r)
			continue;
		ns = r->flags & RP_REC_HAS_NS ? r->ns : m->last_ns;
		if (!best || ns < best_ns ||
		    (ns == best_ns && rp_merge_cmp(m, r, best) < 0)) {
			best = r;
			best_ns = ns;
			from = i;
		}
	}
	if (!best)
		return 0;
	if (best_ns < m->last_ns) {
		/* The muxer's own check, in its words (a worker of one stream has none). */
		snprintf(m->err, sizeof(m->err),
			 "Youngest upstream message iterator wrapper's timestamp is less than muxer's message iterator's last returned timestamp: "
			 "muxer-msg-iter-addr=%p, ts=%" PRId64 ", last-returned-ts=%" PRId64 "\n",
			 (void *)m, best_ns, m->last_ns);
		return -1;
	}
	m->in[from].pos++;
	m->last_ns = best_ns;
	m->records++;
	*rec = best;
	return 1;
}
