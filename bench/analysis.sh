# SPDX-License-Identifier: MIT
# analysis: `rseqprof report` vs decoding alone (babeltrace2 -c
# sink.utils.dummy) on the same >= 10 M-event perf recording of
# `perf bench sched messaging -t`.  Goal: the analyses add at most 10 %
# over decoding.  The report reads the trace once (sink.rseqprof.report
# hosts every section); the rows in between say where its cost goes:
# one section with one model variant, then with the four, then all
# sections.
# shellcheck shell=bash

bench_analysis() {
	local rec report
	rec=$(bench_messaging_trace messaging-t-10M "$BENCH_10M_LOOPS")
	report="$(printf '%q' "$BENCH_SRC/scripts/rseqprof") report $(printf '%q' "$rec") -o /dev/null"
	bench_header "analysis speed: report vs decoding (median of $BENCH_RUNS interleaved runs)"
	bench_trace_line "$rec"
	bench_interleave "$BENCH_RUNS" \
		decode "babeltrace2 $(printf '%q' "$rec/kernel") -c sink.utils.dummy" \
		schedstat-v3-opt "$report --section schedstat --variant v3-opt" \
		schedstat "$report --section schedstat" \
		report-all "$report"
}
