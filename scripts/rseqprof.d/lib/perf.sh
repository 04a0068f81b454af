# SPDX-License-Identifier: MIT
# perf.sh - kernel events with Debian's perf when there is no LTTng kernel
# tracer: `perf record -a` system-wide, started disabled and enabled through
# its control FIFO so that the workload starts only once perf records, then
# `perf data convert --all --to-ctf` (--all adds perf_fork/perf_comm/
# perf_exit, with a statedump of the threads alive at start).
# shellcheck shell=bash

PERF_PID=	# the perf record this process started, while it runs

# perf_usable: perf is installed and runs for this kernel (Debian's perf
# wrapper refuses kernels it has no binary for).
perf_usable() {
	command -v perf >/dev/null && perf version >/dev/null 2>&1
}

# perf_ctf_missing: the reason when this perf cannot write CTF (built
# without babeltrace: Debian's linux-perf 7.2 says "The babeltrace2 ctf
# support is not compiled in"), nothing when it can.  Asks perf to convert
# a file that does not exist: a perf with CTF support fails on the file.
perf_ctf_missing() {
	local out
	out=$(perf data convert --to-ctf /nonexistent.rseqprof.ctf \
		-i /nonexistent.rseqprof.perf.data 2>&1 </dev/null)
	case "$out" in
	*'not compiled in'*|*'No conversion support'*)
		echo "$(perf version 2>/dev/null | head -n 1) cannot convert to CTF (built without babeltrace support)" ;;
	esac
}

# perf_start TMP PAGES EVENTS...: start recording EVENTS (SYSTEM:EVENT)
# into TMP/perf.data with PAGES ring buffer pages per CPU; returns once perf
# records, 1 when it does not start (its words are in TMP/perf.log).
perf_start() {
	local tmp=$1 pages=$2 e args=() ctl_fd ack_fd reply=''
	shift 2
	for e in "$@"; do
		args+=(-e "$e")
	done
	mkfifo "$tmp/perf.ctl" "$tmp/perf.ack" || return 1
	# Own session: a Ctrl-C on the terminal reaches the workload, and
	# rseqprof stops perf itself once the trace is complete.
	setsid perf record -a -k CLOCK_MONOTONIC -m "$pages" -D -1 \
		--control "fifo:$tmp/perf.ctl,$tmp/perf.ack" \
		-o "$tmp/perf.data" "${args[@]}" </dev/null >"$tmp/perf.log" 2>&1 &
	PERF_PID=$!
	exec {ctl_fd}<>"$tmp/perf.ctl" {ack_fd}<>"$tmp/perf.ack"
	echo enable >&"$ctl_fd"
	while kill -0 "$PERF_PID" 2>/dev/null; do
		read -r -t 1 reply <&"$ack_fd" && break
	done
	exec {ctl_fd}>&- {ack_fd}<&-
	[ "$reply" = ack ] && return 0
	perf_stop
	return 1
}

# perf_stop: stop the perf this process started; it writes its data.
perf_stop() {
	[ -n "$PERF_PID" ] || return 0
	kill -INT "$PERF_PID" 2>/dev/null || true
	wait "$PERF_PID" 2>/dev/null || true
	PERF_PID=
}

# perf_lost_samples DATA: samples perf lost (ring buffer overruns), summed
# over the recorded events.
perf_lost_samples() {
	perf report -i "$1" --stats 2>/dev/null |
		awk '/^Aggregated stats:/ { per_event = 0; next }
		     / stats:$/ { per_event = 1; next }
		     per_event && /LOST_SAMPLES events:/ { n += $3 }
		     END { print n + 0 }'
}

# perf_convert DATA OUTDIR LOG: CTF of DATA, side-band events included.
perf_convert() {
	perf data convert --all --to-ctf "$2" -i "$1" >>"$3" 2>&1
}
