#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# record-nonroot.sh - as user nobody (with its own LTTNG_HOME) rseqprof
# record skips the kernel events, says so, records user space only, and
# leaves no session daemon behind; --kernel makes that an error.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
need_topology
[ "$(id -u)" -eq 0 ] || plan_skip_all "needs root to run the test as user nobody"
command -v setpriv >/dev/null || plan_skip_all "setpriv not installed"
command -v lttng-sessiond >/dev/null || plan_skip_all "lttng-tools not installed"
command -v perf >/dev/null || plan_skip_all "perf not installed (linux-perf): the workload is perf bench"
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)
"${NOBODY[@]}" test -x "$RSEQPROF" -a -r "$RSEQPROF_BUILD/probes/topology/rseqprof-topology" ||
	plan_skip_all "user nobody cannot read the source or build tree"

plan_tests 20

home=$T/home
mkdir "$home" "$T/out"
chown 65534:65534 "$home" "$T/out"
as_nobody() {
	"${NOBODY[@]}" env HOME="$home" LTTNG_HOME="$home" "$@"
}

# sessiond_left: a session daemon of this test's LTTNG_HOME still runs.
sessiond_left() {
	local p
	for p in $(pgrep -u 65534 -x lttng-sessiond); do
		tr '\0' '\n' 2>/dev/null <"/proc/$p/environ" |
			grep -qx "LTTNG_HOME=$home" && return 0
	done
	return 1
}

d=$T/out/rec
as_nobody "$RSEQPROF" record -o "$d" -- perf bench sched messaging -t -g 1 -l 5 \
	>/dev/null 2>"$T/err"
is "$?" 0 "non-root record succeeds with the workload's status"
grep -q '^rseqprof: warning: not root: kernel events (sched_switch .*rseq_update) skipped, recording user space only; run as root' "$T/err"
ok $? "one warning names the skipped kernel events and what to do"
ok "$([ ! -e "$d/kernel" ]; echo $?)" "no kernel/ folder"
is "$(info "$d/rseqprof.info" tracer)" none "tracer=none"
is "$(info "$d/rseqprof.info" skipped)" "kernel events (not root)" "skipped= says what was skipped"
is "$(info "$d/rseqprof.info" ust)" empty "ust=empty: the user-space session ran, no application used lttng-ust"
is "$(info "$d/rseqprof.info" exit_status)" 0 "exit_status=0"
! sessiond_left
ok $? "the session daemon rseqprof started is gone"

as_nobody "$RSEQPROF" record -o "$T/out/k" --kernel -- true 2>"$T/err"
is "$?" 1 "--kernel as non-root fails"
ok "$([ "$(wc -l <"$T/err")" -eq 1 ] && grep -q 'kernel events need root: run rseqprof record as root' "$T/err"; echo $?)" "one line says why and what to do"
ok "$([ ! -e "$T/out/k" ]; echo $?)" "nothing is created"

"${NOBODY[@]}" env HOME=/nonexistent LTTNG_HOME=/nonexistent \
	"$RSEQPROF" record -o "$T/out/sd" -- true 2>"$T/err"
is "$?" 1 "a session daemon that cannot start is an error"
ok "$(grep -q '^rseqprof: error: lttng-sessiond does not start (.*): LTTNG_HOME (or HOME) must be writable' "$T/err" &&
      [ "$(grep -c error "$T/err")" -eq 1 ]; echo $?)" "one line says why and what to do"

# SIGTERM while user space is recorded: the session and the daemon go.
(
	trap - INT
	# shellcheck disable=SC2016 # $$ and $1 are the workload's
	exec "${NOBODY[@]}" env HOME="$home" LTTNG_HOME="$home" "$RSEQPROF" record \
		-o "$T/out/term" -- sh -c 'echo $$ >"$1"; exec sleep 60' sh "$T/out/term.pid"
) >/dev/null 2>"$T/err" &
pid=$!
for _ in $(seq 300); do
	[ -s "$T/out/term.pid" ] && break
	sleep 0.1
done
kill -TERM "$pid"
st=0
wait "$pid" || st=$?
is "$st" 143 "SIGTERM during a user-space recording: status 143"
! sessiond_left
ok $? "no session daemon left after the signal"

# With the probes' preload library, user space really records events.
lib=$RSEQPROF_BUILD/probes/preload/librseqprof-preload.so
if [ -f "$lib" ] && "${NOBODY[@]}" test -r "$lib"; then
	d=$T/out/pre
	as_nobody "$RSEQPROF" record -o "$d" --preload -- \
		perf bench sched messaging -t -g 1 -l 5 >/dev/null 2>"$T/err"
	is "$?" 0 "non-root --preload record succeeds"
	is "$(info "$d/rseqprof.info" ust)" recorded "ust=recorded"
	event_counts "$d/ust" "$T/counts"
	ok $? "babeltrace2 reads DIR/ust"
	n=$(count_of "$T/counts" rseqprof_ust:thread_begin)
	ok "$([ "$n" -ge 41 ]; echo $?)" "a thread_begin for each of the 40 threads and main ($n)"
	grep -m1 'rseqprof_ust:' "$T/counts.txt" | grep -q 'vpid = .*vtid = '
	ok $? "with vpid and vtid contexts"
else
	skip 5 "the probes' librseqprof-preload.so is not built"
fi
done_testing
