# SPDX-License-Identifier: MIT
# perf-trace.sh - record a workload's scheduler events with perf into the
# recording layout (DIR/kernel + DIR/rseqprof.info, TEAM.md), as
# `rseqprof record` does on a machine without lttng-modules.  Shared by the
# benchmarks and the robustness tests, which need real traces of chosen
# workloads and sizes.  Needs root (system-wide tracepoints).
# shellcheck shell=bash

# shellcheck source=scripts/rseqprof.d/lib/perf.sh
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/rseqprof.d/lib/perf.sh"

# The scheduler tracepoints the report reads (platform-facts.md).
PERF_TRACE_EVENTS=(-e sched:sched_switch -e sched:sched_migrate_task
	-e sched:sched_process_fork -e sched:sched_process_exec
	-e sched:sched_process_exit -e sched:sched_process_free
	-e rseq:rseq_update -e task:task_newtask)

# perf_trace_cpu_to_node: "n0,n1,..." for every CPU, from sysfs.
perf_trace_cpu_to_node() {
	local path n node
	for path in /sys/devices/system/cpu/cpu[0-9]*; do
		node=0
		for n in "$path"/node[0-9]*; do
			[ -e "$n" ] && node=${n##*node}
		done
		echo "${path##*cpu} $node"
	done | sort -n | awk '{ printf "%s%s", (NR > 1 ? "," : ""), $2 } END { print "" }'
}

# perf_trace_usable: 0 when this machine can record (reason on stdout if not).
perf_trace_usable() {
	[ "$(id -u)" = 0 ] || { echo "recording kernel events needs root"; return 1; }
	command -v perf >/dev/null || { echo "perf not installed (linux-perf)"; return 1; }
	local why
	why=$(perf_ctf_missing)
	[ -z "$why" ] || { echo "$why"; return 1; }
	mountpoint -q /sys/kernel/tracing ||
		mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null ||
		{ echo "tracefs cannot be mounted"; return 1; }
	[ -d /sys/kernel/tracing/events/sched/sched_switch ] ||
		{ echo "no sched tracepoints in tracefs"; return 1; }
}

# perf_trace_record [-m PAGES] [-e EVENT]... DIR CMD...: record CMD (all
# CPUs) into DIR.  -e replaces the default scheduler events; -m sets perf's
# buffer (default 1024 pages per CPU: nothing lost at these rates).
# Returns 1 with a message on stderr on failure.
perf_trace_record() {
	local pages=1024 events=() dir lost data
	while [ $# -gt 0 ]; do
		case "$1" in
		-m) pages=$2; shift 2 ;;
		-e) events+=(-e "$2"); shift 2 ;;
		*) break ;;
		esac
	done
	[ ${#events[@]} -gt 0 ] || events=("${PERF_TRACE_EVENTS[@]}")
	dir=$1
	shift
	rm -rf "$dir"
	mkdir -p "$dir"
	data=$dir/perf.data
	if ! perf record -q -o "$data" -a -k CLOCK_MONOTONIC -m "$pages" \
		"${events[@]}" -- "$@" >"$dir/workload.log" 2>&1; then
		echo "perf record $* failed: $(tail -1 "$dir/workload.log")" >&2
		return 1
	fi
	# Samples lost, per event (the aggregated line has a percentage).
	lost=$(perf report -i "$data" --stats 2>/dev/null |
		awk '/LOST_SAMPLES events:/ && !/%/ { s += $3 } END { print s + 0 }')
	if ! perf data convert -i "$data" --all --to-ctf "$dir/kernel" >/dev/null 2>&1; then
		echo "perf data convert failed for $data" >&2
		return 1
	fi
	rm -f "$data"
	{
		echo "format=1"
		echo "tracer=perf"
		printf 'cmdline=%q' "$1"
		shift
		[ $# -eq 0 ] || printf ' %q' "$@"
		echo
		echo "kernel_release=$(uname -r)"
		echo "nr_cpus=$(getconf _NPROCESSORS_CONF)"
		echo "nr_nodes=1"
		echo "cpu_to_node=$(perf_trace_cpu_to_node)"
		echo "exit_status=0"
		echo "discarded_events=$lost"
		# As rseqprof record writes it: the report's cid section needs it.
		printf 'kernel_events='
		printf '%s\n' "${events[@]}" | sed -n 's/^[a-z_]*://p' | paste -sd,
	} >"$dir/rseqprof.info"
}
