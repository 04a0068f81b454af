/* SPDX-License-Identifier: MIT */
/*
 * rp_merge.h - the merger of the decoding workers' records (rp_workers.h):
 * it gives them in the order one filter.utils.muxer over all the streams
 * gives their messages.
 *
 * Each worker's records come in its own muxer's order; the merger takes,
 * among the workers' next records, the one filter.utils.muxer 2.0 would:
 * the smallest time (a message without one takes the time of the last
 * message given, as the muxer does), then, for equal times,
 * common_muxing_compare_messages(): the trace's UUID (with one before
 * without, then by bytes), its name (the same way), the stream class id,
 * the stream id.  Two streams never share all of these in one trace, so
 * the message types and the event classes, compared next by the muxer,
 * never decide between two workers.  Records of one worker keep their
 * order.  As the muxer, the merger fails when the record it takes is
 * older than the last it gave (the workers' muxers fail first on their
 * own streams).  Every worker runs a muxer, even over one stream (~13 %
 * of a worker's time): without it, a worker goes on decoding past a time
 * that goes backwards, and its stream's next error comes out instead of
 * the muxer's.
 *
 * Limits, where the order can differ from one graph's (none of them
 * changes what the decoder derives in the traces rseqprof records):
 * - two trace folders with the same UUID and name (copies of one trace):
 *   the muxer breaks their remaining ties by its upstream iterators'
 *   array order, the merger by worker number;
 * - a message without a time (stream beginnings and ends of ctf.fs 2.0)
 *   takes the time of the last message its worker's muxer gave, which
 *   can be earlier than the last one the merger gave: among messages of
 *   that time it may come out before others it would follow in one
 *   graph.  Stream beginnings all come first either way; stream ends and
 *   packet messages are not decoded;
 * - a stream made of several files (LTTng's --tracefile-size) whose files
 *   went to different workers is two streams with one id.
 */
#ifndef RP_MERGE_H
#define RP_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rp_record.h"
#include "rp_workers.h"

/* Records read from a pipe at once. */
#define RP_MERGE_BUF	512

/**
 * struct rp_merge - the merger
 * @w:		the workers
 * @in:		per worker: its buffer, records in it, the next one,
 *		leftover bytes of a partial record, whether it ended
 * @traces:	per trace folder: what the muxer compares traces by
 * @last_ns:	the time of the last record given
 * @records:	records given
 * @err:	the causes of a worker's error, '\n'-separated, innermost first
 */
struct rp_merge {
	struct rp_workers *w;
	struct rp_merge_in {
		struct rp_rec *buf;
		size_t nr, pos, bytes;
		bool ended;
	} in[RP_MAX_JOBS];
	struct {
		bool known, has_uuid, has_name;
		uint8_t uuid[16];
		char name[RP_REC_TEXT - 16];
	} traces[RP_MAX_TRACES];
	int64_t last_ns;
	uint64_t records;
	char err[4096];
};

/**
 * rp_merge_init() - a merger of the records of @w's workers
 * @m:		the merger
 * @w:		the running workers (their pipes are read, not closed)
 *
 * Return: 0, or -1 when out of memory.
 */
int rp_merge_init(struct rp_merge *m, struct rp_workers *w);

/* Free @m's buffers. */
void rp_merge_fini(struct rp_merge *m);

/**
 * rp_merge_next() - the next record in the muxer's order
 * @m:		the merger
 * @rec:	receives a pointer to it, valid until the next call
 *
 * Return: 1 with a record, 0 at the end of every worker's records, -1 when
 * a worker failed (@m->err holds its causes) or died.
 */
int rp_merge_next(struct rp_merge *m, const struct rp_rec **rec);

#endif /* RP_MERGE_H */
