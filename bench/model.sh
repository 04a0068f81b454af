# SPDX-License-Identifier: MIT
# model: scheduler events per second through each variant of the model in
# memory, replaying the events of a real 1 M-event recording of
# `perf bench sched messaging -t` (extracted once by model/extract.awk).
# Goal: >= 50 M events/s for v3-opt.
# shellcheck shell=bash

bench_model() {
	local rec ev bin=$BENCH_BUILD/bench/model/model-bench
	[ -x "$bin" ] || bench_die "$bin not built: run scripts/build"
	rec=$(bench_messaging_trace messaging-t-1M 5000)
	ev=$BENCH_WORK/messaging-t-1M.events
	if [ ! -s "$ev" ]; then
		babeltrace2 "$rec/kernel" | awk -f "$BENCH_SRC/bench/model/extract.awk" >"$ev.tmp"
		mv "$ev.tmp" "$ev"
	fi
	bench_header "model core: events/s per variant, in memory"
	bench_trace_line "$rec"
	"$bin" -s "$BENCH_RUNS" "$ev"
}
