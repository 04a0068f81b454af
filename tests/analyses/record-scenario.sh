#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# record-scenario.sh SCENARIO OUTDIR: record a hand-built scenario through
# the real path (rseqprof-scenario -> lttng-ust -> a private lttng-sessiond
# -> CTF) into OUTDIR/trace, and print that trace folder.
#
# Isolation: several people run LTTng on this machine at once.  A root
# lttng-sessiond always uses /var/run/lttng (LTTNG_HOME does not move it),
# so as root everything runs in a private mount namespace (unshare -m) with
# a tmpfs on /var/run/lttng: our daemon, our client and our application see
# only each other.  As another user, a private LTTNG_HOME is enough.  The
# session name is unique and the daemon we started is stopped by its pid.
#
# Exit status: 0, 77 when LTTng cannot run here (reason on stderr), 1 on
# failure.  Env: RSEQPROF_BUILD (build tree), RSEQPROF_SCENARIO_BIN,
# RSEQPROF_SCENARIO_EVENTS (events to enable, default 'rseqprof_scenario:*').
set -euo pipefail

if [ "${1:-}" = --inner ]; then
	shift
	inner=1
else
	inner=0
fi
[ $# -eq 2 ] || { echo "usage: record-scenario.sh SCENARIO OUTDIR" >&2; exit 1; }
scenario=$(readlink -f "$1")
out=$(readlink -m "$2")
gen=${RSEQPROF_SCENARIO_BIN:-${RSEQPROF_BUILD:?}/tests/analyses/scenario/rseqprof-scenario}

for tool in lttng lttng-sessiond; do
	command -v "$tool" >/dev/null || { echo "$tool not installed" >&2; exit 77; }
done
[ -x "$gen" ] || { echo "rseqprof-scenario not built: $gen" >&2; exit 1; }

if [ "$(id -u)" = 0 ] && [ "$inner" = 0 ]; then
	command -v unshare >/dev/null || { echo "unshare not installed" >&2; exit 77; }
	exec unshare --mount --propagation private -- "$0" --inner "$@"
fi

mkdir -p "$out"
home=$(mktemp -d "${TMPDIR:-/tmp}/rseqprof-lttng.XXXXXX")
export LTTNG_HOME=$home
if [ "$(id -u)" = 0 ]; then
	mkdir -p /var/run/lttng
	mount -t tmpfs -o mode=0755 rseqprof-lttng /var/run/lttng
	rundir=/var/run/lttng
else
	rundir=$home/.lttng
fi
session=rseqprof-scenario-$$-$RANDOM
daemon_pid=

cleanup() {
	lttng destroy "$session" >/dev/null 2>&1 || true
	if [ -n "$daemon_pid" ]; then
		kill "$daemon_pid" 2>/dev/null || true
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$daemon_pid" 2>/dev/null || break
			sleep 0.2
		done
	fi
	rm -rf "$home"
}
trap cleanup EXIT

log=$home/lttng.log
if ! lttng-sessiond --daemonize --no-kernel >"$log" 2>&1; then
	echo "cannot start lttng-sessiond: $(tail -1 "$log")" >&2
	exit 77
fi
daemon_pid=$(cat "$rundir/lttng-sessiond.pid")

{
	lttng create "$session" --output="$out/trace"
	lttng enable-channel -u -s "$session" scenario --subbuf-size=1M --num-subbuf=4
	lttng enable-event -u -s "$session" -c scenario "${RSEQPROF_SCENARIO_EVENTS:-rseqprof_scenario:*}"
	lttng start "$session"
} >>"$log" 2>&1
status=0
LTTNG_UST_REGISTER_TIMEOUT=10000 "$gen" "$scenario" || status=$?
{
	lttng stop "$session"
	lttng destroy "$session"
} >>"$log" 2>&1
if [ "$status" -ne 0 ]; then
	exit "$status"
fi
find "$out/trace" -name metadata -print -quit | grep -q . || {
	echo "no trace written under $out/trace" >&2
	cat "$log" >&2
	exit 1
}
echo "$out/trace"
