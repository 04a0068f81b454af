// SPDX-License-Identifier: MIT
/*
 * cid_timeline.c - the ids a process's CPUs and threads held over time
 * (see cid_timeline.h).
 */
#include <stdlib.h>
#include <string.h>

#include "cid_timeline.h"

void cid_tl_init(struct cid_timeline *tl)
{
	memset(tl, 0, sizeof(*tl));
	idtable_init(&tl->cpus, sizeof(struct cid_tl_lane));
	idtable_init(&tl->threads, sizeof(struct cid_tl_lane));
}

static void cid_tl_lanes_fini(struct idtable *t)
{
	size_t i;

	for (i = 0; i < t->nr; i++)
		free(((struct cid_tl_lane *)idtable_at(t, i))->seg);
	idtable_fini(t);
}

void cid_tl_fini(struct cid_timeline *tl)
{
	cid_tl_lanes_fini(&tl->cpus);
	cid_tl_lanes_fini(&tl->threads);
	free(tl->migrations.v);
	free(tl->modes.v);
}

static int32_t cid_tl_merge_id(int32_t a, int32_t b)
{
	return a == b ? a : CID_TL_MIXED;
}

/* Halve @l: each pair of neighbouring runs becomes one. */
static void cid_tl_halve(struct cid_tl_lane *l, unsigned int nr_models)
{
	uint32_t i, n = 0;
	unsigned int m;

	for (i = 0; i < l->nr; i += 2, n++) {
		struct cid_tl_seg *d = &l->seg[n], a = l->seg[i];
		const struct cid_tl_seg *b = &l->seg[i + 1];

		*d = a;
		if (i + 1 == l->nr)
			continue;
		d->t1 = b->t1;
		d->reads = a.reads + b->reads;
		d->mismatch = a.mismatch | b->mismatch;
		d->real = cid_tl_merge_id(a.real, b->real);
		for (m = 0; m < nr_models; m++)
			d->model[m] = cid_tl_merge_id(a.model[m], b->model[m]);
	}
	l->nr = n;
}

static int cid_tl_lane_read(struct cid_timeline *tl, struct cid_tl_lane *l, uint64_t ts,
			    int32_t real, const int32_t *model, unsigned int nr)
{
	struct cid_tl_seg *s = l->nr ? &l->seg[l->nr - 1] : NULL;
	uint32_t mismatch = 0;
	unsigned int m;

	for (m = 0; m < nr; m++)
		if (model[m] != real)
			mismatch |= 1u << m;
	if (s && s->real == real && !memcmp(s->model, model, nr * sizeof(*model))) {
		s->t1 = ts;
		s->reads++;
		s->mismatch |= mismatch;
		return 0;
	}
	if (l->nr == CID_TL_MAX_SEGS) {
		cid_tl_halve(l, nr);
		tl->aggregated = true;
	}
	if (l->nr == l->cap) {
		uint32_t cap = l->cap ? 2 * l->cap : 4;
		struct cid_tl_seg *seg = realloc(l->seg, cap * sizeof(*seg));

		if (!seg)
			return -1;
		l->seg = seg;
		l->cap = cap;
	}
	s = &l->seg[l->nr++];
	memset(s, 0, sizeof(*s));
	s->t0 = s->t1 = ts;
	s->reads = 1;
	s->mismatch = mismatch;
	s->real = real;
	memcpy(s->model, model, nr * sizeof(*model));
	return 0;
}

static struct cid_tl_lane *cid_tl_lane(struct idtable *t, uint32_t id)
{
	int created = 0;
	struct cid_tl_lane *l = idtable_get(t, id, &created);

	if (l && created)
		l->id = id;
	return l;
}

int cid_tl_read(struct cid_timeline *tl, uint64_t ts, uint32_t cpu, uint32_t tid,
		int32_t real, const int32_t *model, unsigned int nr)
{
	struct cid_tl_lane *l = cid_tl_lane(&tl->cpus, cpu);

	if (!l || cid_tl_lane_read(tl, l, ts, real, model, nr))
		return -1;
	l = cid_tl_lane(&tl->threads, tid);
	if (!l || cid_tl_lane_read(tl, l, ts, real, model, nr))
		return -1;
	return 0;
}

int cid_tl_mark(struct cid_tl_marks *m, uint64_t ts, uint32_t tid, int32_t a, int32_t b)
{
	if (m->nr == CID_TL_MAX_MARKS) {
		m->left++;
		return 0;
	}
	if (!m->v) {
		m->v = calloc(CID_TL_MAX_MARKS, sizeof(*m->v));
		if (!m->v)
			return -1;
	}
	m->v[m->nr++] = (struct cid_tl_mark){ .ts = ts, .tid = tid, .a = a, .b = b };
	return 0;
}
