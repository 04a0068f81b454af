/* SPDX-License-Identifier: MIT */
/*
 * migration_priv.h - what the migration analysis (migration.c) counts and
 * its report writer (migration_report.c) prints.
 */
#ifndef RP_MIGRATION_PRIV_H
#define RP_MIGRATION_PRIV_H

#include <stdint.h>

#include "idtable.h"
#include "rp_sink.h"
#include "rp_span.h"

#define MIG_NONE	(-2)	/* no migration waits for the next switch-in */

/*
 * The model path that frees an id because of a migration: the schedstat
 * "remove (bit-clear)" on migration.  lazy-6.13's migration steal moves the
 * source CPU's id to the destination with the task: not a release (the
 * stability columns show whether the task kept it).
 */
#define MIG_RELEASE_PATHS	(1ULL << VCID_MIGRATION_REMOVE)

/**
 * struct mig_counts - what is counted per thread, per process and in total
 * @migrations:	counted sched_migrate_task events
 * @cross_node:	those whose source and destination CPUs are on two nodes
 * @released:	per model slot: migrations that released an id
 * @kept:	per model slot: next run after a migration kept the id
 * @changed:	per model slot: next run after a migration had another id
 */
struct mig_counts {
	uint64_t migrations;
	uint64_t cross_node;
	uint64_t released[VCID_NR_VARIANTS];
	uint64_t kept[VCID_NR_VARIANTS];
	uint64_t changed[VCID_NR_VARIANTS];
};

/**
 * struct mig_thread - one thread
 * @last_cid:	per model slot: id at its last switch-in, -1 none
 * @before:	per model slot: id before a migration whose next switch-in
 *		was not seen yet, MIG_NONE when none is pending
 */
struct mig_thread {
	uint32_t tid;
	uint32_t tgid;
	struct mig_counts c;
	int32_t last_cid[VCID_NR_VARIANTS];
	int32_t before[VCID_NR_VARIANTS];
	char comm[RP_COMM_LEN];
};

/**
 * struct mig_process - one thread group
 * @threads:	its threads that migrated at least once
 */
struct mig_process {
	uint32_t tgid;
	uint32_t threads;
	struct mig_counts c;
	char comm[RP_COMM_LEN];
};

/**
 * struct migration - private data of the migration section
 * @base:	the section base, first (decoder, models, document: the host's)
 * @threads:	owned: struct mig_thread by tid
 * @procs:	owned: struct mig_process by tgid
 * @matrix:	owned: nr_cpus * nr_cpus counts, [from * nr_cpus + to]
 * @nr_cpus:	CPUs of the model configuration (the trace's topology)
 * @max_cpu:	highest CPU seen in a counted migration, + 1
 * @total:	all counted migrations
 * @span:	first and last counted event times
 * @bad_cpu:	counted migrations naming a CPU >= @nr_cpus
 */
struct migration {
	struct rp_sink base;
	struct idtable threads;
	struct idtable procs;
	uint64_t *matrix;
	uint32_t nr_cpus;
	uint32_t max_cpu;
	struct mig_counts total;
	struct rp_span span;
	uint64_t bad_cpu;
};

static inline struct migration *to_migration(struct rp_sink *s)
{
	return (struct migration *)s;
}

/* The section's report (ops->report): text, csv or json. */
int migration_report(struct rp_sink *s);

#endif /* RP_MIGRATION_PRIV_H */
