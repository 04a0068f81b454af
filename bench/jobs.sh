# SPDX-License-Identifier: MIT
# jobs: `rseqprof report --jobs N` (issue 16) vs --jobs 1 and vs decoding
# alone (babeltrace2 -c sink.utils.dummy) on the >= 10 M-event recording
# of bench/analysis.sh; then the peak RSS summed over the report's
# processes (GNU time gives the largest one only) and the merger's own
# rate (bench/merge/merge-bench: forked writers of sorted records).
# shellcheck shell=bash

# bench_rss_sum CMD: the peak, over the run of CMD, of the RSS summed over
# its process group, in MiB (sampled every 50 ms).
bench_rss_sum() {
	local pid peak=0 cur
	setsid bash -c "$1" >/dev/null 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		cur=$(ps -o rss= -g "$pid" 2>/dev/null | awk '{ s += $1 } END { print s + 0 }')
		[ "$cur" -le "$peak" ] || peak=$cur
		sleep 0.05
	done
	wait "$pid"
	awk -v k="$peak" 'BEGIN { printf "%.1f\n", k / 1024 }'
}

bench_jobs() {
	local rec report j
	rec=$(bench_messaging_trace messaging-t-10M "$BENCH_10M_LOOPS")
	report="$(printf '%q' "$BENCH_SRC/scripts/rseqprof") report $(printf '%q' "$rec") -o /dev/null"
	bench_header "report --jobs: wall, CPU, RSS vs decoding (median of $BENCH_RUNS interleaved runs)"
	bench_trace_line "$rec"
	bench_interleave "$BENCH_RUNS" \
		decode "babeltrace2 $(printf '%q' "$rec/kernel") -c sink.utils.dummy" \
		jobs-1 "$report --jobs 1" \
		jobs-2 "$report --jobs 2" \
		jobs-4 "$report --jobs 4"
	echo "peak RSS summed over the processes (MiB):"
	for j in 1 2 4; do
		echo "  --jobs $j: $(bench_rss_sum "$report --jobs $j")"
	done
	echo "merger alone (records/s, 2 writers of 5 M records each; 4 of 2.5 M):"
	"$BENCH_BUILD/bench/merge/merge-bench" 2 5000000
	"$BENCH_BUILD/bench/merge/merge-bench" 4 2500000
}
