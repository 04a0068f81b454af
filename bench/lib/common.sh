# SPDX-License-Identifier: MIT
# common.sh - what the benchmarks share: the work folder, recording a perf
# trace of a workload into the recording layout, medians and ratios.
# shellcheck shell=bash

BENCH_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BENCH_BUILD=${RSEQPROF_BUILD:-$BENCH_SRC/${BUILD_DIR:-build}}
# Generated traces are big (about 100 bytes an event): never in git.
BENCH_WORK=${RSEQPROF_BENCH_DIR:-$BENCH_BUILD/bench-work}
BENCH_RUNS=${BENCH_RUNS:-5}

bench_die() {
	echo "bench: error: $*" >&2
	exit 1
}

bench_note() {
	echo "bench: $*" >&2
}

# shellcheck source=bench/lib/perf-trace.sh
. "$BENCH_SRC/bench/lib/perf-trace.sh"

# bench_perf_trace DIR CMD...: a perf recording of CMD in DIR, kept (and
# reused) when DIR holds one already.
bench_perf_trace() {
	local dir=$1 why
	if [ -f "$dir/rseqprof.info" ]; then
		bench_note "reusing $dir"
		return 0
	fi
	why=$(perf_trace_usable) || bench_die "$why"
	bench_note "recording ${*:2} into $dir"
	perf_trace_record "$@" || bench_die "recording $dir failed"
}

# bench_count_events TRACE: number of events babeltrace2 reads in TRACE.
bench_count_events() {
	babeltrace2 "$1" -c sink.utils.counter 2>/dev/null |
		awk '/event messages$/ { print $1 }'
}

# bench_messaging_trace NAME LOOPS: a `perf bench sched messaging -t`
# recording (10 groups, 400 threads) of LOOPS loops, cached in the work
# folder; prints its folder.  About 205 events a loop here.
bench_messaging_trace() {
	local dir=$BENCH_WORK/$1
	bench_perf_trace "$dir" perf bench sched messaging -t -g 10 -l "$2" >&2
	echo "$dir"
}

# bench_median: the median of the numbers on standard input, one a line.
bench_median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) exit 1
		if (NR % 2) print v[(NR + 1) / 2]
		else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# bench_ratio A B: A / B with three decimals.
bench_ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", a / b }'
}

# bench_header TITLE: what every result starts with (machine and date).
bench_header() {
	echo "== $1"
	echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "machine: $(uname -r), $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
	echo "commit: $(git -C "$BENCH_SRC" rev-parse --short HEAD 2>/dev/null || echo unknown)"
}

# bench_hyperfine_table JSON BASE: median seconds of each command of a
# hyperfine --export-json file and its ratio to the command named BASE.
bench_hyperfine_table() {
	python3 - "$1" "$2" <<'PY'
import json, statistics, sys
res = json.load(open(sys.argv[1]))["results"]
med = {r["command"]: statistics.median(r["times"]) for r in res}
base = med[sys.argv[2]]
print(f"{'command':<16} {'median s':>9} {'ratio':>7}  runs")
for r in res:
    m = med[r["command"]]
    print(f"{r['command']:<16} {m:9.3f} {m / base:7.3f}  "
          + " ".join(f"{t:.2f}" for t in r["times"]))
PY
}

# bench_trace_line REC: one line saying what recording REC holds.
bench_trace_line() {
	echo "trace: $(bench_count_events "$1/kernel") events, $(du -sh "$1/kernel" | cut -f1)," \
		"$(sed -n 's/^cmdline=//p' "$1/rseqprof.info")," \
		"$(sed -n 's/^discarded_events=//p' "$1/rseqprof.info") lost"
}

# bench_peak_rss_kib CMD...: peak RSS of CMD in KiB (GNU time), output dropped.
bench_peak_rss_kib() {
	local f
	f=$(mktemp)
	/usr/bin/time -f '%M' -o "$f" "$@" >/dev/null 2>&1 ||
		{ rm -f "$f"; bench_die "failed: $*"; }
	tail -1 "$f"
	rm -f "$f"
}
