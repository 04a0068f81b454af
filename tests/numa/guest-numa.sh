#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# guest-numa.sh [NODES] - the real-NUMA recording: a QEMU guest with 4 CPUs
# on NODES (2 or 4) NUMA nodes runs numa-workload (threads bound to each
# node in turn, moved across and within nodes) under perf in the guest; the
# trace comes back and is converted and analysed on the host, with the
# guest's topology (rseqprof-topology, libnuma, in the guest).
#
# With 2 nodes the workload ends with an unbound phase touching memory of
# another node, with the kernel's NUMA balancing made eager (no scan delay),
# so that sched_move/stick/swap_numa may occur (how many is up to the
# kernel).
#
# Checks: the topology is the guest's; the migration report's total equals
# the sched_migrate_task events counted with babeltrace2 | grep, and the
# NUMA report's kernel NUMA events their own grep counts; no vcpu-id
# changes node with v3-numa while v3-noopt (lowest free id on any node)
# moves ids between the nodes the workload's threads alternate on.
set -u
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"
# shellcheck source=tests/guest/guest.sh
. "$RSEQPROF_SRC/tests/guest/guest.sh"
# shellcheck source=tests/guest/perf.sh
. "$RSEQPROF_SRC/tests/guest/perf.sh"

nodes=${1:-2}
case $nodes in
2) want_map=0,0,1,1 balance=800 ;;
4) want_map=0,1,2,3 balance=0 ;;
*) echo "usage: guest-numa.sh [2|4]" >&2; exit 2 ;;
esac
build=$RSEQPROF_BUILD
plugin=$build/analyses
workload=$build/tests/numa/numa-workload
topology=$build/probes/topology/rseqprof-topology

guest_require
for tool in perf babeltrace2; do
	command -v "$tool" >/dev/null || plan_skip_all "$tool not installed"
done
for f in "$workload" "$topology" "$plugin/babeltrace-plugin-rseqprof.so"; do
	[ -e "$f" ] || { echo "Bail out! not built: $f"; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/guest-numa.XXXXXX")
trap 'rm -rf "$work"' EXIT
plan_tests 13

cat >"$work/run.sh" <<SCRIPT
. /guest/record.sh
if [ $balance -gt 0 ]; then
	echo 1 >/proc/sys/kernel/numa_balancing
	echo 0 >/sys/kernel/debug/sched/numa_balancing/scan_delay_ms
	echo 10 >/sys/kernel/debug/sched/numa_balancing/scan_period_min_ms
fi
guest_perf_record rec numa-workload -t 4 -r 8 -b $balance
SCRIPT
guest_build_initramfs "$work/initrd" "$work/run.sh" -p perf -p "$topology" \
	-p "$workload"
ok $? "initramfs with perf, rseqprof-topology and numa-workload"

GUEST_SMP=4 GUEST_NODES=$nodes GUEST_MEM=512 GUEST_TIMEOUT=100 \
	guest_boot "$work/initrd" "$work/boot"
is "$?" 0 "guest recorded the workload with perf ($nodes nodes)"
guest_check_log "$work/boot/console.log"
ok $? "guest console log has no Oops/WARNING/BUG/panic"

rec=$work/rec
guest_perf_recording "$work/boot/files/rec" "$rec"
ok $? "guest trace converted to a recording directory (perf data convert --all --to-ctf)"
info() { sed -n "s/^$1=//p" "$rec/rseqprof.info" 2>/dev/null; }
is "$(info nr_nodes),$(info cpu_to_node)" "$nodes,$want_map" \
	"rseqprof.info holds the guest's topology (libnuma in the guest)"
is "$(info exit_status)" 0 "numa-workload succeeded in the guest"
map=$(info cpu_to_node)
diag "discarded events: $(info discarded_events)"

# Independent counts: the trace as babeltrace2's text sink prints it.
babeltrace2 "$rec/kernel" >"$work/trace.txt"
want=$(grep -c ' sched:sched_migrate_task: ' "$work/trace.txt")
babeltrace2 --plugin-path="$plugin" "$rec/kernel" -c sink.rseqprof.migration \
	-p "cpu-to-node=\"$map\",format=\"csv\"" >"$work/mig.csv"
got=$(sed -n 's/^migrations,,migrations,\([0-9]*\),.*/\1/p' "$work/mig.csv")
is "$got" "$want" "migration report total equals the sched_migrate_task events ($want)"
sum=$(awk -F, '$1 ~ /^migration_process\// && $3 == "migrations" { n += $4 } END { print n + 0 }' \
	"$work/mig.csv")
is "$sum" "$want" "per-process migrations add up to the total"
cross=$(sed -n 's/^migrations,,cross_node,\([0-9]*\),.*/\1/p' "$work/mig.csv")
[ "${cross:-0}" -gt 0 ]
ok $? "cross-node migrations recorded ($cross of $got)"

babeltrace2 --plugin-path="$plugin" "$rec/kernel" -c sink.rseqprof.numa \
	-p "cpu-to-node=\"$map\",format=\"csv\"" >"$work/numa.csv"
violations() {
	sed -n "s/^numa,$1,violations,\([0-9]*\),.*/\1/p" "$work/numa.csv"
}
for v in v3-noopt v3-opt lazy-6.13 v3-numa; do
	diag "$v: $(violations "$v") node violations, remote runs $(sed -n "s/^numa,$v,remote_runs,\([0-9]*\),.*/\1/p" "$work/numa.csv") of $(sed -n "s/^numa,$v,runs,\([0-9]*\),.*/\1/p" "$work/numa.csv")"
done
is "$(violations v3-numa)" 0 "v3-numa: no vcpu-id changes node"
kernel_numa=
for e in move stick swap; do
	n=$(sed -n "s/^numa_kernel,,sched_${e}_numa,\([0-9]*\),.*/\1/p" "$work/numa.csv")
	kernel_numa="$kernel_numa $n/$(grep -c " sched:sched_${e}_numa: " "$work/trace.txt")"
done
diag "kernel NUMA balancing events move/stick/swap (report/grep):$kernel_numa"
ok "$(echo "$kernel_numa" | awk '{ for (i = 1; i <= NF; i++) { split($i, a, "/"); if (a[1] != a[2]) bad = 1 } } END { print bad + 0 }')" \
	"numa report counts the kernel's NUMA balancing events the trace holds"
[ "$(violations v3-noopt)" -gt 0 ]
ok $? "v3-noopt: ids change node when threads alternate nodes ($(violations v3-noopt))"

# The same through the command, topology from rseqprof.info.
"$RSEQPROF_SRC/scripts/rseqprof" report "$rec" --format csv >"$work/report.csv" &&
	grep -qx 'numa,v3-numa,violations,0,' "$work/report.csv" &&
	grep -qx "migrations,,migrations,$want," "$work/report.csv"
ok $? "rseqprof report on the guest recording: $want migrations, no v3-numa violation"
done_testing
