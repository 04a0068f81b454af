/* SPDX-License-Identifier: MIT */
/*
 * idtable.h - records of a fixed size keyed by a 32-bit id (tid, tgid),
 * shared by the migration and numa sinks.
 *
 * Records live in one growable array, in creation order, zeroed when
 * created; an open-addressing hash map finds a record's index from its
 * key.  Memory grows with the ids seen, never with the events.
 */
#ifndef RP_IDTABLE_H
#define RP_IDTABLE_H

#include <stddef.h>
#include <stdint.h>

/**
 * struct idtable - records keyed by id
 * @recs:	owned array of @nr records of @rec_size bytes (@cap allocated)
 * @slots:	owned hash map, @nslots entries: record index + 1, 0 = empty
 * @keys:	owned, key of each slot
 * @last_key:	the key idtable_get() found or bound last ...
 * @last_rec:	... and its record index + 1 (0: none)
 */
struct idtable {
	unsigned char *recs;
	size_t rec_size;
	size_t nr;
	size_t cap;
	uint32_t *slots;
	uint32_t *keys;
	size_t nslots;
	uint32_t last_key;
	size_t last_rec;
};

/**
 * idtable_init() - an empty table of @rec_size-byte records
 */
void idtable_init(struct idtable *t, size_t rec_size);

/**
 * idtable_fini() - free everything
 */
void idtable_fini(struct idtable *t);

/**
 * idtable_find() - the record of @key, NULL when absent
 */
void *idtable_find(const struct idtable *t, uint32_t key);

/**
 * idtable_get() - the record of @key, created zeroed when absent
 * @created:	NULL, or set to 1 when the record was created
 *
 * Return: the record, NULL when out of memory.  Record pointers stay valid
 * until the next call that creates a record.
 */
void *idtable_get(struct idtable *t, uint32_t key, int *created);

/**
 * idtable_rebind() - make @key name a new zeroed record (the old one stays
 * in the array, unreachable by key): a new life of a reused id
 *
 * Return: the new record, NULL when out of memory.
 */
void *idtable_rebind(struct idtable *t, uint32_t key);

/**
 * idtable_at() - the @i-th record in creation order
 */
static inline void *idtable_at(const struct idtable *t, size_t i)
{
	return t->recs + i * t->rec_size;
}

#endif /* RP_IDTABLE_H */
