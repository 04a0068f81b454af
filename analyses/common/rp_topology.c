// SPDX-License-Identifier: MIT
/*
 * rp_topology.c - the trace's topology as the reports state it.
 */
#include <inttypes.h>
#include <string.h>

#include "rp_topology.h"

void rp_topology_cpus(const struct vcid_config *cfg, uint32_t node, char *buf,
		      size_t len)
{
	uint32_t cpu, start;
	size_t used = 0;

	buf[0] = '\0';
	for (cpu = 0; cpu < cfg->nr_cpus; cpu++) {
		if (cfg->cpu_to_node[cpu] != node)
			continue;
		start = cpu;
		while (cpu + 1 < cfg->nr_cpus &&
		       cfg->cpu_to_node[cpu + 1] == node)
			cpu++;
		if (used >= len)
			break;
		if (start == cpu)
			used += (size_t)snprintf(buf + used, len - used,
						 "%s%" PRIu32, used ? "," : "",
						 start);
		else
			used += (size_t)snprintf(buf + used, len - used,
						 "%s%" PRIu32 "-%" PRIu32,
						 used ? "," : "", start, cpu);
	}
}

void rp_topology_text(FILE *f, const struct rp_models *ms)
{
	char cpus[256];
	uint32_t n;

	if (!ms->topology) {
		fprintf(f, "Topology: none given (parameter cpu-to-node): node counts unknown\n");
		return;
	}
	fprintf(f, "Topology: %" PRIu32 " CPUs on %" PRIu32 " node%s (",
		ms->cfg.nr_cpus, ms->cfg.nr_nodes,
		ms->cfg.nr_nodes == 1 ? "" : "s");
	for (n = 0; n < ms->cfg.nr_nodes; n++) {
		rp_topology_cpus(&ms->cfg, n, cpus, sizeof(cpus));
		fprintf(f, "%snode %" PRIu32 ": CPUs %s", n ? "; " : "", n,
			cpus[0] ? cpus : "none");
	}
	fprintf(f, ")\n");
}

void rp_topology_json(struct rp_out *o, const struct rp_models *ms)
{
	char map[VCID_MAX_CPUS * 4 + 1];
	size_t used = 0;
	uint32_t cpu;

	if (!ms->topology) {
		rp_json_null(o, "topology");
		return;
	}
	map[0] = '\0';
	for (cpu = 0; cpu < ms->cfg.nr_cpus && used < sizeof(map); cpu++)
		used += (size_t)snprintf(map + used, sizeof(map) - used,
					 "%s%u", cpu ? "," : "",
					 (unsigned int)ms->cfg.cpu_to_node[cpu]);
	rp_json_open(o, "topology");
	rp_json_u64(o, "nr_cpus", ms->cfg.nr_cpus);
	rp_json_u64(o, "nr_nodes", ms->cfg.nr_nodes);
	rp_json_str(o, "cpu_to_node", map);
	rp_json_close(o);
}
