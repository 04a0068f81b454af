#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# bench-speed.sh TRACE [RUNS]: CPU time (task-clock, perf stat -r RUNS) of
# babeltrace2 reading TRACE into sink.utils.dummy (decoding alone) vs
# sink.rseqprof.schedstat (all variants, and v3-opt alone), and the ratios.
# Run on request (not part of the suite: no timed assertion).
# Env: RSEQPROF_BUILD (default: build), CPU_TO_NODE (default "0,0").
set -euo pipefail

trace=${1:?usage: bench-speed.sh TRACE [RUNS]}
runs=${2:-7}
plugin=${RSEQPROF_BUILD:-build}/analyses
topo=${CPU_TO_NODE:-0,0}

task_clock() { # CMD...: mean task-clock in ms over $runs runs, and its spread
	perf stat -r "$runs" -x, -e task-clock "$@" 2>&1 >/dev/null |
		awk -F, '/task-clock/ { print $1, $4 }'
}

events=$(babeltrace2 "$trace" -c sink.utils.counter | awk '/Event messages/ { n = $1 } END { print n }')
read -r d ds < <(task_clock babeltrace2 --plugin-path="$plugin" "$trace" -c sink.utils.dummy)
read -r a as < <(task_clock babeltrace2 --plugin-path="$plugin" "$trace" \
	-c sink.rseqprof.schedstat -p "cpu-to-node=\"$topo\",output=\"/dev/null\"")
read -r o os < <(task_clock babeltrace2 --plugin-path="$plugin" "$trace" \
	-c sink.rseqprof.schedstat -p "cpu-to-node=\"$topo\",variants=\"v3-opt\",output=\"/dev/null\"")
printf '%s: %s events, mean task-clock of %s runs\n' "$trace" "$events" "$runs"
for row in "sink.utils.dummy:$d:$ds" "schedstat, 4 variants:$a:$as" "schedstat, v3-opt:$o:$os"; do
	IFS=: read -r name ms spread <<<"$row"
	awk -v n="$name" -v m="$ms" -v s="$spread" -v d="$d" -v e="$events" 'BEGIN {
		printf "  %-24s %8.1f ms (+-%s)  %5.2f M events/s  ratio %.3f\n",
			n, m, s, e / m / 1e3, m / d }'
done
