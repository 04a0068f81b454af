#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# check_freestanding.sh: the model compiles as the kernel module compiles it
# and depends on nothing but memset/memcpy.
# - includes only vcid_model.h, vcid_internal.h, vcid_deps.h;
# - builds with -D__KERNEL__ -nostdinc against stand-in kernel headers
#   (tests/model/kstub), -ffreestanding, -Wvla, no FPU registers
#   (-mgeneral-regs-only where the compiler has it);
# - its objects reference no symbol but memset/memcpy and hold no writable
#   global data.
set -u
# shellcheck source-path=SCRIPTDIR source=../tap/tap.sh
. "$TAP_SH"

src=${RSEQPROF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
cc=${CC:-cc}
command -v "$cc" >/dev/null || plan_skip_all "no C compiler ($cc)"
command -v nm >/dev/null || plan_skip_all "nm not found (binutils)"
plan_tests 4

bad=$(grep -h '^#include' "$src"/model/src/*.[ch] "$src"/model/include/vcid_model.h |
	grep -Ev '"(vcid_model|vcid_internal|vcid_deps)\.h"')
is "$bad" "" "model sources include only the model's own headers"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
flags=(-std=gnu11 -O2 -nostdinc -D__KERNEL__ -ffreestanding -fno-common -fno-pic
       -Wall -Wextra -Wvla -Wframe-larger-than=1024 -Werror
       -I"$src/tests/model/kstub" -I"$src/model/include")
if echo 'int x;' | "$cc" -mgeneral-regs-only -x c -c -o /dev/null - 2>/dev/null; then
	flags+=(-mgeneral-regs-only)
fi
status=0
for f in "$src"/model/src/*.c; do
	"$cc" "${flags[@]}" -c "$f" -o "$out/$(basename "$f" .c).o" 2>"$out/err" ||
		{ status=1; sed 's/^/# /' "$out/err"; }
done
ok "$status" "model builds with -D__KERNEL__ -nostdinc, no VLA, no FPU"

defined=$(nm --defined-only "$out"/*.o 2>/dev/null | awk 'NF == 3 { print $3 }' | sort -u)
undefined=$(nm -u "$out"/*.o 2>/dev/null | awk '/ U / { print $2 }' | sort -u)
extra=$(comm -23 <(echo "$undefined") <(echo "$defined") | grep -Evx 'memset|memcpy|')
is "$extra" "" "model objects call nothing but memset/memcpy"

writable=$(nm "$out"/*.o 2>/dev/null | awk '$2 ~ /^[bBdDcC]$/ { print $3 }')
is "$writable" "" "model objects hold no writable global data"
done_testing
