// SPDX-License-Identifier: MIT
/*
 * idtable.c - records keyed by a 32-bit id (see idtable.h).
 */
#include <stdlib.h>
#include <string.h>

#include "idtable.h"
#include "rp_hash.h"

void idtable_init(struct idtable *t, size_t rec_size)
{
	memset(t, 0, sizeof(*t));
	t->rec_size = rec_size;
}

void idtable_fini(struct idtable *t)
{
	free(t->recs);
	free(t->slots);
	free(t->keys);
	memset(t, 0, sizeof(*t));
}

/* The slot holding @key, or the empty slot where it would go. */
static size_t idtable_slot(const struct idtable *t, uint32_t key)
{
	size_t i = rp_id_hash(key, t->nslots);

	while (t->slots[i] && t->keys[i] != key)
		i = (i + 1) & (t->nslots - 1);
	return i;
}

/* Record index + 1 of @key, 0 when absent. */
static size_t idtable_lookup(const struct idtable *t, uint32_t key)
{
	if (t->last_rec && t->last_key == key)
		return t->last_rec;
	return t->nslots ? t->slots[idtable_slot(t, key)] : 0;
}

void *idtable_find(const struct idtable *t, uint32_t key)
{
	size_t rec = idtable_lookup(t, key);

	return rec ? idtable_at(t, rec - 1) : NULL;
}

/* Double the hash map, keeping every key's record index. */
static int idtable_grow_map(struct idtable *t)
{
	size_t n = t->nslots ? t->nslots * 2 : 64, i, j;
	uint32_t *slots = calloc(n, sizeof(*slots));
	uint32_t *keys = calloc(n, sizeof(*keys));
	struct idtable old = *t;

	if (!slots || !keys) {
		free(slots);
		free(keys);
		return -1;
	}
	t->slots = slots;
	t->keys = keys;
	t->nslots = n;
	for (i = 0; i < old.nslots; i++) {
		if (!old.slots[i])
			continue;
		j = idtable_slot(t, old.keys[i]);
		t->slots[j] = old.slots[i];
		t->keys[j] = old.keys[i];
	}
	free(old.slots);
	free(old.keys);
	return 0;
}

/* Append a zeroed record; its index, or -1 when out of memory. */
static long idtable_append(struct idtable *t)
{
	if (t->nr == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		unsigned char *recs = realloc(t->recs, cap * t->rec_size);

		if (!recs)
			return -1;
		t->recs = recs;
		t->cap = cap;
	}
	memset(idtable_at(t, t->nr), 0, t->rec_size);
	return (long)t->nr++;
}

/* Bind @key to a new zeroed record (a former binding is replaced). */
static void *idtable_bind(struct idtable *t, uint32_t key)
{
	long idx;
	size_t i;

	/* Keep the load factor under 1/2 (records can outnumber keys). */
	if ((t->nr + 1) * 2 > t->nslots && idtable_grow_map(t))
		return NULL;
	idx = idtable_append(t);
	if (idx < 0)
		return NULL;
	i = idtable_slot(t, key);
	t->slots[i] = (uint32_t)idx + 1;
	t->keys[i] = key;
	t->last_key = key;
	t->last_rec = (size_t)idx + 1;
	return idtable_at(t, (size_t)idx);
}

void *idtable_get(struct idtable *t, uint32_t key, int *created)
{
	size_t rec = idtable_lookup(t, key);

	if (created)
		*created = !rec;
	if (!rec)
		return idtable_bind(t, key);
	/* Events come in runs about one task: the next lookup is quick. */
	t->last_key = key;
	t->last_rec = rec;
	return idtable_at(t, rec - 1);
}

void *idtable_rebind(struct idtable *t, uint32_t key)
{
	return idtable_bind(t, key);
}
