#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# kmod-cycles.sh - 50 insmod/rmmod cycles of rseqprof.ko in a QEMU guest
# while messaging workloads (processes and threads) run on both CPUs, with
# the counters read, reset and stopped in each cycle: every load and unload
# succeeds, every cycle counts events, no Oops/WARNING/BUG.  Each step is
# marked on the guest's second serial port; a step that makes no progress
# for 60 s has every CPU's backtrace and the blocked tasks dumped on the
# console (tests/guest/stall-watch.sh), and a guest that runs out of time
# has its vCPUs dumped and is made to print a backtrace by the host
# (tests/guest/guest.sh); both are printed here as TAP comments.  Under
# single-threaded TCG a cycle takes about 2 s (kmod/README.md: why single).
set -u
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"
# shellcheck source=tests/guest/guest.sh
. "$RSEQPROF_SRC/tests/guest/guest.sh"
# shellcheck source=tests/kmod/kmod.sh
. "$RSEQPROF_SRC/tests/kmod/kmod.sh"

kmod_require
cycles=50
variants=${RSEQPROF_KMOD_VARIANTS:-v3-opt}
main=${variants%% *}
case " $variants " in *" v3-opt "*) main=v3-opt ;; esac
plan_tests 7

kmod_workdir kmod-cycles

kmod_build modules
ok $? "rseqprof.ko builds for $(guest_kernel_release)" || done_testing

cat >"$work/run.sh" <<SCRIPT
CYCLES=$cycles
MAIN=$main
SCRIPT
cat >>"$work/run.sh" <<'SCRIPT'
. /guest/stall-watch.sh
guest_stall_watch_start 60
load() {
	while [ ! -e /tmp/stop ]; do
		perf bench sched messaging $1 -g 1 -l 5 >/dev/null
	done
}
load "" &
p1=$!
load -t &
p2=$!
i=0
: >cycles.log
while [ $i -lt $CYCLES ]; do
	guest_step "$i insmod"
	insmod /guest/rseqprof.ko variant=$MAIN || { echo "insmod $i failed" >>cycles.log; break; }
	sleep 0.05
	guest_step "$i reset"
	echo reset >/proc/rseqprof_schedstat || echo "reset $i failed" >>cycles.log
	sleep 0.05
	awk '$1 == "events" { print $2 }' /proc/rseqprof_schedstat >>events.log
	guest_step "$i stop"
	echo stop >/proc/rseqprof_schedstat || echo "stop $i failed" >>cycles.log
	guest_step "$i rmmod"
	rmmod rseqprof || { echo "rmmod $i failed" >>cycles.log; break; }
	i=$((i + 1))
	[ $((i % 10)) -eq 0 ] && echo "kmod-cycles: $i cycles"
done
echo $i >cycles.done
touch /tmp/stop
wait $p1 $p2
guest_stall_watch_stop
grep -c rseqprof /proc/modules >modules.left
exit 0
SCRIPT

kmod_boot_guest 600
grep -a 'kmod-cycles:' "$work/boot/console.log" | tail -n 1 | sed 's/^/# /'
is "$status" 0 "guest script ran to the end"
f=$work/boot/files
is "$(cat "$f/cycles.done" 2>/dev/null)" "$cycles" "$cycles insmod/rmmod cycles under load"
is "$(cat "$f/cycles.log" 2>/dev/null)" "" "no load, reset, stop or unload failed"
is "$(awk '$1 > 0 { n++ } END { print n + 0 }' "$f/events.log" 2>/dev/null)" "$cycles" \
	"every cycle counted scheduler events"
guest_check_log "$work/boot/console.log"
ok $? "guest console log has no Oops/WARNING/BUG/panic"
done_testing
