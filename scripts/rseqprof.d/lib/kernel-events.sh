# SPDX-License-Identifier: MIT
# kernel-events.sh - the kernel events rseqprof records, and where the
# running kernel offers them (tracefs).
# shellcheck shell=bash

# Scheduler tracepoints the analyses replay, then the rseq one (mm_cid).
KERNEL_SCHED_EVENTS=(sched_switch sched_migrate_task sched_process_fork
		     sched_process_exec sched_process_exit sched_process_free)
KERNEL_RSEQ_EVENT=rseq_update
# Its clone flags tell a vfork child, which uses its parent's mm until it
# execs (the perf path; lttng-modules has no such event).
KERNEL_TASK_EVENT=task_newtask

TRACEFS=

# tracefs_find: set TRACEFS to a usable tracefs mount point; mount it on
# /sys/kernel/tracing when this is root and it is not mounted.  Returns 1
# when there is none.
tracefs_find() {
	local m
	m=$(awk '$3 == "tracefs" { print $2; exit }' /proc/mounts 2>/dev/null)
	if [ -z "$m" ] && [ "$(id -u)" -eq 0 ] && [ -d /sys/kernel/tracing ]; then
		mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null &&
			m=/sys/kernel/tracing
	fi
	[ -n "$m" ] && [ -x "$m" ] && [ -d "$m/events" ] || return 1
	TRACEFS=$m
}

# tracefs_has_event SYSTEM:EVENT: the kernel has this tracepoint.
tracefs_has_event() {
	[ -n "$TRACEFS" ] && [ -d "$TRACEFS/events/${1%%:*}/${1#*:}" ]
}

# kernel_events_available: print SYSTEM:EVENT for each event rseqprof
# wants that the kernel has, one a line.
kernel_events_available() {
	local e
	for e in "${KERNEL_SCHED_EVENTS[@]/#/sched:}" "rseq:$KERNEL_RSEQ_EVENT" \
		 "task:$KERNEL_TASK_EVENT"; do
		tracefs_has_event "$e" && echo "$e"
	done
	return 0
}
