/* SPDX-License-Identifier: MIT */
/*
 * rseqprof_caller.h - what triggered an rseqprof_ust:rseq_read event (the
 * "caller" enumeration of the trace).  Outside the tracepoint header, which
 * is read several times.
 */
#ifndef RSEQPROF_CALLER_H
#define RSEQPROF_CALLER_H

enum rseqprof_caller {
	RSEQPROF_CALLER_THREAD_BEGIN,
	RSEQPROF_CALLER_THREAD_END,
	RSEQPROF_CALLER_SCHED_GETCPU,
	RSEQPROF_CALLER_SAMPLE,
	RSEQPROF_CALLER_API,
};

#endif /* RSEQPROF_CALLER_H */
