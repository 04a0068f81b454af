# SPDX-License-Identifier: MIT
# memory: peak RSS of `rseqprof report` (all variants) on 1 M and 10 M
# events of the same workload; the state must grow with tasks, not events.
# babeltrace2 -c sink.utils.dummy alone is measured beside it.
# shellcheck shell=bash

bench_memory() {
	local small big name rec i kib
	small=$(bench_messaging_trace messaging-t-1M 5000)
	big=$(bench_messaging_trace messaging-t-10M 50000)
	bench_header "memory: peak RSS, 1 M vs 10 M events (median of $BENCH_RUNS runs, KiB)"
	bench_trace_line "$small"
	bench_trace_line "$big"
	declare -A med
	for name in small big; do
		rec=${!name}
		med[$name-decode]=$(for ((i = 0; i < BENCH_RUNS; i++)); do
			bench_peak_rss_kib babeltrace2 "$rec/kernel" -c sink.utils.dummy
		done | bench_median)
		med[$name-report]=$(for ((i = 0; i < BENCH_RUNS; i++)); do
			bench_peak_rss_kib "$BENCH_SRC/scripts/rseqprof" report "$rec" -o /dev/null
		done | bench_median)
	done
	printf '%-8s %10s %10s %7s\n' what 1M 10M ratio
	for kib in decode report; do
		printf '%-8s %10s %10s %7s\n' "$kib" "${med[small-$kib]}" "${med[big-$kib]}" \
			"$(bench_ratio "${med[big-$kib]}" "${med[small-$kib]}")"
	done
}
