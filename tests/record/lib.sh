# SPDX-License-Identifier: MIT
# lib.sh - what the record tests share: a scratch folder removed at exit,
# the command under test, the root check, event counts of a trace.
# shellcheck shell=bash

# shellcheck source=SCRIPTDIR/../tap/tap.sh
. "$TAP_SH"
# shellcheck source=scripts/rseqprof.d/lib/perf.sh
. "$RSEQPROF_SRC/scripts/rseqprof.d/lib/perf.sh"

# shellcheck disable=SC2034 # used by the tests that source this file
RSEQPROF=$RSEQPROF_SRC/scripts/rseqprof
export RSEQPROF_BUILD
T=$(mktemp -d /tmp/rseqprof-record-test.XXXXXX)
chmod 755 "$T"
trap 'rm -rf "$T"' EXIT

# need_root: skip the whole test unless root (kernel events need it).
need_root() {
	[ "$(id -u)" -eq 0 ] || plan_skip_all "needs root to record kernel events"
	command -v perf >/dev/null || [ -e /proc/lttng ] ||
		plan_skip_all "no kernel tracer (neither perf nor lttng-modules)"
	[ -e /proc/lttng ] || [ -z "$(perf_ctf_missing)" ] ||
		plan_skip_all "no kernel tracer: $(perf_ctf_missing) and lttng-modules is not loaded (record-perf-noctf tests that refusal)"
	command -v babeltrace2 >/dev/null || plan_skip_all "babeltrace2 not installed"
}

# need_topology: skip unless the build has rseqprof-topology.
need_topology() {
	[ -x "$RSEQPROF_BUILD/probes/topology/rseqprof-topology" ] ||
		plan_skip_all "rseqprof-topology not built in $RSEQPROF_BUILD"
}

# event_counts TRACE OUT: "COUNT NAME" per event name of TRACE, into OUT;
# returns babeltrace2's status.
event_counts() {
	babeltrace2 "$1" >"$2.txt" 2>"$2.err" || return 1
	# [time] (+delta) [hostname] name: fields (LTTng traces name the host)
	sed -nE 's/^\[[^]]*\] \([^)]*\) ([^ ]+ )?([a-z_:]+): .*/\2/p' "$2.txt" |
		sort | uniq -c | awk '{ print $1, $2 }' >"$2"
}

# count_of COUNTS NAME: how many NAME events COUNTS lists (0 when none).
count_of() {
	awk -v n="$2" '$2 == n { c = $1 } END { print c + 0 }' "$1"
}

# info FILE KEY: a value from rseqprof.info.
info() {
	sed -n "s/^$2=//p" "$1"
}

# no_perf_left DIR: no perf process is recording into DIR any more.
no_perf_left() {
	! pgrep -f "perf record .*$1" >/dev/null
}
