#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# lost-events.sh: events lost while recording are never hidden.  Two real
# ways to lose them: perf with a one-page buffer (the loss is known only
# from perf, stored in rseqprof.info), and an LTTng UST channel of two 4 KiB
# sub-buffers fed by the scenario generator as fast as it can (the loss is
# in the trace: babeltrace2 discarded-events messages).  Each report must
# state the number and mark every percentage approximate; a recording
# without loss is the control (no mark).
set -u
# shellcheck source=tests/tap/tap.sh
. "${TAP_SH:?}"
# shellcheck source=tests/robustness/lib.sh
. "${RSEQPROF_SRC:?}/tests/robustness/lib.sh"
# shellcheck source=tests/probes/lttng-private.sh
. "$RSEQPROF_SRC/tests/probes/lttng-private.sh"

why=$(perf_trace_usable) || plan_skip_all "$why"
robust_tmpdir
T=$ROBUST_TMP
plan_tests 11

# check_loss DESCRIPTION DIR LOST: every section of the text report and
# of the JSON report states LOST lost events (LOST "": the same number > 0
# everywhere) and that percentages are approximate; every percentage of
# the schedstat tables carries the approximate mark "~".
check_loss() {
	local what=$1 dir=$2 lost=$3 txt json got pct marked
	txt=$(timeout "$ROBUST_TIMEOUT" "$RSEQPROF" report "$dir" 2>/dev/null)
	json=$(timeout "$ROBUST_TIMEOUT" "$RSEQPROF" report "$dir" --format json 2>/dev/null)
	got=$(printf '%s\n' "$txt" | sed -n 's/^Lost events: \([0-9]*\).*approximate$/\1/p' | sort -u)
	[ -n "$got" ] && [ "$(printf '%s\n' "$got" | wc -l)" -eq 1 ] && [ "$got" -gt 0 ] &&
		{ [ -z "$lost" ] || [ "$got" = "$lost" ]; } &&
		[ "$(printf '%s\n' "$txt" | grep -c '^Lost events:')" -eq \
		  "$(printf '%s\n' "$txt" | grep -c '^Lost events: .*approximate$')" ]
	ok $? "$what: every text section states ${got:-no} lost events${lost:+ (want $lost)}, approximate" ||
		printf '%s\n' "$txt" | grep '^Lost events' | sed 's/^/#   /'
	# The schedstat section runs up to the next section's title.
	pct=$(printf '%s\n' "$txt" | sed '/^Migration report/,$d' | grep -c '%')
	marked=$(printf '%s\n' "$txt" | sed '/^Migration report/,$d' | grep '%' | grep -c '~ *[0-9.]* %')
	[ "$pct" -gt 0 ] && [ "$marked" -eq "$pct" ]
	ok $? "$what: $marked of $pct schedstat percentages marked approximate"
	printf '%s\n' "$json" | python3 -c '
import json, sys
d = json.load(sys.stdin)
want = int(sys.argv[1])
secs = [d] + [v for v in d.values() if isinstance(v, dict) and "lost_events" in v]
for s in secs:
    assert s["approximate"] is True, "approximate is not true"
    assert s["lost_events"] == want, "lost_events %d" % s["lost_events"]
print(len(secs))
' "${got:-0}" >"$T/json-sections"
	ok $? "$what: JSON lost_events == ${got:-?} and approximate: true in $(cat "$T/json-sections") sections"
}

# --- perf with a one-page buffer
perf_trace_record -m 1 "$T/perf-lossy" perf bench sched messaging -t -g 4 -l 50 >/dev/null
ok $? "perf recording with a one-page buffer"
lost=$(sed -n 's/^discarded_events=//p' "$T/perf-lossy/rseqprof.info")
[ "${lost:-0}" -gt 0 ]
ok $? "perf reported ${lost:-no} lost samples (rseqprof.info discarded_events)"
check_loss "perf, tiny buffer" "$T/perf-lossy" "$lost"

# --- the control: nothing lost, nothing marked
robust_small_recording "$T/perf-ok" >/dev/null
txt=$(timeout "$ROBUST_TIMEOUT" "$RSEQPROF" report "$T/perf-ok" 2>/dev/null)
[ "$(printf '%s\n' "$txt" | grep '^Lost events:' | sort -u)" = "Lost events: 0" ] &&
	! printf '%s\n' "$txt" | grep -q '~ *[0-9.]* %'
ok $? "recording without loss: 'Lost events: 0' in every section, no approximate mark"

# --- LTTng UST channel of 2 x 4 KiB, scenario generator emitting flat out
gen=$RSEQPROF_BUILD/tests/analyses/scenario/rseqprof-scenario
if ! lttng_private_start >"$T/why"; then
	skip 5 "LTTng: $(cat "$T/why")"
	done_testing
fi
trap 'lttng_private_stop; rm -rf "$T"' EXIT
gen=$(lttng_private_reach "$gen")
awk 'BEGIN { for (i = 0; i < 100000; i++)
	printf "switch cpu=%d prev=%d/100 next=%d/100\n", i % 2, 101 + i % 4, 101 + (i + 1) % 4 }' \
	>"$T/flood.scn"
chmod 755 "$T"
chmod 644 "$T/flood.scn"
s=rseqprof-robust-$$
mkdir -p "$T/lttng-lossy"
chown 65534:65534 "$T/lttng-lossy"
{
	lttng_private_as_user lttng create "$s" --output="$T/lttng-lossy/trace" &&
	lttng_private_as_user lttng enable-channel -u -s "$s" tiny --subbuf-size=4096 --num-subbuf=2 &&
	lttng_private_as_user lttng enable-event -u -s "$s" -c tiny 'rseqprof_scenario:*' &&
	lttng_private_as_user lttng start "$s" &&
	lttng_private_as_user env LTTNG_UST_REGISTER_TIMEOUT=10000 "$gen" "$T/flood.scn" &&
	lttng_private_as_user lttng stop "$s" &&
	lttng_private_as_user lttng destroy "$s"
} >"$T/lttng.log" 2>&1
ok $? "LTTng recording of 100000 switches through a 2 x 4 KiB channel" ||
	tail -5 "$T/lttng.log" | sed 's/^/#   /'
ln -s "$T/lttng-lossy/trace" "$T/lttng-lossy/kernel"
printf 'format=1\ntracer=lttng-kernel\nnr_cpus=2\nnr_nodes=1\ncpu_to_node=0,0\ndiscarded_events=0\n' \
	>"$T/lttng-lossy/rseqprof.info"
bt_lost=$(babeltrace2 "$T/lttng-lossy/kernel" -c sink.utils.counter 2>/dev/null |
	awk '/Discarded event messages$/ { n = $1 } END { print n + 0 }')
[ "$bt_lost" -gt 0 ]
ok $? "babeltrace2 sees $bt_lost discarded-events messages"
check_loss "LTTng, tiny channel" "$T/lttng-lossy" ""
done_testing
