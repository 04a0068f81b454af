#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# kmod-load.sh - rseqprof.ko in a QEMU guest (Debian's kernel, TCG, 2 CPUs):
# a bad variant is refused; the module loads, shows its tracepoints and a
# root-only counters file; a messaging workload (processes, then threads)
# drives the counters, whose per-CPU rows add up to the totals and equal
# the number of path events ftrace recorded between the reset and stop
# markers; "stop" freezes them; every variant loads, counts and unloads;
# tiny tables overflow with a count instead of failing; no Oops/WARNING/BUG.
set -u
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"
# shellcheck source=tests/guest/guest.sh
. "$RSEQPROF_SRC/tests/guest/guest.sh"
# shellcheck source=tests/kmod/kmod.sh
. "$RSEQPROF_SRC/tests/kmod/kmod.sh"

kmod_require
variants=${RSEQPROF_KMOD_VARIANTS:-v3-noopt v3-opt lazy-6.4 lazy-6.13 owner-6.19 v3-numa}
main=${variants%% *}
case " $variants " in *" v3-opt "*) main=v3-opt ;; esac
paths="single_threaded transfer cache_hit cache_evict cache_discard alloc release_mm_remove migration_remove"
nv=$(wc -w <<<"$variants")
plan_tests $((17 + 8 + 3 * nv))

kmod_workdir kmod-load

kmod_build modules
ok $? "rseqprof.ko builds for $(guest_kernel_release)" || done_testing

cat >"$work/run.sh" <<SCRIPT
MAIN=$main
VARIANTS="$variants"
SCRIPT
cat >>"$work/run.sh" <<'SCRIPT'
T=/sys/kernel/tracing
. /guest/stall-watch.sh
guest_stall_watch_start 60
workload() {
	perf bench sched messaging -g 2 -l 10 >/dev/null &&
	perf bench sched messaging -t -g 2 -l 10 >/dev/null
}
insmod /guest/rseqprof.ko variant=bogus 2>bogus.err
echo $? >bogus.status
dmesg | grep -c "unknown variant 'bogus'" >bogus.dmesg

guest_step "insmod"
insmod /guest/rseqprof.ko variant=$MAIN || exit 10
stat -c %a /proc/rseqprof_schedstat >mode
ls $T/events/rseqprof >events
echo 1 >$T/events/rseqprof/enable
echo 16384 >$T/buffer_size_kb
echo reset >/proc/rseqprof_schedstat
guest_step "workload"
workload || exit 11
echo stop >/proc/rseqprof_schedstat
cat /proc/rseqprof_schedstat >stat
sleep 0.2
cat /proc/rseqprof_schedstat >stat.again
echo 0 >$T/events/rseqprof/enable
cat $T/trace >trace
cat $T/per_cpu/cpu*/stats | awk '/^overrun:/ { n += $2 } END { print n + 0 }' >trace.overrun
echo bad-command >/proc/rseqprof_schedstat 2>/dev/null
echo $? >badcmd.status
guest_step "rmmod"
rmmod rseqprof || exit 12

for v in $VARIANTS; do
	guest_step "insmod $v"
	insmod /guest/rseqprof.ko variant=$v || exit 13
	guest_step "workload $v"
	workload || exit 14
	cat /proc/rseqprof_schedstat >stat.$v
	guest_step "rmmod $v"
	rmmod rseqprof || exit 15
done

guest_step "insmod tiny"
insmod /guest/rseqprof.ko variant=$MAIN max_tasks=16 max_mms=4 || exit 16
guest_step "workload tiny"
workload || exit 17
cat /proc/rseqprof_schedstat >stat.tiny
guest_step "rmmod tiny"
rmmod rseqprof || exit 18
guest_stall_watch_stop
exit 0
SCRIPT

kmod_boot_guest 420
is "$status" 0 "guest script ran to the end (insmod, workloads, rmmod)"
f=$work/boot/files

isnt() { ok "$([ "$1" != "$2" ] && echo 0 || echo 1)" "$3"; }
isnt "$(cat "$f/bogus.status" 2>/dev/null)" 0 "insmod variant=bogus fails"
ok "$([ "$(cat "$f/bogus.dmesg" 2>/dev/null)" -ge 1 ] 2>/dev/null && echo 0 || echo 1)" \
	"and says why in the kernel log"
is "$(cat "$f/mode" 2>/dev/null)" 400 "/proc/rseqprof_schedstat is root-only (0400)"
missing=
for e in $paths reset stop lazy_fastpath_reuse owner_transit_free numa_steal task_overflow; do
	grep -qx "rseqprof_$e" "$f/events" 2>/dev/null || missing="$missing $e"
done
is "$missing" "" "tracefs has events/rseqprof/rseqprof_{paths,reset,stop}"
isnt "$(cat "$f/badcmd.status" 2>/dev/null)" 0 "an unknown command written to the file is refused"

kmod_stat "$f/stat" >"$work/stat.lines"
is "$(awk '$1 == "header" && $2 == "state" { print $3 }' "$work/stat.lines")" stopped \
	"'stop' froze the counters"
cmp -s "$f/stat" "$f/stat.again"
ok $? "frozen counters do not move"
is "$(awk '$1 == "header" && $2 == "variant" { print $3 }' "$work/stat.lines")" "$main" \
	"the file names the variant"
st=$(kmod_count "$work/stat.lines" total sched_switch single_threaded)
if [ "$main" = v3-noopt ]; then
	skip 1 "v3-noopt has no single-threaded path"
else
	ok "$([ "${st:-0}" -gt 0 ] 2>/dev/null && echo 0 || echo 1)" \
		"processes count single-threaded switches ($st)"
fi
thr=0
for n in transfer cache_hit alloc; do
	c=$(kmod_count "$work/stat.lines" total sched_switch $n)
	thr=$((thr + ${c//missing/0}))
done
ok "$([ "$thr" -gt 0 ] && echo 0 || echo 1)" "threads count transfer/cache hit/alloc switches ($thr)"
is "$(kmod_percpu_mismatches "$work/stat.lines")" "" "per-CPU rows add up to the totals"
is "$(cat "$f/trace.overrun" 2>/dev/null)" 0 "ftrace lost no event"

# Path events after the reset marker, per path, against the counters.
awk '/rseqprof_reset:/ { on = 1; next } /rseqprof_stop:/ { on = 0 } on && / rseqprof_[a-z_]*:/ {
	for (i = 1; i <= NF; i++) if ($i ~ /^rseqprof_.*:$/) { sub(/^rseqprof_/, "", $i); sub(/:$/, "", $i); n[$i]++ } }
     END { for (k in n) print k, n[k] }' "$f/trace" >"$work/trace.counts"
for p in $paths; do
	case $p in
	release_mm_remove) c=$(kmod_count "$work/stat.lines" total release_mm remove) ;;
	migration_remove) c=$(kmod_count "$work/stat.lines" total migration remove) ;;
	*) c=$(kmod_count "$work/stat.lines" total sched_switch "$p") ;;
	esac
	t=$(awk -v p="$p" '$1 == p { print $2 }' "$work/trace.counts")
	is "${t:-0}" "$c" "ftrace rseqprof_$p events == counter"
done

for v in $variants; do
	kmod_stat "$f/stat.$v" >"$work/stat.$v.lines" 2>/dev/null
	is "$(awk '$1 == "header" && $2 == "variant" { print $3 }' "$work/stat.$v.lines")" "$v" \
		"variant $v loads and counts"
	sum=$(awk '$1 == "total" && ($2 == "sched_switch" || $2 == "release_mm" || $2 == "migration") { s += $4 } END { print s + 0 }' "$work/stat.$v.lines")
	ok "$([ "$sum" -gt 0 ] && echo 0 || echo 1)" "$v: counted $sum paths"
	is "$(kmod_percpu_mismatches "$work/stat.$v.lines")" "" "$v: per-CPU rows add up"
done

kmod_stat "$f/stat.tiny" >"$work/stat.tiny.lines" 2>/dev/null
to=$(kmod_count "$work/stat.tiny.lines" total health task_overflow)
mo=$(kmod_count "$work/stat.tiny.lines" total health mm_overflow)
ok "$([ "${to:-0}" -gt 0 ] 2>/dev/null && [ "${mo:-0}" -gt 0 ] 2>/dev/null && echo 0 || echo 1)" \
	"16 tasks / 4 mms: overflow counted (tasks $to, mms $mo), module unloads"
guest_check_log "$work/boot/console.log"
ok $? "guest console log has no Oops/WARNING/BUG/panic"
done_testing
