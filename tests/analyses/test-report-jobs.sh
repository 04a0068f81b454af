#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# rseqprof report --jobs N (issue 16): the streams decoded by N worker
# processes, merged in the muxer's order, give the report of one graph,
# byte for byte: every trace of tests/data/traces (the bare CTF folders
# wrapped in a recording), text, csv and json, --jobs 1, 2 and 4; a trace
# of one stream; streams of very different sizes; an early stop (--end,
# --pid).  A truncated or corrupt stream gives the one-line error of
# --jobs 1, without hanging nor leaving a worker or a file behind; so does
# SIGINT in the middle of a report.  Bad --jobs values are one-line usage
# errors.
set -uo pipefail
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"
# shellcheck source=tests/analyses/lib.sh
. "$RSEQPROF_SRC/tests/analyses/lib.sh"

need_tools babeltrace2 setsid timeout
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TRACES=$RSEQPROF_SRC/tests/data/traces
plan_tests 33

# Every report runs with TMPDIR=$tmp/t: its babeltrace2 and its workers
# carry that path in their command line (the report's temporary folder),
# and whatever they leave there is a defect.
mkdir -p "$tmp/t"
report() {
	TMPDIR=$tmp/t timeout 120 "$RSEQPROF" report "$@"
}

# leftovers: the processes and files a report left behind ("" when none).
leftovers() {
	local procs files
	procs=$(pgrep -f -- "$tmp/t" | tr '\n' ' ')
	files=$(find "$tmp/t" -mindepth 1 -maxdepth 2 | head -3 | tr '\n' ' ')
	[ -z "$procs$files" ] || echo "processes: ${procs:-none}; files: ${files:-none}"
}

# same_reports NAME DIR [ARGS...]: --jobs 2 and 4 give --jobs 1's report,
# in every format; one TAP line.
same_reports() {
	local name=$1 dir=$2 fmt j why=""
	shift 2
	for fmt in "text --full" csv json; do
		# shellcheck disable=SC2086
		report "$dir" --format $fmt "$@" --jobs 1 >"$tmp/j1" 2>"$tmp/j1.err" ||
			why+=" --jobs 1 failed ($fmt): $(cat "$tmp/j1.err");"
		[ -s "$tmp/j1" ] || why+=" empty $fmt report;"
		for j in 2 4; do
			# shellcheck disable=SC2086
			report "$dir" --format $fmt "$@" --jobs "$j" >"$tmp/jn" 2>"$tmp/jn.err" ||
				why+=" --jobs $j failed ($fmt): $(cat "$tmp/jn.err");"
			cmp -s "$tmp/j1" "$tmp/jn" || why+=" --jobs $j differs ($fmt);"
		done
	done
	why+=$(leftovers)
	ok "$([ -z "$why" ]; echo $?)" "$name: --jobs 1, 2, 4 give the same text, csv, json${why:+:$why}"
}

# Recordings around the bare CTF folders (LTTng's with its own info).
for t in perf-pipe perf-messaging perf-messaging-t; do
	make_recording "$tmp/$t" "$TRACES/$t" 0,0
done
make_recording "$tmp/lttng" "$TRACES/lttng-messaging-t"
cp "$TRACES/lttng-messaging-t.info" "$tmp/lttng/rseqprof.info"

same_reports "perf-pipe" "$tmp/perf-pipe"
same_reports "perf-messaging (processes)" "$tmp/perf-messaging"
same_reports "perf-messaging-t (threads)" "$tmp/perf-messaging-t"
same_reports "lttng-messaging-t (LTTng, stream_instance_id, index/)" "$tmp/lttng"
same_reports "lab-7.2-thread-churn (4 streams)" "$TRACES/lab-7.2-thread-churn"
same_reports "perf-guest-repeats (duplicate records)" "$TRACES/perf-guest-repeats"

# Paths are taken whole by the workers: a comma, a space.
make_recording "$tmp/a,b c" "$TRACES/perf-pipe" 0,0
same_reports "a recording whose path has a comma and a space" "$tmp/a,b c"

# A trace of one stream: one worker, whatever --jobs says.
mkdir -p "$tmp/one-ctf"
cp "$TRACES/perf-pipe/metadata" "$TRACES/perf-pipe/perf_stream_1" "$tmp/one-ctf/"
make_recording "$tmp/one" "$tmp/one-ctf" 0,0
same_reports "one stream" "$tmp/one"

# Streams of very different sizes: perf-pipe's second stream is 11 times
# its first; an empty stream file (ignored by source.ctf.fs) before them
# must not shift the automatic stream ids.
s0=$(stat -c %s "$TRACES/perf-pipe/perf_stream_0")
s1=$(stat -c %s "$TRACES/perf-pipe/perf_stream_1")
[ "$s1" -ge $((8 * s0)) ]
ok $? "perf-pipe's streams: $s0 and $s1 bytes (at least 8 times apart)"
mkdir -p "$tmp/uneven-ctf"
cp "$TRACES/perf-pipe/"* "$tmp/uneven-ctf/"
: >"$tmp/uneven-ctf/perf_stream_"
make_recording "$tmp/uneven" "$tmp/uneven-ctf" 0,0
same_reports "streams of very different sizes, and an empty one" "$tmp/uneven"

# More trace folders than the workers take (16): one graph reads them.
mkdir -p "$tmp/many17/kernel"
for i in $(seq -w 0 16); do
	ln -s "$TRACES/perf-pipe" "$tmp/many17/kernel/c$i"
done
cp "$tmp/perf-pipe/rseqprof.info" "$tmp/many17/"
same_reports "17 trace folders (above the workers' 16: one graph)" "$tmp/many17"

# An early stop: the report ends at the first event past --end; the
# events read, the losses and the duplicates are those up to it.
same_reports "--end in the middle, --procname" "$TRACES/perf-guest-repeats" \
	--end 7.1 --procname sched-messaging
same_reports "--begin, --procname, two sections" "$TRACES/lab-7.2-thread-churn" \
	--begin 45.2 --section migration,numa --procname lab-churn

# The workers run: babeltrace2 forks one per stream file, up to --jobs.
# forks_of_bt2 JOBS: the processes babeltrace2 started, under strace.
forks_of_bt2() {
	TMPDIR=$tmp/t strace -f -qq -e trace=execve,clone,clone3,fork,vfork -o "$tmp/st" \
		"$RSEQPROF" report "$TRACES/lab-7.2-thread-churn" -o /dev/null --jobs "$1"
	awk '/execve\(".*babeltrace2"/ { bt[$1] = 1; next }
		$1 in bt && /(clone|fork)/ && !/= -1/ { n++ }
		END { print n + 0 }' "$tmp/st"
}
if command -v strace >/dev/null; then
	n1=$(forks_of_bt2 1)
	n3=$(forks_of_bt2 3)
	n8=$(forks_of_bt2 8)
	[ "$n1" -eq 0 ] && [ "$n3" -eq 3 ] && [ "$n8" -eq 4 ]
	ok $? "babeltrace2 starts 0, 3, 4 workers for --jobs 1, 3, 8 on 4 streams: $n1, $n3, $n8"
else
	skip 1 "strace not installed"
fi

# --- damaged streams: the errors of --jobs 1
# The damages, each on one stream file (called by damaged()).
# shellcheck disable=SC2317,SC2329 # called by damaged()
cut_in_packet() { truncate -s $(($(stat -c %s "$1") / 2 + 1000)) "$1"; }
# shellcheck disable=SC2317,SC2329 # called by damaged()
cut_to_10() { truncate -s 10 "$1"; }
# shellcheck disable=SC2317,SC2329 # called by damaged()
bad_magic() { printf XXXXXXXX | dd of="$1" conv=notrunc status=none; }
# shellcheck disable=SC2317,SC2329 # called by damaged()
zeros_in_packet() {
	head -c 4096 /dev/zero |
		dd of="$1" bs=1 seek=$(($(stat -c %s "$1") / 2)) conv=notrunc status=none
}

# damaged NAME DAMAGE: a recording of perf-messaging whose biggest stream
# the function DAMAGE damaged.
damaged() {
	local d=$tmp/$1
	mkdir -p "$d-ctf"
	cp "$TRACES/perf-messaging/"* "$d-ctf/"
	"$2" "$d-ctf/perf_stream_0"
	make_recording "$d" "$d-ctf" 0,0
	echo "$d"
}

# same_error NAME DIR: --jobs 2 and 4 fail as --jobs 1 does: same status,
# same one line, nothing on stdout, nothing left behind.  Where this
# babeltrace2 reads the damage without an error (2.1 takes a stream file
# with a bad magic number for no stream), they give the same report.
same_error() {
	local name=$1 dir=$2 rc1 rc j why=""
	report "$dir" --jobs 1 >"$tmp/e1.out" 2>"$tmp/e1"
	rc1=$?
	if [ "$rc1" -eq 0 ]; then
		diag "$name: $(babeltrace2 --version 2>/dev/null | head -n 1) reads it without an error"
	else
		[ "$rc1" -lt 124 ] || why+=" --jobs 1: exit $rc1;"
		[ "$(wc -l <"$tmp/e1")" -eq 1 ] || why+=" --jobs 1: $(wc -l <"$tmp/e1") lines;"
	fi
	for j in 2 4; do
		report "$dir" --jobs "$j" >"$tmp/en.out" 2>"$tmp/en"
		rc=$?
		[ "$rc" -eq "$rc1" ] || why+=" --jobs $j: exit $rc;"
		cmp -s "$tmp/e1" "$tmp/en" || why+=" --jobs $j: $(head -c 300 "$tmp/en");"
		if [ "$rc1" -eq 0 ]; then
			cmp -s "$tmp/e1.out" "$tmp/en.out" || why+=" --jobs $j: another report;"
		else
			[ ! -s "$tmp/en.out" ] || why+=" --jobs $j: half a report;"
		fi
	done
	why+=$(leftovers)
	ok "$([ -z "$why" ]; echo $?)" "$name: $(cut -c1-120 "$tmp/e1")${why:+ --$why}"
}

same_error "stream truncated inside a packet" "$(damaged trunc cut_in_packet)"
same_error "stream cut to 10 bytes" "$(damaged tiny cut_to_10)"
same_error "stream with a bad CTF magic number" "$(damaged magic bad_magic)"
same_error "stream with zeros inside a packet" "$(damaged zeros zeros_in_packet)"

# --- SIGINT in the middle of a report (as Ctrl-C: to its process group)
# 16 trace folders (the most --jobs takes), each perf-messaging's metadata
# with 8 copies of each stream file: long enough to be stopped (16 plain
# copies took 0.3 s with babeltrace2 2.1.2: over before the workers were
# seen).
for i in $(seq -w 0 15); do
	mkdir -p "$tmp/many/kernel/c$i"
	ln -s "$TRACES/perf-messaging/metadata" "$tmp/many/kernel/c$i/"
	for k in 1 2 3 4 5 6 7 8; do
		for f in "$TRACES"/perf-messaging/perf_stream_*; do
			ln -s "$f" "$tmp/many/kernel/c$i/${f##*/}_$k"
		done
	done
done
cp "$tmp/perf-messaging/rseqprof.info" "$tmp/many/"
TMPDIR=$tmp/t setsid "$RSEQPROF" report "$tmp/many" --jobs 2 -o "$tmp/many.out" \
	2>"$tmp/many.err" &
pid=$!
# Wait until the workers run (babeltrace2 and its 2 workers: 3 processes).
running=1
for _ in $(seq 400); do
	if [ "$(pgrep -g "$pid" -x babeltrace2 | wc -l)" -ge 3 ]; then
		running=0
		break
	fi
	sleep 0.05
done
ok "$running" "the report on 16 trace folders of 8 x the streams runs its workers"
kill -INT -- "-$pid" 2>/dev/null
stopped=1
for _ in $(seq 200); do
	kill -0 "$pid" 2>/dev/null || { stopped=0; break; }
	sleep 0.05
done
ok "$stopped" "SIGINT stops it within 10 s"
[ "$stopped" -eq 0 ] || kill -KILL -- "-$pid" 2>/dev/null
wait "$pid"
rc=$?
sleep 0.2
why=$(leftovers)
# Its process group too: a long command line hides "$tmp/t" from pgrep -f.
[ -z "$(pgrep -g "$pid")" ] || why+=" processes of its group: $(pgrep -g "$pid" | tr '\n' ' ')"
[ "$rc" -ne 0 ] && [ -z "$why" ]
ok $? "after SIGINT: exit status $rc, no worker and no temporary file left${why:+: $why}"

# --- usage errors, one line each
usage_fails() {
	local what=$1 regex=$2 rc
	shift 2
	report "$@" >"$tmp/u.out" 2>"$tmp/u.err"
	rc=$?
	[ "$rc" -ne 0 ] && [ "$rc" -lt 124 ] && [ "$(wc -l <"$tmp/u.err")" -eq 1 ] &&
		grep -Eq -- "$regex" "$tmp/u.err" && [ ! -s "$tmp/u.out" ]
	ok $? "$what: $(cat "$tmp/u.err")"
}
usage_fails "--jobs 0" "at least 1 worker" "$tmp/perf-pipe" --jobs 0
usage_fails "--jobs -1" "wants a number" "$tmp/perf-pipe" --jobs -1
usage_fails "--jobs x" "wants a number" "$tmp/perf-pipe" --jobs x
usage_fails "--jobs ''" "wants a number" "$tmp/perf-pipe" --jobs ''
usage_fails "--jobs 65" "out of range" "$tmp/perf-pipe" --jobs 65
usage_fails "--jobs 99999999999999999999" "out of range" "$tmp/perf-pipe" \
	--jobs 99999999999999999999
usage_fails "--jobs without a value" "needs a value" "$tmp/perf-pipe" --jobs
usage_fails "--jobs with --live" "--jobs does not apply to --live" \
	--live net://localhost/host/h/s --jobs 2

# --- the sink's own parameter checks
bt_fails() {
	local what=$1 regex=$2
	shift 2
	! babeltrace2 --plugin-path="$PLUGIN_DIR" run --component=e:source.rseqprof.empty \
		--component=r:sink.rseqprof.report --params="$1" --connect=e:r \
		>/dev/null 2>"$tmp/bt.err" &&
		grep -Eq -- "$regex" "$tmp/bt.err"
	ok $? "$what"
}
bt_fails "sink parameter jobs=0" "jobs must be 1 to 64" 'jobs=0,cpu-to-node="0,0"'
bt_fails "jobs=2 without traces" "names no trace folder" 'jobs=2,cpu-to-node="0,0"'
bt_fails "jobs=2 on a folder without stream files" "no stream file" \
	"jobs=2,cpu-to-node=\"0,0\",traces=[\"$tmp/t\"]"
why=$(leftovers)
ok "$([ -z "$why" ]; echo $?)" "nothing left behind by the failed sinks${why:+: $why}"

done_testing
