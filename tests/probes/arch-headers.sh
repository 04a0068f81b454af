#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# arch-headers.sh - the rseq critical sections assemble for every supported
# architecture (x86_64 runs in the other tests; aarch64 is cross-compiled
# with clang, not run) and an unsupported one stops at the #error.
# shellcheck source=tests/tap/tap.sh
. "${TAP_SH:?}"

command -v clang >/dev/null || plan_skip_all "clang not installed (cross-compiling check)"
plan_tests 3
inc=$RSEQPROF_SRC/probes/rseq/include
src=$RSEQPROF_SRC/tests/probes/arch-check.c
obj=$(mktemp)
trap 'rm -f "$obj"' EXIT

cc_for() {
	clang --target="$1" -ffreestanding -fPIC -O2 -Wall -Wextra -Werror \
		-I "$inc" -c "$src" -o "$obj" 2>&1
}

out=$(cc_for x86_64-linux-gnu)
ok $? "x86_64 critical sections assemble $out"
out=$(cc_for aarch64-linux-gnu)
ok $? "aarch64 critical sections assemble $out"
if out=$(cc_for riscv64-linux-gnu); then
	ok 1 "riscv64 stops at arch.h's #error (it compiled)"
else
	grep -q "no rseq critical sections for this architecture" <<<"$out"
	ok $? "riscv64 stops at arch.h's #error"
fi

done_testing
