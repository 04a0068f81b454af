#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# record-shellcheck.sh - every shell script under scripts/ and tests/record/
# passes shellcheck -x.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
command -v shellcheck >/dev/null || plan_skip_all "shellcheck not installed"

mapfile -t files < <(
	cd "$RSEQPROF_SRC" &&
	find scripts tests/record -type f \( -name '*.sh' -o -perm -u+x \) |
	while read -r f; do
		case "$f" in
		*.sh) echo "$f" ;;
		*) head -n 1 "$f" | grep -qE '^#!.*\b(ba)?sh\b' && echo "$f" ;;
		esac
	done | sort
)
plan_tests ${#files[@]}
for f in "${files[@]}"; do
	(cd "$RSEQPROF_SRC" && shellcheck -x "$f") >"$T/sc" 2>&1
	ok $? "shellcheck -x $f"
	[ ! -s "$T/sc" ] || sed 's/^/# /' "$T/sc"
done
done_testing
