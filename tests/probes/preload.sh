#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# preload.sh - librseqprof-preload.so on a real threaded program recorded
# with LTTng: the cid report of its sched_getcpu() reads matches what the
# program itself printed; thread start/end, sampling and the topology
# statedump are recorded; without glibc's rseq the preload registers its
# own area.
# shellcheck source=tests/tap/tap.sh
. "${TAP_SH:?}"
# shellcheck source=tests/probes/lttng-private.sh
. "$RSEQPROF_SRC/tests/probes/lttng-private.sh"
# shellcheck source=tests/probes/cid-plugin.sh
. "$RSEQPROF_SRC/tests/probes/cid-plugin.sh"

preload=$RSEQPROF_BUILD/probes/preload/librseqprof-preload.so
threads_prog=$RSEQPROF_BUILD/tests/probes/rseqprof-threads
edges_prog=$RSEQPROF_BUILD/tests/probes/thread-edges
nr_threads=4

why=$(cid_plugin_check) || plan_skip_all "$why"
lttng_private_start || plan_skip_all "$LTTNG_PRIVATE_WHY"
if ! preload=$(lttng_private_reach "$preload") ||
   ! threads_prog=$(lttng_private_reach "$threads_prog") ||
   ! edges_prog=$(lttng_private_reach "$edges_prog"); then
	plan_skip_all "cannot copy the preload and its test programs where user nobody reaches them"
fi
plan_tests 20

# field LINE KEY: the value of KEY=... in a key=value line
field() {
	sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" $1"
}

# csv_value CSV WHO NAME: the count of row "process,WHO,NAME"
csv_value() {
	awk -F, -v who="$2" -v name="$3" '$1 == "process" && $2 == who && $3 == name { print $4 }' <<<"$1"
}

# CPU-time timers expire on scheduler ticks (4 ms at HZ=250): each thread
# spins ~35 ms of CPU (-w 400000) so that several ticks find it running;
# with -w 20000 (~2.5 ms a thread) no sample at all was seen now and then.
out=$LTTNG_PRIVATE_HOME/threads
lttng_private_as_user mkdir "$out"
printed=$(lttng_private_trace "$out/trace" env LD_PRELOAD="$preload" RSEQPROF_SAMPLE_HZ=2000 \
	"$threads_prog" -t "$nr_threads" -n 300 -w 400000)
ok $? "rseqprof-threads ran under the preload, recorded: $printed"
pid=$(field "$printed" pid)

csv=$(cid_report "$out/trace" "caller=\"sched_getcpu\",interval=0,format=\"csv\",pid=$pid")
ok $? "cid report of the sched_getcpu reads"
is "$(csv_value "$csv" "ust:$pid" reads)" "$(field "$printed" calls)" \
	"reads in the report == sched_getcpu() calls the program made"
is "$(csv_value "$csv" "ust:$pid" mm_cid_distinct)" "$(field "$printed" distinct_mm_cids)" \
	"distinct mm_cids: report == program"
is "$(csv_value "$csv" "ust:$pid" mm_cid_slots)" $(($(field "$printed" max_mm_cid) + 1)) \
	"per-vcpu slots (max mm_cid + 1): report == program"
is "$(csv_value "$csv" "ust:$pid" cpu_id_distinct)" "$(field "$printed" distinct_cpu_ids)" \
	"distinct cpu_ids: report == program"
is "$(csv_value "$csv" "ust:$pid" cpu_id_slots)" $(($(field "$printed" max_cpu_id) + 1)) \
	"cpu_id slots (max cpu_id + 1): report == program"
is "$(csv_value "$csv" "ust:$pid" per_cpu_slots)" "$(nproc --all)" \
	"per-CPU slots == possible CPUs, from the topology statedump"

text=$(babeltrace2 "$out/trace")
is "$(grep -c "rseqprof_ust:thread_begin: .*pid = $pid," <<<"$text")" $((nr_threads + 1)) \
	"thread_begin for the main thread and each of the $nr_threads threads"
is "$(grep -c "rseqprof_ust:thread_end: .*pid = $pid," <<<"$text")" $((nr_threads + 1)) \
	"thread_end for each of them"
is "$(grep -c 'rseqprof_ust:cpu_topology:' <<<"$text")" "$(nproc --all)" \
	"one cpu_topology event per possible CPU"
samples=$(grep -c '"sample"' <<<"$text")
[ "$samples" -gt 0 ]
ok $? "the threads were sampled on their CPU time ($samples samples at 2000 Hz)"
bad=$(grep 'rseqprof_ust:rseq_read:' <<<"$text" | grep -c -e 'mm_cid = -' -e 'cpu_id = -')
is "$bad" 0 "every rseq_read has a valid cpu_id and mm_cid"

# pthread_exit(), cancellation and a forked child.
out=$LTTNG_PRIVATE_HOME/edges
lttng_private_as_user mkdir "$out"
printed=$(lttng_private_trace "$out/trace" env LD_PRELOAD="$preload" RSEQPROF_SAMPLE_HZ=0 \
	"$edges_prog")
ok $? "thread-edges ran under the preload: $printed"
parent=$(field "$printed" parent)
child=$(field "$printed" child)
text=$(babeltrace2 "$out/trace")
is "$(grep -c "rseqprof_ust:thread_begin: .*pid = $parent," <<<"$text")" 3 \
	"thread_begin for main, the exiting and the cancelled thread"
is "$(grep -c "rseqprof_ust:thread_end: .*pid = $parent," <<<"$text")" 3 \
	"thread_end for each: pthread_exit() and cancellation are seen"
is "$(grep -c "rseqprof_ust:rseq_read: .*pid = $child, tid = $child,.*\"sched_getcpu\"" <<<"$text")" 1 \
	"the forked child's sched_getcpu() is recorded with the child's pid"

# Without glibc's registration, the preload registers its own area.
out=$LTTNG_PRIVATE_HOME/self
lttng_private_as_user mkdir "$out"
lttng_private_trace "$out/trace" env LD_PRELOAD="$preload" \
	GLIBC_TUNABLES=glibc.pthread.rseq=0 /bin/true
ok $? "/bin/true ran under the preload with glibc.pthread.rseq=0"
text=$(babeltrace2 "$out/trace")
grep -q 'rseqprof_ust:thread_begin: .*rseq_owner = ( "self"' <<<"$text"
ok $? "the preload registered its own rseq area"
# not necessarily 0: lttng-ust's own threads share the memory space
cid=$(grep -m 1 'rseqprof_ust:rseq_read:' <<<"$text" | sed -n 's/.* mm_cid = \([0-9-]*\),.*/\1/p')
[ -n "$cid" ] && [ "$cid" -ge 0 ] && [ "$cid" -lt "$(nproc --all)" ]
ok $? "and read a valid mm_cid from it (got '$cid')"

done_testing
