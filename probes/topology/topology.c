// SPDX-License-Identifier: MIT
/*
 * rseqprof-topology - print the machine's CPU and NUMA topology as the
 * key=value lines of rseqprof.info:
 *
 *	nr_cpus=<configured CPUs>
 *	nr_nodes=<NUMA nodes>
 *	cpu_to_node=<node of cpu0>,<node of cpu1>,...
 *
 * The mapping comes from libnuma.  When libnuma says NUMA is not available
 * (no NUMA support in the kernel), every CPU is put on node 0 and a note
 * goes to stderr.
 */
#include <numa.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>


/*
 * print_topology - write the three topology lines to stdout.
 * @numa: non-zero when libnuma can be asked; zero puts every CPU on node 0.
 *
 * Returns 0, or -1 when libnuma gives an inconsistent answer.
 */
static int print_topology(int numa)
{
	int nr_cpus, nr_nodes = 1, cpu, node;

	if (numa) {
		nr_cpus = numa_num_configured_cpus();
		nr_nodes = numa_max_node() + 1;
	} else {
		nr_cpus = (int)sysconf(_SC_NPROCESSORS_CONF);
	}
	if (nr_cpus <= 0 || nr_nodes <= 0) {
		fprintf(stderr, "rseqprof-topology: cannot count CPUs/nodes (libnuma: %d CPUs, %d nodes)\n",
			nr_cpus, nr_nodes);
		return -1;
	}
	printf("nr_cpus=%d\nnr_nodes=%d\ncpu_to_node=", nr_cpus, nr_nodes);
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		node = numa ? numa_node_of_cpu(cpu) : 0;
		if (node < 0) {
			/* A possible CPU that is not online has no node: say 0. */
			fprintf(stderr, "rseqprof-topology: cpu%d has no NUMA node, using 0\n",
				cpu);
			node = 0;
		}
		printf("%s%d", cpu ? "," : "", node);
	}
	printf("\n");
	return 0;
}

int main(int argc, char **argv)
{
	int numa;

	if (argc > 1) {
		fprintf(stderr, "usage: %s (no arguments): prints nr_cpus=, nr_nodes=, cpu_to_node= lines\n",
			argv[0]);
		return 2;
	}

	numa = numa_available() >= 0;
	if (!numa)
		fprintf(stderr, "rseqprof-topology: NUMA not available (libnuma): every CPU on node 0\n");
	if (print_topology(numa))
		return EXIT_FAILURE;
	return fflush(stdout) ? EXIT_FAILURE : EXIT_SUCCESS;
}
