// SPDX-License-Identifier: MIT
/*
 * cid_stats.c - histograms, the process table and intervals of the cid sink.
 */
#include <stdlib.h>
#include <string.h>

#include "cid_stats.h"
#include "rp_hash.h"

void cid_hist_fini(struct cid_hist *h)
{
	free(h->count);
	memset(h, 0, sizeof(*h));
	h->max = -1;
}

int cid_hist_add_grow(struct cid_hist *h, int32_t id)
{
	/* Small first: most processes of a system-wide trace use few ids. */
	uint32_t cap = h->cap ? h->cap : 4;
	uint64_t *c;

	if (id < 0 || id > CID_MAX_ID)
		return 0;
	while (cap <= (uint32_t)id)
		cap *= 2;
	c = realloc(h->count, cap * sizeof(*c));
	if (!c)
		return -1;
	memset(c + h->cap, 0, (cap - h->cap) * sizeof(*c));
	h->count = c;
	h->cap = cap;
	return cid_hist_add(h, id);
}

void cid_hist_reset(struct cid_hist *h)
{
	if (h->count)
		memset(h->count, 0, h->cap * sizeof(*h->count));
	h->distinct = 0;
	h->max = -1;
}

static void cid_proc_free(struct cid_proc *p)
{
	int i;

	cid_hist_fini(&p->mm_cid);
	cid_hist_fini(&p->cpu_id);
	cid_hist_fini(&p->node_id);
	cid_hist_fini(&p->cur_cid);
	cid_hist_fini(&p->cur_cpu);
	for (i = 0; i < VCID_NR_VARIANTS; i++)
		cid_hist_fini(&p->model[i]);
	free(p->iv);
	free(p);
}

void cid_procs_fini(struct cid_procs *t)
{
	size_t i;

	for (i = 0; i < t->nr; i++)
		cid_proc_free(t->v[i]);
	free(t->v);
	free(t->map);
	memset(t, 0, sizeof(*t));
}

static size_t cid_hash(uint32_t pid, enum cid_source src, size_t cap)
{
	uint64_t k = ((uint64_t)pid << 1 | src) * 0x9e3779b97f4a7c15ULL;

	return (size_t)(k >> 32) & (cap - 1);
}

static int cid_procs_rehash(struct cid_procs *t, size_t cap)
{
	uint32_t *map = calloc(cap, sizeof(*map));
	size_t i, h;

	if (!map)
		return -1;
	for (i = 0; i < t->nr; i++) {
		h = cid_hash(t->v[i]->pid, t->v[i]->src, cap);
		while (map[h])
			h = (h + 1) & (cap - 1);
		map[h] = (uint32_t)i + 1;
	}
	free(t->map);
	t->map = map;
	t->map_cap = cap;
	return 0;
}

struct cid_proc *cid_procs_get(struct cid_procs *t, uint32_t pid,
			       enum cid_source src)
{
	struct cid_proc *p;
	size_t h;
	int i;

	/* Reads come in runs of one process. */
	if (t->last && t->last->pid == pid && t->last->src == src)
		return t->last;
	if (t->map_cap) {
		h = cid_hash(pid, src, t->map_cap);
		while (t->map[h]) {
			p = t->v[t->map[h] - 1];
			if (p->pid == pid && p->src == src)
				return t->last = p;
			h = (h + 1) & (t->map_cap - 1);
		}
	}
	if ((t->nr + 1) * 2 > t->map_cap &&
	    cid_procs_rehash(t, t->map_cap ? t->map_cap * 2 : 64))
		return NULL;
	if (t->nr == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct cid_proc **v = realloc(t->v, cap * sizeof(*v));

		if (!v)
			return NULL;
		t->v = v;
		t->cap = cap;
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->pid = pid;
	p->src = src;
	p->mm_cid.max = p->cpu_id.max = p->node_id.max = -1;
	p->cur_cid.max = p->cur_cpu.max = -1;
	for (i = 0; i < VCID_NR_VARIANTS; i++)
		p->model[i].max = -1;
	t->v[t->nr++] = p;
	h = cid_hash(pid, src, t->map_cap);
	while (t->map[h])
		h = (h + 1) & (t->map_cap - 1);
	t->map[h] = (uint32_t)t->nr;
	return t->last = p;
}

static int cid_proc_cmp(const void *a, const void *b)
{
	const struct cid_proc *x = *(const struct cid_proc *const *)a;
	const struct cid_proc *y = *(const struct cid_proc *const *)b;

	if (x->src != y->src)
		return x->src < y->src ? -1 : 1;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

void cid_procs_sort(struct cid_procs *t)
{
	if (t->nr)
		qsort(t->v, t->nr, sizeof(*t->v), cid_proc_cmp);
	/* the index is stale now: rebuild it for any later lookup */
	if (t->map_cap)
		cid_procs_rehash(t, t->map_cap);
}

/* Count slice or interval @from into interval @to: reads add up, ids peak. */
static void cid_interval_merge(struct cid_interval *to, const struct cid_interval *from)
{
	to->reads += from->reads;
	if (from->mm_cids > to->mm_cids)
		to->mm_cids = from->mm_cids;
	if (from->max_mm_cid > to->max_mm_cid)
		to->max_mm_cid = from->max_mm_cid;
	if (from->cpu_ids > to->cpu_ids)
		to->cpu_ids = from->cpu_ids;
}

int cid_proc_flush(struct cid_proc *p, const struct cid_time *tm)
{
	struct cid_interval slice = {
		.index = p->cur_index >> tm->shift,
		.reads = p->cur_reads,
		.mm_cids = p->cur_cid.distinct,
		.max_mm_cid = p->cur_cid.max,
		.cpu_ids = p->cur_cpu.distinct,
	};
	struct cid_interval *iv;

	if (!p->cur_reads)
		return 0;
	if (p->nr_iv && p->iv[p->nr_iv - 1].index == slice.index) {
		cid_interval_merge(&p->iv[p->nr_iv - 1], &slice);
	} else {
		if (p->nr_iv == p->cap_iv) {
			size_t cap = p->cap_iv ? p->cap_iv * 2 : 4;

			iv = realloc(p->iv, cap * sizeof(*iv));
			if (!iv)
				return -1;
			p->iv = iv;
			p->cap_iv = cap;
		}
		p->iv[p->nr_iv++] = slice;
	}
	cid_hist_reset(&p->cur_cid);
	cid_hist_reset(&p->cur_cpu);
	p->cur_reads = 0;
	return 0;
}

/* Intervals twice as wide: pairs merge. */
static void cid_proc_widen(struct cid_proc *p)
{
	size_t j, n = 0;

	for (j = 0; j < p->nr_iv; j++) {
		struct cid_interval iv = p->iv[j];

		iv.index >>= 1;
		if (n && p->iv[n - 1].index == iv.index)
			cid_interval_merge(&p->iv[n - 1], &iv);
		else
			p->iv[n++] = iv;
	}
	p->nr_iv = n;
}

void cid_time_fit(struct cid_procs *t, struct cid_time *tm, uint64_t ts, uint64_t t0)
{
	uint64_t slice = ts > t0 ? (ts - t0) / tm->slice : 0;
	size_t i;

	while ((slice >> tm->shift) >= CID_MAX_INTERVALS) {
		tm->shift++;
		for (i = 0; i < t->nr; i++)
			cid_proc_widen(t->v[i]);
	}
}

int cid_proc_add(struct cid_proc *p, const struct cid_read *r,
		 const struct cid_time *tm, uint64_t t0)
{
	uint64_t slice;

	p->reads++;
	if (r->mm_cid < 0)
		p->no_mm_cid++;
	if (r->cpu_id < 0)
		p->bad_cpu++;
	if (cid_hist_add(&p->mm_cid, r->mm_cid) ||
	    cid_hist_add(&p->cpu_id, r->cpu_id) ||
	    cid_hist_add(&p->node_id, r->node_id))
		return -1;
	if (!tm->slice)
		return 0;
	slice = (r->ts - t0) / tm->slice;
	if (p->cur_reads && slice != p->cur_index && cid_proc_flush(p, tm))
		return -1;
	p->cur_index = slice;
	p->cur_reads++;
	if (cid_hist_add(&p->cur_cid, r->mm_cid) ||
	    cid_hist_add(&p->cur_cpu, r->cpu_id))
		return -1;
	return 0;
}

void cid_last_fini(struct cid_last *l)
{
	free(l->slots);
	memset(l, 0, sizeof(*l));
}

static struct cid_last_entry *cid_last_find(const struct cid_last *l, uint32_t tid)
{
	size_t h;

	if (!l->cap)
		return NULL;
	for (h = rp_id_hash(tid, l->cap); l->slots[h].tid; h = (h + 1) & (l->cap - 1))
		if (l->slots[h].tid == tid)
			return &l->slots[h];
	return &l->slots[h];	/* the free slot where @tid would go */
}

static int cid_last_grow(struct cid_last *l)
{
	struct cid_last old = *l;
	size_t i, cap = l->cap ? l->cap * 2 : 256;

	l->slots = calloc(cap, sizeof(*l->slots));
	if (!l->slots) {
		*l = old;
		return -1;
	}
	l->cap = cap;
	l->nr = 0;
	for (i = 0; i < old.cap; i++) {
		if (!old.slots[i].tid)
			continue;
		*cid_last_find(l, old.slots[i].tid) = old.slots[i];
		l->nr++;
	}
	free(old.slots);
	return 0;
}

int cid_last_set(struct cid_last *l, uint32_t tid, int32_t cpu_id, int32_t mm_cid)
{
	struct cid_last_entry *e;

	if (!tid)
		return 0;
	if ((l->nr + 1) * 2 > l->cap && cid_last_grow(l))
		return -1;
	e = cid_last_find(l, tid);
	if (!e->tid) {
		e->tid = tid;
		l->nr++;
	}
	e->cpu_id = cpu_id;
	e->mm_cid = mm_cid;
	return 0;
}

const struct cid_last_entry *cid_last_get(const struct cid_last *l, uint32_t tid)
{
	const struct cid_last_entry *e = cid_last_find(l, tid);

	return e && e->tid ? e : NULL;
}
