#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# record-report.sh - end to end: `rseqprof record --preload` a threaded
# program (perf for the kernel side, LTTng for the preload's events), then
# the cid section of `rseqprof report`: the user-space reads are exactly the
# program's sched_getcpu() calls plus one read at the start and end of each
# thread (sampling off), the kernel's rseq_update events of the same process
# are there, and the model validation is reported.
[ -f "${TAP_SH:-}" ] || TAP_SH=$RSEQPROF_SRC/tests/tap/tap.sh
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"

rseqprof=$RSEQPROF_SRC/scripts/rseqprof
[ "$(id -u)" = 0 ] || plan_skip_all "recording kernel events needs root"
command -v perf >/dev/null || plan_skip_all "perf not installed"
command -v python3 >/dev/null || plan_skip_all "python3 not installed (reads the JSON report)"
tracefs=$(awk '$3 == "tracefs" { print $2; exit }' /proc/mounts)
if [ -z "$tracefs" ] || [ ! -d "$tracefs/events/rseq/rseq_update" ]; then
	plan_skip_all "no rseq:rseq_update tracepoint (tracefs not mounted or kernel without rseq events)"
fi
plan_tests 7

dir=$(mktemp -d /tmp/rseqprof-probes-e2e.XXXXXX)
trap 'rm -rf "$dir"' EXIT
threads=3

export RSEQPROF_BUILD
printed=$(RSEQPROF_SAMPLE_HZ=0 "$rseqprof" record -o "$dir/rec" \
	--preload --linger 0 -- "$RSEQPROF_BUILD/tests/probes/rseqprof-threads" -t "$threads" -n 200 2>"$dir/err")
ok $? "rseqprof record --preload rseqprof-threads: $printed" || sed 's/^/# /' "$dir/err"
pid=$(sed -n 's/.*pid=\([0-9]*\).*/\1/p' <<<"$printed")
calls=$(sed -n 's/.* calls=\([0-9]*\).*/\1/p' <<<"$printed")

"$rseqprof" report "$dir/rec" --format json --pid "$pid" \
	--variant lazy-pcpu >"$dir/report.json" 2>"$dir/err"
ok $? "rseqprof report --format json" || sed 's/^/# /' "$dir/err"

# get EXPR: a value of the report's cid section, "missing" when absent
get() {
	python3 - "$dir/report.json" "$1" <<'PY' 2>/dev/null || echo missing
import json, sys
d = json.load(open(sys.argv[1]))["cid"]
for k in sys.argv[2].split("/"):
    d = d[k]
print(d)
PY
}

is "$(get "processes/ust:$pid/reads")" $((calls + 2 * (threads + 1))) \
	"user-space reads == $calls sched_getcpu() calls + a start and end read per thread"
is "$(get "processes/ust:$pid/per_cpu_array/slots")" "$(nproc --all)" \
	"per-CPU array sized by the possible CPUs of rseqprof.info"
reads=$(get "processes/kernel:$pid/reads")
[ "$reads" != missing ] && [ "$reads" -gt 0 ]
ok $? "the kernel's rseq_update events of process $pid are counted ($reads)"
pct=$(get "processes/kernel:$pid/validation/lazy-pcpu/percent")
[ "$pct" != missing ]
ok $? "lazy-pcpu agreement with the real mm_cid is reported ($pct %)"
is "$(get lost_events)" 0 "the report states the lost events (none)"

done_testing
