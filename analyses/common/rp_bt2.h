/* SPDX-License-Identifier: MIT */
/*
 * rp_bt2.h - what differs between the babeltrace2 versions rseqprof builds
 * against (2.0 and 2.1), in one place.
 *
 * Message interchange protocol (MIP): babeltrace2 2.0 knows version 0;
 * 2.1 adds version 1, which source.ctf.fs needs to read CTF 2 (what LTTng
 * 2.15 and later write by default).  A component class that does not say
 * which versions it supports gets version 0 alone, so a graph with a CTF 2
 * source and such a sink fails ("components are not interoperable").  The
 * rseqprof sinks support 0 and 1: what they read (event names, integer and
 * string members, packet context, clock snapshots, discarded events) is
 * the same in both.  bt_get_maximal_mip_version() exists from 2.1 on: it
 * is declared weak here, so a plugin built against 2.1 loads on 2.0 too.
 */
#ifndef RP_BT2_H
#define RP_BT2_H

#include <stdint.h>
#include <babeltrace2/babeltrace.h>

/* The greatest MIP version the rseqprof sinks were checked with. */
#define RP_BT2_MAX_MIP	1

uint64_t bt_get_maximal_mip_version(void) __attribute__((weak));

/* The greatest MIP version both the library and the sinks support. */
static inline uint64_t rp_bt2_max_mip(void)
{
	uint64_t lib = bt_get_maximal_mip_version ? bt_get_maximal_mip_version() : 0;

	return lib < RP_BT2_MAX_MIP ? lib : RP_BT2_MAX_MIP;
}

#endif /* RP_BT2_H */
