#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# fuzz.sh TARGET SECONDS SEEDS REGRESSIONS: run a libFuzzer TARGET on every
# input under REGRESSIONS (inputs that once failed: each must pass now),
# then fuzz it for SECONDS from the SEEDS corpus (copied: the source tree
# is never written).  A finding fails the test and is kept under
# $RSEQPROF_BUILD/fuzz-findings.
set -u
# shellcheck source=tests/tap/tap.sh
. "${TAP_SH:?}"

[ $# -eq 4 ] || { echo "usage: fuzz.sh TARGET SECONDS SEEDS REGRESSIONS" >&2; exit 1; }
target=$1 secs=$2 seeds=$3 regressions=$4
[ -x "$target" ] || plan_skip_all "$(basename "$target") not built (needs clang with libFuzzer: libclang-rt-14-dev)"
name=$(basename "$target")
work=$(mktemp -d "${TMPDIR:-/tmp}/rseqprof-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
findings=${RSEQPROF_BUILD:-$work}/fuzz-findings/$name
mkdir -p "$work/corpus" "$findings"
cp "$seeds"/* "$work/corpus/"
plan_tests 2

mapfile -t inputs < <(find "$regressions" -type f | sort)
if [ ${#inputs[@]} -eq 0 ]; then
	ok 0 "$name: no regression input"
else
	"$target" "${inputs[@]}" >"$work/regress.log" 2>&1
	ok $? "$name: ${#inputs[@]} regression inputs pass" ||
		grep -E "^$name: |ERROR|runtime error|SUMMARY" "$work/regress.log" | head -10 | sed 's/^/# /'
fi

timeout $((secs + 60)) "$target" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 \
	-print_final_stats=1 -artifact_prefix="$findings/" "$work/corpus" >"$work/fuzz.log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log")
ok $status "$name: ${secs}s of fuzzing, ${runs:-?} inputs, no finding" || {
	grep -E "^$name: |ERROR|runtime error|SUMMARY|Test unit written" "$work/fuzz.log" | head -10 | sed 's/^/# /'
	diag "findings kept in $findings"
}
done_testing
