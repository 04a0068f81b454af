#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# record-lttng-guest.sh - the LTTng kernel path of rseqprof record, which
# the host (no modules) cannot take: boot Debian's 6.1 kernel in QEMU with
# lttng-modules loaded, run rseqprof record there on a workload that forks,
# and check on the host that the trace (lttng-modules layout, statedump
# included) sits in DIR/kernel, rseqprof.info says tracer=lttng-kernel, the
# exit status is the workload's, no session daemon is left, and rseqprof
# report reads it.  lttng-modules is built by the kmod tests' helper
# (cached under build/kmod), or taken from RSEQPROF_LTTNG_MODULES_DIR (a
# folder holding lttng-modules' .ko files built for the guest kernel).
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/../guest/guest.sh
. "$RSEQPROF_SRC/tests/guest/guest.sh"
# shellcheck source=SCRIPTDIR/../kmod/kmod.sh
. "$RSEQPROF_SRC/tests/kmod/kmod.sh"
need_topology
kmod_require
for tool in lttng lttng-sessiond depmod babeltrace2; do
	command -v "$tool" >/dev/null || plan_skip_all "$tool not installed"
done
consumerd=/usr/lib/x86_64-linux-gnu/lttng/libexec/lttng-consumerd
xsd=/usr/share/xml/lttng/session.xsd
if [ ! -x "$consumerd" ] || [ ! -f "$xsd" ]; then
	plan_skip_all "lttng-tools files missing ($consumerd, $xsd)"
fi
mods=${RSEQPROF_LTTNG_MODULES_DIR:-}

plan_tests 15

if [ -n "$mods" ]; then
	ls "$mods"/lttng-tracer.ko >/dev/null
	ok $? "lttng-modules taken from $mods"
else
	kmod_build lttng-modules
	ok $? "lttng-modules built for the guest kernel"
	mods=$KMOD_BUILDDIR/lttng-modules/src
fi
rel=$(guest_kernel_release)
stage=$T/stage/lib/modules/$rel
mkdir -p "$stage/extra"
find "$mods" -name 'lttng-*.ko' -exec cp {} "$stage/extra/" \;
# libkmod (lttng-sessiond loads modules with it) needs non-empty indexes.
cp /lib/modules/"$rel"/modules.builtin* /lib/modules/"$rel"/modules.order "$stage/"
depmod -b "$T/stage" "$rel" 2>/dev/null

# insmod order: a module after the modules it depends on.
declare -A deps
for m in "$stage"/extra/*.ko; do
	deps[$(basename "$m" .ko)]=$(modinfo -F depends "$m")
done
order=()
while [ ${#order[@]} -lt ${#deps[@]} ]; do
	progress=0
	for m in "${!deps[@]}"; do
		[[ " ${order[*]} " == *" $m "* ]] && continue
		ready=1
		for d in ${deps[$m]//,/ }; do
			[[ " ${order[*]} " == *" $d "* ]] || ready=0
		done
		[ "$ready" -eq 0 ] || { order+=("$m"); progress=1; }
	done
	[ "$progress" -eq 1 ] || break
done
printf '%s\n' "${order[@]}" >"$T/modules.order"

cat >"$T/run.sh" <<'SCRIPT'
mkdir -p /var/run && mount -t tmpfs tmpfs /var/run
echo "tracing:x:999:" >>/etc/group
while read -r m; do
	insmod "/lib/modules/$(uname -r)/extra/$m.ko" 2>/dev/null
done </guest/lttng-modules.order
export RSEQPROF_BUILD=/nonexistent
bash /guest/src/scripts/rseqprof record -o /out/rec -- \
	sh -c 'for i in 1 2 3 4 5 6 7 8; do (i=0; while [ $i -lt 200 ]; do i=$((i + 1)); done) & done; wait; exit 5' \
	>/out/rec.out 2>/out/rec.err
echo $? >/out/rec.status
ps >/out/ps.txt
SCRIPT
args=(-p bash -p lttng -p lttng-sessiond -p "$consumerd" -f "$consumerd:$consumerd"
      -f "$xsd:$xsd" -p realpath -p "$RSEQPROF_BUILD/probes/topology/rseqprof-topology"
      -f "$T/modules.order:/guest/lttng-modules.order")
for f in "$stage"/modules.* "$stage"/extra/*.ko; do
	args+=(-f "$f:/lib/modules/$rel/${f#"$stage"/}")
done
for f in "$RSEQPROF_SRC"/scripts/rseqprof "$RSEQPROF_SRC"/scripts/rseqprof.d/*.sh \
	 "$RSEQPROF_SRC"/scripts/rseqprof.d/lib/*.sh; do
	args+=(-f "$f:/guest/src/${f#"$RSEQPROF_SRC"/}")
done
guest_build_initramfs "$T/initrd" "$T/run.sh" "${args[@]}"
ok $? "initramfs with lttng-tools, lttng-modules and rseqprof"
GUEST_MEM=1024 GUEST_TIMEOUT=240 guest_boot "$T/initrd" "$T/boot"
ok $? "the guest ran"
guest_check_log "$T/boot/console.log"
ok $? "no kernel warning in the guest"

f=$T/boot/files
is "$(cat "$f/rec.status" 2>/dev/null)" 5 "rseqprof exits with the workload's status 5"
[ ! -s "$f/rec.err" ] || sed 's/^/# guest: /' "$f/rec.err"
i=$f/rec/rseqprof.info
is "$(info "$i" tracer)" lttng-kernel "tracer=lttng-kernel"
is "$(info "$i" exit_status)" 5 "exit_status=5"
ok "$([ -f "$f/rec/kernel/metadata" ]; echo $?)" "the kernel trace's metadata sits in DIR/kernel"
event_counts "$f/rec/kernel" "$T/counts"
ok $? "babeltrace2 reads it"
for e in sched_switch sched_process_fork sched_process_free lttng_statedump_process_state; do
	n=$(count_of "$T/counts" "$e")
	case "$e" in
	sched_process_*) want=8 ;;
	*) want=1 ;;
	esac
	ok "$([ "$n" -ge "$want" ]; echo $?)" "$e recorded ($n, at least $want)"
done
if grep -qE 'lttng-(sessiond|consumerd)' "$f/ps.txt"; then
	ok 1 "no session daemon left in the guest"
else
	ok 0 "no session daemon left in the guest"
fi
if [ -d "$RSEQPROF_BUILD/analyses" ]; then
	"$RSEQPROF" report "$f/rec" --variant v3-opt >"$T/report" 2>"$T/report.err"
	st=$?
	ok "$([ "$st" -eq 0 ] && grep -q '^On sched-switch:' "$T/report"; echo $?)" "rseqprof report reads the lttng-modules trace"
	[ "$st" -eq 0 ] || sed 's/^/# /' "$T/report.err"
else
	skip 1 "the babeltrace2 plugin is not built"
fi
done_testing
