# SPDX-License-Identifier: MIT
# analysis: `rseqprof report` vs decoding alone (babeltrace2 -c
# sink.utils.dummy) on the same >= 10 M-event perf recording of
# `perf bench sched messaging -t`.  Goal: the analyses add at most 10 %
# over decoding.  The report runs one babeltrace2 pass per section
# (schedstat, migration, numa, cid), so each sink is also measured alone
# on the same graph, with all four variants.
# shellcheck shell=bash

bench_analysis() {
	local rec k bt plugins
	rec=$(bench_messaging_trace messaging-t-10M "$BENCH_10M_LOOPS")
	k=$(printf '%q' "$rec/kernel")
	plugins=$(printf '%q' "$BENCH_BUILD/analyses")
	bt="babeltrace2 --plugin-path=$plugins $k"
	bench_header "analysis speed: report vs decoding (median of $BENCH_RUNS interleaved runs)"
	bench_trace_line "$rec"
	bench_interleave "$BENCH_RUNS" \
		decode "babeltrace2 $k -c sink.utils.dummy" \
		counter "babeltrace2 $k -c sink.utils.counter" \
		sink-schedstat "$bt -c sink.rseqprof.schedstat -p 'cpu-to-node=\"0,0\"'" \
		sink-migration "$bt -c sink.rseqprof.migration -p 'cpu-to-node=\"0,0\"'" \
		sink-numa "$bt -c sink.rseqprof.numa -p 'cpu-to-node=\"0,0\"'" \
		sink-cid "$bt -c sink.rseqprof.cid -p 'cpu-to-node=\"0,0\"'" \
		report-all "$(printf '%q' "$BENCH_SRC/scripts/rseqprof") report $(printf '%q' "$rec") -o /dev/null"
}
