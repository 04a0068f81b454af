/* SPDX-License-Identifier: MIT */
/*
 * cid_stats.h - what the cid sink accumulates: histograms of ids, one
 * record per (process, source), intervals, model agreement.
 *
 * Memory grows with the processes and the largest id seen, never with the
 * number of events nor the length of the trace: a process keeps at most
 * CID_MAX_INTERVALS intervals of the over-time table, which widen (their
 * width doubles, pairs merge) when the trace outgrows them.
 */
#ifndef RSEQPROF_CID_STATS_H
#define RSEQPROF_CID_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vcid_model.h"

/* Ids above this are counted as invalid: no real id gets there. */
#define CID_MAX_ID	65535

/* Intervals of the over-time table at most, per process and source. */
#define CID_MAX_INTERVALS	1024

enum cid_source {
	CID_SRC_UST,		/* rseqprof_ust:rseq_read, read by the thread */
	CID_SRC_KERNEL,		/* rseq_update, written by the kernel */
	CID_NR_SRC,
};

/**
 * struct cid_hist - count per id
 * @count:	owned, @cap entries
 * @cap:	allocated entries
 * @distinct:	ids with a non-zero count
 * @max:	largest id counted, -1 when none
 */
struct cid_hist {
	uint64_t *count;
	uint32_t cap;
	uint32_t distinct;
	int32_t max;
};

/**
 * struct cid_time - the time base of the over-time table
 * @slice:	ns, the interval asked for (parameter interval), 0: no table;
 *		ids are counted distinct per slice
 * @shift:	an interval is 2^@shift slices (widened to stay within
 *		CID_MAX_INTERVALS)
 */
struct cid_time {
	uint64_t slice;
	unsigned int shift;
};

/* Width of an interval of the table in ns. */
static inline uint64_t cid_time_width(const struct cid_time *tm)
{
	return tm->slice << tm->shift;
}

/**
 * struct cid_interval - one interval in which a process read its ids
 * @index:	interval number since the first event
 * @reads:	events
 * @mm_cids:	distinct mm_cids, the most of one slice of the interval
 * @max_mm_cid:	largest, -1 when none
 * @cpu_ids:	distinct cpu_ids, the most of one slice of the interval
 */
struct cid_interval {
	uint64_t index;
	uint64_t reads;
	uint32_t mm_cids;
	int32_t max_mm_cid;
	uint32_t cpu_ids;
};

/**
 * struct cid_proc - one process seen by one source
 * @pid:		thread-group id
 * @src:		the source
 * @reads:		events counted
 * @no_mm_cid:		events whose mm_cid is -1 (kernel < 6.3)
 * @bad_cpu:		events whose cpu_id is negative (rseq unusable)
 * @mm_cid, @cpu_id, @node_id:	histograms over the whole range
 * @cur_cid, @cur_cpu:	histograms of the current slice
 * @cur_reads:		events in the current slice
 * @cur_index:		the current slice, valid when @cur_reads
 * @iv:			owned, intervals with a closed slice, by index
 * @nr_iv, @cap_iv:	used and allocated entries of @iv
 * @checked:		ust: reads of a thread whose last rseq_update was seen
 * @checked_agree:	ust: those whose cpu_id and mm_cid equal that update's
 * @agree:		rseq_update events whose model id (per variant of
 *			the sink's models) equals the real mm_cid
 * @model:		histogram of the model ids at those events
 */
struct cid_proc {
	uint32_t pid;
	enum cid_source src;
	uint64_t reads;
	uint64_t no_mm_cid;
	uint64_t bad_cpu;
	struct cid_hist mm_cid, cpu_id, node_id;
	struct cid_hist cur_cid, cur_cpu;
	uint64_t cur_reads;
	uint64_t cur_index;
	struct cid_interval *iv;
	size_t nr_iv, cap_iv;
	uint64_t checked;
	uint64_t checked_agree;
	uint64_t agree[VCID_NR_VARIANTS];
	struct cid_hist model[VCID_NR_VARIANTS];
};

/**
 * struct cid_last - what the kernel last wrote in each thread's rseq area
 * @slots:	owned open-addressing table of @cap entries (tid 0: free)
 * @cap:	power of two
 * @nr:		entries in use
 */
struct cid_last {
	struct cid_last_entry {
		uint32_t tid;
		int32_t cpu_id;
		int32_t mm_cid;
	} *slots;
	size_t cap, nr;
};

void cid_last_fini(struct cid_last *l);
/* Remember the last rseq_update of @tid.  0, or -1 out of memory. */
int cid_last_set(struct cid_last *l, uint32_t tid, int32_t cpu_id, int32_t mm_cid);
/* The last rseq_update of @tid, NULL when none was seen. */
const struct cid_last_entry *cid_last_get(const struct cid_last *l, uint32_t tid);

/**
 * struct cid_procs - the (pid, source) -> struct cid_proc table
 * @v:		owned array of owned pointers, @nr used
 * @map:	owned open-addressing index into @v (+1; 0: free), @map_cap slots
 * @last:	borrowed: the record cid_procs_get() returned last
 */
struct cid_procs {
	struct cid_proc **v;
	size_t nr, cap;
	uint32_t *map;
	size_t map_cap;
	struct cid_proc *last;
};

/**
 * struct cid_read - one read of (cpu_id, node_id, mm_cid) by one thread
 */
struct cid_read {
	uint64_t ts;
	uint32_t pid;
	uint32_t tid;
	int32_t cpu_id;
	int32_t node_id;
	int32_t mm_cid;
};

void cid_hist_fini(struct cid_hist *h);
/* cid_hist_add() of an id beyond @h->cap: grows @h.  0 or -1. */
int cid_hist_add_grow(struct cid_hist *h, int32_t id);

/* Count @id (ignored when < 0 or > CID_MAX_ID).  0, or -1 out of memory. */
static inline int cid_hist_add(struct cid_hist *h, int32_t id)
{
	if ((uint32_t)id >= h->cap)
		return cid_hist_add_grow(h, id);
	if (!h->count[id]++) {
		h->distinct++;
		if (id > h->max)
			h->max = id;
	}
	return 0;
}
void cid_hist_reset(struct cid_hist *h);

void cid_procs_fini(struct cid_procs *t);
/* The record of (@pid, @src), created when new; NULL: out of memory. */
struct cid_proc *cid_procs_get(struct cid_procs *t, uint32_t pid,
			       enum cid_source src);
/* Sort @t->v by source, then pid (after the last cid_procs_get()). */
void cid_procs_sort(struct cid_procs *t);

/**
 * cid_time_fit() - widen the intervals of every process until one holds
 * the slice @ts falls in (at most CID_MAX_INTERVALS from @t0)
 * @t:		the processes
 * @tm:		the time base, @tm->slice not 0
 * @ts, @t0:	the read's time and the first one
 */
void cid_time_fit(struct cid_procs *t, struct cid_time *tm, uint64_t ts, uint64_t t0);

/**
 * cid_proc_add() - count one read
 * @p:		the process
 * @r:		the read
 * @tm:		the time base (cid_time_fit() done for @r->ts)
 * @t0:		the first timestamp
 *
 * Return: 0, or -1 when out of memory.
 */
int cid_proc_add(struct cid_proc *p, const struct cid_read *r,
		 const struct cid_time *tm, uint64_t t0);

/* Close the current slice (at the end of the trace).  0 or -1. */
int cid_proc_flush(struct cid_proc *p, const struct cid_time *tm);

#endif /* RSEQPROF_CID_STATS_H */
