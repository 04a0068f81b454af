#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# corrupt-inputs.sh: `rseqprof report` on bad recordings fails with one line
# naming the problem, a non-zero exit status, no crash and no hang.  The bad
# recordings are built here from a small real perf recording: truncated and
# garbage stream files and metadata, no scheduler events, a UST-only
# recording, empty and missing folders, files that are not traces, a bad
# rseqprof.info.
set -u
# shellcheck source=tests/tap/tap.sh
. "${TAP_SH:?}"
# shellcheck source=tests/robustness/lib.sh
. "${RSEQPROF_SRC:?}/tests/robustness/lib.sh"

why=$(perf_trace_usable) || plan_skip_all "$why"
[ -f "$RSEQPROF_BUILD/analyses/babeltrace-plugin-rseqprof.so" ] ||
	plan_skip_all "plugin not built in $RSEQPROF_BUILD"
robust_tmpdir
T=$ROBUST_TMP
plan_tests 25

robust_small_recording "$T/good" >/dev/null
ok $? "small real recording (perf bench sched messaging -t -g 1 -l 20)"
timeout "$ROBUST_TIMEOUT" "$RSEQPROF" report "$T/good" >"$T/good.txt" 2>"$T/good.err"
ok $? "the intact recording reports" || sed 's/^/#   /' "$T/good.err"

# variant NAME: a copy of the good recording to damage.
variant() {
	rm -rf "${T:?}/$1"
	cp -r "$T/good" "$T/$1"
	echo "$T/$1"
}

# The stream files of a recording, biggest first.
stream() {
	find "$1/kernel" -name 'perf_stream_*' -printf '%s %p\n' | sort -rn |
		awk 'NR == 1 { print $2 }'
}

# --- folders and files that are not recordings
robust_report_fails "missing folder" "no such|not found|does not exist" \
	"$T/does-not-exist"
mkdir "$T/empty"
robust_report_fails "empty folder" "rseqprof.info|not a recording|empty" "$T/empty"
echo "just text" >"$T/file.txt"
robust_report_fails "a regular file instead of a folder" \
	"not a (recording|directory|folder)|no such" "$T/file.txt"
d=$(variant empty-kernel)
rm -rf "${d:?}/kernel"/*
robust_report_fails "recording whose kernel/ is empty" "kernel|no (ctf )?trace" "$d"
d=$(variant text-kernel)
rm -rf "${d:?}/kernel"/*
cp "$RSEQPROF_SRC/README.md" "$d/kernel/README.md"
robust_report_fails "recording whose kernel/ holds a text file" "kernel|no (ctf )?trace" "$d"

# --- damaged metadata
d=$(variant trunc-meta)
truncate -s "$(($(stat -c %s "$d/kernel/metadata") / 3))" "$d/kernel/metadata"
robust_report_fails "metadata truncated to a third" "metadata" "$d"
d=$(variant empty-meta)
: >"$d/kernel/metadata"
robust_report_fails "empty metadata" "metadata" "$d"
d=$(variant garbage-meta)
head -c 15000 /dev/urandom >"$d/kernel/metadata"
robust_report_fails "metadata replaced by random bytes" "metadata" "$d"
d=$(variant text-meta)
sed -i 's/struct/strcut/g' "$d/kernel/metadata"
robust_report_fails "metadata with a TSDL syntax error" "metadata" "$d"
d=$(variant ctf2-meta)
printf '\036{"type":"preamble","version":2}\n' >"$d/kernel/metadata"
robust_report_fails "CTF 2 metadata (babeltrace2 2.0 reads CTF 1.8 only)" \
	"metadata is CTF 2.*babeltrace2 2\.0.*install babeltrace2 2\.1" "$d"
d=$(variant no-meta)
rm "$d/kernel/metadata"
robust_report_fails "metadata missing" "metadata|kernel|no (ctf )?trace" "$d"
# A kernel whose tracepoint lacks a field the analyses need: the same
# stream bytes, the field renamed in the metadata.
d=$(variant no-next-pid)
sed -i 's/} next_pid;/} next_pix;/' "$d/kernel/metadata"
robust_report_fails "sched_switch without next_pid (renamed in the metadata)" \
	"sched_switch \(its event has no next_tid/next_pid field\)" "$d"
d=$(variant no-dest-cpu)
sed -i 's/} dest_cpu;/} dest_cpx;/' "$d/kernel/metadata"
robust_report_fails "sched_migrate_task without dest_cpu" \
	"sched_migrate_task \(its event has no dest_cpu field\)" "$d"

# --- damaged streams
d=$(variant trunc-stream)
s=$(stream "$d")
truncate -s "$(($(stat -c %s "$s") / 2 + 1000))" "$s"
robust_report_fails "stream file truncated inside a packet" \
	"stream|truncat|$(basename "$s")" "$d"
d=$(variant tiny-stream)
s=$(stream "$d")
truncate -s 10 "$s"
robust_report_fails "stream file cut to 10 bytes" \
	"stream|truncat|$(basename "$s")" "$d"
d=$(variant magic-stream)
s=$(stream "$d")
printf 'XXXXXXXX' | dd of="$s" conv=notrunc status=none
robust_report_fails "stream file with a bad CTF magic number" \
	"magic|stream|$(basename "$s")" "$d"

# --- traces without what the report needs
perf_trace_record -m 256 -e rseq:rseq_update "$T/no-sched" \
	perf bench sched messaging -t -g 1 -l 5 >/dev/null
ok $? "real recording of rseq_update only"
robust_report_fails "trace without scheduler events" \
	"sched_switch|scheduler|sched events" "$T/no-sched"
d=$T/ust-only
mkdir -p "$d"
cp "$T/good/rseqprof.info" "$d/"
printf 'rseq cpu=0 tid=100/100 mm_cid=0\nrseq cpu=1 tid=101/100 mm_cid=1\n' >"$T/rseq.scenario"
if RSEQPROF_BUILD=$RSEQPROF_BUILD "$RSEQPROF_SRC/tests/analyses/record-scenario.sh" \
	"$T/rseq.scenario" "$T/ust-rec" >"$T/ust.log" 2>&1; then
	mv "$T/ust-rec/trace" "$d/ust"
	robust_report_fails "UST-only recording (ust/, no kernel/)" "kernel" "$d"
else
	skip 1 "no UST trace: $(tail -1 "$T/ust.log")"
fi

# --- bad rseqprof.info (the topology the sinks get)
d=$(variant bad-topology)
sed -i 's/^cpu_to_node=.*/cpu_to_node=a,b/' "$d/rseqprof.info"
robust_report_fails "cpu_to_node=a,b in rseqprof.info" "cpu.to.node" "$d"
d=$(variant short-topology)
sed -i 's/^cpu_to_node=.*/cpu_to_node=0/; s/^nr_cpus=.*/nr_cpus=1/' "$d/rseqprof.info"
# Either refused with an error naming the CPUs, or reported with the
# refused events counted (the model's "CPU out of range" health counter).
timeout "$ROBUST_TIMEOUT" "$RSEQPROF" report "$d" >"$T/short.out" 2>"$T/short.err"
rc=$?
if [ "$rc" -eq 0 ]; then
	grep -Eq 'refused.*: +[1-9][0-9]* ' "$T/short.out"
else
	[ "$rc" -lt 124 ] && [ "$(wc -l <"$T/short.err")" -eq 1 ] &&
		grep -qi cpu "$T/short.err"
fi
ok $? "rseqprof.info says 1 CPU, the trace has events on CPU 1: exit $rc, refused events stated" ||
	sed 's/^/#   /' "$T/short.err"
d=$(variant binary-info)
head -c 4096 /dev/urandom >"$d/rseqprof.info"
robust_report_fails "rseqprof.info replaced by random bytes" "rseqprof.info|format" "$d"

# --- random bytes in a packet body: an error or a report, never a crash
d=$(variant noise-stream)
s=$(stream "$d")
head -c 4096 /dev/urandom | dd of="$s" bs=1 seek=$(($(stat -c %s "$s") / 2)) \
	conv=notrunc status=none
timeout "$ROBUST_TIMEOUT" "$RSEQPROF" report "$d" >"$T/noise.out" 2>"$T/noise.err"
rc=$?
[ "$rc" -ne 124 ] && [ "$rc" -lt 128 ] && robust_signal_free "$T/noise.err" &&
	{ [ "$rc" -eq 0 ] || [ "$(wc -l <"$T/noise.err")" -eq 1 ]; }
ok $? "4 KiB of random bytes inside a packet: exit $rc, no crash, no hang" ||
	head -c 2000 "$T/noise.err" | sed 's/^/#   /'

done_testing
