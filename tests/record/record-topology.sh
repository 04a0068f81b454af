#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# record-topology.sh - rseqprof-topology agrees with the kernel's own view
# in sysfs: CPU count, node count, and the node of every CPU.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
need_topology

plan_tests 6

tool=$RSEQPROF_BUILD/probes/topology/rseqprof-topology
"$tool" >"$T/topo" 2>"$T/err"
is "$?" 0 "rseqprof-topology runs"
is "$(sed 's/=.*//' "$T/topo" | tr '\n' ' ')" "nr_cpus nr_nodes cpu_to_node " "three lines: nr_cpus, nr_nodes, cpu_to_node"

sys=/sys/devices/system
ncpu=$(find "$sys/cpu" -maxdepth 1 -name 'cpu[0-9]*' | wc -l)
is "$(info "$T/topo" nr_cpus)" "$ncpu" "nr_cpus is the number of CPUs in sysfs"
if [ -d "$sys/node" ]; then
	nnode=$(find "$sys/node" -maxdepth 1 -name 'node[0-9]*' | wc -l)
	map=$(for ((c = 0; c < ncpu; c++)); do
		n=$(find "$sys"/node/node[0-9]*/ -maxdepth 1 -name "cpu$c" 2>/dev/null |
		    sed 's|.*/node\([0-9]*\)/cpu[0-9]*$|\1|')
		echo "${n:-0}"
	done | paste -sd,)
	is "$(info "$T/topo" nr_nodes)" "$nnode" "nr_nodes is the number of nodes in sysfs"
	is "$(info "$T/topo" cpu_to_node)" "$map" "cpu_to_node matches sysfs nodeN/cpuM links"
else
	skip 2 "no NUMA in sysfs"
fi
"$tool" extra >/dev/null 2>"$T/err"
is "$?" 2 "an argument is a usage error"
done_testing
