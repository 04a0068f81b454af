#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# cid-sink.sh - sink.rseqprof.cid on hand-built traces: each scenario of
# tests/data/cid/ is recorded as a real LTTng-UST trace (cid-scenario
# emits the rseqprof_ust events it lists; the kernel-layout validation
# scenario goes through the analyses' rseqprof-scenario) and the report is
# compared with the expected output computed by hand (see the comments in
# the scenarios).  The text reports compared are the full ones (full=true:
# every process, histograms, per-process validation), as the expected
# files list everything.
# shellcheck source=tests/tap/tap.sh
. "${TAP_SH:?}"
# shellcheck source=tests/probes/lttng-private.sh
. "$RSEQPROF_SRC/tests/probes/lttng-private.sh"
# shellcheck source=tests/probes/cid-plugin.sh
. "$RSEQPROF_SRC/tests/probes/cid-plugin.sh"

data=$RSEQPROF_SRC/tests/data/cid
gen=$RSEQPROF_BUILD/tests/probes/cid-scenario

why=$(cid_plugin_check) || plan_skip_all "$why"
lttng_private_start || plan_skip_all "$LTTNG_PRIVATE_WHY"
gen=$(lttng_private_reach "$gen") ||
	plan_skip_all "cannot copy cid-scenario where user nobody reaches it"
plan_tests 18

record() {
	local out=$LTTNG_PRIVATE_HOME/$1 scenario
	scenario=$(lttng_private_reach "$data/$1.scenario") &&
	lttng_private_as_user mkdir "$out" &&
	lttng_private_trace "$out/trace" "$gen" "$scenario" &&
	echo "$out/trace"
}

two=$(record two-processes)
ok $? "two-processes scenario recorded"
notopo=$(record no-topology)
ok $? "no-topology scenario recorded"
empty=$(record only-topology)
ok $? "only-topology scenario recorded"

validation=$("$RSEQPROF_SRC/tests/analyses/record-scenario.sh" \
	"$data/validation.scenario" "$LTTNG_PRIVATE_HOME/validation")
ok $? "validation scenario recorded (kernel layout)"

# recorded after the validation scenario: its reads come after those updates
checked=$(record reads-vs-kernel)
ok $? "reads-vs-kernel scenario recorded"

got=$LTTNG_PRIVATE_HOME/got
cid_report "$two" 'interval=0,full=true' >"$got.1"
is_file "$got.1" "$data/two-processes.text.expected" "text: 3 processes, histograms, per-vcpu vs per-CPU slots"
cid_report "$two" 'interval=0,caller="sched_getcpu",format="csv"' >"$got.2"
is_file "$got.2" "$data/two-processes-sched_getcpu.csv.expected" "csv: sched_getcpu reads only"
cid_report "$two" 'interval=0,pid=200,slot-size=8,format="json"' >"$got.3"
is_file "$got.3" "$data/two-processes-pid200.json.expected" "json: pid 200, 8-byte slots"
cid_report "$notopo" 'interval=0,full=true' >"$got.4"
is_file "$got.4" "$data/no-topology.text.expected" "no topology: per-CPU slots from the highest cpu_id"

cid_report "$validation" 'variants="lazy-6.13",cpu-to-node="0,0",interval=0,full=true' >"$got.5"
is_file "$got.5" "$data/validation.text.expected" "validation: lazy-6.13 agrees on 3 of 4 rseq_update events"
cid_report "$validation" 'variants="lazy-6.13,v3-noopt",cpu-to-node="0,0",interval=0,format="csv"' >"$got.6"
is_file "$got.6" "$data/validation.csv.expected" "validation csv, two variants"

# the one lazy-6.13 mismatch, listed (its time is real: not compared)
mismatch=$(cid_report "$validation" 'variants="lazy-6.13",cpu-to-node="0,0",interval=0,mismatches=5' |
	sed -n '/^First 1 mismatches of lazy-6.13 (time_ns pid tid cpu real model):$/{n;p}' |
	awk '{ print $2, $3, $4, $5, $6 }')
is "$mismatch" "500 501 1 0 1" "mismatches=5 lists the one difference: pid 500 tid 501 cpu 1 real 0 model 1"

babeltrace2 --plugin-path="$CID_PLUGIN_DIR" "$validation" "$checked" -c sink.rseqprof.cid \
	-p 'variants="lazy-6.13",cpu-to-node="0,0",interval=0,full=true' >"$got.7"
ok $? "kernel and UST scenarios read in one graph"
is_file "$got.7" "$data/reads-vs-kernel.text.expected" \
	"UST reads checked against each thread's last rseq_update"

# Intervals of 1 ns: the trace spans far more than CID_MAX_INTERVALS (1024)
# of them, so they widen (2^k ns); the same intervals asked for directly
# hold the same reads and largest mm_cid, and at least the ids of one slice.
cid_report "$two" 'interval=1,format="json"' >"$got.8" &&
	width=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["interval_ns"])' "$got.8") &&
	cid_report "$two" "interval=$width,format=\"json\"" >"$got.9" &&
	python3 - "$got.8" "$got.9" <<'PY'
import json, sys
w, d = (json.load(open(f)) for f in sys.argv[1:3])
assert w["interval_widened_from_ns"] == 1 and w["interval_ns"] > 1
assert "interval_widened_from_ns" not in d
for key, p in w["processes"].items():
    q = d["processes"][key]["intervals"]
    assert 0 < len(p["intervals"]) <= 1024 and p["intervals"].keys() == q.keys()
    assert sum(v["reads"] for v in p["intervals"].values()) == p["reads"]
    for t, v in p["intervals"].items():
        assert v["reads"] == q[t]["reads"] and v["max_mm_cid"] == q[t]["max_mm_cid"]
        for ids in "mm_cids", "cpu_ids":
            assert min(q[t][ids], 1) <= v[ids] <= q[t][ids]
PY
ok $? "interval=1 widens to at most 1024 intervals (${width:-?} ns), the same reads as asked directly"

err=$(cid_report "$empty" '' 2>&1 >/dev/null)
status=$?
[ $status -ne 0 ] && grep -q "no rseqprof_ust:rseq_read nor rseq_update event" <<<"$err"
ok $? "a trace without rseq reads is refused with the reason (status $status)"

err=$(cid_report "$two" 'caller="nobody"' 2>&1 >/dev/null)
status=$?
[ $status -ne 0 ] && grep -q "unknown caller 'nobody'" <<<"$err"
ok $? "an unknown caller is refused with the reason (status $status)"

err=$(cid_report "$validation" 'variants="lazy-6.13",cpus=1,interval=0' 2>&1 >/dev/null)
status=$?
[ $status -ne 0 ] && grep -q "the trace has events on CPU 1 but the topology has 1 CPUs" <<<"$err"
ok $? "a topology smaller than the trace's CPUs is refused with the reason (status $status)"

done_testing
