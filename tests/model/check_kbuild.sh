#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# check_kbuild.sh: the model sources build as a kernel module (Kbuild,
# -Werror) against the installed kernel headers, with a stub module that
# calls the model.  Skips when no kernel build tree is installed.
set -u
# shellcheck source-path=SCRIPTDIR source=../tap/tap.sh
. "$TAP_SH"

src=${RSEQPROF_SRC:-$(cd "$(dirname "$0")/../.." && pwd)}
kdir=/lib/modules/$(uname -r)/build
if [ ! -f "$kdir/Makefile" ]; then
	kdir=
	for d in /lib/modules/*/build; do
		[ -f "$d/Makefile" ] && kdir=$d
	done
fi
[ -n "$kdir" ] || plan_skip_all "no kernel build tree in /lib/modules/*/build (linux-headers)"
command -v make >/dev/null || plan_skip_all "make not found"
plan_tests 1

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cp "$src"/model/src/*.[ch] "$src"/model/include/*.h "$out"/
cat >"$out/vcid_kbuild_main.c" <<'EOC'
// SPDX-License-Identifier: MIT OR GPL-2.0-only
#include <linux/module.h>
#include "vcid_model.h"

static int __init vcid_kbuild_init(void)
{
	struct vcid_config cfg;

	vcid_config_default(&cfg, VCID_V3_OPT, 4);
	return vcid_model_size(&cfg) ? 0 : -EINVAL;
}

static void __exit vcid_kbuild_exit(void)
{
}

module_init(vcid_kbuild_init);
module_exit(vcid_kbuild_exit);
MODULE_LICENSE("Dual MIT/GPL");
EOC
objs=
for f in "$out"/vcid_*.c; do
	objs="$objs $(basename "$f" .c).o"
done
printf 'obj-m := vcid_kbuild.o\nvcid_kbuild-y := %s\nccflags-y := -Werror\n' "$objs" >"$out/Kbuild"
make -C "$kdir" M="$out" modules >"$out/log" 2>&1
status=$?
[ -f "$out/vcid_kbuild.ko" ] || status=1
ok "$status" "model builds as a kernel module against $(basename "$(dirname "$kdir")")"
[ "$status" -eq 0 ] || tail -n 30 "$out/log" | sed 's/^/# /'
done_testing
