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

# bench_perf_trace [-m PAGES] DIR CMD...: a perf recording of CMD in DIR,
# kept (and reused) when DIR holds one already.
bench_perf_trace() {
	local dir=$1 why cmd=("${@:2}")
	[ "$dir" != -m ] || { dir=$3; cmd=("${@:4}"); }
	if [ -f "$dir/rseqprof.info" ]; then
		bench_note "reusing $dir"
		return 0
	fi
	why=$(perf_trace_usable) || bench_die "$why"
	bench_note "recording ${cmd[*]} into $dir"
	perf_trace_record "$@" || bench_die "recording $dir failed"
}

# bench_count_events TRACE: number of events babeltrace2 reads in TRACE.
bench_count_events() {
	babeltrace2 "$1" -c sink.utils.counter 2>/dev/null |
		awk '/Event messages$/ { n = $1 } END { print n }'
}

# The two sizes of the same workload: about 200 events a loop here.
export BENCH_1M_LOOPS=5000
export BENCH_10M_LOOPS=55000

# bench_messaging_trace NAME LOOPS: a `perf bench sched messaging -t`
# recording (10 groups, 400 threads) of LOOPS loops, cached in the work
# folder; prints its folder.  perf gets 16 MiB a CPU: nothing lost.
bench_messaging_trace() {
	local dir=$BENCH_WORK/$1
	bench_perf_trace -m 4096 "$dir" perf bench sched messaging -t -g 10 -l "$2" >&2
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

# bench_interleave RUNS NAME CMD [NAME CMD]...: run the commands round
# robin, RUNS rounds (side by side: a load change hits all of them), each
# under GNU time; then print per command the median wall time, CPU time
# (user + sys) and peak RSS, and their ratios to the first command, and
# the median over the rounds of each round's CPU-time ratio (rnd-ratio:
# the load of a shared machine comes in phases longer than a round, which
# this ratio cancels).  CMD is a shell command line built by the benchmark
# itself (paths quoted with %q).
bench_interleave() {
	local runs=$1 r i n f
	shift
	local names=() cmds=()
	while [ $# -ge 2 ]; do
		names+=("$1")
		cmds+=("$2")
		shift 2
	done
	n=${#names[@]}
	f=$(mktemp -d)
	for ((r = 0; r < runs; r++)); do
		for ((i = 0; i < n; i++)); do
			/usr/bin/time -f '%e %U %S %M' -o "$f/t" bash -c "${cmds[i]}" >/dev/null 2>"$f/err" ||
				{ cat "$f/err" >&2; rm -rf "$f"; bench_die "failed: ${cmds[i]}"; }
			tail -1 "$f/t" >>"$f/$i"
		done
	done
	printf '%-18s %8s %7s %8s %7s %9s %8s %7s\n' command wall-s ratio cpu-s ratio \
		rnd-ratio rss-MiB ratio
	local w0 c0 m0 w c m rr
	for ((i = 0; i < n; i++)); do
		w=$(awk '{ print $1 }' "$f/$i" | bench_median)
		c=$(awk '{ print $2 + $3 }' "$f/$i" | bench_median)
		m=$(awk '{ print $4 / 1024 }' "$f/$i" | bench_median)
		rr=$(paste -d' ' "$f/$i" "$f/0" | awk '{ print ($2 + $3) / ($6 + $7) }' |
			bench_median)
		[ "$i" -gt 0 ] || { w0=$w; c0=$c; m0=$m; }
		printf '%-18s %8.2f %7s %8.2f %7s %9.3f %8.1f %7s\n' "${names[i]}" \
			"$w" "$(bench_ratio "$w" "$w0")" "$c" "$(bench_ratio "$c" "$c0")" \
			"$rr" "$m" "$(bench_ratio "$m" "$m0")"
	done
	rm -rf "$f"
}

# bench_trace_line REC: one line saying what recording REC holds.
bench_trace_line() {
	echo "trace: $(bench_count_events "$1/kernel") events, $(du -sh "$1/kernel" | cut -f1)," \
		"$(sed -n 's/^cmdline=//p' "$1/rseqprof.info")," \
		"$(sed -n 's/^discarded_events=//p' "$1/rseqprof.info") lost"
}
