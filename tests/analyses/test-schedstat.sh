#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sink.rseqprof.schedstat on hand-built scenario traces recorded through the
# real path; expected tables computed by hand in tests/data/schedstat/README.md.
# Also the parameters, the error cases and rseqprof report / compare.
set -uo pipefail
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"
# shellcheck source=tests/analyses/lib.sh
. "$RSEQPROF_SRC/tests/analyses/lib.sh"

need_tools babeltrace2 lttng lttng-sessiond
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

plan_tests 33

two='cpus=2,variants="v3-noopt,v3-opt",format="csv"'
declare -A trace
for s in procs threads evict guess empty; do
	trace[$s]=$(record_scenario "$s" "$tmp") || trace[$s]=/nonexistent
done
trace[ust_only]=$(record_scenario threads "$tmp/ust" 'rseqprof_scenario:lttng_statedump_process_state') ||
	trace[ust_only]=/nonexistent

# Hand-computed tables.
for s in procs threads evict guess; do
	schedstat "${trace[$s]}" "$two" >"$tmp/$s.csv" 2>"$tmp/$s.stderr"
	is_file "$tmp/$s.csv" "$SCHEDSTAT_DATA/$s.csv" "$s: hand-computed v3-noopt and v3-opt tables"
done
for s in procs threads; do
	schedstat "${trace[$s]}" 'cpus=2,variants="lazy-6.13",format="csv"' >"$tmp/$s-lazy.csv"
	is_file "$tmp/$s-lazy.csv" "$SCHEDSTAT_DATA/$s-lazy.csv" "$s: hand-computed lazy-6.13 table and its own counters"
done
schedstat "${trace[threads]}" 'cpu-to-node="0,1",variants="v3-numa",format="csv"' >"$tmp/tn.csv"
is_file "$tmp/tn.csv" "$SCHEDSTAT_DATA/threads-numa.csv" "threads: hand-computed v3-numa table on two nodes"
schedstat "${trace[evict]}" 'cpu-to-node="0,1",variants="v3-numa",format="csv",cache-size=1' >"$tmp/en.csv"
is_file "$tmp/en.csv" "$SCHEDSTAT_DATA/evict-numa-cache1.csv" "evict: hand-computed v3-numa table, cache-size=1"
schedstat "${trace[evict]}" 'cpus=2,variants="v3-opt",format="csv",cache-size=1' >"$tmp/e1.csv"
is_file "$tmp/e1.csv" "$SCHEDSTAT_DATA/evict-cache1.csv" "evict: cache-size=1 evicts"
schedstat "${trace[threads]}" 'cpus=2,variants="v3-opt",format="csv",procname="p100"' >"$tmp/tp.csv"
is_file "$tmp/tp.csv" "$SCHEDSTAT_DATA/threads-procname.csv" "threads: procname filter"
schedstat "${trace[threads]}" 'cpus=2,variants="v3-opt",format="csv",pid=200' >"$tmp/t2.csv"
is_file "$tmp/t2.csv" "$SCHEDSTAT_DATA/threads-pid200.csv" "threads: pid filter"

# Time range: begin at the 4th scheduler line of procs.scn (6th event).
begin=$(babeltrace2 --clock-seconds "${trace[procs]}" | sed -n '6s/^\[\([0-9.]*\)\].*/\1/p')
schedstat "${trace[procs]}" "$two,begin=\"$begin\"" >"$tmp/pb.csv"
is_file "$tmp/pb.csv" "$SCHEDSTAT_DATA/procs-begin.csv" "procs: begin keeps earlier state, counts from line 4"

# Variants side by side in one pass equal the variants alone.
schedstat "${trace[threads]}" 'cpus=2,variants="v3-opt",format="csv"' | grep ',v3-opt,' >"$tmp/alone"
grep ',v3-opt,' "$SCHEDSTAT_DATA/threads.csv" >"$tmp/together"
is_file "$tmp/alone" "$tmp/together" "one variant alone equals the same variant side by side"
schedstat "${trace[threads]}" 'cpus=2' >"$tmp/all.txt"
ok "$(grep -c -E '^ +v3-noopt +v3-opt +lazy-6.4 +lazy-6.13 +owner-6.19 +v3-numa$' "$tmp/all.txt" | tr -d ' ' | grep -qx 1; echo $?)" \
	"default: all six variants side by side in one header"
grep -q 'transfer between threads: .*11.11 % (1)' "$tmp/all.txt"
ok $? "text: the slides' labels, percent with two decimals and count"

# JSON schema.
schedstat "${trace[threads]}" 'cpus=2,format="json"' >"$tmp/threads.json"
"$RSEQPROF_BUILD/analyses/compare/rseqprof-compare" --format json "$tmp/threads.json" "$tmp/threads.json" >"$tmp/self.json"
ok $? "json: the report parses"
grep -q '"lost_events": 0,' "$tmp/threads.json" &&
	tr -d ' \n' <"$tmp/threads.json" | grep -q '"v3-opt":{"sched_switch":{"single_threaded":{"count":3,"percent":33.33},"transfer":{"count":1,"percent":11.11},"cache_hit":{"count":2,"percent":22.22},"cache_evict":{"count":0,"percent":0.00},"cache_discard":{"count":0,"percent":0.00},"alloc":{"count":1,"percent":11.11}},"release_mm":{"remove":{"count":1,"percent":11.11}},"migration":{"remove":{"count":1,"percent":11.11}}'
ok $? "json: lost_events and variants.v3-opt.{sched_switch,release_mm,migration} as documented"

# Losses are stated and mark percentages approximate.
schedstat "${trace[threads]}" 'cpus=2,variants="v3-opt",lost-events=5' >"$tmp/lost.txt"
grep -q '^Lost events: 5, .*approximate' "$tmp/lost.txt" && grep -q '~ *33.33 %' "$tmp/lost.txt"
ok $? "lost events stated, percentages marked approximate"

# Guesses are reported.
grep -q '^tasks,,tgid_guesses,1,$' "$tmp/guess.csv"
ok $? "guess: the unresolved tgid is counted"

# Errors, through 'rseqprof report': one line, non-zero exit.
rec() { make_recording "$tmp/rec-$1" "${trace[$1]}"; echo "$tmp/rec-$1"; }
one_line_error() { # DESCRIPTION PATTERN CMD...
	local desc=$1 pat=$2 status
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ "$status" -ne 0 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q -- "$pat" "$tmp/err"; then
		ok 0 "$desc"
	else
		ok 1 "$desc"
		diag "exit $status, stderr: $(cat "$tmp/err")"
	fi
}
one_line_error "missing events: named in one line" \
	'lacks events this analysis needs: sched_switch, sched_migrate_task, sched_process_fork, sched_process_exit' \
	"$RSEQPROF" report "$(rec ust_only)"
one_line_error "empty trace: one-line error" 'holds no sched_switch event' \
	"$RSEQPROF" report "$(rec empty)"
one_line_error "unknown variant: one-line error" "unknown variant 'v9'" \
	"$RSEQPROF" report "$(rec threads)" --variant v3-opt,v9
one_line_error "bad format: one-line error" "unknown format 'xml'" \
	"$RSEQPROF" report "$(rec threads)" --format xml
one_line_error "not a recording: one-line error" 'is not a recording' \
	"$RSEQPROF" report "$tmp"
! babeltrace2 --plugin-path="$PLUGIN_DIR" "${trace[threads]}" -c sink.rseqprof.schedstat \
	-p bogus=1 >/dev/null 2>"$tmp/err" &&
	grep -q "schedstat: unknown parameter 'bogus'" "$tmp/err"
ok $? "unknown sink parameter: error cause names it"
! babeltrace2 --plugin-path="$PLUGIN_DIR" "${trace[threads]}" -c sink.rseqprof.schedstat \
	-p 'cache-size="x"' >/dev/null 2>"$tmp/err" &&
	grep -q "schedstat: parameter 'cache-size' must be a non-negative integer" "$tmp/err"
ok $? "wrongly typed sink parameter: error cause names it"
schedstat "${trace[threads]}" 'cpus=2,variants=["v3-noopt","v3-opt"],format="csv"' >"$tmp/array.csv"
is_file "$tmp/array.csv" "$SCHEDSTAT_DATA/threads.csv" "variants as an array of strings"
"$RSEQPROF" report "$(rec threads)" --variant v3-opt --format csv -o "$tmp/r.csv"
grep -E '^(sched_switch|release_mm|migration|total|variant|health),v3-opt,' "$tmp/r.csv" >"$tmp/r-opt"
is_file "$tmp/r-opt" "$tmp/together" "rseqprof report: topology from rseqprof.info, -o FILE"

# compare: procs (A) vs threads (B).
"$RSEQPROF" report "$(rec procs)" --format json -o "$tmp/procs.json"
"$RSEQPROF" compare "$tmp/procs.json" "$tmp/threads.json" >"$tmp/cmp.txt"
ok $? "compare: two JSON reports"
grep -E -q '^ +vcpu-id allocation \(bit-set\) +75\.00 % +3 +87\.50 % +7 +\+4 +\+133\.33 % +\+12\.50 pp$' "$tmp/cmp.txt"
ok $? "compare: v3-noopt alloc 3 -> 7: +4, +133.33 %, +12.50 pp"
grep -E -q '^ +transfer between threads +0\.00 % +0 +11\.11 % +1 +\+1 +n/a +\+11\.11 pp$' "$tmp/cmp.txt"
ok $? "compare: v3-opt transfer 0 -> 1: relative difference n/a"
"$RSEQPROF" compare "$(rec procs)" "$tmp/threads.json" --variant v3-opt --format json >"$tmp/cmp.json"
tr -d ' \n' <"$tmp/cmp.json" | grep -q '"single_threaded":{"a_count":3,"b_count":3,"a_percent":100.00,"b_percent":33.33,"diff_count":0,"rel_count_percent":0.00,"diff_percent_points":-66.67}'
ok $? "compare: a recording directory against a JSON report, JSON output"
printf '{"variants": {"v3-opt": ' >"$tmp/trunc.json"
one_line_error "compare: truncated JSON is a one-line error" 'not a JSON report: line 1: unexpected end of input' \
	"$RSEQPROF" compare "$tmp/trunc.json" "$tmp/threads.json"

done_testing
