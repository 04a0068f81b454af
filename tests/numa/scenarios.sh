#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# scenarios.sh - sink.rseqprof.migration and sink.rseqprof.numa on
# hand-built scenarios (tests/numa/scenarios/*.txt, recorded as real LTTng
# traces by tests/analyses/record-scenario.sh), compared with the expected
# CSV reports under tests/data/migration and tests/data/numa, whose counts
# were computed by hand for the four variants (see each scenario's comments).
set -u
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"

src=$RSEQPROF_SRC
plugin=$RSEQPROF_BUILD/analyses
variants="v3-noopt,v3-opt,lazy-6.13,v3-numa"
scenarios="cross-node:0,0,1,1 same-node-reuse:0,0,1,1 node-out-of-ids:0,0,2,2
exec-new-life:0,0,1,1"

command -v babeltrace2 >/dev/null || plan_skip_all "babeltrace2 not installed"
work=$(mktemp -d "${TMPDIR:-/tmp}/numa-scenarios.XXXXXX")
trap 'rm -rf "$work"' EXIT

# report COMPONENT TRACE TOPOLOGY [FORMAT]: the sink's report on stdout.
report() {
	babeltrace2 --plugin-path="$plugin" "$2" -c "sink.rseqprof.$1" \
		-p "cpu-to-node=\"$3\",variants=\"$variants\",format=\"${4:-csv}\""
}

# The first recording tells whether LTTng can run here at all.
first=${scenarios%% *}
RSEQPROF_BUILD=$RSEQPROF_BUILD "$src/tests/analyses/record-scenario.sh" \
	"$src/tests/numa/scenarios/${first%%:*}.txt" "$work/${first%%:*}" \
	>/dev/null 2>"$work/record.err"
case $? in
0) ;;
77) plan_skip_all "cannot record scenarios: $(tail -n 1 "$work/record.err")" ;;
*) echo "Bail out! recording ${first%%:*} failed: $(tail -n 1 "$work/record.err")"; exit 1 ;;
esac

plan_tests 24

for s in $scenarios; do
	name=${s%%:*}
	topo=${s#*:}
	if [ ! -d "$work/$name" ]; then
		RSEQPROF_BUILD=$RSEQPROF_BUILD "$src/tests/analyses/record-scenario.sh" \
			"$src/tests/numa/scenarios/$name.txt" "$work/$name" >/dev/null
		ok $? "$name: scenario recorded"
	else
		ok 0 "$name: scenario recorded"
	fi
	trace=$work/$name/trace
	# duration_ns is real time: the only value that is not the scenario's.
	report migration "$trace" "$topo" | grep -v ',duration_ns,' >"$work/$name.mig.csv"
	is_file "$work/$name.mig.csv" "$src/tests/data/migration/$name.csv" \
		"$name: migration report equals the hand-computed one"
	report numa "$trace" "$topo" >"$work/$name.numa.csv"
	is_file "$work/$name.numa.csv" "$src/tests/data/numa/$name.csv" \
		"$name: numa report equals the hand-computed one"
done

# Text and JSON carry the same figures as the CSV.
trace=$work/cross-node/trace
report numa "$trace" 0,0,1,1 text >"$work/numa.txt"
grep -qE '^  v3-numa +0 +0 +0/5 +4 +1 +0 +0$' "$work/numa.txt" &&
	grep -qE '^  lazy-6.13 +2 +2 +3/5 +- +- +- +-$' "$work/numa.txt"
ok $? "text numa report: v3-numa no violation, reuse 4, new 1; lazy-6.13 2 violations"
report migration "$trace" 0,0,1,1 json >"$work/mig.json"
# The emitter indents two spaces per level: top-level members at two.
grep -qx '  "migrations": 3,' "$work/mig.json" &&
	grep -qx '  "cross_node": 2,' "$work/mig.json" &&
	[ "$(sed -n '/^  "matrix": {/,/^  }/p' "$work/mig.json" | grep -c '": 1')" = 3 ] &&
	grep -qx '    "3->2": 1' "$work/mig.json"
ok $? "json migration report: totals and matrix"

# The mapping over time (JSON), v3-noopt of mm 100: id 0 first on node 0,
# id 1 first on node 1, then id 0 moves to node 1 and id 1 to node 0.
report numa "$trace" 0,0,1,1 json >"$work/numa.json"
mapping=$(awk '/"mms": \{/ { m = 1 }
	m && /"v3-noopt": \{/ { v = 1 }
	v && /"(id|from|to)":/ { gsub(/[",]/, ""); printf "%s%s", $2, ($1 == "to:" ? ";" : " ") }
	v && /"mapping_dropped"/ { exit }' "$work/numa.json")
is "$mapping" "0 null 0;1 null 1;0 0 1;1 1 0;" \
	"json numa report: v3-noopt mapping over time (id from to)"

# Without the trace's topology the NUMA report refuses to run.
babeltrace2 --plugin-path="$plugin" "$trace" -c sink.rseqprof.numa \
	>"$work/out" 2>"$work/err"
status=$?
[ $status -ne 0 ] && grep -q 'no topology: give the trace.s cpu-to-node' "$work/err"
ok $? "numa without cpu-to-node: error naming the missing topology (status $status)"

# The migration report without topology states it and counts no node.
babeltrace2 --plugin-path="$plugin" "$trace" -c sink.rseqprof.migration \
	-p 'format="json"' >"$work/notopo.json" 2>"$work/err"
grep -qx '  "topology": null,' "$work/notopo.json" &&
	grep -qx '  "cross_node": null,' "$work/notopo.json" &&
	grep -qx '  "migrations": 3,' "$work/notopo.json"
ok $? "migration without cpu-to-node: 3 migrations, cross-node null"

# A malformed topology is refused.
babeltrace2 --plugin-path="$plugin" "$trace" -c sink.rseqprof.migration \
	-p 'cpu-to-node="0,x"' >"$work/out" 2>"$work/err"
status=$?
[ $status -ne 0 ] && grep -q "bad cpu-to-node '0,x'" "$work/err"
ok $? "migration with a malformed cpu-to-node: error (status $status)"

# Filters as the schedstat sink: only thread 201 of same-node-reuse (its
# migration 1->0 on node 0; v3-opt frees its cached id 1, it comes back
# with the id 0 cached on CPU 0; v3-noopt: its two runs, ids 1 and 0, on
# node 0).
trace201=$work/same-node-reuse/trace
babeltrace2 --plugin-path="$plugin" "$trace201" -c sink.rseqprof.migration \
	-p 'cpu-to-node="0,0,1,1",tid=201,variants="v3-opt",format="csv"' |
	grep -E '^migrations,' | grep -v ',duration_ns,' | tr '\n' ' ' >"$work/tid.txt"
is "$(cat "$work/tid.txt")" "migrations,,bad_cpu,0, migrations,,migrations,1, migrations,,cross_node,0,0.00 migrations,v3-opt,released,1, migrations,v3-opt,kept,0,0.00 migrations,v3-opt,changed,1, " \
	"migration report filtered on tid 201"
babeltrace2 --plugin-path="$plugin" "$trace201" -c sink.rseqprof.numa \
	-p 'cpu-to-node="0,0,1,1",tid=201,variants="v3-noopt",format="csv"' |
	grep -E '^numa,' | tr '\n' ' ' >"$work/tid.txt"
is "$(cat "$work/tid.txt")" "numa,v3-noopt,violations,0, numa,v3-noopt,ids_moved,0, numa,v3-noopt,runs,2, numa,v3-noopt,remote_runs,0,0.00 " \
	"numa report filtered on tid 201"

# Losses the recorder reported are stated.
babeltrace2 --plugin-path="$plugin" "$trace201" -c sink.rseqprof.migration \
	-p 'cpu-to-node="0,0,1,1",lost-events=7' | grep -q '^Lost events: 7,.*approximate'
ok $? "migration report states the recorder's lost events"

# rseqprof report: both sections, the topology from rseqprof.info.
rec=$work/rec
mkdir -p "$rec"
ln -s "$trace" "$rec/kernel"
printf 'format=1\ntracer=none\nnr_cpus=4\nnr_nodes=2\ncpu_to_node=0,0,1,1\ndiscarded_events=0\n' \
	>"$rec/rseqprof.info"
"$src/scripts/rseqprof" report "$rec" --variant "$variants" --format csv \
	>"$work/report.csv" 2>"$work/err"
ok $? "rseqprof report runs every section"
grep -v ',duration_ns,' "$work/report.csv" | grep -E '^(migrations,|migration_)' \
	>"$work/report-mig.csv"
grep -E '^(migrations,|migration_)' "$src/tests/data/migration/cross-node.csv" \
	>"$work/want-mig.csv"
grep -E '^(numa,|numa_)' "$work/report.csv" >"$work/report-numa.csv"
grep -E '^(numa,|numa_)' "$src/tests/data/numa/cross-node.csv" >"$work/want-numa.csv"
cat "$work/want-mig.csv" "$work/want-numa.csv" >"$work/want.csv"
cat "$work/report-mig.csv" "$work/report-numa.csv" >"$work/got.csv"
is_file "$work/got.csv" "$work/want.csv" \
	"rseqprof report: migration and numa sections equal the sinks' reports"

# Without cpu_to_node in rseqprof.info: one line naming the way out.
sed -i '/^cpu_to_node=/d' "$rec/rseqprof.info"
"$src/scripts/rseqprof" report "$rec" >/dev/null 2>"$work/err"
status=$?
[ $status -ne 0 ] && [ "$(grep -c 'error:' "$work/err")" = 1 ] &&
	grep 'error:' "$work/err" | grep -q -- '--topology'
ok $? "rseqprof report without topology: one-line error pointing at --topology (status $status)"
done_testing
