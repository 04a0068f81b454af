# SPDX-License-Identifier: MIT
# summary: tell what this machine offers for recording (rseq, mm_cid, tracers, NUMA, QEMU)
# check.sh - `rseqprof check`: one line per capability, what to do when one
# is missing; exit 0 when `rseqprof record` can record something here.
# shellcheck shell=bash

# shellcheck source=SCRIPTDIR/lib/info.sh
. "$RSEQPROF_LIBEXEC/lib/info.sh"
# shellcheck source=SCRIPTDIR/lib/kernel-events.sh
. "$RSEQPROF_LIBEXEC/lib/kernel-events.sh"
# shellcheck source=SCRIPTDIR/lib/lttng.sh
. "$RSEQPROF_LIBEXEC/lib/lttng.sh"
# shellcheck source=SCRIPTDIR/lib/perf.sh
. "$RSEQPROF_LIBEXEC/lib/perf.sh"
# shellcheck source=SCRIPTDIR/lib/tools.sh
. "$RSEQPROF_LIBEXEC/lib/tools.sh"

usage_check() {
	cat <<'USAGE'
usage: rseqprof check

One line per capability this machine offers rseqprof, with what to do when
one is missing: root, rseq registered by glibc (and its size), mm_cid, the
kernel tracer (lttng-modules) or the perf fallback, tracefs and the kernel
events, LTTng user-space tracing, babeltrace2, NUMA nodes (libnuma), QEMU
for the kernel module tests.  The last line says what `rseqprof record` can
record here.  Exit status: 0 when it can record something, 1 otherwise.
USAGE
}

# check_line STATE NAME TEXT: one result line (STATE: ok, warn or missing).
check_line() {
	printf '%-8s %-14s %s\n' "$1" "$2" "$3"
}

# check_probe VAR NAME TOOL: run the probe TOOL (probes/topology) into a
# new temporary file named in VAR; false after a "missing" line NAME when
# it is not built.
check_probe() {
	local -n _out=$1
	local tool
	if ! tool=$(rseqprof_tool "$3" probes/topology); then
		check_line missing "$2" "$3 is not built: run scripts/build"
		return 1
	fi
	_out=$(mktemp)
	"$tool" >"$_out" 2>/dev/null
}

# check_rseq: glibc's rseq registration and mm_cid, from rseqprof-check.
check_rseq() {
	local facts
	check_probe facts rseq rseqprof-check || return 0
	if [ "$(info_get "$facts" rseq_registered)" = 1 ]; then
		check_line ok rseq "registered by glibc: __rseq_size $(info_get "$facts" rseq_size), __rseq_offset $(info_get "$facts" rseq_offset), AT_RSEQ_FEATURE_SIZE $(info_get "$facts" rseq_feature_size), AT_RSEQ_ALIGN $(info_get "$facts" rseq_align)"
	else
		check_line warn rseq "glibc did not register rseq (__rseq_size $(info_get "$facts" rseq_size)): unset GLIBC_TUNABLES=glibc.pthread.rseq=0 or use glibc >= 2.35; the preload probe then registers its own area"
	fi
	if [ "$(info_get "$facts" mm_cid)" = 1 ]; then
		check_line ok mm_cid "the kernel fills mm_cid (now cpu_id $(info_get "$facts" cpu_id), mm_cid $(info_get "$facts" mm_cid_value))"
	elif [ "$(info_get "$facts" rseq_feature_size)" -ge 28 ]; then
		check_line warn mm_cid "the kernel offers it (AT_RSEQ_FEATURE_SIZE $(info_get "$facts" rseq_feature_size)) but glibc's area is not registered: the preload probe registers its own"
	else
		check_line warn mm_cid "not offered (AT_RSEQ_FEATURE_SIZE $(info_get "$facts" rseq_feature_size) < 28: Linux < 6.3): the analyses replay the model; real mm_cid values need Linux >= 6.3"
	fi
	rm -f "$facts"
}

# check_kernel_tracing: root, tracers, tracefs; prints nothing else and
# returns 0 when kernel events can be recorded.
check_kernel_tracing() {
	local root=0 tracer='' e missing=() have=()

	if [ "$(id -u)" -eq 0 ]; then
		root=1
		check_line ok root "running as root: kernel events can be recorded"
	else
		check_line warn root "not root: kernel events need root; run rseqprof record as root (user space only otherwise)"
	fi
	if lttng_kernel_tracer_installed; then
		check_line ok lttng-modules "LTTng kernel tracer installed (rseqprof record uses it; no rseq_update event there)"
		tracer=lttng
	else
		check_line warn lttng-modules "LTTng kernel tracer not loaded (no lttng-modules, or CONFIG_MODULES off): perf is the fallback"
	fi
	if perf_usable && [ -n "$(perf_ctf_missing)" ]; then
		check_line missing perf "$(perf_ctf_missing): it cannot be the fallback; use lttng-modules, or a perf built with babeltrace"
	elif perf_usable; then
		check_line ok perf "$(perf version 2>/dev/null | head -n 1): records the kernel events when lttng-modules is missing"
		[ -n "$tracer" ] || tracer=perf
	else
		check_line missing perf "perf does not run for kernel $(uname -r): apt-get install linux-perf"
	fi
	if [ "$root" -eq 0 ] && ! tracefs_find; then
		check_line warn tracefs "not readable as non-root (kernel events need root anyway)"
	elif tracefs_find; then
		for e in "${KERNEL_SCHED_EVENTS[@]/#/sched:}" "rseq:$KERNEL_RSEQ_EVENT"; do
			if tracefs_has_event "$e"; then
				have+=("${e#*:}")
			else
				missing+=("$e")
			fi
		done
		if [ ${#missing[@]} -eq 0 ]; then
			check_line ok tracefs "$TRACEFS: ${have[*]}"
		else
			check_line warn tracefs "$TRACEFS lacks ${missing[*]}: recorded without them (rseq_update needs Linux >= 6.3 for mm_cid)"
		fi
	else
		check_line missing tracefs "not mounted: as root, mount -t tracefs nodev /sys/kernel/tracing"
		[ "$tracer" != perf ] || tracer=''
	fi
	[ "$root" -eq 1 ] && [ -n "$tracer" ]
}

# check_user_space: LTTng-UST recording and babeltrace2; returns 0 when
# user-space events can be recorded.
check_user_space() {
	local ok=0 formats writes=
	if lttng_installed; then
		if lttng_chooses_format; then
			writes="CTF 2 by default (its session daemon's; record --trace-format ctf-1.8 for CTF 1.8)"
		else
			writes="CTF 1.8 only"
		fi
		check_line ok lttng "$(lttng --version 2>/dev/null | head -n 1): user-space sessions (--ust, --preload), writes $writes"
	else
		check_line missing lttng "lttng-tools not installed: apt-get install lttng-tools liblttng-ust-dev"
		ok=1
	fi
	if command -v babeltrace2 >/dev/null; then
		if bt2_reads_ctf2; then
			formats="CTF 1.8 and CTF 2"
		else
			formats="CTF 1.8 only (CTF 2 needs babeltrace2 2.1)"
		fi
		check_line ok babeltrace2 "$(babeltrace2 --version 2>/dev/null | head -n 1): reads the recordings (rseqprof report), $formats"
		case "$writes" in
		"CTF 2"*)
			bt2_reads_ctf2 ||
				check_line warn trace-format "LTTng writes CTF 2 by default, which this babeltrace2 cannot read: record with --trace-format ctf-1.8, or install babeltrace2 2.1 or later"
			;;
		esac
	else
		check_line missing babeltrace2 "not installed: apt-get install babeltrace2"
	fi
	return "$ok"
}

# check_numa: the topology rseqprof record stores.
check_numa() {
	local topo
	check_probe topo numa rseqprof-topology || return 0
	check_line ok numa "$(info_get "$topo" nr_nodes) node(s), $(info_get "$topo" nr_cpus) CPUs, cpu_to_node=$(info_get "$topo" cpu_to_node)$(
		[ "$(info_get "$topo" nr_nodes)" -gt 1 ] ||
		echo " (one node: NUMA reports are trivial here; the QEMU guest gives several)")"
	rm -f "$topo"
}

# check_qemu: what the kernel module tests need.
check_qemu() {
	local kernels
	if ! command -v qemu-system-x86_64 >/dev/null; then
		check_line missing qemu "qemu-system-x86_64 not installed (module tests skip): apt-get install qemu-system-x86 busybox-static cpio linux-image-amd64 linux-headers-amd64"
		return 0
	fi
	kernels=$(find /boot -maxdepth 1 -name 'vmlinuz-*' -printf '%f ' 2>/dev/null)
	if [ -z "$kernels" ]; then
		check_line missing qemu "no guest kernel in /boot: apt-get install linux-image-amd64 linux-headers-amd64"
	else
		check_line ok qemu "qemu-system-x86_64 (the module tests use TCG); guest kernels: ${kernels% }"
	fi
}

cmd_check() {
	local kernel=0 user=0

	[ $# -eq 0 ] || usage_error check "takes no arguments"
	check_rseq
	check_kernel_tracing && kernel=1
	check_user_space && user=1
	check_numa
	check_qemu
	if [ "$kernel" -eq 1 ]; then
		check_line ok recording "kernel events$([ "$user" -eq 1 ] && echo " and user space")"
	elif [ "$user" -eq 1 ]; then
		check_line warn recording "user space only (see the lines above to record kernel events)"
	else
		check_line missing recording "nothing can be recorded: install linux-perf and lttng-tools, run as root"
		return 1
	fi
}
