#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# hackbench.sh - overhead of rseqprof.ko on the scheduler, in a QEMU guest
# (Debian's kernel, TCG): hackbench with processes and with threads, runs
# alternating without and with the module loaded (ABAB..., so that host
# noise hits both alike); prints the median time of each and their ratio,
# in the form of the LPC 2022 slides' benchmark tables.  Not a test: run by
# hand, results go to BENCHMARKS.md.
#
#   bench/kmod/hackbench.sh [RUNS] [GROUPS] [LOOPS]     (defaults: 7 10 100)
#
# Environment: RSEQPROF_BUILD (build folder, default build), VARIANT
# (default v3-opt), GUEST_SMP (2), GUEST_TIMEOUT (s, 1200).
set -u
src=$(cd "$(dirname "$0")/../.." && pwd)
export RSEQPROF_SRC=$src RSEQPROF_BUILD=${RSEQPROF_BUILD:-$src/build}
runs=${1:-7} groups=${2:-10} loops=${3:-100} variant=${VARIANT:-v3-opt}
# shellcheck source=tests/guest/guest.sh
. "$src/tests/guest/guest.sh"
# shellcheck source=tests/kmod/kmod.sh
. "$src/tests/kmod/kmod.sh"

reason=$(guest_skip_reason) && { echo "hackbench: $reason" >&2; exit 1; }
command -v hackbench >/dev/null || { echo "hackbench: install rt-tests" >&2; exit 1; }
kmod_build modules || exit 1
work=$(mktemp -d "${TMPDIR:-/tmp}/kmod-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

cat >"$work/run.sh" <<SCRIPT
RUNS=$runs GROUPS=$groups LOOPS=$loops VARIANT=$variant
SCRIPT
cat >>"$work/run.sh" <<'SCRIPT'
one() {	# MODE LOADED
	t=$(hackbench $1 -g $GROUPS -l $LOOPS | sed -n 's/^Time: //p')
	echo "$1 $2 $t" >>times
}
hackbench -g 2 -l 10 >/dev/null		# warm-up
i=0
while [ $i -lt $RUNS ]; do
	for mode in -P -T; do
		one $mode baseline
		insmod /guest/rseqprof.ko variant=$VARIANT || exit 1
		one $mode module
		cat /proc/rseqprof_schedstat >stat
		rmmod rseqprof || exit 1
	done
	i=$((i + 1))
done
SCRIPT
guest_build_initramfs "$work/initrd" "$work/run.sh" -p hackbench \
	-f "$KMOD_BUILDDIR/rseqprof/rseqprof.ko:/guest/rseqprof.ko" || exit 1
GUEST_TIMEOUT=${GUEST_TIMEOUT:-1200} guest_boot "$work/initrd" "$work/boot" || {
	echo "hackbench: guest failed (log: $work/boot/console.log)" >&2
	trap - EXIT
	exit 1
}
guest_check_log "$work/boot/console.log" || exit 1

median() {	# MODE LOADED
	awk -v m="$1" -v l="$2" '$1 == m && $2 == l { print $3 }' "$work/boot/files/times" |
		sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
			else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
spread() {	# MODE LOADED: min-max
	awk -v m="$1" -v l="$2" '$1 == m && $2 == l { print $3 }' "$work/boot/files/times" |
		sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi }'
}
echo "hackbench -g $groups -l $loops, $runs runs each, guest $(guest_kernel_release)" \
	"-smp ${GUEST_SMP:-2} (QEMU TCG), module variant $variant"
echo "host: $(uname -r), $(nproc) CPUs, $(sed -n 's/^model name\t*: //p' /proc/cpuinfo | head -n 1)"
printf '| %-10s | %-22s | %-22s | %-8s |\n' workload "baseline median (s)" "with rseqprof.ko (s)" ratio
printf '|%s|%s|%s|%s|\n' ------------ ------------------------ ------------------------ ----------
for mode in -P -T; do
	b=$(median "$mode" baseline)
	m=$(median "$mode" module)
	name=$([ "$mode" = -P ] && echo processes || echo threads)
	printf '| %-10s | %-22s | %-22s | %-8s |\n' "$name" "$b ($(spread "$mode" baseline))" \
		"$m ($(spread "$mode" module))" "$(awk -v b="$b" -v m="$m" 'BEGIN { printf "%.3f", m / b }')"
done
