#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The report reads kernel_release from rseqprof.info and names the traced
# kernel's own variant (6.4-6.12 lazy-6.4, 6.13-6.18 lazy-6.13, 6.19+
# owner-6.19, none before 6.3 or for a release it cannot read), marks its
# column and gives its agreement with rseq_update's mm_cid, which equals
# the one the cid section finds on its own.  On tests/data/traces/
# perf-messaging-t, a perf recording of a 6.18.44 kernel (its metadata's
# env.release), and on lab-7.2-thread-churn, where a parent preempted for
# 1.7 ms between a thread's perf_fork and its sched_process_fork made
# owner-6.19 wrong from then on until forks were replayed at perf_fork.
set -uo pipefail
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"
# shellcheck source=tests/analyses/lib.sh
. "$RSEQPROF_SRC/tests/analyses/lib.sh"
# shellcheck source=tests/html/sample.sh
. "$RSEQPROF_SRC/tests/html/sample.sh"

need_tools babeltrace2 jq
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
plan_tests 12

# rec RELEASE: a recording of the sample trace claiming kernel RELEASE.
rec() {
	rm -rf "$tmp/rec"
	sample_recording "$tmp/rec"
	[ -z "$1" ] || echo "kernel_release=$1" >>"$tmp/rec/rseqprof.info"
	echo "$tmp/rec"
}

# own RELEASE: the variant the JSON report names for RELEASE, or "none".
own() {
	"$RSEQPROF" report "$(rec "$1")" --section schedstat --format json 2>/dev/null |
		jq -r '.kernel.variant // "none"'
}

is "$(own 6.12.95+deb12-amd64)" lazy-6.4 "6.12: lazy-6.4"
is "$(own 6.4.0)" lazy-6.4 "6.4: lazy-6.4"
is "$(own 6.13.2)" lazy-6.13 "6.13: lazy-6.13"
is "$(own 7.2.13+deb14-amd64)" owner-6.19 "7.2: owner-6.19"
is "$(own 6.1.0-57-amd64)" none "6.1 (no mm_cid): none"

"$RSEQPROF" report "$(rec weird)" --section schedstat >"$tmp/weird.txt" 2>&1
ok "$(grep -qx 'Kernel weird: not a MAJOR.MINOR release, no variant is its own' \
	"$tmp/weird.txt"; echo $?)" "an unreadable release is said so"
"$RSEQPROF" report "$(rec '')" --section schedstat >"$tmp/none.txt" 2>&1
ok "$(! grep -q '^Kernel ' "$tmp/none.txt"; echo $?)" "no kernel_release: no kernel line"

dir=$(rec 6.18.44-fc-v669)
"$RSEQPROF" report "$dir" --section schedstat >"$tmp/own.txt" 2>&1
ok "$(grep -Eq '^Kernel 6.18.44-fc-v669: its own variant is lazy-6.13, which gives [0-9.]+ % of its [0-9]+ rseq_update mm_cids \(column marked \*\)$' \
	"$tmp/own.txt" && grep -q ' lazy-6.13 \* ' "$tmp/own.txt"; echo $?)" \
	"6.18: the header names lazy-6.13 and its column is marked" ||
	grep '^Kernel' "$tmp/own.txt" | sed 's/^/# /'

# The schedstat section's agreement, against the cid section's own
# model validation, for the process with the most rseq_update events.
pid=$("$RSEQPROF" report "$dir" --section cid 2>/dev/null |
	awk '$1 == "kernel" && $3 ~ /^[0-9]+$/ && $3 + 0 > max { max = $3 + 0; pid = $2 }
	     END { print pid }')
"$RSEQPROF" report "$dir" --section schedstat --pid "${pid:-0}" --format json \
	-o "$tmp/own.json" 2>/dev/null
got=$(jq -r '.variants["lazy-6.13"].rseq_update | "\(.agree) \(.events)"' "$tmp/own.json")
want=$("$RSEQPROF" report "$dir" --section cid --pid "${pid:-0}" 2>/dev/null |
	awk '/^Model validation: / { ev = $3; on = 1; next }
	     on && $1 == "lazy-6.13" { print $2, ev; exit }')
ok "$([ -n "$want" ] && [ "$got" = "$want" ]; echo $?)" \
	"lazy-6.13 agreement of process ${pid:-?}: schedstat $got == cid section ${want:-none}"
is "$(jq -r '.kernel.release' "$tmp/own.json")" 6.18.44-fc-v669 "JSON: the release"

# agreement [OPTION...]: owner-6.19's "AGREE EVENTS" on the 7.2 recording.
agreement() {
	"$RSEQPROF" report "$RSEQPROF_SRC/tests/data/traces/lab-7.2-thread-churn" \
		--section schedstat --variant owner-6.19 --format json "$@" 2>/dev/null |
		jq -r '.variants["owner-6.19"].rseq_update | "\(.agree) \(.events)"'
}
is "$(agreement)" "741 741" "7.2 thread churn: owner-6.19 gives every mm_cid (forks at perf_fork)"
got=$(agreement --fork-at sched_process_fork)
ok "$([ "${got%% *}" -lt 700 ] 2>/dev/null; echo $?)" \
	"7.2 thread churn, forks at sched_process_fork: owner-6.19 falls behind (${got:-none})"
done_testing
