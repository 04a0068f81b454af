/* SPDX-License-Identifier: MIT */
/*
 * rp_record.h - the fixed-size record a decoding worker (rp_workers.h)
 * makes of each babeltrace2 message, and the merger (rp_merge.h) replays
 * in the order filter.utils.muxer gives.
 *
 * An event record holds what the decoder reads of the event, not what it
 * derives (the task table and the current tasks depend on the global
 * order: only the merger's decoder keeps them): its kind, the members of
 * its roles (rp_schema.h) present in its class (@present, in role order in
 * @u.ev.v, strings in @u.ev.s), its CPU and time.  Other messages keep
 * what the muxer orders them by and what the decoder accounts for.
 */
#ifndef RP_RECORD_H
#define RP_RECORD_H

#include <stdint.h>

enum rp_rec_type {
	RP_REC_EVENT = 1,
	RP_REC_STREAM_BEGINNING,	/* @u.declared: types its classes declare */
	RP_REC_STREAM_END,
	RP_REC_PACKET_BEGINNING,
	RP_REC_PACKET_END,
	RP_REC_DISCARDED_EVENTS,	/* @u.count */
	RP_REC_DISCARDED_PACKETS,	/* @u.count */
	/* Records the merger takes as soon as they head their worker: */
	RP_REC_LACK,			/* @u.lack: a class of a type lacks a member */
	RP_REC_TRACE,			/* @u.trace: what the muxer compares traces by */
	RP_REC_END,			/* the worker read all its streams */
	RP_REC_ERROR,			/* @u.text: a piece of an error cause */
};

enum rp_rec_flags {
	RP_REC_HAS_NS = 1 << 0,		/* @ns is the muxer's time of the message */
	RP_REC_TS_OK = 1 << 1,		/* event: its clock snapshot converted */
	RP_REC_COUNT = 1 << 2,		/* discarded: @u.count is known */
	RP_REC_LAST = 1 << 3,		/* error: the last piece of a cause */
	RP_REC_HAS_UUID = 1 << 4,	/* trace: @u.trace.uuid is set */
	RP_REC_HAS_NAME = 1 << 5,	/* trace: @u.trace.name is set */
};

/* Integer members of an event record; strings: comm (or exec's basename), peer comm. */
#define RP_REC_VALUES	7
#define RP_REC_STRLEN	16
#define RP_REC_TEXT	88

/**
 * struct rp_rec - one message, 128 bytes
 * @ns:		nanoseconds from the clock's origin (RP_REC_HAS_NS)
 * @stream_id:	the stream's id as one graph over the whole trace gives it
 * @sc_id:	its stream class's id
 * @trace:	index of its trace folder
 * @type:	enum rp_rec_type
 * @flags:	enum rp_rec_flags
 * @kind:	event: enum rp_kind
 * @present:	event: bit per role (enum rp_role) its class has
 * @cpu:	event: its CPU (payload "cpu" or packet context "cpu_id")
 */
struct rp_rec {
	int64_t ns;
	uint64_t stream_id;
	uint64_t sc_id;
	uint16_t trace;
	uint8_t type;
	uint8_t flags;
	uint8_t kind;
	uint8_t pad[3];
	uint32_t present;
	uint32_t cpu;
	union {
		struct {
			int64_t v[RP_REC_VALUES];
			char s[2][RP_REC_STRLEN];
		} ev;
		uint64_t count;
		uint32_t declared;
		struct {
			uint32_t type;
			char name[32];
		} lack;
		struct {
			uint8_t uuid[16];
			char name[RP_REC_TEXT - 16];
		} trace;
		char text[RP_REC_TEXT];
	} u;
};

_Static_assert(sizeof(struct rp_rec) == 128, "struct rp_rec is 128 bytes");

#endif /* RP_RECORD_H */
