# SPDX-License-Identifier: MIT
# lib.sh - what the robustness tests share: a scratch folder, small real
# perf recordings, and the check that a report on bad input fails cleanly.
# shellcheck shell=bash

# shellcheck source=bench/lib/perf-trace.sh
. "${RSEQPROF_SRC:?}/bench/lib/perf-trace.sh"

RSEQPROF=$RSEQPROF_SRC/scripts/rseqprof
export RSEQPROF_BUILD
ROBUST_TIMEOUT=${ROBUST_TIMEOUT:-120}

# robust_tmpdir: a scratch folder removed at exit, in $ROBUST_TMP.
robust_tmpdir() {
	ROBUST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/rseqprof-robust.XXXXXX")
	chmod 755 "$ROBUST_TMP"
	trap 'rm -rf "$ROBUST_TMP"' EXIT
}

# robust_signal_free FILE: no sanitizer report and no crash message in FILE.
robust_signal_free() {
	! grep -Eq 'AddressSanitizer|LeakSanitizer|runtime error:|Segmentation fault|core dumped|Aborted' "$1"
}

# robust_report_fails DESCRIPTION REGEX DIR [REPORT ARGS...]: `rseqprof
# report DIR` must fail cleanly: exit status 1..123 (not a signal, not the
# timeout's 124), exactly one line on stderr matching REGEX (extended,
# case-insensitive) that names the problem, nothing on stdout, no
# sanitizer or crash report.  One TAP line.
robust_report_fails() {
	local what=$1 regex=$2 dir=$3 out err rc why=""
	shift 3
	out=$ROBUST_TMP/report.out
	err=$ROBUST_TMP/report.err
	timeout "$ROBUST_TIMEOUT" "$RSEQPROF" report "$dir" "$@" >"$out" 2>"$err"
	rc=$?
	if [ "$rc" -eq 124 ]; then
		why="hangs (killed after ${ROBUST_TIMEOUT}s)"
	elif [ "$rc" -ge 128 ]; then
		why="killed by signal $((rc - 128))"
	elif [ "$rc" -eq 0 ]; then
		why="exit status 0"
	elif ! robust_signal_free "$err"; then
		why="crash or sanitizer report"
	elif [ "$(wc -l <"$err")" -ne 1 ]; then
		why="$(wc -l <"$err") lines on stderr, want one"
	elif ! grep -Eiq -- "$regex" "$err"; then
		why="error does not name the problem (/$regex/)"
	elif [ -s "$out" ]; then
		why="half a report on stdout"
	fi
	if [ -z "$why" ]; then
		ok 0 "$what: exit $rc, $(cat "$err")"
	else
		ok 1 "$what: $why"
		diag "exit status $rc; stderr:"
		head -c 2000 "$err" | sed 's/^/#   /'
	fi
}

# robust_small_recording DIR: a small real recording (perf bench sched
# messaging -t, one group of 40 threads: about 10 k events) in DIR.
robust_small_recording() {
	perf_trace_record -m 256 "$1" perf bench sched messaging -t -g 1 -l 20
}
