#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run_fuzz.sh FUZZER: a short bounded run of the model's libFuzzer target.
# FUZZ_MODEL_RUNS overrides the number of inputs (default 20000).
set -u
# shellcheck source-path=SCRIPTDIR source=../tap/tap.sh
. "$TAP_SH"

fuzzer=$1
[ -x "$fuzzer" ] || plan_skip_all "no libFuzzer build (clang not found at configure time)"
plan_tests 1
log=$(mktemp)
corpus=$(mktemp -d)
trap 'rm -rf "$log" "$corpus"' EXIT
"$fuzzer" -runs="${FUZZ_MODEL_RUNS:-20000}" -max_total_time=40 -seed=1 \
	-max_len=2048 "$corpus" >"$log" 2>&1
status=$?
ok "$status" "fuzz_model: $(grep -Eo 'Done [0-9]+ runs' "$log" || echo "failed") without a broken invariant"
[ "$status" -eq 0 ] || tail -n 30 "$log" | sed 's/^/# /'
done_testing
