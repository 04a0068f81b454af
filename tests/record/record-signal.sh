#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# record-signal.sh - SIGINT (Ctrl-C) and SIGTERM stop the workload and the
# recording; what was recorded is converted and kept, the exit status is
# the workload's (128+N), and no perf is left behind.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
need_root
need_topology

plan_tests 16

# interrupt SIG NAME: record a workload that would sleep a minute, send SIG
# to rseqprof once the workload runs; prints rseqprof's exit status.
interrupt() {
	local sig=$1 d=$T/$2 pid i status=0
	# A non-interactive shell starts background jobs with SIGINT
	# ignored: give rseqprof the default disposition, as a terminal would.
	(
		trap - INT
		# shellcheck disable=SC2016 # $$ and $1 are the workload's
		exec "$RSEQPROF" record -o "$d" -- \
			sh -c 'echo $$ >"$1"; exec sleep 60' sh "$T/$2.pid"
	) >/dev/null 2>"$T/$2.err" &
	pid=$!
	for i in $(seq 300); do
		[ -s "$T/$2.pid" ] && break
		sleep 0.1
	done
	: "$i"
	kill -s "$sig" "$pid"
	wait "$pid" || status=$?
	echo "$status"
}

for case in "INT 130 sigint" "TERM 143 sigterm"; do
	read -r -a c <<<"$case"
	set -- "${c[@]}"
	is "$(interrupt "$1" "$3")" "$2" "SIG$1 ends rseqprof with the workload's status $2"
	d=$T/$3
	i=$d/rseqprof.info
	is "$(info "$i" interrupted)" "SIG$1" "interrupted=SIG$1 in rseqprof.info"
	is "$(info "$i" exit_status)" "$2" "exit_status=$2"
	event_counts "$d/kernel" "$T/$3.counts"
	ok $? "babeltrace2 reads what was recorded"
	n=$(count_of "$T/$3.counts" sched:sched_switch)
	ok "$([ "$n" -gt 0 ]; echo $?)" "sched_switch events kept ($n)"
	ok "$(! kill -0 "$(cat "$T/$3.pid")" 2>/dev/null; echo $?)" "the workload was stopped"
	ok "$(no_perf_left "$d"; echo $?)" "no perf left behind"
	grep -q "interrupted by SIG$1: kept what was recorded" "$T/$3.err"
	ok $? "stderr says the recording was interrupted and kept"
done
done_testing
