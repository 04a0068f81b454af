#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# guest-stall.sh - what a stuck guest leaves on the host.  A module
# (tests/guest/hang/guest_hang.c) hangs the guest on purpose:
# - with interrupts off on every CPU, which no kernel detector can see: the
#   harness must stop it at its time limit with the step it was in, every
#   vCPU's state (QEMU's monitor) and a backtrace (the NMI it injects);
# - as a soft lockup: the kernel's own detector must panic the guest
#   (softlockup_panic on the command line) with a backtrace, long before
#   the host's limit.
set -u
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"
# shellcheck source=tests/guest/guest.sh
. "$RSEQPROF_SRC/tests/guest/guest.sh"

guest_require
kdir=/lib/modules/$(guest_kernel_release)/build
if [ ! -f "$kdir/Makefile" ]; then
	echo "1..0 # SKIP no headers for $(guest_kernel_release) (apt-get install linux-headers-amd64)"
	exit 77
fi
plan_tests 11

work=$(mktemp -d "${TMPDIR:-/tmp}/guest-stall.XXXXXX")
trap 'rm -rf "$work"' EXIT

mkdir "$work/mod" &&
	cp "$RSEQPROF_SRC/tests/guest/hang/guest_hang.c" "$RSEQPROF_SRC/tests/guest/hang/Kbuild" "$work/mod/" &&
	make -s -C "$kdir" M="$work/mod" modules >"$work/build.log" 2>&1
ok $? "guest_hang.ko builds for $(guest_kernel_release)" || {
	sed 's/^/# /' "$work/build.log"
	done_testing
}

# hang MODE: boots a guest that loads guest_hang.ko mode=MODE; sets $status
# (guest_boot's), $took (seconds) and leaves guest_boot's evidence (its
# standard error) in $work/MODE.err.
hang() {
	local start=$SECONDS
	cat >"$work/run-$1.sh" <<SCRIPT
. /guest/stall-watch.sh
guest_step "insmod guest_hang mode=$1"
insmod /guest/guest_hang.ko mode=$1
guest_step "insmod returned"
SCRIPT
	guest_build_initramfs "$work/initrd-$1" "$work/run-$1.sh" \
		-f "$work/mod/guest_hang.ko:/guest/guest_hang.ko" || return 1
	guest_boot "$work/initrd-$1" "$work/boot-$1" 2>"$work/$1.err"
	status=$?
	took=$((SECONDS - start))
}

# console_has MODE PATTERN: the guest's console shows PATTERN.
console_has() {
	tr -d '\r' <"$work/boot-$1/console.log" | grep -q -- "$2"
}

# show MODE: the evidence, as TAP comments, when a check failed.
show() {
	sed 's/^/# /' "$work/$1.err"
}

GUEST_TIMEOUT=30 hang irqoff
is "$status" 124 "interrupts off everywhere: the host stops the guest at its limit" || show irqoff
grep -q '^# insmod guest_hang mode=irqoff ' "$work/irqoff.err"
ok $? "the evidence names the step the guest was in" || show irqoff
# One line per vCPU, each with interrupts off (RFL bit 9 clear).
vcpus=0 off=0
while read -r rfl; do
	vcpus=$((vcpus + 1))
	[ $((0x$rfl & 0x200)) -eq 0 ] && off=$((off + 1))
done < <(sed -n 's/^# CPU#[0-9]* RIP=[0-9a-f]* RFL=\([0-9a-f]*\).*/\1/p' "$work/irqoff.err")
is "$vcpus $off" "2 2" "the evidence has both vCPUs' state, interrupts off" || show irqoff
console_has irqoff 'Kernel panic - not syncing: NMI'
ok $? "the injected NMI panicked the guest" || show irqoff
console_has irqoff 'guest_hang_irqoff_spin'
ok $? "its backtrace shows where the guest was stuck (guest_hang_irqoff_spin)" || show irqoff
grep -q 'guest_hang_irqoff_spin' "$work/irqoff.err"
ok $? "the backtrace is in the test's own output" || show irqoff

GUEST_TIMEOUT=120 GUEST_APPEND="watchdog_thresh=2" hang softlockup
is "$status" 125 "soft lockup: the guest panicked without reporting a status" || show softlockup
[ "$took" -lt 120 ] && [ ! -s "$work/boot-softlockup/stall.txt" ]
ok $? "the kernel stopped it ($took s), the host did not have to" || show softlockup
console_has softlockup 'BUG: soft lockup'
ok $? "the soft lockup detector reported it" || show softlockup
console_has softlockup 'guest_hang_softlockup_spin'
ok $? "with a backtrace of the spinning CPU (guest_hang_softlockup_spin)" || show softlockup
done_testing
