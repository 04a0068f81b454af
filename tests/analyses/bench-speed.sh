#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench-speed.sh TRACE [RUNS]: CPU time (task-clock, perf stat) of
# babeltrace2 reading TRACE into sink.utils.dummy (decoding alone) vs
# sink.rseqprof.schedstat (all variants, and v3-opt alone), runs interleaved,
# medians and ratios.
# Run on request (not part of the suite: no timed assertion).
# Env: RSEQPROF_BUILD (default: build), CPU_TO_NODE (default "0,0"),
# REPORT_DIR: a recording directory whose kernel/ is TRACE, to time the
# whole 'rseqprof report' (every section, one pass) as well.
set -euo pipefail

trace=${1:?usage: bench-speed.sh TRACE [RUNS]}
runs=${2:-7}
plugin=${RSEQPROF_BUILD:-build}/analyses
topo=${CPU_TO_NODE:-0,0}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

task_clock() { # OUT CMD...: append the task-clock (ms) of one run of CMD to OUT
	local out=$1
	shift
	perf stat -x, -e task-clock "$@" 2>&1 >/dev/null |
		awk -F, '/task-clock/ { print $1 }' >>"$out"
}

median() {
	sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

events=$(babeltrace2 "$trace" -c sink.utils.counter | awk '/Event messages/ { n = $1 } END { print n }')
# Interleaved rounds: the machine's load drifts alike for the three.
for _ in $(seq "$runs"); do
	task_clock "$tmp/dummy" babeltrace2 --plugin-path="$plugin" "$trace" -c sink.utils.dummy
	task_clock "$tmp/all" babeltrace2 --plugin-path="$plugin" "$trace" \
		-c sink.rseqprof.schedstat -p "cpu-to-node=\"$topo\",output=\"/dev/null\""
	task_clock "$tmp/opt" babeltrace2 --plugin-path="$plugin" "$trace" \
		-c sink.rseqprof.schedstat -p "cpu-to-node=\"$topo\",variants=\"v3-opt\",output=\"/dev/null\""
	if [ -n "${REPORT_DIR:-}" ]; then
		task_clock "$tmp/report" "$(dirname "$0")/../../scripts/rseqprof" report "$REPORT_DIR" -o /dev/null
	fi
done
d=$(median "$tmp/dummy")
printf '%s: %s events, median task-clock of %s interleaved runs\n' "$trace" "$events" "$runs"
rows=("sink.utils.dummy:dummy" "schedstat, 4 variants:all" "schedstat, v3-opt:opt")
[ -z "${REPORT_DIR:-}" ] || rows+=("rseqprof report:report")
for row in "${rows[@]}"; do
	IFS=: read -r name key <<<"$row"
	awk -v n="$name" -v m="$(median "$tmp/$key")" -v d="$d" -v e="$events" 'BEGIN {
		printf "  %-24s %8.1f ms  %5.2f M events/s  ratio %.3f\n", n, m, e / m / 1e3, m / d }'
done
