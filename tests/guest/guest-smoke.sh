#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# guest-smoke.sh - the guest infrastructure itself: guest_check_log on
# hand-written logs, then one boot that runs a script, brings its files
# back and reports its exit status.
set -u
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"
# shellcheck source=tests/guest/guest.sh
. "$RSEQPROF_SRC/tests/guest/guest.sh"

guest_require
plan_tests 9

work=$(mktemp -d "${TMPDIR:-/tmp}/guest-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT

printf '[    1.0] ok\n[    2.0] reboot: Power down\n' >"$work/clean.log"
printf '[    1.0] WARNING: CPU: 1 PID: 7 at kernel/x.c:1 f+0x1/0x2\n' >"$work/warn.log"
printf '[    1.0] BUG: kernel NULL pointer dereference, address: 0\n' >"$work/bug.log"
guest_check_log "$work/clean.log"
ok $? "guest_check_log accepts a clean log"
guest_check_log "$work/warn.log" 2>/dev/null
ok $((!$?)) "guest_check_log rejects a WARNING"
guest_check_log "$work/bug.log" 2>/dev/null
ok $((!$?)) "guest_check_log rejects a BUG"

cat >"$work/run.sh" <<'SCRIPT'
uname -r >release
cat /sys/devices/system/node/online >nodes
nproc >cpus
mkdir sub && echo payload >sub/file
grep -c . /etc/guest/modules >modules
exit 3
SCRIPT
guest_build_initramfs "$work/initrd" "$work/run.sh"
ok $? "initramfs built"

GUEST_SMP=2 GUEST_NODES=2 GUEST_TIMEOUT=60 guest_boot "$work/initrd" "$work/boot"
is "$?" 3 "guest_boot returns the guest script's exit status"
is "$(cat "$work/boot/files/release" 2>/dev/null)" "$(guest_kernel_release)" \
	"guest ran the requested kernel"
is "$(cat "$work/boot/files/nodes" 2>/dev/null)" "0-1" "guest has two NUMA nodes"
is "$(cat "$work/boot/files/sub/file" 2>/dev/null)" payload \
	"files written in the guest come back"
guest_check_log "$work/boot/console.log"
ok $? "guest console log has no Oops/WARNING/BUG/panic"
done_testing
