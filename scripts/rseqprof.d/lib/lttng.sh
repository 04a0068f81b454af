# SPDX-License-Identifier: MIT
# lttng.sh - the LTTng session daemon and recording sessions rseqprof starts.
#
# Several users (and tests) share one machine: a root session daemon always
# lives in /var/run/lttng, a user's in $LTTNG_HOME/.lttng (LTTNG_HOME
# defaults to HOME).  rseqprof uses a running daemon as it is, starts one
# only when none answers, and stops only a daemon it started, by the pid in
# its pid file, and only when no other recording session is left on it.
# Session names carry the pid, so that two recordings never meet.
# shellcheck shell=bash

LTTNG_SESSIOND_PID=	# pid of the daemon this process started, if any
LTTNG_SESSIONS=()	# sessions this process created and has not destroyed

# lttng_ctl ARGS...: the lttng client; it never spawns a daemon by itself.
lttng_ctl() {
	lttng --no-sessiond "$@"
}

# lttng_installed: the client and the session daemon are installed.
lttng_installed() {
	command -v lttng >/dev/null && command -v lttng-sessiond >/dev/null
}

# lttng_sessiond_answers: a session daemon for this user answers.
lttng_sessiond_answers() {
	lttng_ctl list >/dev/null 2>&1
}

# lttng_rundir: where this user's session daemon keeps its sockets.
lttng_rundir() {
	if [ "$(id -u)" -eq 0 ]; then
		echo /var/run/lttng
	else
		echo "${LTTNG_HOME:-$HOME}/.lttng"
	fi
}

# lttng_kernel_tracer_installed: lttng-modules is loaded or loadable.
lttng_kernel_tracer_installed() {
	[ -e /proc/lttng ] && return 0
	command -v modprobe >/dev/null &&
		modprobe -nq lttng-tracer 2>/dev/null
}

# lttng_kernel_tracer_usable: the answering daemon controls the kernel
# tracer (root daemon with lttng-modules loaded).
lttng_kernel_tracer_usable() {
	lttng_ctl list -k >/dev/null 2>&1
}

# lttng_sessiond_ensure KERNEL LOG: make a session daemon answer; start one
# (with the kernel tracer when KERNEL is 1, else --no-kernel) when none
# does.  Returns 1 when none can be started; LOG gets the daemon's words.
lttng_sessiond_ensure() {
	local kernel=$1 log=$2 rundir args=(--daemonize) i

	lttng_sessiond_answers && return 0
	[ "$kernel" -eq 1 ] || args+=(--no-kernel)
	rundir=$(lttng_rundir)
	if ! lttng-sessiond "${args[@]}" >"$log" 2>&1; then
		# another recording may have started one at the same time
		lttng_sessiond_answers && return 0
		return 1
	fi
	LTTNG_SESSIOND_PID=$(cat "$rundir/lttng-sessiond.pid" 2>/dev/null || true)
	for i in 1 2 3 4 5 6 7 8 9 10; do
		lttng_sessiond_answers && return 0
		sleep 0.2
	done
	: "$i"
	return 1
}

# lttng_sessiond_stop: stop the daemon this process started, unless another
# user's recording session still lives on it.
lttng_sessiond_stop() {
	local pid=$LTTNG_SESSIOND_PID i

	[ -n "$pid" ] || return 0
	LTTNG_SESSIOND_PID=
	if lttng_ctl list 2>/dev/null | grep -q '^ *[0-9]*) '; then
		warn "lttng-sessiond (pid $pid) left running: other recording sessions use it"
		return 0
	fi
	kill "$pid" 2>/dev/null || return 0
	for i in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.1
	done
	: "$i"
	kill -KILL "$pid" 2>/dev/null || true
}

# lttng_session_create NAME LOG ARGS...: create session NAME (ARGS: where
# it writes, e.g. --output=DIR or --set-url=URL).
lttng_session_create() {
	local name=$1 log=$2
	shift 2
	lttng_ctl create "$name" "$@" >>"$log" 2>&1 || return 1
	LTTNG_SESSIONS+=("$name")
}

# lttng_session_discarded NAME: events and packets the session's channels
# lost, as one number (0 when the daemon reports nothing).
lttng_session_discarded() {
	lttng_ctl list "$1" 2>/dev/null |
		awk '/(Discarded events|Lost packets):/ { n += $NF } END { print n + 0 }'
}

# lttng_session_destroy NAME LOG: stop (flushing what was recorded) and
# destroy session NAME.
lttng_session_destroy() {
	local name=$1 log=$2 s kept=()

	lttng_ctl stop "$name" >>"$log" 2>&1 || true
	lttng_ctl destroy "$name" >>"$log" 2>&1 || true
	for s in "${LTTNG_SESSIONS[@]}"; do
		[ "$s" = "$name" ] || kept+=("$s")
	done
	LTTNG_SESSIONS=("${kept[@]}")
}

# lttng_cleanup LOG: destroy what is left and stop the daemon we started.
lttng_cleanup() {
	local log=$1 s

	for s in "${LTTNG_SESSIONS[@]}"; do
		lttng_session_destroy "$s" "$log"
	done
	lttng_sessiond_stop
}
