# SPDX-License-Identifier: MIT
# lttng-private.sh - a private LTTng session daemon for one test, sourced by
# the probes tests.  Other helpers on the machine use lttng at the same time:
# a root session daemon always lives in /var/run/lttng, whatever LTTNG_HOME
# says, so the private one runs as user nobody with its own LTTNG_HOME (the
# per-user daemon), and so does the traced program.  Only the daemon this
# file started is killed, by its pid file.
# shellcheck shell=bash disable=SC2034 # LTTNG_PRIVATE_WHY is read by the tests

LTTNG_PRIVATE_HOME=
LTTNG_PRIVATE_USER=(setpriv --reuid=65534 --regid=65534 --clear-groups)

# lttng_private_as_user CMD...: run CMD as the private daemon's user.
lttng_private_as_user() {
	"${LTTNG_PRIVATE_USER[@]}" env LTTNG_HOME="$LTTNG_PRIVATE_HOME" "$@"
}

LTTNG_PRIVATE_WHY=

# lttng_private_reach PATH: prints a path of PATH's file that the daemon's
# user can read (and run): PATH itself, or, when the checkout or build
# folder is closed to that user (a clone under a 0700 folder), a copy under
# the private LTTNG_HOME.  Call it after lttng_private_start.
lttng_private_reach() {
	local copy
	if lttng_private_as_user test -r "$1"; then
		echo "$1"
		return
	fi
	copy=$LTTNG_PRIVATE_HOME/reach/$(basename "$1")
	mkdir -p "$LTTNG_PRIVATE_HOME/reach" && cp "$1" "$copy" &&
		chmod -R a+rX "$LTTNG_PRIVATE_HOME/reach" && echo "$copy"
}

# lttng_private_start: start the daemon (not in a subshell: it sets the
# variables above and an EXIT trap); returns 1 with the reason in
# LTTNG_PRIVATE_WHY when this machine cannot run it.
lttng_private_start() {
	command -v lttng-sessiond >/dev/null || { LTTNG_PRIVATE_WHY="lttng-sessiond not installed"; return 1; }
	command -v setpriv >/dev/null || { LTTNG_PRIVATE_WHY="setpriv not installed"; return 1; }
	[ "$(id -u)" = 0 ] || { LTTNG_PRIVATE_WHY="needs root to run the daemon as user nobody"; return 1; }
	LTTNG_PRIVATE_HOME=$(mktemp -d /tmp/rseqprof-probes-lttng.XXXXXX)
	chmod 755 "$LTTNG_PRIVATE_HOME"
	chown 65534:65534 "$LTTNG_PRIVATE_HOME"
	trap lttng_private_stop EXIT
	lttng_private_as_user lttng-sessiond --daemonize --no-kernel >/dev/null 2>&1 ||
		{ LTTNG_PRIVATE_WHY="lttng-sessiond does not start"; return 1; }
}

# lttng_private_trace OUTDIR CMD...: record CMD's rseqprof_ust events into
# OUTDIR (a folder the daemon's user can write).
lttng_private_trace() {
	local out=$1 session
	shift
	session=rseqprof-probes-$$-$RANDOM
	lttng_private_as_user lttng create "$session" --output="$out" >/dev/null &&
	lttng_private_as_user lttng enable-channel -u -s "$session" ch \
		--subbuf-size=4M --num-subbuf=4 >/dev/null &&
	lttng_private_as_user lttng enable-event -u -s "$session" -c ch 'rseqprof_ust:*' >/dev/null &&
	lttng_private_as_user lttng start "$session" >/dev/null || return 1
	# wait for the registration with the daemon however long it takes, so
	# that events fired from constructors are not missed on a busy machine
	lttng_private_as_user env LTTNG_UST_REGISTER_TIMEOUT=-1 "$@"
	local status=$?
	lttng_private_as_user lttng stop "$session" >/dev/null
	lttng_private_as_user lttng destroy "$session" >/dev/null
	return $status
}

lttng_private_stop() {
	local pidfile=$LTTNG_PRIVATE_HOME/.lttng/lttng-sessiond.pid pid
	[ -n "$LTTNG_PRIVATE_HOME" ] || return 0
	if [ -f "$pidfile" ]; then
		pid=$(cat "$pidfile")
		kill "$pid" 2>/dev/null
		for _ in 1 2 3 4 5 6 7 8 9 10; do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.2
		done
	fi
	rm -rf "$LTTNG_PRIVATE_HOME"
	LTTNG_PRIVATE_HOME=
}
