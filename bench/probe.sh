# SPDX-License-Identifier: MIT
# probe: ns per rseqprof_ust:rseq_read event (rseq read + tracepoint, as the
# preload library fires it) vs a tracepoint of the same payload without the
# read vs the bare rseq read, in CPU time of the thread (probe/probe-bench),
# both with the tracepoints disabled (no session) and recorded by a private
# LTTng session (user nobody, per-user session daemon, 8 x 8 MiB
# sub-buffers per CPU: the events lost, if any, are counted).
# shellcheck shell=bash

bench_probe() {
	local bin=$BENCH_BUILD/bench/probe/probe-bench out s n=100000
	[ -x "$bin" ] || bench_die "$bin not built: run scripts/build"
	bench_header "UST probe: ns per event, median of $BENCH_RUNS rounds of $n"
	echo "tracepoints disabled (no session):"
	"$bin" -n "$n" -r "$BENCH_RUNS" | sed 's/^/  /'
	# shellcheck source=tests/probes/lttng-private.sh
	. "$BENCH_SRC/tests/probes/lttng-private.sh"
	if ! lttng_private_start >"$BENCH_WORK/probe.why"; then
		bench_note "no LTTng session: $(cat "$BENCH_WORK/probe.why")"
		return 0
	fi
	out=$LTTNG_PRIVATE_HOME/trace
	s=rseqprof-bench-$$
	if ! { lttng_private_as_user lttng create "$s" --output="$out" &&
		lttng_private_as_user lttng enable-channel -u -s "$s" ch \
			--subbuf-size=8M --num-subbuf=8 &&
		lttng_private_as_user lttng enable-event -u -s "$s" -c ch \
			'rseqprof_ust:*,rseqprof_bench:*' &&
		lttng_private_as_user lttng start "$s"; } >/dev/null; then
		lttng_private_stop
		bench_die "cannot start the LTTng session"
	fi
	echo "tracepoints enabled (LTTng session recording them):"
	lttng_private_as_user "$bin" -n "$n" -r "$BENCH_RUNS" | sed 's/^/  /'
	lttng_private_as_user lttng stop "$s" >/dev/null
	lttng_private_as_user lttng destroy "$s" >/dev/null
	echo "  recorded: $(bench_count_events "$out") events, $(babeltrace2 "$out" -c sink.utils.counter 2>/dev/null |
		awk '/Discarded event messages$/ { n = $1 } END { print n + 0 }') discarded-events messages"
	lttng_private_stop
	trap - EXIT
}
