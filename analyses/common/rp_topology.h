/* SPDX-License-Identifier: MIT */
/*
 * rp_topology.h - the trace's topology as the reports state it.
 */
#ifndef RP_TOPOLOGY_H
#define RP_TOPOLOGY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rp_models.h"
#include "rp_output.h"

/**
 * rp_topology_text() - "Topology: 4 CPUs on 2 nodes (node 0: CPUs 0-1; ...)"
 * or the line saying the trace gave none
 */
void rp_topology_text(FILE *f, const struct rp_models *ms);

/**
 * rp_topology_json() - member "topology": {nr_cpus, nr_nodes, cpu_to_node}
 * or null
 */
void rp_topology_json(struct rp_out *o, const struct rp_models *ms);

/**
 * rp_topology_cpus() - the CPUs of @node as "0-1,4" into @buf
 */
void rp_topology_cpus(const struct vcid_config *cfg, uint32_t node, char *buf,
		      size_t len);

#endif /* RP_TOPOLOGY_H */
