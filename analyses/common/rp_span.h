/* SPDX-License-Identifier: MIT */
/*
 * rp_span.h - the time span of the counted events, for rates.
 */
#ifndef RP_SPAN_H
#define RP_SPAN_H

#include <stdbool.h>
#include <stdint.h>

/**
 * struct rp_span - first and last time of the counted events
 */
struct rp_span {
	uint64_t first;
	uint64_t last;
	bool any;
};

static inline void rp_span_add(struct rp_span *sp, uint64_t ts)
{
	if (!sp->any) {
		sp->first = ts;
		sp->any = true;
	}
	sp->last = ts;
}

static inline uint64_t rp_span_ns(const struct rp_span *sp)
{
	return sp->any && sp->last > sp->first ? sp->last - sp->first : 0;
}

#endif /* RP_SPAN_H */
