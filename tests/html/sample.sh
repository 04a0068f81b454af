# SPDX-License-Identifier: MIT
# sample.sh - the recording the tests of tests/html, tests/progress and
# tests/install report: the real perf trace of `perf bench sched messaging
# -t` in tests/data/traces, with the rseqprof.info `rseqprof record` would
# have written for it.  Source after tap.sh.
# shellcheck shell=bash

SAMPLE_TRACE=$RSEQPROF_SRC/tests/data/traces/perf-messaging-t
SAMPLE_EVENTS=sched_switch,sched_migrate_task,sched_process_fork,sched_process_exec
SAMPLE_EVENTS=$SAMPLE_EVENTS,sched_process_exit,sched_process_free,rseq_update

[ -d "$SAMPLE_TRACE" ] || plan_skip_all "sample trace missing: $SAMPLE_TRACE"

# sample_recording DIR [LOST [copy]]: DIR/kernel (a link to the trace, or
# its copy), DIR/rseqprof.info stating LOST (default 0) discarded events.
sample_recording() {
	mkdir -p "$1"
	if [ "${3:-}" = copy ]; then
		cp -r "$SAMPLE_TRACE" "$1/kernel"
	else
		ln -sfn "$SAMPLE_TRACE" "$1/kernel"
	fi
	printf '%s\n' format=1 tracer=perf 'cmdline=perf bench sched messaging -t' \
		nr_cpus=2 nr_nodes=1 cpu_to_node=0,0 exit_status=0 \
		"discarded_events=${2:-0}" "kernel_events=$SAMPLE_EVENTS" >"$1/rseqprof.info"
}
