/* SPDX-License-Identifier: MIT */
/*
 * cid.h - sink.rseqprof.cid: per process, which mm_cids and cpu_ids its
 * threads really ran with, and what that means for per-vcpu vs per-CPU
 * arrays; plus the validation of the allocator models against the kernel's
 * real mm_cid.
 */
#ifndef RSEQPROF_CID_H
#define RSEQPROF_CID_H

#include <babeltrace2/babeltrace.h>

#include "rp_sink.h"

#define CID_DESCRIPTION \
	"Per process: distinct mm_cids and cpu_ids (UST rseqprof_ust:rseq_read, " \
	"kernel rseq_update), per-vcpu vs per-CPU array sizes, over time; and " \
	"how often each model's id equals the kernel's real mm_cid."

#define CID_HELP \
	"Parameters: slot-size (bytes, default 64), interval (ns, default " \
	"100000000, 0: none), caller (UST reads of this caller only), " \
	"mismatches (list the first N model/kernel differences), and the " \
	"common ones: variants, cache-size, cpus, cpu-to-node, pid, tid, " \
	"procname, begin, end, format (text|csv|json), output, lost-events. " \
	"See README.md."

/* The analysis, run by its own sink and by sink.rseqprof.report. */
extern const struct rp_section cid_section;

#endif /* RSEQPROF_CID_H */
