#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# record-relay.sh - rseqprof record --relay streams the LTTng user-space
# session to a real lttng-relayd on loopback; the relay daemon's copy holds
# the same events as a local recording of the same program.  The program
# is the analyses' scenario generator (real lttng-ust events).  Everything
# LTTng runs as user nobody with a private LTTNG_HOME, so the machine's
# other session daemons are never touched.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
need_topology
[ "$(id -u)" -eq 0 ] || plan_skip_all "needs root to run LTTng as user nobody"
for tool in setpriv lttng-sessiond lttng-relayd babeltrace2; do
	command -v "$tool" >/dev/null || plan_skip_all "$tool not installed"
done
gen=$RSEQPROF_BUILD/tests/analyses/scenario/rseqprof-scenario
scn=$RSEQPROF_SRC/tests/data/schedstat/evict.scn
if [ ! -x "$gen" ] || [ ! -f "$scn" ]; then
	plan_skip_all "the analyses' rseqprof-scenario is not built"
fi
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)
"${NOBODY[@]}" test -x "$RSEQPROF" -a -x "$gen" ||
	plan_skip_all "user nobody cannot read the source or build tree"

plan_tests 13

home=$T/home
mkdir "$home" "$T/home2" "$T/out" "$T/relay"
chown 65534:65534 "$home" "$T/home2" "$T/out" "$T/relay"
as_nobody() {
	HOME=$home LTTNG_HOME=$home as_nobody_home "$@"
}
# as_nobody_home CMD...: CMD as nobody with the caller's HOME and LTTNG_HOME.
as_nobody_home() {
	"${NOBODY[@]}" env HOME="$HOME" LTTNG_HOME="$LTTNG_HOME" \
		LTTNG_UST_REGISTER_TIMEOUT=10000 "$@"
}

# A relay daemon on three free loopback ports (setpriv and env exec it, so
# $! is its pid: no shell function, which would run in a subshell).
relayd=
for base in $((20000 + $$ % 10000 * 3)) $((41000 + RANDOM % 8000 * 3)); do
	"${NOBODY[@]}" lttng-relayd -C "tcp://127.0.0.1:$base" -D "tcp://127.0.0.1:$((base + 1))" \
		-L "tcp://127.0.0.1:$((base + 2))" -o "$T/relay" >"$T/relayd.log" 2>&1 &
	relayd=$!
	sleep 0.5
	kill -0 "$relayd" 2>/dev/null && break
	relayd=
done
[ -n "$relayd" ] || { diag "$(cat "$T/relayd.log")"; plan_skip_all "lttng-relayd does not start"; }
# stop_relayd: stop the relay daemon(s) this test started: the one it
# knows, and any other writing into this test's folder.
stop_relayd() {
	local p
	kill "$relayd" 2>/dev/null && wait "$relayd" 2>/dev/null
	for p in $(pgrep -u 65534 -x lttng-relayd); do
		tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "-o $T/relay" &&
			kill "$p" 2>/dev/null
	done
	return 0
}
trap 'stop_relayd; rm -rf "$T"' EXIT

# Two recordings stream to the one relay daemon at the same time, each with
# its own session daemon, as two machines would (one daemon's user-space
# sessions would record both programs).
HOME=$T/home2 LTTNG_HOME=$T/home2 as_nobody_home "$RSEQPROF" record -o "$T/out/second" --relay "net://127.0.0.1:$base:$((base + 1))" \
	--session "relay-second-$$" --ust-events 'rseqprof_scenario:*' -- "$gen" "$scn" \
	>/dev/null 2>"$T/err2" &
second=$!
as_nobody "$RSEQPROF" record -o "$T/out/relayed" --relay "net://127.0.0.1:$base:$((base + 1))" \
	--session "relay-test-$$" --ust-events 'rseqprof_scenario:*' -- "$gen" "$scn" >/dev/null 2>"$T/err"
is "$?" 0 "record --relay succeeds"
wait "$second"
is "$?" 0 "a second recording streaming to the same relay at the same time succeeds"
i=$T/out/relayed/rseqprof.info
is "$(info "$i" ust)" relayed "ust=relayed"
is "$(info "$i" relay)" "net://127.0.0.1:$base:$((base + 1))" "relay= is the URL"
sessions=$(info "$i" relay_sessions)
is "$sessions" "relay-test-$$" "relay_sessions= is the --session name"
grep -q "^rseqprof: streaming to net://127.0.0.1:$base:$((base + 1)); lttng-live: net://127.0.0.1/host/$(hostname)/relay-test-$$\$" "$T/err"
ok $? "the lttng-live URL is announced when recording starts"
ok "$([ ! -e "$T/out/relayed/ust" ]; echo $?)" "nothing user-space written locally"

# lttng-relayd writes HOSTNAME/SESSION-DATE/ust/...
stop_relayd
relayed=$(find "$T/relay/$(hostname)" -maxdepth 1 -name "$sessions-*" -print -quit)
ok "$([ -n "$relayed" ]; echo $?)" "the relay daemon holds session $sessions"
event_counts "$relayed" "$T/relayed.counts"
ok $? "babeltrace2 reads the relayed trace"

as_nobody "$RSEQPROF" record -o "$T/out/local" --ust-events 'rseqprof_scenario:*' \
	-- "$gen" "$scn" >/dev/null 2>"$T/err"
is "$?" 0 "the same program recorded locally"
event_counts "$T/out/local/ust" "$T/local.counts"
ok "$([ -s "$T/local.counts" ]; echo $?)" "the local trace has events ($(awk '{ n += $1 } END { print n + 0 }' "$T/local.counts"))"
is_file "$T/relayed.counts" "$T/local.counts" "relayed and local traces have the same events"
second=$(find "$T/relay/$(hostname)" -maxdepth 1 -name "relay-second-$$-*" -print -quit)
event_counts "$second" "$T/second.counts"
is_file "$T/second.counts" "$T/local.counts" "so does the second relayed session"
done_testing
