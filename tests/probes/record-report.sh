#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# record-report.sh - end to end: `rseqprof record --preload` a threaded
# program (perf for the kernel side, LTTng for the preload's events), then
# the cid section of `rseqprof report`: the user-space reads are exactly the
# program's sched_getcpu() calls plus one read at the start and end of each
# thread (sampling off), each equals what the kernel last wrote in that
# thread's area (rseq_update), and the model validation is reported.
# shellcheck source=tests/tap/tap.sh
. "${TAP_SH:?}"

rseqprof=$RSEQPROF_SRC/scripts/rseqprof
[ "$(id -u)" = 0 ] || plan_skip_all "recording kernel events needs root"
command -v perf >/dev/null || plan_skip_all "perf not installed"
# shellcheck source=scripts/rseqprof.d/lib/perf.sh
. "$RSEQPROF_SRC/scripts/rseqprof.d/lib/perf.sh"
why=$(perf_ctf_missing)
[ -z "$why" ] || plan_skip_all "$why (record-perf-noctf tests the refusal)"
# shellcheck source=scripts/rseqprof.d/lib/kernel-events.sh
. "$RSEQPROF_SRC/scripts/rseqprof.d/lib/kernel-events.sh"
if ! tracefs_find || ! tracefs_has_event rseq:rseq_update; then
	plan_skip_all "no rseq:rseq_update tracepoint (tracefs not mounted or kernel without rseq events)"
fi
plan_tests 9

dir=$(mktemp -d /tmp/rseqprof-probes-e2e.XXXXXX)
trap 'rm -rf "$dir"' EXIT
threads=3

export RSEQPROF_BUILD
printed=$(RSEQPROF_SAMPLE_HZ=0 "$rseqprof" record -o "$dir/rec" \
	--preload --linger 0 -- "$RSEQPROF_BUILD/tests/probes/rseqprof-threads" -t "$threads" -n 200 2>"$dir/err")
ok $? "rseqprof record --preload rseqprof-threads: $printed" || sed 's/^/# /' "$dir/err"
pid=$(sed -n 's/.*pid=\([0-9]*\).*/\1/p' <<<"$printed")
calls=$(sed -n 's/.* calls=\([0-9]*\).*/\1/p' <<<"$printed")

"$rseqprof" report "$dir/rec" --format csv --pid "$pid" \
	--variant lazy-6.13 >"$dir/report.csv" 2>"$dir/err"
ok $? "rseqprof report --format csv" || sed 's/^/# /' "$dir/err"

# get SECTION WHO NAME [COLUMN]: a value of the report's long CSV
get() {
	awk -F, -v s="$1" -v w="$2" -v n="$3" -v c="${4:-4}" \
		'$1 == s && $2 == w && $3 == n { print $c; found = 1; exit }
		 END { if (!found) print "missing" }' "$dir/report.csv"
}

is "$(get process "ust:$pid" reads)" $((calls + 2 * (threads + 1))) \
	"user-space reads == $calls sched_getcpu() calls + a start and end read per thread"
is "$(get process "ust:$pid" per_cpu_slots)" "$(nproc --all)" \
	"per-CPU array sized by the possible CPUs of rseqprof.info"
reads=$(get process "kernel:$pid" reads)
[ "$reads" != missing ] && [ "$reads" -gt 0 ]
ok $? "the kernel's rseq_update events of process $pid are counted ($reads)"
# perf's clock is aligned on LTTng's (trace-inputs.sh): every read comes
# after the kernel's update of that thread's area, and must equal it
is "$(get process "ust:$pid" reads_checked_against_kernel)" "$(get process "ust:$pid" reads)" \
	"every user-space read is checked against its thread's last rseq_update"
is "$(get process "ust:$pid" reads_equal_to_kernel)" "$(get process "ust:$pid" reads)" \
	"and every one read what the kernel last wrote (cpu_id and mm_cid)"
pct=$(get validation_process "lazy-6.13:$pid" agree 5)
[ "$pct" != missing ]
ok $? "lazy-6.13 agreement with the real mm_cid is reported ($pct %)"
is "$(get loss "" lost_events)" 0 "the report states the lost events (none)"

done_testing
