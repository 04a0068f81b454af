/* SPDX-License-Identifier: MIT */
/*
 * mn_util.h - report pieces shared by the migration and numa sinks: the
 * analysed time span and the trace's topology as the reports state it.
 */
#ifndef RP_MN_UTIL_H
#define RP_MN_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rp_models.h"
#include "rp_output.h"

/**
 * struct mn_span - first and last time of the counted events
 */
struct mn_span {
	uint64_t first;
	uint64_t last;
	bool any;
};

static inline void mn_span_add(struct mn_span *sp, uint64_t ts)
{
	if (!sp->any) {
		sp->first = ts;
		sp->any = true;
	}
	sp->last = ts;
}

static inline uint64_t mn_span_ns(const struct mn_span *sp)
{
	return sp->any && sp->last > sp->first ? sp->last - sp->first : 0;
}

/**
 * mn_text_topology() - "Topology: 4 CPUs on 2 nodes (node 0: CPUs 0-1; ...)"
 * or the line saying the trace gave none
 */
void mn_text_topology(FILE *f, const struct rp_models *ms);

/**
 * mn_json_topology() - member "topology": {nr_cpus, nr_nodes, cpu_to_node}
 * or null
 */
void mn_json_topology(struct rp_out *o, const struct rp_models *ms);

/**
 * mn_cpu_list() - the CPUs of @node as "0-1,4" into @buf
 */
void mn_cpu_list(const struct vcid_config *cfg, uint32_t node, char *buf,
		 size_t len);

#endif /* RP_MN_UTIL_H */
