// SPDX-License-Identifier: MIT
/*
 * arch-check.c - uses both critical sections of <rseqprof/arch.h>; compiled
 * for other targets by arch-headers.sh (not run).
 */
#include "rseqprof/arch.h"

int arch_check(struct rseqprof_rseq_abi *rs, uint64_t *slots, uint32_t out[4]);

int arch_check(struct rseqprof_rseq_abi *rs, uint64_t *slots, uint32_t out[4])
{
	return rseqprof_arch_inc_slot(rs, &rs->mm_cid, slots, 4) +
	       rseqprof_arch_snapshot(rs, out);
}
