#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# record-ust-root.sh - as root, rseqprof record --preload records the kernel
# events (perf) and the probes' user-space events together, starting the
# root session daemon on demand and stopping it afterwards.  A root session
# daemon always lives in /var/run/lttng, which other users of the machine
# share: the test runs in a private mount namespace with its own tmpfs
# there, so the daemon it starts sees only this test's programs.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
need_root
need_topology
for tool in unshare lttng-sessiond; do
	command -v "$tool" >/dev/null || plan_skip_all "$tool not installed"
done
lib=$RSEQPROF_BUILD/probes/preload/librseqprof-preload.so
[ -f "$lib" ] || plan_skip_all "the probes' librseqprof-preload.so is not built"

plan_tests 10

# In the namespace: the recording, then whether a session daemon is left
# (its pid file's process), before the namespace and its tmpfs go away.
cat >"$T/inner.sh" <<'SCRIPT'
mount -t tmpfs -o mode=0755 rseqprof-test /var/run/lttng || exit 99
"$1" record -o "$2/rec" --preload -- perf bench sched messaging -t -g 1 -l 5 \
	>/dev/null 2>"$2/err"
echo $? >"$2/status"
for p in $(pgrep -x lttng-sessiond); do
	[ "$(readlink "/proc/$p/ns/mnt")" = "$(readlink /proc/self/ns/mnt)" ] &&
		echo "$p" >>"$2/left"
done
exit 0
SCRIPT
mkdir -p /var/run/lttng
unshare --mount --propagation private -- bash "$T/inner.sh" "$RSEQPROF" "$T"
is "$?" 0 "the private mount namespace works"
is "$(cat "$T/status")" 0 "record --preload as root succeeds"
i=$T/rec/rseqprof.info
is "$(info "$i" tracer)" perf "kernel events with perf"
is "$(info "$i" ust)" recorded "ust=recorded"
event_counts "$T/rec/kernel" "$T/kcounts"
n=$(count_of "$T/kcounts" sched:sched_switch)
ok "$([ "$n" -gt 0 ]; echo $?)" "kernel trace: sched_switch ($n)"
event_counts "$T/rec/ust" "$T/ucounts"
ok $? "babeltrace2 reads DIR/ust"
n=$(count_of "$T/ucounts" rseqprof_ust:thread_begin)
ok "$([ "$n" -ge 41 ]; echo $?)" "user space: a thread_begin for each of the 40 threads and main ($n)"
ok "$([ -d "$T/rec/ust/uid/0/64-bit" ]; echo $?)" "root's per-user buffers under ust/uid/0/64-bit"
ok "$([ ! -s "$T/left" ]; echo $?)" "the session daemon rseqprof started is stopped"
is "$(info "$i" discarded_events)" "$(( $(info "$i" kernel_discarded_events) + $(info "$i" ust_discarded_events) ))" "discarded_events is kernel + user space"
done_testing
