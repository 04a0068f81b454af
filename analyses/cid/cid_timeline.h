/* SPDX-License-Identifier: MIT */
/*
 * cid_timeline.h - the ids a process's CPUs and threads held over time
 * (drawn by the HTML report): per lane (one CPU, one thread), runs of
 * consecutive rseq_update reads with the same real mm_cid and the same
 * model ids; the migrations of its threads; the 6.19+ mode switches of its
 * mm (owner-6.19's per-task / per-CPU ids).
 *
 * Memory is bounded whatever the length of the trace: a lane keeps at most
 * CID_TL_MAX_SEGS runs.  When one more would not fit, neighbouring runs
 * merge pairwise (an id that differs between them becomes CID_TL_MIXED) and
 * the timeline is marked aggregated.  At most CID_TL_MAX_MARKS migrations
 * and as many mode switches are kept; the others are counted.
 */
#ifndef RSEQPROF_CID_TIMELINE_H
#define RSEQPROF_CID_TIMELINE_H

#include <stdbool.h>
#include <stdint.h>

#include "idtable.h"
#include "vcid_model.h"

#define CID_TL_MAX_SEGS		128
#define CID_TL_MAX_MARKS	256
#define CID_TL_MIXED		(-2)	/* runs of several ids merged */

/**
 * struct cid_tl_seg - one run of a lane
 * @t0, @t1:	times of its first and last read
 * @reads:	reads in it
 * @mismatch:	bit i: model i gave another id than the kernel at a read
 * @real:	the kernel's mm_cid, or CID_TL_MIXED
 * @model:	each model's id (-1: none), or CID_TL_MIXED
 */
struct cid_tl_seg {
	uint64_t t0, t1;
	uint32_t reads;
	uint32_t mismatch;
	int32_t real;
	int32_t model[VCID_NR_VARIANTS];
};

/**
 * struct cid_tl_lane - the runs of one CPU or one thread
 * @id:		the CPU or the tid
 * @nr, @cap:	runs in @seg, and allocated
 * @seg:	owned
 */
struct cid_tl_lane {
	uint32_t id;
	uint32_t nr, cap;
	struct cid_tl_seg *seg;
};

/**
 * struct cid_tl_mark - a migration (@a from CPU, @b to CPU) or a mode
 * switch (@a: 1 to per-CPU ids, 0 to per-task ids) at @ts
 */
struct cid_tl_mark {
	uint64_t ts;
	uint32_t tid;
	int32_t a, b;
};

/**
 * struct cid_tl_marks - marks kept (@v, owned, @nr) and left out (@left)
 */
struct cid_tl_marks {
	struct cid_tl_mark *v;
	uint32_t nr;
	uint64_t left;
};

/**
 * struct cid_timeline - one process
 * @cpus:	struct cid_tl_lane by CPU
 * @threads:	struct cid_tl_lane by tid
 * @migrations, @modes:	the marks
 * @aggregated:	runs were merged somewhere
 */
struct cid_timeline {
	struct idtable cpus;
	struct idtable threads;
	struct cid_tl_marks migrations;
	struct cid_tl_marks modes;
	bool aggregated;
};

void cid_tl_init(struct cid_timeline *tl);
void cid_tl_fini(struct cid_timeline *tl);

/**
 * cid_tl_read() - one rseq_update read of the process
 * @tl:		its timeline
 * @ts:		time
 * @cpu, @tid:	where and who
 * @real:	the kernel's mm_cid
 * @model:	the id of each of the @nr models
 *
 * Return: 0, or -1 when out of memory.
 */
int cid_tl_read(struct cid_timeline *tl, uint64_t ts, uint32_t cpu, uint32_t tid,
		int32_t real, const int32_t *model, unsigned int nr);

/* Add a mark to @m (or count it left out).  0, or -1 out of memory. */
int cid_tl_mark(struct cid_tl_marks *m, uint64_t ts, uint32_t tid, int32_t a, int32_t b);

#endif /* RSEQPROF_CID_TIMELINE_H */
