#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# args-privileges.sh: what the record tests (tests/record) do not cover.
# `rseqprof report` and `compare` take paths and filter values with spaces,
# quotes, $(...), backquotes, ';' and '"' literally (nothing runs, same
# numbers as with a plain path), and work without root on a readable
# recording; an unreadable one is a one-line error.  Values at the edges
# (huge cache sizes, pid 0 and -1, a range ending before it begins or of
# one instant) are a one-line error naming the problem or a right report,
# never a crash, a hang or a silent empty table.
set -u
# shellcheck source=tests/tap/tap.sh
. "${TAP_SH:?}"
# shellcheck source=tests/robustness/lib.sh
. "${RSEQPROF_SRC:?}/tests/robustness/lib.sh"

why=$(perf_trace_usable) || plan_skip_all "$why"
command -v setpriv >/dev/null || plan_skip_all "setpriv not installed"
robust_tmpdir
T=$ROBUST_TMP
plan_tests 25

robust_small_recording "$T/good" >/dev/null
ok $? "small real recording"
# The canary: any of these names, run as a command in $T (the commands
# below run there), creates $T/PWNED.
nasty="we ird \$(touch PWNED) ; \"q\" 'x' \`touch PWNED\` \\ end"
cp -r "$T/good" "$T/$nasty"

report() {
	(cd "$T" && timeout "$ROBUST_TIMEOUT" "$RSEQPROF" report "$@")
}

report "$T/good" --format json -o "$T/plain.json" 2>"$T/err"
ok $? "report of the plain path" || sed 's/^/#   /' "$T/err"
report "$T/$nasty" --format json -o "$T/$nasty.json" 2>"$T/err"
ok $? "report of a recording whose path holds spaces, quotes, \$(...), backquotes, ;" ||
	sed 's/^/#   /' "$T/err"
cmp -s <(grep -v '"path"' "$T/plain.json") <(grep -v '"path"' "$T/$nasty.json")
ok $? "same JSON report, written to a path with the same characters (-o)"

# shellcheck disable=SC2016 # literal $HOME on purpose
for value in "$nasty" 'a"b' 'a\"b' 'x,y' 'k=v' '$HOME' '{ "a": 1 }'; do
	report "$T/good" --procname "$value" -o "$T/procname.txt" 2>"$T/err"
	rc=$?
	# No task has such a name: the one-line "no event" error, naming it as given.
	[ "$rc" -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ] &&
		grep -qF -- "no event about procname $value: nothing to report" "$T/err"
	rc=$?
	echo "$rc" >>"$T/procname.rc"
	[ "$rc" -eq 0 ] || sed "s/^/# --procname '$value': /" "$T/err"
done
[ "$(sort -u "$T/procname.rc")" = 0 ]
ok $? "--procname with quotes, \$, commas, '=' and braces: a filter taken literally, never a parameter parse error"

cp "$T/plain.json" "$T/a \$(touch PWNED).json"
(cd "$T" && timeout "$ROBUST_TIMEOUT" "$RSEQPROF" compare "$T/a \$(touch PWNED).json" \
	"$T/$nasty.json") >"$T/compare.txt" 2>"$T/err"
ok $? "compare of two JSON reports at such paths" || sed 's/^/#   /' "$T/err"
grep -q 'v3-opt' "$T/compare.txt"
ok $? "compare prints the variants"
[ ! -e "$T/PWNED" ]
ok $? "nothing in the arguments ran"

# --- values at the edges
robust_report_fails "--cache-size 4294967296 (over 32 bits)" \
	"--cache-size 4294967296 is out of range \\(at most 4294967295\\)" "$T/good" --cache-size 4294967296
robust_report_fails "--pid of 20 digits" "--pid 99999999999999999999 is out of range" \
	"$T/good" --pid 99999999999999999999
robust_report_fails "--cache-size 99999999" "cache-size=99999999 out of range 1\.\.64" \
	"$T/good" --cache-size 99999999
robust_report_fails "--pid 0" "pid 0 is the idle task" "$T/good" --pid 0
robust_report_fails "--tid 0" "tid 0 is the idle task" "$T/good" --tid 0
robust_report_fails "--pid -1" "--pid wants a number, not '-1'" "$T/good" --pid -1
robust_report_fails "--pid of no traced process" "no event about pid 4294967295" \
	"$T/good" --pid 4294967295
robust_report_fails "--begin later than --end (ns)" \
	"begin \(20 ns\) is after end \(10 ns\): the time range is empty" \
	"$T/good" --begin 20 --end 10
robust_report_fails "--begin later than --end (times of day)" \
	"begin \(01:00:10\) is after end \(01:00:05\)" \
	"$T/good" --begin 01:00:10 --end 01:00:05
robust_report_fails "--end beyond a signed 64-bit count of ns" \
	"--end 9223372036854775808 is out of range" \
	"$T/good" --end 9223372036854775808
robust_report_fails "--fork-at of no fork event" \
	"--fork-at wants perf_fork or sched_process_fork, not 'exit'" "$T/good" --fork-at exit
robust_report_fails "--begin equal to --end, no event at that instant" \
	"no event in the time range 5 to 5 ns" "$T/good" --begin 5 --end 5
# The same instant as a switch-in of the workload: that switch is counted.
at=$(babeltrace2 --clock-seconds "$T/good/kernel" 2>/dev/null |
	sed -n '/sched_switch.*next_comm = "sched-messaging"/s/^\[\([0-9.]*\)\].*/\1/p' | sed -n 20p)
switches=$(babeltrace2 --clock-seconds "$T/good/kernel" 2>/dev/null | grep -cF "[$at] ")
report "$T/good" --section schedstat --format json --begin "$at" --end "$at" \
	-o "$T/instant.json" 2>"$T/err" &&
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
total = d["variants"]["v3-opt"]["total"]
sys.exit(not 1 <= total <= int(sys.argv[2]))' "$T/instant.json" "$switches"
ok $? "--begin equal to --end at a switch-in ($at): a report counting that instant's switches" ||
	sed 's/^/#   /' "$T/err"

# --- without root
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)
# robust_nobody CMD...: CMD as user nobody (RSEQPROF_WRAP of robust_report_fails).
# shellcheck disable=SC2317,SC2329 # called through $RSEQPROF_WRAP
robust_nobody() {
	"${NOBODY[@]}" env RSEQPROF_BUILD="$RSEQPROF_BUILD" "$@"
}
if "${NOBODY[@]}" test -x "$RSEQPROF" -a -r "$RSEQPROF_BUILD/analyses/babeltrace-plugin-rseqprof.so"; then
	chmod -R a+rX "$T/good"
	(cd / && "${NOBODY[@]}" env RSEQPROF_BUILD="$RSEQPROF_BUILD" \
		timeout "$ROBUST_TIMEOUT" "$RSEQPROF" report "$T/good" --format json) \
		>"$T/nobody.json" 2>"$T/err"
	ok $? "report as user nobody on a readable recording" || sed 's/^/#   /' "$T/err"
	cmp -s <(grep -v '"path"' "$T/plain.json") <(grep -v '"path"' "$T/nobody.json")
	ok $? "same report as root's"
	cp -r "$T/good" "$T/private"
	chmod 700 "$T/private"
	chmod 600 "$T/private/rseqprof.info"
	RSEQPROF_WRAP=robust_nobody robust_report_fails "report as nobody on a recording it cannot read" \
		"permission|cannot read|not readable" "$T/private"
	chmod 755 "$T/private"
	RSEQPROF_WRAP=robust_nobody robust_report_fails "report as nobody, rseqprof.info unreadable" \
		"permission|cannot read|not readable" "$T/private"
else
	skip 4 "user nobody cannot read the source or build tree"
fi
done_testing
