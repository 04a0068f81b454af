/* SPDX-License-Identifier: MIT */
/*
 * cid_ust.h - decoding of the rseqprof_ust provider's events (see
 * probes/ust/rseqprof_ust.h): rseq_read and cpu_topology.
 */
#ifndef RSEQPROF_CID_UST_H
#define RSEQPROF_CID_UST_H

#include <stdint.h>
#include <babeltrace2/babeltrace.h>

#include "cid_stats.h"

enum cid_ust_kind {
	CID_UST_OTHER,		/* not an rseqprof_ust event of interest */
	CID_UST_READ,		/* rseqprof_ust:rseq_read */
	CID_UST_TOPOLOGY,	/* rseqprof_ust:cpu_topology */
};

#define CID_UST_MAX_CLASSES	64

struct cid_ust_class;

/**
 * struct cid_ust - event class descriptors, looked up once per class
 * @cls:	owned descriptors, @nr used
 * @last:	borrowed: the last one used
 * @bad:	events of a known class whose fields could not be read
 */
struct cid_ust {
	struct cid_ust_class *cls[CID_UST_MAX_CLASSES];
	unsigned int nr;
	struct cid_ust_class *last;
	uint64_t bad;
};

void cid_ust_fini(struct cid_ust *u);

/**
 * cid_ust_decode() - decode @msg when it is an rseqprof_ust event
 * @u:		the descriptors
 * @msg:	an event message
 * @caller:	when not NULL, rseq_read events whose caller label differs
 *		are reported as CID_UST_OTHER
 * @r:		rseq_read: the read (ts 0 without a clock)
 * @nr_cpus:	cpu_topology: the nr_cpus field
 *
 * Return: the kind, or -1 when out of memory.
 */
int cid_ust_decode(struct cid_ust *u, const bt_message *msg, const char *caller,
		   struct cid_read *r, uint32_t *nr_cpus);

#endif /* RSEQPROF_CID_UST_H */
