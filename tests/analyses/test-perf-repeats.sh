#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Events the recorder wrote twice (tests/data/traces/perf-guest-repeats: perf
# in the QEMU guest repeated 5 sched_switch and 4 rseq_update records): the
# report drops each exact repeat, says how many it dropped, and its counts
# between rseqprof.ko's reset and stop markers equal the module's live
# counters read at the stop, event for event.
set -uo pipefail
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"
# shellcheck source=tests/analyses/lib.sh
. "$RSEQPROF_SRC/tests/analyses/lib.sh"

need_tools babeltrace2 jq
rec=$RSEQPROF_SRC/tests/data/traces/perf-guest-repeats
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
plan_tests 7

babeltrace2 --clock-seconds "$rec/kernel" >"$tmp/text" 2>/dev/null
# The repeats, as babeltrace2 prints them (less the time deltas).
repeats() {
	grep -E " $1:" "$tmp/text" | sed -E 's/ \(\+[0-9.?]*\)//' | sort | uniq -d | wc -l
}
sw_repeats=$(repeats 'sched:sched_[a-z_]*')
is "$sw_repeats" 5 "babeltrace2 shows 5 scheduler events twice"
# The schedstat section reads rseq_update too (the models' mm_cid check).
repeats=$((sw_repeats + $(repeats 'rseq:rseq_update')))

begin=$(sed -n 's/^\[\([0-9.]*\)\].*rseqprof:rseqprof_reset:.*/\1/p' "$tmp/text")
end=$(sed -n 's/^\[\([0-9.]*\)\].*rseqprof:rseqprof_stop:.*/\1/p' "$tmp/text")
"$RSEQPROF" report "$rec" --section schedstat --variant v3-noopt --format json \
	--begin "$begin" --end "$end" -o "$tmp/report.json" 2>"$tmp/err"
ok $? "report between the markers ($begin, $end)" || diag "$(cat "$tmp/err")"
is "$(jq '.trace.duplicates_dropped' "$tmp/report.json")" "$repeats" \
	"the JSON report counts the dropped repeats ($sw_repeats + rseq_update's)"

# live GROUP LABEL: a count of the module's "total" block, where lines are
# "label:<TAB>percent<TAB>%<TAB>count" under group titles ("On release mm:").
live() {
	awk -F '\t' -v g="$1" -v l="$2" '/^cpu0$/ { exit } $0 == g { on = 1; next }
		/^$/ { on = 0 } on && $1 == l ":" { print $4; exit }' "$rec/rseqprof_schedstat"
}
for c in "sched_switch.alloc|On sched-switch:|vcpu-id allocation (bit-set)" \
	 "release_mm.remove|On release mm:|vcpu-id remove (bit-clear)"; do
	IFS='|' read -r path group label <<<"$c"
	want=$(live "$group" "$label")
	got=$(jq ".variants[\"v3-noopt\"].$path.count" "$tmp/report.json")
	ok "$([ -n "$want" ] && [ "$got" = "$want" ]; echo $?)" \
		"v3-noopt $path: offline $got == live $want"
done

"$RSEQPROF" report "$rec" --section schedstat --variant v3-noopt \
	--begin "$begin" --end "$end" -o "$tmp/report.txt" 2>/dev/null
ok "$(grep -q "^Duplicate events dropped: $repeats (the recorder wrote them twice" "$tmp/report.txt"; echo $?)" \
	"the text report states the dropped repeats"
"$RSEQPROF" report "$rec" -o "$tmp/all.txt" 2>/dev/null
is "$(grep -c '^Duplicate events dropped: ' "$tmp/all.txt")" 1 \
	"the report of every section states the dropped repeats once"
done_testing
