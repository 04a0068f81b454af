# SPDX-License-Identifier: MIT
# live.sh - `rseqprof report --live URL`: analyse a session that
# `rseqprof record --relay` streams to lttng-relayd, as it arrives, with
# babeltrace2's source.ctf.lttng-live.
#
# What streams: the LTTng sessions only.  The user-space session (probes,
# --preload) always; kernel scheduler events only when they are recorded
# with lttng-modules (an LTTng kernel session); perf, the kernel fallback,
# cannot stream, so its events stay in the recording's DIR/kernel.  On a
# perf host the live report can therefore compute what the user-space
# events carry: the cid section (mm_cid / cpu_id occupancy per process);
# schedstat, migration and numa need kernel scheduler events in the stream.
#
# The relay daemon lets one viewer attach to a session at a time, so a live
# report runs one section (one babeltrace2 graph).
# shellcheck shell=bash disable=SC2034 # LIVE_DEFAULT_SECTION, TRACE_INPUTS: for report.sh

LIVE_DEFAULT_SECTION=cid

# live_session_url URL: whether URL names a session (.../host/HOST/SESSION).
live_session_url() {
	[[ "$1" =~ ^net6?://[^/]+/host/[^/]+/[^/]+$ ]]
}

# live_check URL: a usable URL naming a session; a URL naming only the relay
# daemon lists its sessions and exits.
live_check() {
	local url=$1
	[[ "$url" =~ ^net6?://[^/]+ ]] ||
		usage_error report "--live wants net://HOST[:PORT]/host/HOSTNAME/SESSION, not '$url'"
	command -v babeltrace2 >/dev/null || die "babeltrace2 not installed: run scripts/install-deps"
	if ! live_session_url "$url"; then
		local list
		list=$(babeltrace2 -i lttng-live "${url%%/}" 2>/dev/null) ||
			die "no lttng-relayd answers at $url: start one" \
			    "(lttng-relayd -L tcp://0.0.0.0:5344) or check HOST:PORT"
		echo "sessions on ${url%%/} (report one with --live URL/host/HOSTNAME/SESSION):"
		printf '%s\n' "$list"
		exit 0
	fi
}

# live_inputs URL: set TRACE_INPUTS to the lttng-live source of URL; the
# report waits for the session to appear and ends when it is destroyed.
live_inputs() {
	TRACE_INPUTS=(-i lttng-live "$1" --params='session-not-found-action="continue"')
}
