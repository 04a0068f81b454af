# SPDX-License-Identifier: MIT
# memory: peak RSS of `rseqprof report` (all sections, all variants) and of
# each sink on 1 M and 10 M events of the same workload (perf bench sched
# messaging -t, 10 groups, 5000 vs 50000 loops: the same 400 threads).  The
# state must grow with tasks, not events: the 10 M / 1 M ratio must be ~1.
# shellcheck shell=bash

bench_memory() {
	local small big rs rb bt s args=()
	small=$(bench_messaging_trace messaging-t-1M "$BENCH_1M_LOOPS")
	big=$(bench_messaging_trace messaging-t-10M "$BENCH_10M_LOOPS")
	rs=$(printf '%q' "$small")
	rb=$(printf '%q' "$big")
	bt="babeltrace2 --plugin-path=$(printf '%q' "$BENCH_BUILD/analyses")"
	bench_header "memory: peak RSS, 1 M vs 10 M events (median of $BENCH_RUNS interleaved runs)"
	bench_trace_line "$small"
	bench_trace_line "$big"
	for s in dummy schedstat migration numa cid; do
		if [ "$s" = dummy ]; then
			args+=("decode-1M" "babeltrace2 $rs/kernel -c sink.utils.dummy"
			       "decode-10M" "babeltrace2 $rb/kernel -c sink.utils.dummy")
		else
			args+=("$s-1M" "$bt $rs/kernel -c sink.rseqprof.$s -p 'cpu-to-node=\"0,0\"'"
			       "$s-10M" "$bt $rb/kernel -c sink.rseqprof.$s -p 'cpu-to-node=\"0,0\"'")
		fi
	done
	args+=("report-1M" "$(printf '%q' "$BENCH_SRC/scripts/rseqprof") report $rs -o /dev/null"
	       "report-10M" "$(printf '%q' "$BENCH_SRC/scripts/rseqprof") report $rb -o /dev/null")
	bench_interleave "$BENCH_RUNS" "${args[@]}"
}
