#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# record-trace-format.sh - rseqprof record --trace-format, on one real run
# of rseqprof-threads under the preload recorded in CTF 1.8 and in CTF 2
# at once: an outer `rseqprof record --ust --trace-format ctf-1.8` runs an
# inner `rseqprof record --preload --trace-format ctf-2`, and the session
# daemon writes the workload's events to both sessions.  Each trace is in
# the format asked (CTF 2 metadata begins with the byte 0x1e), `rseqprof
# report --section cid` reads the same numbers from both (those of the
# program's own account and of babeltrace2's event count) and states each
# format, alone and muxed with a perf kernel trace (CTF 1.8).  Without --trace-format the trace is in LTTng's default format:
# CTF 2 from LTTng 2.15 on (its session daemon's default, not configured
# here), CTF 1.8 before.  LTTng before 2.15 writes CTF 1.8 only: the CTF 2
# half is skipped there, and --trace-format ctf-2 is a one-line usage error.
#
# As root the test runs in a private mount namespace with its own tmpfs on
# /var/run/lttng (the root session daemon's, which others share), as
# record-ust-root.sh does; as another user, with its own LTTNG_HOME.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
need_topology
for tool in lttng lttng-sessiond babeltrace2 jq; do
	command -v "$tool" >/dev/null || plan_skip_all "$tool not installed"
done
[ "$(id -u)" -ne 0 ] || command -v unshare >/dev/null ||
	plan_skip_all "unshare not installed (a private root session daemon needs it)"
lib=$RSEQPROF_BUILD/probes/preload/librseqprof-preload.so
threads=$RSEQPROF_BUILD/tests/probes/rseqprof-threads
[ -f "$lib" ] || plan_skip_all "the probes' librseqprof-preload.so is not built"
[ -x "$threads" ] || plan_skip_all "tests/probes/rseqprof-threads is not built"

lttng_ver=$(lttng --version | sed -n '1s/^[^0-9]*\([0-9][0-9.]*\).*/\1/p')
bt2_ver=$(babeltrace2 --version | sed -n '1s/^[^0-9]*\([0-9][0-9.]*\).*/\1/p')
ctf2=0
[ "$(printf '%s\n' 2.15 "$lttng_ver" | sort -V | head -n 1)" != 2.15 ] || ctf2=1
bt2_ctf2=0
[ "$(printf '%s\n' 2.1 "$bt2_ver" | sort -V | head -n 1)" != 2.1 ] || bt2_ctf2=1
default_format="CTF 1.8"
[ "$ctf2" -eq 0 ] || default_format="CTF 2"
CTF2_WHY="LTTng $lttng_ver cannot write CTF 2 (LTTng 2.15 and later can)"
[ "$ctf2" -eq 0 ] || [ "$bt2_ctf2" -eq 1 ] ||
	CTF2_WHY="babeltrace2 $bt2_ver cannot read CTF 2 (2.1 and later can)"
[ "$ctf2" -eq 0 ] || [ "$bt2_ctf2" -eq 1 ] || ctf2=0

plan_tests 23
diag "LTTng $lttng_ver (default $default_format), babeltrace2 $bt2_ver"

# The recordings, in the namespace (as root) or with a private LTTNG_HOME.
cat >"$T/inner.sh" <<'SCRIPT'
rseqprof=$1 T=$2 threads=$3 ctf2=$4
unset LTTNG_SESSIOND_DEFAULT_TRACE_FORMAT
if [ "$(id -u)" -eq 0 ]; then
	mount -t tmpfs -o mode=0755 rseqprof-test /var/run/lttng || exit 99
else
	export LTTNG_HOME=$T/home
	mkdir -p "$LTTNG_HOME"
fi
"$rseqprof" record --no-kernel --preload -o "$T/default" --linger 0 -- \
	"$threads" -t 2 -n 100 >/dev/null 2>"$T/default.err"
echo $? >"$T/default.status"
if [ "$ctf2" -eq 1 ]; then
	"$rseqprof" record --no-kernel --ust --trace-format ctf-1.8 -o "$T/ctf-1.8" --linger 0 -- \
		"$rseqprof" record --no-kernel --preload --trace-format=ctf-2 -o "$T/ctf-2" --linger 0 -- \
		"$threads" -t 4 -n 300 >"$T/printed" 2>"$T/pair.err"
else
	"$rseqprof" record --no-kernel --preload --trace-format ctf-1.8 -o "$T/ctf-1.8" --linger 0 -- \
		"$threads" -t 4 -n 300 >"$T/printed" 2>"$T/pair.err"
fi
echo $? >"$T/pair.status"
exit 0
SCRIPT
if [ "$(id -u)" -eq 0 ]; then
	mkdir -p /var/run/lttng
	unshare --mount --propagation private -- bash "$T/inner.sh" "$RSEQPROF" "$T" "$threads" "$ctf2"
else
	bash "$T/inner.sh" "$RSEQPROF" "$T" "$threads" "$ctf2"
fi
is "$?" 0 "the recordings ran"

# metadata_format REC: the format of REC's user-space trace, from the first
# byte of its metadata.
metadata_format() {
	local m
	m=$(find "$1/ust" -name metadata -type f | head -n 1)
	[ -n "$m" ] || { echo none; return; }
	if [ "$(head -c 1 "$m" | od -An -tx1 | tr -d ' \n')" = 1e ]; then
		echo "CTF 2"
	else
		echo "CTF 1.8"
	fi
}

# field KEY: the workload's KEY=VALUE.
field() {
	sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $(cat "$T/printed")"
}

# rseq_reads REC PID [CALLER]: rseq_read events of PID (by CALLER) in REC's
# user-space trace, counted in babeltrace2's text.
rseq_reads() {
	babeltrace2 "$1/ust" | grep 'rseqprof_ust:rseq_read: ' |
		grep -c -- "pid = $2, .*${3:+\"$3\"}"
}

# Without --trace-format: LTTng's default.
is "$(cat "$T/default.status")" 0 "record without --trace-format succeeds"
is "$(metadata_format "$T/default")" "$default_format" \
	"without --trace-format: LTTng $lttng_ver's default, $default_format"

# check_format REC FORMAT: REC holds one user-space trace in FORMAT, and
# its cid report reads it right and says so (2 + 5 tests).
check_format() {
	local rec=$1 format=$2 pid json line
	pid=$(field pid)
	is "$(metadata_format "$rec")" "$format" "--trace-format: the trace is $format"
	json=$T/$(basename "$rec").json
	"$RSEQPROF" report "$rec" --section cid --format json -o "$json" 2>"$json.err"
	is "$?" 0 "$format: rseqprof report --section cid --format json"
	is "$(jq -r ".processes[\"ust:$pid\"].reads" "$json")" "$(rseq_reads "$rec" "$pid")" \
		"$format: the report's reads of pid $pid == its rseq_read events"
	is "$(rseq_reads "$rec" "$pid" sched_getcpu)" "$(field calls)" \
		"$format: its sched_getcpu() reads == the calls the program made"
	is "$(jq -c '[.input.ctf_2_traces, .input.ctf_1_8_traces, .input.babeltrace2_version]' "$json")" \
		"$(if [ "$format" = "CTF 2" ]; then echo "[1,0,\"$bt2_ver\"]"; else echo "[0,1,\"$bt2_ver\"]"; fi)" \
		"$format: the JSON report states the format and babeltrace2 $bt2_ver"
	line=$("$RSEQPROF" report "$rec" --section cid | grep '^Trace format: ')
	is "$line" "Trace format: $format (lttng-ust ${lttng_ver%.*}), read by babeltrace2 $bt2_ver" \
		"$format: the text report states it"
}

is "$(cat "$T/pair.status")" 0 "record --trace-format ctf-1.8 succeeds"
check_format "$T/ctf-1.8" "CTF 1.8"
if [ "$ctf2" -eq 1 ]; then
	is "$(field threads)" 4 "the workload ran once, recorded twice: $(cat "$T/printed")"
	check_format "$T/ctf-2" "CTF 2"
	# Every number of the two reports (the input they name aside).
	jq -S 'del(.input)' "$T/ctf-1.8.json" >"$T/a"
	jq -S 'del(.input)' "$T/ctf-2.json" >"$T/b"
	is_file "$T/b" "$T/a" "CTF 2 and CTF 1.8: the same cid report, number for number"
	"$RSEQPROF" report "$T/ctf-1.8" --section cid --full | grep -v '^Trace format: ' >"$T/a.txt"
	"$RSEQPROF" report "$T/ctf-2" --section cid --full | grep -v '^Trace format: ' >"$T/b.txt"
	is_file "$T/b.txt" "$T/a.txt" "CTF 2 and CTF 1.8: the same full text report"
	# A perf kernel trace (CTF 1.8, its clock's origin unknown) is muxed
	# with the user-space trace on LTTng's clock offset, read from TSDL
	# or from CTF 2's clock class.
	for f in ctf-1.8 ctf-2; do
		mkdir "$T/mixed-$f"
		cp -r "$RSEQPROF_SRC/tests/data/traces/perf-pipe" "$T/mixed-$f/kernel"
		cp -r "$T/$f/ust" "$T/mixed-$f/ust"
		sed 's/^tracer=.*/tracer=perf/' "$T/$f/rseqprof.info" >"$T/mixed-$f/rseqprof.info"
		"$RSEQPROF" report "$T/mixed-$f" --section cid --format json -o "$T/mixed-$f.json" \
			2>"$T/mixed-$f.err"
		echo $? >"$T/mixed-$f.status"
	done
	is "$(cat "$T/mixed-ctf-2.status") $(jq -r .input.trace_format "$T/mixed-ctf-2.json")" \
		"0 CTF 1.8 (perf 6.1.192) and CTF 2 (lttng-ust ${lttng_ver%.*})" \
		"a perf kernel trace with the CTF 2 user-space trace: reported, both formats stated $(cat "$T/mixed-ctf-2.err")"
	jq -S 'del(.input)' "$T/mixed-ctf-1.8.json" >"$T/a"
	jq -S 'del(.input)' "$T/mixed-ctf-2.json" >"$T/b"
	is_file "$T/b" "$T/a" "with the perf kernel trace too: the same cid report from CTF 2 and CTF 1.8"
	skip 1 "LTTng $lttng_ver writes CTF 2: no usage error to see"
else
	skip 11 "$CTF2_WHY"
	"$RSEQPROF" record --no-kernel --preload --trace-format ctf-2 -o "$T/no" -- true \
		>/dev/null 2>"$T/usage.err"
	status=$?
	ok "$([ "$status" -eq 2 ] && [ "$(wc -l <"$T/usage.err")" -eq 1 ] &&
		grep -q 'needs LTTng 2.15 or later' "$T/usage.err"; echo $?)" \
		"--trace-format ctf-2 on LTTng $lttng_ver: a one-line usage error (status $status: $(cat "$T/usage.err"))"
fi
"$RSEQPROF" record --trace-format ctf-3 -- true >/dev/null 2>"$T/bad.err"
status=$?
ok "$([ "$status" -eq 2 ] && [ "$(wc -l <"$T/bad.err")" -eq 1 ]; echo $?)" \
	"--trace-format ctf-3: a one-line usage error (status $status: $(cat "$T/bad.err"))"
done_testing
