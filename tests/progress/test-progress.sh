#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Progress of the analyses (analyses/common/rp_progress): shown on a
# terminal (a pseudo-terminal made by script(1)), silent in a pipe or a
# file, forced on or off by the "progress" parameter, and `rseqprof report`
# shows it on the terminal without mixing it into the report.  The event
# count shown is the trace's, as the JSON report counts it.
set -uo pipefail
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"
# shellcheck source=tests/html/sample.sh
. "$RSEQPROF_SRC/tests/html/sample.sh"

RSEQPROF=$RSEQPROF_SRC/scripts/rseqprof
PLUGIN_DIR=$RSEQPROF_BUILD/analyses
export RSEQPROF_BUILD

for t in babeltrace2 script jq; do
	command -v "$t" >/dev/null || plan_skip_all "$t not installed"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# sink PARAMS: the schedstat sink on the sample trace, report to a file.
sink() {
	babeltrace2 --plugin-path="$PLUGIN_DIR" "$SAMPLE_TRACE" -c sink.rseqprof.schedstat \
		-p "output=\"$tmp/out\",$1"
}

# on_tty COMMAND: run COMMAND (a shell string) with a pseudo-terminal as
# stdin, stdout and stderr; what the terminal showed goes to stdout.
# script(1) runs COMMAND with $SHELL: bash, for the exported function.
on_tty() {
	SHELL=$BASH script -qec "$1" /dev/null </dev/null
}

plan_tests 9

sink 'format="json"' 2>/dev/null
events=$(jq '.trace.events' "$tmp/out")
ok "$([ "${events:-0}" -gt 0 ]; echo $?)" "the JSON report counts $events events"

sink 'format="text"' 2>"$tmp/pipe.err" | cat
is "$(cat "$tmp/pipe.err")" "" "stderr not a terminal: no progress"

export -f sink
export PLUGIN_DIR SAMPLE_TRACE tmp
on_tty "sink 'format=\"text\"'" >"$tmp/tty.out"
ok "$(grep -q "schedstat: $events events, [0-9.]* M events/s, [0-9.]* s (done)" "$tmp/tty.out"; echo $?)" \
	"stderr a terminal: events, rate and time shown ($(tr -d '\r' <"$tmp/tty.out" | head -1))"

on_tty "sink 'progress=\"no\"'" >"$tmp/tty-no.out"
# babeltrace2 itself writes colour resets on a terminal.
is "$(sed 's/\x1b\[[0-9;]*m//g' "$tmp/tty-no.out" | tr -d '\r\n')" "" \
	"progress=\"no\" on a terminal: silent"

sink 'progress="yes"' 2>"$tmp/yes.err"
ok "$(grep -q "schedstat: $events events.*(done)" "$tmp/yes.err"; echo $?)" \
	"progress=\"yes\" in a pipe: shown"

status=0
sink 'progress="maybe"' 2>"$tmp/bad.err" || status=$?
ok "$([ $status -ne 0 ] && grep -q "progress must be auto, yes or no, not 'maybe'" "$tmp/bad.err"; echo $?)" \
	"a bad progress value is an error naming it"

# rseqprof report: progress on the terminal, the report unchanged.
sample_recording "$tmp/rec"
"$RSEQPROF" report "$tmp/rec" -o "$tmp/plain.txt" 2>"$tmp/report.err"
is "$(cat "$tmp/report.err")" "" "rseqprof report, stderr a file: no progress"
on_tty "'$RSEQPROF' report '$tmp/rec' -o '$tmp/tty.txt'" >"$tmp/report-tty.out"
ok "$(grep -q "schedstat: $events events.*(done)" "$tmp/report-tty.out"; echo $?)" \
	"rseqprof report on a terminal: progress shown"
is "$(cat "$tmp/tty.txt")" "$(cat "$tmp/plain.txt")" \
	"the report is the same with and without progress"
done_testing
