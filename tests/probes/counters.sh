#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# counters.sh - the per-vcpu counter workload: every layout's total equals
# the increments, and an array indexed by mm_cid needs fewer slots than one
# indexed by cpu_id when the process is pinned to the last CPU, whether it
# has one thread or several; also with the library's own rseq area.
# shellcheck source=tests/tap/tap.sh
. "${TAP_SH:?}"

prog=$RSEQPROF_BUILD/tests/probes/rseqprof-counters
# the highest CPU this test may run on
last=$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' /proc/self/status | tr -s ',-' '\n' | sort -n | tail -n 1)
[ "${last:-0}" -ge 1 ] || plan_skip_all "only CPU 0 allowed: cpu_id and mm_cid arrays are the same size"
command -v taskset >/dev/null || plan_skip_all "taskset not installed"
plan_tests 13

# field LINE KEY: the value of KEY=... in a key=value line
field() {
	sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"
}

# check_totals OUTPUT WHAT: every mode's total equals its increments
check_totals() {
	local line bad=0
	while read -r line; do
		[ "$(field "$line" total)" = "$(field "$line" increments)" ] || bad=1
	done <<<"$1"
	[ -n "$1" ] && [ "$bad" = 0 ]
	ok $? "$2: every total equals the increments"
}

for threads in 1 4; do
	out=$(taskset -c "$last" "$prog" -t "$threads" -n 200000 -m mm_cid,cpu_id)
	ok $? "$threads thread(s) on CPU $last: runs"
	cid=$(grep '^mode=mm_cid' <<<"$out")
	cpu=$(grep '^mode=cpu_id' <<<"$out")
	is "$(field "$cid" slots_needed)" 1 "$threads thread(s) on CPU $last: an mm_cid array needs 1 slot"
	is "$(field "$cpu" slots_needed)" $((last + 1)) \
		"$threads thread(s) on CPU $last: a cpu_id array needs $((last + 1)) slots"
	check_totals "$out" "$threads thread(s) on CPU $last"
done

out=$("$prog" -t 4 -n 200000 -m all)
check_totals "$out" "4 threads, all layouts, unpinned"
is "$(grep -c '^mode=' <<<"$out")" 4 "4 layouts reported"

out=$(GLIBC_TUNABLES=glibc.pthread.rseq=0 "$prog" -t 3 -n 200000 -m mm_cid,cpu_id)
check_totals "$out" "3 threads, rseq area registered by rseqprof (glibc.pthread.rseq=0)"
is "$(field "$(head -1 <<<"$out")" rseq_owner)" self "the area is rseqprof's own"

err=$("$prog" -t 0 2>&1 >/dev/null)
[ $? = 2 ] && grep -q "1..4096 threads" <<<"$err"
ok $? "-t 0 is refused with a one-line reason: $err"

done_testing
