#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# sink.rseqprof.schedstat on real kernel traces (tests/data/traces): perf
# traces recorded with perf and converted with 'perf data convert --all
# --to-ctf', and an LTTng kernel trace (lttng-modules layout, recorded by
# 'rseqprof record' in the project's Debian 6.1 QEMU guest).  The decoder's
# counts equal babeltrace2's, and the v3-opt breakdown has the shape of the
# LPC 2022 slides.
set -uo pipefail
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"
# shellcheck source=tests/analyses/lib.sh
. "$RSEQPROF_SRC/tests/analyses/lib.sh"

need_tools babeltrace2
traces=$RSEQPROF_SRC/tests/data/traces
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# csv_value FILE SECTION VARIANT NAME COLUMN(4 count, 5 percent)
csv_value() {
	awk -F, -v s="$2" -v v="$3" -v n="$4" -v c="$5" \
		'$1 == s && $2 == v && $3 == n { print $c; exit }' "$1"
}

# less A B: A < B for decimal numbers.
less() {
	awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 < b + 0) }'
}

# The largest sched_switch path of v3-opt.
dominant() {
	awk -F, '$1 == "sched_switch" && $2 == "v3-opt" && $4 + 0 > max { max = $4 + 0; name = $3 }
		 END { print name }' "$1"
}

for t in perf-messaging-t perf-messaging perf-pipe lttng-messaging-t; do
	[ -d "$traces/$t" ] || continue
	schedstat "$traces/$t" 'cpu-to-node="0,0",format="csv"' >"$tmp/$t.csv" 2>"$tmp/$t.err"
	ok $? "$t: analysed"
	want=$(babeltrace2 "$traces/$t" | grep -c -E '\) (\(none\) )?(sched:)?sched_switch: ')
	is "$(csv_value "$tmp/$t.csv" trace '' sched_switch 4)" "$want" \
		"$t: every sched_switch decoded ($want)"
	is "$(csv_value "$tmp/$t.csv" loss '' lost_events 4)" 0 "$t: no event lost"
done

f=$tmp/perf-messaging-t.csv
if [ -s "$f" ]; then
	is "$(dominant "$f")" transfer "messaging -t: v3-opt dominated by transfer"
	less 0 "$(csv_value "$f" sched_switch v3-opt cache_hit 4)"
	ok $? "messaging -t: some runqueue cache hits"
	less 0 "$(csv_value "$f" sched_switch v3-opt alloc 4)" &&
		less "$(csv_value "$f" sched_switch v3-opt alloc 5)" 10
	ok $? "messaging -t: a little allocation (0 < alloc < 10 %)"
	less "$(csv_value "$f" tasks '' tgid_guesses 4)" 5
	ok $? "messaging -t: the perf statedump resolves thread groups (< 5 guesses)"
	less "$(csv_value "$f" sched_switch v3-opt single_threaded 5)" \
		"$(csv_value "$f" sched_switch v3-opt transfer 5)"
	ok $? "messaging -t: threads transfer more than they run alone"
	less "$(csv_value "$f" sched_switch v3-opt alloc 4)" "$(csv_value "$f" sched_switch v3-noopt alloc 4)"
	ok $? "messaging -t: v3-opt allocates far less than v3-noopt"
else
	skip 6 "perf-messaging-t trace missing"
fi
f=$tmp/lttng-messaging-t.csv
if [ -s "$f" ]; then
	is "$(dominant "$f")" transfer "LTTng messaging -t: v3-opt dominated by transfer"
	less "$(csv_value "$f" tasks '' tgid_guesses 4)" 5
	ok $? "LTTng messaging -t: statedump and tid/pid contexts resolve thread groups (< 5 guesses)"
else
	skip 2 "lttng-messaging-t trace missing"
fi

f=$tmp/perf-messaging.csv
if [ -s "$f" ]; then
	is "$(dominant "$f")" single_threaded "messaging (processes): v3-opt dominated by single-threaded"
	less 99 "$(csv_value "$f" sched_switch v3-opt single_threaded 5)"
	ok $? "messaging (processes): over 99 % single-threaded, as in the slides (99.98 %)"
else
	skip 2 "perf-messaging trace missing"
fi

f=$tmp/perf-pipe.csv
if [ -s "$f" ]; then
	schedstat "$traces/perf-pipe" 'cpu-to-node="0,0",format="csv",procname="sched-pipe"' \
		>"$tmp/pipe-workload.csv" 2>/dev/null
	is "$(csv_value "$tmp/pipe-workload.csv" sched_switch v3-opt single_threaded 5)" 100.00 \
		"pipe: the workload 100.00 % single-threaded, as in the slides"
	# perf record (pid 7561) made its side-band thread 7814 before the
	# first scheduler event: only perf_fork shows that fork, and with it
	# every switch-in of perf is one of a two-thread mm (3 allocations).
	schedstat "$traces/perf-pipe" 'cpu-to-node="0,0",format="csv",pid=7561' \
		>"$tmp/pipe-perf.csv" 2>/dev/null
	is "$(csv_value "$tmp/pipe-perf.csv" sched_switch v3-opt alloc 4)/$(csv_value \
		"$tmp/pipe-perf.csv" sched_switch v3-opt single_threaded 4)" 3/0 \
		"pipe: perf record's thread forked before tracing began counts (alloc/single 3/0)"
else
	skip 2 "perf-pipe trace missing"
fi
# sink.rseqprof.report: the sections on one decoder and one set of models,
# in one document: the first section's object, each other one a member named
# after it, each equal to what its own sink writes (with an end time too:
# cid reads the whole trace, the others stop at the end).
t=$traces/perf-messaging-t
hosted="schedstat migration numa cid"
for range in "" ',end="01:08:43.86"'; do
	what=${range:+" with an end time"}
	for sec in $hosted; do
		babeltrace2 --plugin-path="$PLUGIN_DIR" "$t" -c "sink.rseqprof.$sec" \
			--params="cpu-to-node=\"0,0\",pid=30025$range,format=\"json\",output=\"$tmp/alone-$sec.json\""
	done
	# cid, given first, reads the whole trace: it is written last.
	babeltrace2 --plugin-path="$PLUGIN_DIR" "$t" -c sink.rseqprof.report \
		--params="cpu-to-node=\"0,0\",pid=30025$range,format=\"json\",sections=\"cid,schedstat,migration,numa\",output=\"$tmp/doc.json\""
	ok $? "report sink$what: one sink, four sections, one document"
	for sec in $hosted; do
		python3 - "$tmp/doc.json" "$sec" "$tmp/alone-$sec.json" <<'PY'
import json, sys
doc, sec, alone = json.load(open(sys.argv[1])), sys.argv[2], json.load(open(sys.argv[3]))
others = ("migration", "numa", "cid")
part = {k: v for k, v in doc.items() if k not in others} if sec == "schedstat" else doc[sec]
sys.exit(part != alone or list(doc)[-3:] != list(others))
PY
		ok $? "report sink$what: the $sec part of the document equals sink.rseqprof.$sec"
	done
done
status=0
babeltrace2 --plugin-path="$PLUGIN_DIR" "$t" -c sink.rseqprof.report \
	--params='sections="schedstat,nope"' >/dev/null 2>"$tmp/err" || status=$?
ok "$([ "$status" -ne 0 ] && grep -q "report: unknown section 'nope'" "$tmp/err"; echo $?)" \
	"report sink: an unknown section is an error naming it"

# Bad input through 'rseqprof report': one line, non-zero exit.
bad_input() { # DESCRIPTION PATTERN DIR
	"$RSEQPROF" report "$3" >/dev/null 2>"$tmp/err"
	local status=$?
	if [ "$status" -ne 0 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q -- "$2" "$tmp/err"; then
		ok 0 "$1"
	else
		ok 1 "$1"
		diag "exit $status, stderr: $(cat "$tmp/err")"
	fi
}
cp -r "$traces/perf-pipe" "$tmp/trunc"
truncate -s 100000 "$tmp/trunc/perf_stream_1"
make_recording "$tmp/rec-trunc" "$tmp/trunc"
bad_input "truncated stream file: one-line error" "Failed to index CTF stream file" "$tmp/rec-trunc"
mkdir -p "$tmp/empty-meta"
: >"$tmp/empty-meta/metadata"
make_recording "$tmp/rec-meta" "$tmp/empty-meta"
bad_input "empty metadata: one-line error" "not a readable CTF trace" "$tmp/rec-meta"
make_recording "$tmp/rec-1cpu" "$traces/perf-pipe" 0
bad_input "topology smaller than the trace: one-line error" "the trace has events on CPU 1 but the topology has 1 CPUs" "$tmp/rec-1cpu"
mkdir -p "$tmp/nothing"
make_recording "$tmp/rec-nothing" "$tmp/nothing"
bad_input "no trace at all: one-line error" "no CTF trace in" "$tmp/rec-nothing"
done_testing
