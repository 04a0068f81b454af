# SPDX-License-Identifier: MIT
# kmod.sh - helpers of the kernel module tests (source after tests/guest/guest.sh):
# build rseqprof.ko (and lttng-modules + the rseqprof LTTng probe) for the
# guest kernel, and read /proc/rseqprof_schedstat copies.
# shellcheck shell=bash

# kmod_kerneldir: headers of the guest kernel.
kmod_kerneldir() {
	echo "/lib/modules/$(guest_kernel_release)/build"
}

# kmod_require: guest_require, then a TAP skip (exit 77) without the guest
# kernel's headers.
kmod_require() {
	guest_require
	if [ ! -f "$(kmod_kerneldir)/Makefile" ]; then
		echo "1..0 # SKIP no headers for $(guest_kernel_release) (apt-get install linux-headers-amd64)"
		exit 77
	fi
}

# kmod_workdir NAME: sets $work to a fresh folder, removed at exit unless
# RSEQPROF_KEEP is set (then its path is printed as a TAP comment).
kmod_workdir() {
	work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX") || exit 1
	if [ -n "${RSEQPROF_KEEP:-}" ]; then
		echo "# keeping $work"
	else
		# shellcheck disable=SC2064 # expanded now, on purpose
		trap "rm -rf '$work'" EXIT
	fi
}

# kmod_build modules|lttng: builds rseqprof.ko (with "lttng": also lttng-modules,
# once, and lttng-probe-rseqprof.ko) under $RSEQPROF_BUILD/kmod, serialized
# between concurrent tests.  Sets KMOD_BUILDDIR (the per-kernel build
# folder: rseqprof/rseqprof.ko, lttng-modules/src/..., lttng-probe/...).
kmod_build() {
	local make_args=(-s -C "$RSEQPROF_SRC/kmod" KERNELDIR="$(kmod_kerneldir)"
			 BUILDROOT="$RSEQPROF_BUILD/kmod")
	mkdir -p "$RSEQPROF_BUILD/kmod" || return 1
	# shellcheck disable=SC2034 # for the sourcing test
	KMOD_BUILDDIR=$(make "${make_args[@]}" print-builddir) || return 1
	(
		flock 9
		make "${make_args[@]}" "$1" >"$RSEQPROF_BUILD/kmod/build-$1.log" 2>&1
	) 9>"$RSEQPROF_BUILD/kmod/.lock" || {
		echo "kmod: build failed, see $RSEQPROF_BUILD/kmod/build-$1.log" >&2
		tail -n 20 "$RSEQPROF_BUILD/kmod/build-$1.log" >&2
		return 1
	}
}

# kmod_stat FILE: a copy of /proc/rseqprof_schedstat as "BLOCK GROUP NAME
# COUNT" lines (BLOCK: total, cpu0...; GROUP: sched_switch, release_mm,
# migration, variant, health; NAME: the counter's name in the JSON report,
# e.g. single_threaded, alloc, remove), then "header KEY VALUE" lines.
kmod_stat() {
	awk -F '\t' '
	function key(label) {
		if (label == "single-threaded vcpu-id:") return "single_threaded"
		if (label == "transfer between threads:") return "transfer"
		if (label == "runqueue cache hit:") return "cache_hit"
		if (label == "runqueue cache eviction (bit-clear):") return "cache_evict"
		if (label == "runqueue cache discard (bit-clear):") return "cache_discard"
		if (label == "vcpu-id allocation (bit-set):") return "alloc"
		if (label == "vcpu-id remove (bit-clear):") return "remove"
		sub(/:$/, "", label)
		gsub(/[^A-Za-z0-9]+/, "_", label)
		return label
	}
	NR <= 7 { split($0, kv, " "); print "header", kv[1], kv[2]; next }
	/^(total|cpu[0-9]+)$/ { block = $0; next }
	/^On sched-switch:$/ { group = "sched_switch"; next }
	/^On release mm:$/ { group = "release_mm"; next }
	/^On migration:$/ { group = "migration"; next }
	# Format 2 titles, and those of format 1 (older modules)
	/^(Variant only|Variant paths):$/ { group = "variant"; next }
	/^(Model health|Model table overflow):$/ { group = "health"; next }
	NF >= 4 { print block, group, key($1), $4; next }
	NF == 2 { sub(/:$/, "", $1); print block, group, $1, $2 }
	' "$1"
}

# kmod_count STATLINES BLOCK GROUP NAME: one count from kmod_stat's output.
kmod_count() {
	awk -v b="$2" -v g="$3" -v n="$4" '$1 == b && $2 == g && $3 == n { print $4; f = 1 }
		END { if (!f) print "missing" }' "$1"
}

# kmod_percpu_mismatches STATLINES: counters whose per-CPU rows do not add
# up to the total (one "GROUP NAME total sum" line each).
kmod_percpu_mismatches() {
	awk '$1 == "total" { t[$2 " " $3] = $4 }
	     $1 ~ /^cpu/ { s[$2 " " $3] += $4 }
	     END { for (k in t) if (t[k] != s[k] + 0) print k, t[k], s[k] + 0 }' "$1"
}

# kmod_steps_diag BOOTDIR: TAP comments on the guest's pace and stalls: the
# three slowest steps of BOOTDIR/steps.log (written by guest_step of
# tests/guest/stall-watch.sh) and, for each stall the guest's watch saw,
# the console lines that follow it (backtraces of every CPU, blocked tasks).
kmod_steps_diag() {
	awk 'NR > 1 { printf "%.2f s %s\n", $NF - t, step }
	     { t = $NF; $NF = ""; step = $0 }' "$1/steps.log" 2>/dev/null |
		sort -rn | head -n 3 | sed 's/^/# slowest step: /'
	grep -a -A 40 'guest: stalled at' "$1/console.log" 2>/dev/null |
		tr -d '\r' | head -n 120 | sed 's/^/# /'
}

# kmod_boot_guest TIMEOUT: puts $work/run.sh in an initramfs with perf and
# rseqprof.ko (as /guest/rseqprof.ko), checks (TAP) that it was built, boots
# the guest with GUEST_TIMEOUT (default TIMEOUT s), sets $status to
# guest_boot's, and prints how long the guest ran, its slowest steps and
# stalls (kmod_steps_diag).
kmod_boot_guest() {
	local start
	guest_build_initramfs "$work/initrd" "$work/run.sh" -p perf \
		-f "$KMOD_BUILDDIR/rseqprof/rseqprof.ko:/guest/rseqprof.ko"
	ok $? "initramfs built"
	start=$SECONDS
	GUEST_TIMEOUT=${GUEST_TIMEOUT:-$1} guest_boot "$work/initrd" "$work/boot"
	# shellcheck disable=SC2034 # for the calling test
	status=$?
	diag "guest ran for $((SECONDS - start)) s"
	kmod_steps_diag "$work/boot"
}
