# SPDX-License-Identifier: MIT
# analysis: `rseqprof report` vs decoding alone (babeltrace2 -c
# sink.utils.dummy) on the same >= 10 M-event perf recording of
# `perf bench sched messaging -t`.  Goal: the report adds at most 10 %.
# shellcheck shell=bash

bench_analysis() {
	local rec json
	rec=$(bench_messaging_trace messaging-t-10M 50000)
	json=$BENCH_WORK/analysis.json
	bench_header "analysis speed: report vs decoding ($BENCH_RUNS runs each)"
	bench_trace_line "$rec"
	hyperfine -N --style none --runs "$BENCH_RUNS" --export-json "$json" \
		-n decode "babeltrace2 $rec/kernel -c sink.utils.dummy" \
		-n counter "babeltrace2 $rec/kernel -c sink.utils.counter" \
		-n report-all "$BENCH_SRC/scripts/rseqprof report $rec -o /dev/null" \
		-n report-v3-opt "$BENCH_SRC/scripts/rseqprof report $rec --variant v3-opt -o /dev/null" \
		>/dev/null
	bench_hyperfine_table "$json" decode
}
