# SPDX-License-Identifier: MIT
# overhead: wall time of `perf bench sched messaging -t` and `hackbench`
# (threads and processes) under `rseqprof record` (kernel scheduler events;
# perf on this machine) vs untraced, run side by side (interleaved).  Two
# ratios per workload: the time the workload reports itself (the tracer's
# cost on the workload) and the whole command's wall time (with starting
# the recorder and converting the trace).
# shellcheck shell=bash

# bench_overhead_one NAME TIME_REGEX CMD...: median times, traced/untraced.
bench_overhead_one() {
	local name=$1 re=$2 r out t0 t1 w0 w1 f
	shift 2
	f=$(mktemp -d)
	out=$BENCH_WORK/overhead-rec
	for ((r = 0; r < BENCH_RUNS; r++)); do
		t0=$(date +%s.%N)
		"$@" >"$f/plain.out" 2>&1 || bench_die "$* failed"
		t1=$(date +%s.%N)
		awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }' >>"$f/plain.wall"
		sed -n "s/$re/\\1/p" "$f/plain.out" >>"$f/plain.self"
		t0=$(date +%s.%N)
		"$BENCH_SRC/scripts/rseqprof" record -f -o "$out" -- "$@" >"$f/rec.out" 2>&1 ||
			{ tail -3 "$f/rec.out" >&2; bench_die "rseqprof record $* failed"; }
		t1=$(date +%s.%N)
		awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }' >>"$f/rec.wall"
		sed -n "s/$re/\\1/p" "$f/rec.out" >>"$f/rec.self"
	done
	w0=$(bench_median <"$f/plain.self")
	w1=$(bench_median <"$f/rec.self")
	printf '%-22s %9.3f %9.3f %7s' "$name" "$w0" "$w1" "$(bench_ratio "$w1" "$w0")"
	w0=$(bench_median <"$f/plain.wall")
	w1=$(bench_median <"$f/rec.wall")
	printf ' %9.3f %9.3f %7s  lost %s\n' "$w0" "$w1" "$(bench_ratio "$w1" "$w0")" \
		"$(sed -n 's/^discarded_events=//p' "$out/rseqprof.info")"
	rm -rf "$f" "$out"
}

bench_overhead() {
	local why
	why=$(perf_trace_usable) || bench_die "$why"
	bench_header "tracing overhead: rseqprof record vs untraced (median of $BENCH_RUNS interleaved runs)"
	printf '%-22s %9s %9s %7s %9s %9s %7s\n' workload self-s traced ratio wall-s traced ratio
	bench_overhead_one "messaging -t 10x500" '.*Total time: *\([0-9.]*\).*' \
		perf bench sched messaging -t -g 10 -l 500
	bench_overhead_one "messaging 10x500" '.*Total time: *\([0-9.]*\).*' \
		perf bench sched messaging -g 10 -l 500
	bench_overhead_one "hackbench -T 10x500" '^Time: *\([0-9.]*\)' hackbench -T -g 10 -l 500
	bench_overhead_one "hackbench -P 10x500" '^Time: *\([0-9.]*\)' hackbench -P -g 10 -l 500
}
