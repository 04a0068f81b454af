#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Recording across machines, on loopback: a real lttng-relayd on
# non-default 127.0.0.1 ports, `rseqprof record --relay` streaming the
# user-space session of two traced processes (rseqprof-threads under the
# preload library), and `rseqprof report --live` analysing the session as
# it arrives.  The live report must equal the offline report of the trace
# the relay daemon wrote.
#
# Isolation: as root, the test re-runs itself in a private mount namespace
# with a tmpfs on /var/run/lttng, so that its session daemon (started by
# rseqprof record) meets no other on this shared machine; otherwise a
# private LTTNG_HOME does the same.  The relay daemon is stopped by its pid.
set -uo pipefail
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"

for t in lttng lttng-sessiond lttng-relayd babeltrace2 jq script; do
	command -v "$t" >/dev/null || plan_skip_all "$t not installed"
done
THREADS=$RSEQPROF_BUILD/tests/probes/rseqprof-threads
PRELOAD=$RSEQPROF_BUILD/probes/preload/librseqprof-preload.so
TOPOLOGY=$RSEQPROF_BUILD/probes/topology/rseqprof-topology
for f in "$THREADS" "$PRELOAD" "$TOPOLOGY"; do
	[ -e "$f" ] || plan_skip_all "not built: $f"
done

if [ "$(id -u)" = 0 ] && [ "${RSEQPROF_LIVE_INNER:-}" != 1 ]; then
	command -v unshare >/dev/null || plan_skip_all "unshare not installed"
	RSEQPROF_LIVE_INNER=1 exec unshare --mount --propagation private -- "$0" "$@"
fi

RSEQPROF=$RSEQPROF_SRC/scripts/rseqprof
export RSEQPROF_BUILD
tmp=$(mktemp -d)
chmod 755 "$tmp"
export LTTNG_HOME=$tmp/home
mkdir -p "$LTTNG_HOME"
if [ "$(id -u)" = 0 ]; then
	mkdir -p /var/run/lttng
	mount -t tmpfs -o mode=0755 rseqprof-live /var/run/lttng ||
		plan_skip_all "cannot mount a private /var/run/lttng"
fi

relayd_pid=
record_pid=
# shellcheck disable=SC2317,SC2329 # called by the EXIT trap
cleanup() {
	[ -z "$record_pid" ] || kill "$record_pid" 2>/dev/null
	[ -z "$record_pid" ] || wait "$record_pid" 2>/dev/null
	if [ -n "$relayd_pid" ]; then
		kill "$relayd_pid" 2>/dev/null
		wait "$relayd_pid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# Three free-looking ports above the defaults (5342-5344).
base=$((20000 + RANDOM % 20000))
ctrl=$base data=$((base + 1)) live=$((base + 2))

plan_tests 14

lttng-relayd -C "tcp://127.0.0.1:$ctrl" -D "tcp://127.0.0.1:$data" \
	-L "tcp://127.0.0.1:$live" -o "$tmp/relay" >"$tmp/relayd.log" 2>&1 &
relayd_pid=$!
for _ in $(seq 50); do
	"$RSEQPROF" report --live "net://127.0.0.1:$live" >"$tmp/list" 2>/dev/null && break
	kill -0 "$relayd_pid" 2>/dev/null || break
	sleep 0.1
done
ok "$(kill -0 "$relayd_pid" 2>/dev/null && grep -q '^sessions on' "$tmp/list"; echo $?)" \
	"lttng-relayd listens on 127.0.0.1:$ctrl/$data/$live; report --live lists its sessions" ||
	diag "$(tail -3 "$tmp/relayd.log")"

# session_url NAME: the live URL of recording session NAME (rseqprof record
# --session NAME) once the relay lists it, within 10 s.
session_url() {
	local u
	for _ in $(seq 100); do
		u=$("$RSEQPROF" report --live "net://127.0.0.1:$live" 2>/dev/null |
			grep -o "net://127.0.0.1:$live/host/[^ ]*/$1\( \|$\)" | head -n 1)
		u=${u% }
		[ -n "$u" ] && break
		sleep 0.1
	done
	echo "$u"
}

# Two traced processes, after a pause that lets the live report attach
# (a live viewer starts at the stream's current end).
# shellcheck disable=SC2016 # $1, $2: the inner shell's arguments
"$RSEQPROF" record --no-kernel --preload --linger 0.2 -o "$tmp/rec" --session "r8-$$-1" \
	--relay "net://127.0.0.1:$ctrl:$data" -- \
	sh -c 'sleep 2; "$1" -t 3 -n 3000 >"$2/a.out" & "$1" -t 2 -n 3000 >"$2/b.out"; wait' \
	sh "$THREADS" "$tmp" 2>"$tmp/record.err" &
record_pid=$!
url=$(session_url "r8-$$-1")
ok "$([ -n "$url" ]; echo $?)" "rseqprof record --relay: the session appears on the relay ($url)" ||
	diag "$(cat "$tmp/record.err")"

"$TOPOLOGY" >"$tmp/topology"
map=$(sed -n 's/^cpu_to_node=//p' "$tmp/topology")
timeout 60 "$RSEQPROF" report --live "$url" --topology "$map" --format json \
	-o "$tmp/live.json" 2>"$tmp/live.err"
ok $? "rseqprof report --live ran to the end of the session" || diag "$(cat "$tmp/live.err")"
wait "$record_pid"
ok $? "rseqprof record --relay: the workload's exit status (0)" || diag "$(cat "$tmp/record.err")"
record_pid=
is "$(sed -n 's/^relay=//p' "$tmp/rec/rseqprof.info")" "net://127.0.0.1:$ctrl:$data" \
	"rseqprof.info keeps the relay URL"
is "$(sed -n 's/^relay_sessions=//p' "$tmp/rec/rseqprof.info" | tr , '\n' | tail -n 1)" "${url##*/}" \
	"rseqprof.info keeps the session name the live URL names"
is "$(sed -n 's/^ust=//p' "$tmp/rec/rseqprof.info")" relayed "no local user-space trace: it went to the relay"

# The offline report of what the relay daemon wrote.
ust=$(find "$tmp/relay" -type d -name ust | head -n 1)
ok "$([ -n "$ust" ]; echo $?)" "the relay daemon wrote the trace ($ust)"
mkdir -p "$tmp/offline"
cp "$tmp/rec/rseqprof.info" "$tmp/offline/"
ln -s "$ust" "$tmp/offline/ust"
"$RSEQPROF" report "$tmp/offline" --section cid --format json -o "$tmp/offline.json" 2>"$tmp/offline.err"
ok $? "offline report of the relayed trace (--section cid)" || diag "$(cat "$tmp/offline.err")"

# Same numbers: every process's reads, ids and intervals, losses.
summary() {
	jq -S '{lost: .lost_events, events: .trace.events, processes: .processes}' "$1"
}
counts=$(jq -r '"\(.trace.events) events, \(.lost_events) lost, \(.processes | length) processes"' \
	"$tmp/live.json")
is "$(summary "$tmp/live.json")" "$(summary "$tmp/offline.json")" \
	"the live report equals the offline report: $counts, their reads, ids, intervals"
# Each program printed its pid and its sched_getcpu() calls; the preload
# library recorded a read at each call (and at thread start and end).
check=
for out in "$tmp/a.out" "$tmp/b.out"; do
	pid=$(sed -n 's/^pid=\([0-9]*\) .*/\1/p' "$out")
	calls=$(sed -n 's/.* calls=\([0-9]*\) .*/\1/p' "$out")
	reads=$(jq --arg p "ust:${pid:-none}" '.processes[$p].reads // 0' "$tmp/live.json")
	check="$check ${pid:-?}:$reads>=${calls:-?}"
	[ -n "$calls" ] && [ "$reads" -ge "$calls" ] || check="$check(FAIL)"
done
ok "$([[ "$check" != *FAIL* ]]; echo $?)" \
	"both traced processes arrived live with a read per sched_getcpu() call:$check"

# Kernel-like scheduler events in the stream (what lttng-modules would
# send): the analyses' scenario generator emits them through lttng-ust, so
# the live schedstat section runs, and must give the hand-computed tables.
GEN=$RSEQPROF_BUILD/tests/analyses/scenario/rseqprof-scenario
SCN=$RSEQPROF_SRC/tests/data/schedstat/threads
if [ -x "$GEN" ]; then
	# shellcheck disable=SC2016 # $1, $2: the inner shell's arguments
	"$RSEQPROF" record --no-kernel --ust-events 'rseqprof_scenario:*' --linger 0.2 \
		-o "$tmp/rec2" --session "r8-$$-2" --relay "net://127.0.0.1:$ctrl:$data" -- \
		sh -c 'sleep 2; exec "$1" "$2"' sh "$GEN" "$SCN.scn" 2>"$tmp/record2.err" &
	record_pid=$!
	url2=$(session_url "r8-$$-2")
	# On a terminal (script(1) makes one), as people run it: the live
	# report shows its progress while it waits for the session's events.
	script -qec "timeout 60 '$RSEQPROF' report --live '$url2' --section schedstat \
		--variant v3-noopt,v3-opt --topology 0,0 --format csv -o '$tmp/live.csv'" \
		/dev/null </dev/null >"$tmp/live2.tty"
	wait "$record_pid"
	record_pid=
	# The hand-computed tables are those of the sink run by hand, which
	# states nothing of its input: the rows saying what was read and with
	# what (the stream's CTF version is not seen here) are checked apart.
	grep -v '^input,' "$tmp/live.csv" >"$tmp/live-tables.csv"
	is_file "$tmp/live-tables.csv" "$SCN.csv" \
		"report --live --section schedstat on streamed scheduler events: the hand-computed tables ($url2)"
	bt2=$(babeltrace2 --version | sed -n '1s/^[^0-9]*\([0-9]*\)\.\([0-9]*\)\.\([0-9]*\).*/\1,\2,\3/p')
	is "$(grep '^input,' "$tmp/live.csv" | cut -d, -f3,4 | tr '\n' ' ')" \
		"ctf_2_traces,0 ctf_1_8_traces,0 babeltrace2_major,${bt2%%,*} babeltrace2_minor,$(echo "$bt2" | cut -d, -f2) babeltrace2_patch,${bt2##*,} " \
		"report --live states the babeltrace2 that read the stream, and no CTF version"
	tr '\r' '\n' <"$tmp/live2.tty" | grep '^schedstat: ' >"$tmp/live2.progress"
	lines=$(grep -c . "$tmp/live2.progress")
	ok "$(grep -q ' s$' "$tmp/live2.progress" && grep -q '(done)' "$tmp/live2.progress"; echo $?)" \
		"live progress on the terminal while waiting, then the summary ($lines lines)"
else
	skip 3 "the analyses' rseqprof-scenario is not built"
fi
done_testing
