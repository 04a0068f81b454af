#!/bin/sh
# SPDX-License-Identifier: MIT
# record.sh - guest side of a perf recording, in the initramfs as
# /guest/record.sh (see perf.sh): source it from the guest script.
#
# guest_perf_record DIR CMD [ARG]...
#   Records the scheduler and rseq tracepoints this kernel has, system-wide,
#   while CMD runs; writes DIR/perf.data and DIR/rseqprof.info (format,
#   tracer, cmdline, kernel_release, kernel_events (the events recorded),
#   the guest's topology from
#   rseqprof-topology when copied in, else from sysfs, exit_status).
#   discarded_events is added on the host (guest_perf_recording).  Tracing
#   goes on 1 s after CMD ends, for the RCU-delayed sched_process_free.
#   Returns perf's exit status (CMD's is in exit_status).
#   GUEST_PERF_OPTS: extra options for `perf record` (e.g. --no-bpf-event),
#   split on blanks.

GUEST_PERF_EVENTS="sched:sched_switch sched:sched_migrate_task
sched:sched_process_fork sched:sched_process_exec sched:sched_process_exit
sched:sched_process_free sched:sched_move_numa sched:sched_stick_numa
sched:sched_swap_numa rseq:rseq_update task:task_newtask"
GUEST_PERF_OPTS=${GUEST_PERF_OPTS:-}

# _guest_topology: nr_cpus=, nr_nodes=, cpu_to_node= from sysfs.
_guest_topology() {
	n=0
	map=
	while [ -d "/sys/devices/system/cpu/cpu$n" ]; do
		node=0
		for link in "/sys/devices/system/cpu/cpu$n"/node*; do
			[ -e "$link" ] && node=${link##*/node}
		done
		map=${map:+$map,}$node
		n=$((n + 1))
	done
	echo "nr_cpus=$n"
	nodes=0
	for link in /sys/devices/system/node/node[0-9]*; do
		[ -d "$link" ] && nodes=$((nodes + 1))
	done
	echo "nr_nodes=$nodes"
	echo "cpu_to_node=$map"
}

# _guest_quote ARG...: the arguments single-quoted for a shell.
_guest_quote() {
	out=
	for a in "$@"; do
		out="$out${out:+ }'$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
	done
	printf '%s\n' "$out"
}

guest_perf_record() {
	dir=$1
	shift
	mkdir -p "$dir" || return 1
	events=
	names=
	for e in $GUEST_PERF_EVENTS; do
		[ -d "/sys/kernel/tracing/events/${e%%:*}/${e#*:}" ] || continue
		events="$events -e $e"
		names=${names:+$names,}${e#*:}
	done
	{
		echo "format=1"
		echo "tracer=perf"
		echo "cmdline=$(_guest_quote "$@")"
		echo "kernel_release=$(uname -r)"
		echo "kernel_events=$names"
		if command -v rseqprof-topology >/dev/null; then
			rseqprof-topology
		else
			_guest_topology
		fi
	} >"$dir/rseqprof.info.tmp"
	# shellcheck disable=SC2016 # expanded by the inner shell
	set -- sh -c '"$@"; echo $? >"$0"; sleep 1' "$dir/.status" "$@"
	# shellcheck disable=SC2086 # one word per option
	perf record -q -a -k CLOCK_MONOTONIC -m 256 $GUEST_PERF_OPTS $events \
		-o "$dir/perf.data" -- "$@"
	ret=$?
	echo "exit_status=$(cat "$dir/.status" 2>/dev/null || echo 255)" \
		>>"$dir/rseqprof.info.tmp"
	rm -f "$dir/.status"
	mv "$dir/rseqprof.info.tmp" "$dir/rseqprof.info"
	return $ret
}
