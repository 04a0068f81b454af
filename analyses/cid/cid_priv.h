/* SPDX-License-Identifier: MIT */
/*
 * cid_priv.h - private data of sink.rseqprof.cid, shared by its consume
 * side (cid.c) and its report (cid_report.c, cid_text.c).
 */
#ifndef RSEQPROF_CID_PRIV_H
#define RSEQPROF_CID_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "rp_sink.h"
#include "cid_stats.h"
#include "cid_timeline.h"
#include "cid_ust.h"

/* Most mismatches kept per variant for the report (parameter mismatches). */
#define CID_MAX_MISMATCHES	1000

/**
 * struct cid_mismatch - one rseq_update whose model id differs
 * @ts:		time of the event (ns from the clock origin)
 * @pid, @tid:	the task
 * @cpu:	CPU of the event
 * @real:	the kernel's mm_cid
 * @model:	the model's id for the task (-1: none, -ENOENT: unknown task)
 */
struct cid_mismatch {
	uint64_t ts;
	uint32_t pid, tid, cpu;
	int32_t real, model;
};

/**
 * struct cid_validation - model ids against the kernel's rseq_update
 * @events:	counted rseq_update events of user tasks with an mm_cid
 * @agree:	per model (s->models.v order): events whose id matched
 * @no_mm_cid:	rseq_update events without an mm_cid field value (< 6.3)
 * @mismatch:	owned, per model: the first @nr_mismatch[i] mismatches
 * @nr_mismatch:	per model: mismatches kept
 */
struct cid_validation {
	uint64_t events;
	uint64_t agree[VCID_NR_VARIANTS];
	uint64_t no_mm_cid;
	struct cid_mismatch *mismatch[VCID_NR_VARIANTS];
	unsigned int nr_mismatch[VCID_NR_VARIANTS];
};

/**
 * struct cid - private data of the cid section
 * @base:	the section base, first (decoder, models, document: the host's)
 * @slot_size:	bytes of one array slot (parameter slot-size)
 * @time:	intervals of the over-time table (parameter interval: the
 *		slice; 0: no table), widened as the trace goes on
 * @caller:	borrowed from the parameters: UST caller filter, NULL: all
 * @mismatches:	mismatches to list per variant (parameter mismatches)
 * @procs:	owned: per (process, source) statistics
 * @ust:	owned: UST event class descriptors
 * @t0:		first counted timestamp, of either source (they share one
 *		time base when read in one graph): intervals start there
 * @has_t0:	@t0 is set
 * @seen:	a read of this source was counted
 * @ust_nr_cpus:	possible CPUs from rseqprof_ust:cpu_topology, 0: none
 * @last:	owned: the last rseq_update of each thread, to check the UST
 *		reads against (when both traces are read in one graph)
 * @val:	the model validation
 * @timelines:	struct cid_timeline by pid, for the kernel's reads
 * @owner:	index of owner-6.19 in the models, -1: not selected
 * @modes:	its mode switch counters (to per-CPU, to per-task) so far
 */
struct cid {
	struct rp_sink base;
	uint64_t slot_size;
	struct cid_time time;
	const char *caller;
	unsigned int mismatches;
	struct cid_procs procs;
	struct cid_ust ust;
	uint64_t t0;
	bool has_t0;
	bool seen[CID_NR_SRC];
	uint32_t ust_nr_cpus;
	struct cid_last last;
	struct cid_validation val;
	struct idtable timelines;
	int owner;
	uint64_t modes[2];
};

/* Write the report in the chosen format.  0, or -1 after an error cause. */
int cid_report(struct cid *c);

/* The text report (cid_text.c).  0, or -1 out of memory. */
int cid_text(struct cid *c);

/* Each source's name in the reports: "ust", "kernel". */
extern const char *const cid_source_names[CID_NR_SRC];

/* Start of interval @iv in ns from the first read. */
uint64_t cid_start(const struct cid *c, const struct cid_interval *iv);

/* Possible CPUs, and in *@from where that number comes from. */
uint32_t cid_possible_cpus(const struct cid *c, const char **from);

/* Slots of an array indexed by mm_cid: the largest mm_cid + 1. */
static inline uint64_t cid_vcpu_slots(const struct cid_proc *p)
{
	return (uint64_t)(p->mm_cid.max + 1);
}

#endif /* RSEQPROF_CID_PRIV_H */
