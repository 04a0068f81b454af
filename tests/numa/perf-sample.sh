#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# perf-sample.sh - the migration and numa sinks on a real perf trace of
# this one-node, 2-CPU host (tests/data/traces/perf-messaging-t: perf bench
# sched messaging -t): every migration is counted and stays on the node,
# and with one node no variant can move an id to another node.
set -u
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"

command -v babeltrace2 >/dev/null || plan_skip_all "babeltrace2 not installed"
trace=$RSEQPROF_SRC/tests/data/traces/perf-messaging-t
plugin=$RSEQPROF_BUILD/analyses
work=$(mktemp -d "${TMPDIR:-/tmp}/numa-sample.XXXXXX")
trap 'rm -rf "$work"' EXIT
plan_tests 6

want=$(babeltrace2 "$trace" | grep -c ' sched:sched_migrate_task: ')
babeltrace2 --plugin-path="$plugin" "$trace" -c sink.rseqprof.migration \
	-p 'cpu-to-node="0,0",format="csv"' >"$work/mig.csv"
ok $? "migration report on the perf sample"
is "$(sed -n 's/^migrations,,migrations,\([0-9]*\),.*/\1/p' "$work/mig.csv")" "$want" \
	"all $want sched_migrate_task events counted"
is "$(awk -F, '$1 == "migration_matrix" { n += $4 } END { print n + 0 }' "$work/mig.csv")" \
	"$want" "the CPU matrix holds every migration"
is "$(sed -n 's/^migrations,,cross_node,\([0-9]*\),.*/\1/p' "$work/mig.csv")" 0 \
	"one node: no cross-node migration"

babeltrace2 --plugin-path="$plugin" "$trace" -c sink.rseqprof.numa \
	-p 'cpu-to-node="0,0",format="csv"' >"$work/numa.csv"
ok $? "numa report on the perf sample"
is "$(awk -F, '$1 == "numa" && ($3 == "violations" || $3 == "remote_runs") { n += $4 }
	       $1 == "numa" && $3 == "runs" { r += $4 }
	       END { print n + 0, (r > 0) }' "$work/numa.csv")" "0 1" \
	"one node: runs seen, no violation and no remote run in any variant"
done_testing
