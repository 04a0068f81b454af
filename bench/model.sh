# SPDX-License-Identifier: MIT
# model: scheduler events per second through each variant of the model in
# memory, replaying the events of a real 1 M-event recording of
# `perf bench sched messaging -t` (extracted once by model/extract.awk),
# timed in CPU time of the thread (the machine is shared); and, stable
# whatever the load, the instructions per event of one replay under
# callgrind (200 k events).  Goal: >= 50 M events/s for v3-opt.
# shellcheck shell=bash

bench_model() {
	local rec ev v out ir n bin=$BENCH_BUILD/bench/model/model-bench
	[ -x "$bin" ] || bench_die "$bin not built: run scripts/build"
	rec=$(bench_messaging_trace messaging-t-1M "$BENCH_1M_LOOPS")
	ev=$BENCH_WORK/messaging-t-1M.events
	if [ ! -s "$ev" ]; then
		babeltrace2 "$rec/kernel" | awk -f "$BENCH_SRC/bench/model/extract.awk" >"$ev.tmp"
		mv "$ev.tmp" "$ev"
	fi
	bench_header "model core: events/s per variant, in memory (CPU time)"
	bench_trace_line "$rec"
	"$bin" -s "$BENCH_RUNS" "$ev"
	command -v valgrind >/dev/null || { bench_note "valgrind missing: no instruction counts"; return 0; }
	head -200000 "$ev" >"$ev.200k"
	n=$(wc -l <"$ev.200k")
	echo "instructions per event (callgrind, one replay of $n events, mb_replay inclusive):"
	for v in v3-noopt v3-opt lazy-6.4 lazy-6.13 owner-6.19 v3-numa; do
		out=$BENCH_WORK/callgrind.$v.out
		valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" -v "$v" -s 0 "$ev.200k" \
			>/dev/null 2>&1 || bench_die "callgrind failed on $v"
		ir=$(callgrind_annotate --inclusive=yes "$out" 2>/dev/null |
			awk '/model-bench.c:mb_replay / && !n++ { gsub(/,/, "", $1); print $1 }')
		printf '  %-10s %6.1f Ir/event  (hot spots: callgrind_annotate %s)\n' "$v" \
			"$(awk -v a="$ir" -v b="$n" 'BEGIN { print a / b }')" "$out"
	done
}
