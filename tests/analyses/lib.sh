# SPDX-License-Identifier: MIT
# lib.sh - what the tests of tests/analyses share.  Source after tap.sh.
# shellcheck shell=bash

PLUGIN_DIR=$RSEQPROF_BUILD/analyses
SCHEDSTAT_DATA=$RSEQPROF_SRC/tests/data/schedstat
RECORD_SCENARIO=$RSEQPROF_SRC/tests/analyses/record-scenario.sh
export RSEQPROF=$RSEQPROF_SRC/scripts/rseqprof
export RSEQPROF_BUILD

# need_tools TOOL...: skip the whole test when one is missing.
need_tools() {
	local t
	for t in "$@"; do
		command -v "$t" >/dev/null || plan_skip_all "$t not installed"
	done
}

# schedstat TRACE PARAMS: run the schedstat sink, report on stdout.
schedstat() {
	babeltrace2 --plugin-path="$PLUGIN_DIR" "$1" -c sink.rseqprof.schedstat -p "$2"
}

# record_scenario NAME OUTDIR [EVENTS]: record tests/data/schedstat/NAME.scn,
# print the trace folder; skip the whole test when LTTng cannot run here.
record_scenario() {
	local out status=0
	mkdir -p "$2"
	out=$(RSEQPROF_SCENARIO_EVENTS=${3:-} "$RECORD_SCENARIO" \
		"$SCHEDSTAT_DATA/$1.scn" "$2/$1" 2>"$2/$1.err") || status=$?
	if [ "$status" -eq 77 ]; then
		plan_skip_all "cannot record with LTTng here: $(cat "$2/$1.err")"
	elif [ "$status" -ne 0 ]; then
		diag "recording $1 failed: $(cat "$2/$1.err")"
		return 1
	fi
	echo "$out"
}

# make_recording DIR TRACE [CPU_TO_NODE]: a recording directory, as
# 'rseqprof record' writes it, around an existing kernel trace.
make_recording() {
	mkdir -p "$1"
	ln -sfn "$(readlink -f "$2")" "$1/kernel"
	printf 'format=1\ntracer=lttng-kernel\nnr_cpus=2\nnr_nodes=1\ncpu_to_node=%s\ndiscarded_events=0\n' \
		"${3:-0,0}" >"$1/rseqprof.info"
}
