#!/bin/sh
# SPDX-License-Identifier: MIT
# stall-watch.sh - guest side of stall diagnosis, in the initramfs as
# /guest/stall-watch.sh: source it from the guest script.
#
# guest_step TEXT
#   Marks the step the script is in ("3 rmmod"), with the guest's uptime,
#   on the second serial port (/dev/ttyS1): the host has it in
#   BOOTDIR/steps.log at once, even when the guest never finishes.
# guest_stall_watch_start [SECONDS]
#   Starts a background watch: when the step has not changed for SECONDS
#   (30), it prints "guest: stalled at STEP" on the console and has the
#   kernel dump every CPU's backtrace and the blocked tasks there (sysrq l
#   and w), once a stall.  The hung task detector is set to the same
#   delay.  The watch ends with the guest script (guest_stall_watch_stop).

guest_step() {
	echo "$1" >/tmp/guest-step
	echo "$1 $(cut -d' ' -f1 /proc/uptime)" >/dev/ttyS1
}

guest_stall_watch_start() {
	limit=${1:-30}
	echo 1 >/proc/sys/kernel/sysrq
	echo "$limit" >/proc/sys/kernel/hung_task_timeout_secs 2>/dev/null
	(
		last='' same=0
		while [ ! -e /tmp/guest-watch-stop ]; do
			sleep 5
			cur=$(cat /tmp/guest-step 2>/dev/null)
			if [ "$cur" != "$last" ]; then
				last=$cur same=0
				continue
			fi
			same=$((same + 5))
			[ "$same" -eq "$limit" ] || continue
			echo "guest: stalled at $cur for $limit s" >/dev/console
			echo l >/proc/sysrq-trigger
			echo w >/proc/sysrq-trigger
		done
	) &
	GUEST_WATCH_PID=$!
}

guest_stall_watch_stop() {
	touch /tmp/guest-watch-stop
	wait "$GUEST_WATCH_PID" 2>/dev/null
}
