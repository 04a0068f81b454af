#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# kmod-lttng.sh - LTTng kernel tracing of rseqprof.ko in a QEMU guest:
# lttng-modules (built for the guest kernel from Debian's lttng-modules-dkms:
# $LTTNG_DEB, else /var/cache/rseqprof (scripts/install-deps), else /tmp,
# else downloaded with apt-get; with the hrtimer_start fix, cached in the build folder) and
# lttng-probe-rseqprof.ko are loaded by lttng-sessiond; one kernel session
# records the scheduler events, the statedump and `rseqprof_*` while a
# messaging workload runs between the module's reset and stop markers.  On
# the host: the trace holds one LTTng rseqprof path event per live counted
# path, and `rseqprof report` analyses it (the LTTng kernel layout); its
# counts between the markers are compared with the live counters: the
# number of paths taken once per switch-in or fork (single_threaded,
# transfer, cache_hit, alloc) must be equal (same event stream; to 0.1 %,
# see below);
# the split between paths may differ for multi-threaded processes that
# predate the window (the module saw their threads being created, the
# replay learns them when they run: lttng-sessiond and lttng-consumerd),
# so it is printed.  The scheduler events are enabled after LTTng's
# statedump: a kernel thread seen before its statedump entry would be
# taken for a process by the replay.
set -u
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"
# shellcheck source=tests/guest/guest.sh
. "$RSEQPROF_SRC/tests/guest/guest.sh"
# shellcheck source=tests/kmod/kmod.sh
. "$RSEQPROF_SRC/tests/kmod/kmod.sh"

kmod_require
for p in lttng lttng-sessiond babeltrace2 depmod; do
	command -v "$p" >/dev/null || plan_skip_all "$p not installed"
done
consumerd=/usr/lib/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)/lttng/libexec/lttng-consumerd
[ -x "$consumerd" ] || plan_skip_all "no $consumerd (lttng-tools)"
[ -f /usr/share/xml/lttng/session.xsd ] || plan_skip_all "no /usr/share/xml/lttng/session.xsd"
[ -f "$RSEQPROF_BUILD/analyses/babeltrace-plugin-rseqprof.so" ] ||
	plan_skip_all "the rseqprof babeltrace2 plugin is not built"
variant=v3-opt
counters="sched_switch:single_threaded:single_threaded sched_switch:transfer:transfer
sched_switch:cache_hit:cache_hit sched_switch:cache_evict:cache_evict
sched_switch:cache_discard:cache_discard sched_switch:alloc:alloc
release_mm:remove:release_mm_remove migration:remove:migration_remove"
plan_tests 20

kmod_workdir kmod-lttng

kmod_build lttng
ok $? "lttng-modules and lttng-probe-rseqprof.ko build for $(guest_kernel_release)" ||
	done_testing

# The modules, stripped, with a modules.dep for lttng-sessiond's modprobe.
rel=$(guest_kernel_release)
stage=$work/stage
mkdir -p "$stage/lib/modules/$rel/extra"
find "$KMOD_BUILDDIR/lttng-modules/src" "$KMOD_BUILDDIR/lttng-probe" \
	"$KMOD_BUILDDIR/rseqprof" -name '*.ko' | while read -r ko; do
	strip --strip-debug -o "$stage/lib/modules/$rel/extra/${ko##*/}" "$ko"
done
# libkmod (lttng-sessiond) refuses empty builtin indexes: give depmod the
# kernel's list of built-in modules.
cp /lib/modules/"$rel"/modules.builtin /lib/modules/"$rel"/modules.builtin.modinfo \
	"$stage/lib/modules/$rel/"
depmod -b "$stage" "$rel"
ok $? "depmod of the staged modules"
files=()
while read -r f; do
	files+=(-f "$f:/${f#"$stage"/}")
done < <(find "$stage" -type f)
printf 'root:x:0:\ntracing:x:999:\n' >"$work/group"

cat >"$work/run.sh" <<SCRIPT
VARIANT=$variant
REL=$rel
SCRIPT
cat >>"$work/run.sh" <<'SCRIPT'
mkdir -p /var/run /var/lib
insmod /lib/modules/$REL/extra/rseqprof.ko variant=$VARIANT || exit 10
trap 'dmesg >dmesg.txt' EXIT
lttng-sessiond --background -vvv --consumerd64-path=/usr/bin/lttng-consumerd \
	--extra-kmod-probes=rseqprof >sessiond.log 2>&1 || exit 11
lttng create k --output=/out/lttng >lttng.log 2>&1 || exit 12
lttng enable-channel -k ch --subbuf-size=2M --num-subbuf=8 >>lttng.log 2>&1 || exit 13
lttng enable-event -k -c ch 'lttng_statedump_*' >>lttng.log 2>&1 || exit 15
lttng enable-event -k -c ch 'rseqprof_*' >>lttng.log 2>&1 || exit 16
lttng start >>lttng.log 2>&1 || exit 17
# The scheduler events once the statedump is written (start returns after
# it), so that every task is known before its first event.
lttng enable-event -k -c ch sched_switch,sched_migrate_task,sched_process_fork,sched_process_exec,sched_process_exit,sched_process_free >>lttng.log 2>&1 || exit 14
echo reset >/proc/rseqprof_schedstat || exit 18
perf bench sched messaging -g 1 -l 10 >/dev/null || exit 19
perf bench sched messaging -t -g 1 -l 10 >/dev/null || exit 19
echo stop >/proc/rseqprof_schedstat || exit 20
cat /proc/rseqprof_schedstat >stat
sleep 1
lttng stop >>lttng.log 2>&1 || exit 21
lttng destroy >>lttng.log 2>&1 || exit 22
lsmod | grep -c '^lttng' >lttng.modules
exit 0
SCRIPT

guest_build_initramfs "$work/initrd" "$work/run.sh" -p perf -p lttng -p lttng-sessiond \
	-p "$consumerd" -f /usr/share/xml/lttng/session.xsd:/usr/share/xml/lttng/session.xsd \
	-f "$work/group:/etc/group" "${files[@]}"
ok $? "initramfs built (lttng-tools, lttng-modules, rseqprof modules)"

start=$SECONDS
GUEST_TIMEOUT=${GUEST_TIMEOUT:-420} GUEST_MEM=1024 GUEST_OUT_MB=128 guest_boot "$work/initrd" "$work/boot"
status=$?
diag "guest ran for $((SECONDS - start)) s"
is "$status" 0 "guest: sessiond, kernel session with rseqprof_*, workload" ||
	sed 's/^/# /' "$work/boot/files/lttng.log" "$work/boot/files/sessiond.log" 2>/dev/null | tail -n 20
f=$work/boot/files
ok "$([ "$(cat "$f/lttng.modules" 2>/dev/null)" -gt 3 ] 2>/dev/null && echo 0 || echo 1)" \
	"lttng-sessiond loaded lttng-modules ($(cat "$f/lttng.modules" 2>/dev/null) modules)"

rec=$work/rec
mkdir -p "$rec"
kdir=$(find "$f/lttng" -name metadata -path '*kernel*' -printf '%h\n' 2>/dev/null | head -n 1)
ok "$([ -n "$kdir" ] && echo 0 || echo 1)" "the session wrote a kernel trace"
ln -s "${kdir:-/nonexistent}" "$rec/kernel"
{
	echo "format=1"
	echo "tracer=lttng-kernel"
	echo "kernel_release=$rel"
	echo "nr_cpus=${GUEST_SMP:-2}"
	echo "nr_nodes=1"
	echo "cpu_to_node=$(seq -s, 0 $(( ${GUEST_SMP:-2} - 1 )) | sed 's/[0-9]*/0/g')"
	echo "exit_status=$status"
	echo "discarded_events=0"
} >"$rec/rseqprof.info"

babeltrace2 --clock-seconds "$rec/kernel" >"$rec/text" 2>"$rec/text.err"
ok $? "babeltrace2 reads the LTTng trace"
grep ' rseqprof_' "$rec/text" >"$rec/module-events.txt"
begin=$(sed -n 's/^\[\([0-9.]*\)\].* rseqprof_reset:.*/\1/p' "$rec/module-events.txt")
end=$(sed -n 's/^\[\([0-9.]*\)\].* rseqprof_stop:.*/\1/p' "$rec/module-events.txt")
ok "$([ -n "$begin" ] && [ -n "$end" ] && echo 0 || echo 1)" \
	"LTTng recorded the module's rseqprof_reset ($begin) and rseqprof_stop ($end)"
ok "$(grep -q ' lttng_statedump_process_state:' "$rec/text" && echo 0 || echo 1)" \
	"and the statedump"

"$RSEQPROF_SRC/scripts/rseqprof" report "$rec" --variant "$variant" --format csv \
	--begin "${begin:-0}" --end "${end:-0}" -o "$rec/report.csv" 2>"$rec/report.err"
ok $? "rseqprof report analyses the LTTng kernel trace" || sed 's/^/# /' "$rec/report.err"

kmod_stat "$f/stat" >"$rec/stat.lines" 2>/dev/null
awk '/ rseqprof_reset:/ { on = 1; next } / rseqprof_stop:/ { on = 0 }
     on { for (i = 1; i <= NF; i++) if ($i ~ /^rseqprof_.*:$/) {
	sub(/^rseqprof_/, "", $i); sub(/:$/, "", $i); n[$i]++ } }
     END { for (k in n) print k, n[k] }' "$rec/module-events.txt" >"$rec/path-events"
live_sw=0
off_sw=0
for c in $counters; do
	IFS=: read -r group name event <<<"$c"
	live=$(kmod_count "$rec/stat.lines" total "$group" "$name")
	offline=$(awk -F, -v g="$group" -v v="$variant" -v n="$name" \
		'$1 == g && $2 == v && $3 == n { print $4 }' "$rec/report.csv" 2>/dev/null)
	traced=$(awk -v e="$event" '$1 == e { print $2 }' "$rec/path-events")
	is "${traced:-0}" "$live" "LTTng recorded ${traced:-0} rseqprof_$event events == live counter"
	diag "$group $name: live $live, offline ${offline:-none}"
	# Each switch-in of a user task takes exactly one of these paths
	# (and a fork to two users one alloc); evictions and discards come
	# on top of an alloc and depend on the cache's history, which the
	# module knows from before the trace.
	case $name in single_threaded | transfer | cache_hit | alloc)
		live_sw=$((live_sw + ${live//missing/0}))
		off_sw=$((off_sw + ${offline:-0}))
	esac
done
# The module's probe and LTTng's run one after the other on each CPU: two
# events of different CPUs can reach the model in one order and be
# stamped by LTTng in the other (a vCPU of the emulated guest paused
# between the two probes), which can move a switch in or out of the
# counted ones: allow one in a thousand.
d=$((live_sw - off_sw))
ok "$([ "$live_sw" -gt 0 ] && [ "${d#-}" -le $(( (live_sw + 999) / 1000 )) ] && echo 0 || echo 1)" \
	"counted switch-ins and forks (one id path each): offline $off_sw, live $live_sw (equal within 0.1 %)"
guest_check_log "$work/boot/console.log"
ok $? "guest console log has no Oops/WARNING/BUG/panic"
done_testing
