#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The text report is short by default: at most 200 lines, the header and
# the schedstat tables first, each listing (migration processes and
# threads, numa mms, cid processes and their validation) cut to its top 10
# entries and ended by a line counting those left out.  --top N shows N,
# --full everything (today's full report, byte for byte); JSON and CSV
# hold everything whatever the options; bad --top values are one-line
# usage errors.  On tests/data/traces/perf-messaging (`perf bench sched
# messaging` processes, 277 mms: 4295 lines in full) and on
# lab-7.2-thread-churn, whose full report is kept as it was before --top.
set -uo pipefail
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"
# shellcheck source=tests/analyses/lib.sh
. "$RSEQPROF_SRC/tests/analyses/lib.sh"
# shellcheck source=tests/html/sample.sh
. "$RSEQPROF_SRC/tests/html/sample.sh"

need_tools babeltrace2 jq
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
plan_tests 33

big=$tmp/big
make_recording "$big" "$RSEQPROF_SRC/tests/data/traces/perf-messaging" 0,0
echo "kernel_events=$SAMPLE_EVENTS" >>"$big/rseqprof.info"
lab=$RSEQPROF_SRC/tests/data/traces/lab-7.2-thread-churn

# The listings: "NAME|WHAT (in the left-out line)|TITLE-REGEX|JQ count of
# its entries in the JSON".
LISTINGS=(
	"migration processes|processes|^Processes by migrations \\(|.migration.processes | length"
	"migration threads|threads|^Threads by migrations \\(|.migration.threads | length"
	"numa mms|mms|^mms \\(|.numa.mms | length"
	"cid processes|processes|^Per process \\(ust: |.cid.processes | length"
	"cid validation|processes|^Per process \\([0-9]+ of [0-9]+, most rseq_update|[.cid.processes[] | select(.source == \"kernel\")] | length"
)

# rows FILE TITLE: the entries of the listing under TITLE (after its column
# header, up to an empty line or the line counting those left out).
rows() {
	awk -v re="$2" '
		in_list == 1 { in_list = 2; next }
		in_list == 2 && (/^$/ || /^  \.\.\. /) { exit }
		in_list == 2 { print; next }
		$0 ~ re { in_list = 1 }
	' "$1"
}

# left_out FILE TITLE: the line after the listing under TITLE, when it
# counts entries left out.
left_out() {
	awk -v re="$2" '
		in_list == 1 { in_list = 2; next }
		in_list == 2 && /^  \.\.\. [0-9]+ more / { print; exit }
		in_list == 2 && (/^$/ || /^  \.\.\. /) { exit }
		$0 ~ re { in_list = 1 }
	' "$1"
}

"$RSEQPROF" report "$big" >"$tmp/default.txt" 2>"$tmp/default.err"
ok $? "default report of the big recording"
"$RSEQPROF" report "$big" --format json >"$tmp/all.json"
ok $? "its JSON report"
lines=$(wc -l <"$tmp/default.txt")
full_lines=$("$RSEQPROF" report "$big" --full | wc -l)
ok "$([ "$lines" -le 200 ] && [ "$full_lines" -gt 1000 ]; echo $?)" \
	"default: $lines lines (at most 200), --full: $full_lines"
# The header, then the slides' table with every variant side by side.
ok "$(head -2 "$tmp/default.txt" | grep -q '^Lost events: 0$' &&
	grep -q '^ *v3-noopt  *v3-opt  *lazy-6.4  *lazy-6.13  *owner-6.19  *v3-numa$' "$tmp/default.txt" &&
	grep -q '^  vcpu-id allocation (bit-set): ' "$tmp/default.txt" &&
	grep -q '^Total (the percentages. denominator): ' "$tmp/default.txt"; echo $?)" \
	"default: losses, then the schedstat table with the six variants side by side"
ok "$(awk '/^rseqprof schedstat:/ { s = NR } /^Migration report/ { m = NR }
	/^NUMA report/ { n = NR } /^rseqprof cid:/ { c = NR }
	END { exit !(s == 1 && s < m && m < n && n < c) }' "$tmp/default.txt"; echo $?)" \
	"sections in order: schedstat, migration, numa, cid"

# Every listing: 10 entries and the count left out, as the JSON counts.
for entry in "${LISTINGS[@]}"; do
	IFS='|' read -r name what title count <<<"$entry"
	n=$(jq "$count" "$tmp/all.json")
	shown=$(rows "$tmp/default.txt" "$title" | wc -l)
	is "$shown $(left_out "$tmp/default.txt" "$title" | awk '{ print $2 }')" "10 $((n - 10))" \
		"default $name: 10 of $n shown, $((n - 10)) left out"
done

"$RSEQPROF" report "$big" --top 3 >"$tmp/top3.txt"
ok $? "--top 3"
for entry in "${LISTINGS[@]}"; do
	IFS='|' read -r name what title count <<<"$entry"
	n=$(jq "$count" "$tmp/all.json")
	shown=$(rows "$tmp/top3.txt" "$title" | wc -l)
	is "$shown|$(left_out "$tmp/top3.txt" "$title")" \
		"3|  ... $((n - 3)) more $what (--top N or --full to see them)" \
		"--top 3 $name: 3 shown, then '... $((n - 3)) more $what'"
done

# Ranked by what matters, ties by id: the JSON's order computed anew.
first=$(jq -r '.migration.processes | to_entries
	| sort_by(-.value.migrations, (.key | tonumber)) | .[0].key' "$tmp/all.json")
is "$(rows "$tmp/top3.txt" '^Processes by migrations \(' | awk 'NR == 1 { print $1 }')" "$first" \
	"migration: the process with the most migrations first (pid $first)"
first=$(jq -r '.cid.processes | to_entries
	| sort_by(-.value.reads, .value.source, .value.pid) | .[0].value.pid' "$tmp/all.json")
is "$(rows "$tmp/top3.txt" '^Per process \(ust: ' | awk 'NR == 1 { print $2 }')" "$first" \
	"cid: the process with the most reads first (pid $first)"

# --full: every entry, no line left out.
"$RSEQPROF" report "$big" --full >"$tmp/full.txt"
for entry in "${LISTINGS[@]:0:4}"; do
	IFS='|' read -r name what title count <<<"$entry"
	[ "$name" != "numa mms" ] || continue
	n=$(jq "$count" "$tmp/all.json")
	is "$(rows "$tmp/full.txt" "$title" | wc -l)" "$n" "--full $name: all $n"
done
is "$(grep -c '^mm [0-9]* .* (life [0-9]*)$' "$tmp/full.txt")" "$(jq '.numa.mms | length' "$tmp/all.json")" \
	"--full numa: a block for every mm"
is "$(grep -c -- '--full to see them' "$tmp/full.txt")" 0 "--full: nothing left out"
"$RSEQPROF" report "$lab" --full >"$tmp/lab-full.txt"
# The header names the babeltrace2 that reads it: the one installed here.
bt2=$(babeltrace2 --version | sed -n '1s/^[^0-9]*\([0-9][0-9.]*\).*/\1/p')
sed "s/@BABELTRACE2_VERSION@/$bt2/" \
	"$RSEQPROF_SRC/tests/data/report/lab-7.2-thread-churn.text.expected" >"$tmp/lab-expected.txt"
is_file "$tmp/lab-full.txt" "$tmp/lab-expected.txt" \
	"--full is the report as it was before --top (lab-7.2-thread-churn), its input stated (babeltrace2 $bt2)"
"$RSEQPROF" report "$lab" --format json >"$tmp/lab.json"
is "$(jq -c '[.input, .migration.input == .input, .cid.input == .input]' "$tmp/lab.json")" \
	"[{\"trace_format\":\"CTF 1.8 (perf 6.1.192)\",\"ctf_2_traces\":0,\"ctf_1_8_traces\":1,\"babeltrace2_version\":\"$bt2\"},true,true]" \
	"JSON: each section's input member names the format, the tracer and babeltrace2 $bt2"
"$RSEQPROF" report "$lab" --format csv --section schedstat >"$tmp/lab.csv"
is "$(grep '^input,' "$tmp/lab.csv" | tr '\n' ' ')" \
	"input,,ctf_2_traces,0, input,,ctf_1_8_traces,1, input,,babeltrace2_major,${bt2%%.*}, input,,babeltrace2_minor,$(echo "$bt2" | cut -d. -f2), input,,babeltrace2_patch,$(echo "$bt2" | cut -d. -f3), " \
	"CSV: the input rows: one CTF 1.8 trace, babeltrace2 $bt2"

# JSON and CSV: everything, whatever --top or --full.
"$RSEQPROF" report "$big" --format json --top 3 >"$tmp/top3.json"
"$RSEQPROF" report "$big" --format json --full >"$tmp/full.json"
ok "$(cmp -s "$tmp/all.json" "$tmp/top3.json" && cmp -s "$tmp/all.json" "$tmp/full.json"; echo $?)" \
	"JSON: the same with --top 3 and --full"
"$RSEQPROF" report "$big" --format csv >"$tmp/all.csv"
"$RSEQPROF" report "$big" --format csv --top 3 >"$tmp/top3.csv"
ok "$(cmp -s "$tmp/all.csv" "$tmp/top3.csv"; echo $?)" "CSV: the same with --top 3"

# Bad values: one line, exit status 2.
for bad in 0 -3 abc '' 99999999999; do
	status=0
	"$RSEQPROF" report "$big" --top "$bad" >"$tmp/bad.out" 2>"$tmp/bad.err" || status=$?
	ok "$([ "$status" -eq 2 ] && [ "$(wc -l <"$tmp/bad.err")" -eq 1 ] &&
		grep -q -- '--top' "$tmp/bad.err" && [ ! -s "$tmp/bad.out" ]; echo $?)" \
		"--top '$bad': a one-line usage error ($(cat "$tmp/bad.err"))"
done
done_testing
