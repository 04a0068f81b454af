#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The visual report in a real browser: the perf trace of tests/data/traces
# is reported (rseqprof report --format json, and the sinks one by one),
# drawn (rseqprof report --html, rseqprof html) and rendered by headless
# Chromium.  The rendered DOM must hold every number of the JSON report of
# the same trace, the lost-events banner must follow the recording's
# discarded events, and a screenshot PNG is written (kept in the build tree:
# tests/html/report.png).
set -uo pipefail
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"
# shellcheck source=tests/html/sample.sh
. "$RSEQPROF_SRC/tests/html/sample.sh"

RSEQPROF=$RSEQPROF_SRC/scripts/rseqprof
PLUGIN_DIR=$RSEQPROF_BUILD/analyses
export RSEQPROF_BUILD

for t in babeltrace2 jq; do
	command -v "$t" >/dev/null || plan_skip_all "$t not installed"
done
CHROMIUM=$(command -v chromium || command -v chromium-browser) ||
	plan_skip_all "chromium not installed (apt-get install chromium)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# browser ARGS... URL: headless Chromium, isolated, no network.
browser() {
	timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$(mktemp -d "$tmp/profile.XXXXXX")" "$@" \
		2>>"$tmp/chromium.log"
}

# dom PAGE OUT: the DOM Chromium rendered from PAGE, one tag per line.
dom() {
	browser --dump-dom "file://$1" | sed 's/</\n</g' >"$2"
}

# tags FILE TAG CLASS ATTR...: for every <TAG class="CLASS ..."> of FILE,
# the values of ATTR... on one line.
tags() {
	local file=$1 tag=$2 class=$3
	shift 3
	grep -E "^<$tag [^>]*class=\"${class}[\" ]" "$file" | awk -v names="$*" '
		BEGIN { n = split(names, want, " ") }
		{
			line = ""
			for (i = 1; i <= n; i++) {
				v = ""
				if (match($0, " " want[i] "=\"[^\"]*\"")) {
					v = substr($0, RSTART + length(want[i]) + 3,
						   RLENGTH - length(want[i]) - 4)
				}
				line = line (i > 1 ? " " : "") v
			}
			print line
		}' | sort
}

# same GOT WANT DESCRIPTION: like is(), but an empty WANT fails: a page
# and a report that both lack the data prove nothing.
same() {
	if [ -z "$2" ]; then
		ok 1 "$3"
		diag "the JSON report holds no such data"
		return
	fi
	is "$@"
}

# Percentages compare as two-decimal numbers (jq prints 97.3 for 97.30).
norm() {
	awk '{ $NF = sprintf("%.2f", $NF); print }' | sort
}

plan_tests 31

# 1. rseqprof report DIR --html: the page matches the JSON report.
sample_recording "$tmp/rec"
# The kernel the sample was recorded on (its metadata's env.release).
echo "kernel_release=6.18.44-fc-v669" >>"$tmp/rec/rseqprof.info"
"$RSEQPROF" report "$tmp/rec" --format json -o "$tmp/report.json" 2>"$tmp/err"
ok $? "rseqprof report --format json" || diag "$(cat "$tmp/err")"
"$RSEQPROF" report "$tmp/rec" --html "$tmp/page.html" 2>"$tmp/err"
ok $? "rseqprof report --html" || diag "$(cat "$tmp/err")"
ok "$(! grep -Eiq '<script|https?://[a-z]|<link|<img|@import' "$tmp/page.html"; echo $?)" \
	"the page is self-contained (no script, link, image or URL)"
dom "$tmp/page.html" "$tmp/page.dom"
ok "$(grep -q '^<h1 id="title">rseqprof report: perf bench sched messaging -t' "$tmp/page.dom"; echo $?)" \
	"Chromium renders the page (title in the DOM)"
is "$(grep -c -E '^<[a-z]+ id="(lost-events|schedstat|variants|cid|migration|numa)"' "$tmp/page.dom")" 6 \
	"the banner and the five sections are there"
is "$(tags "$tmp/page.dom" div 'banner nolost' data-lost)" 0 "no loss: the banner says the counts are exact"

jq -r '.variants | to_entries[] | .key as $v | .value | to_entries[]
	| select(.key == "sched_switch" or .key == "release_mm" or .key == "migration")
	| .key as $t | .value | to_entries[] | "\($v) \($t) \(.key) \(.value.count) \(.value.percent)"' \
	"$tmp/report.json" | norm >"$tmp/want.seg"
tags "$tmp/page.dom" rect seg data-variant data-table data-counter data-count data-percent |
	norm >"$tmp/got.seg"
nv=$(jq '.variants | length' "$tmp/report.json")
is "$(wc -l <"$tmp/want.seg")" "$((nv * 8))" "JSON: $nv variants x 8 schedstat counters"
same "$(cat "$tmp/got.seg")" "$(cat "$tmp/want.seg")" \
	"stacked bars: every segment's count and percent equal the JSON report's"
tags "$tmp/page.dom" td pct data-variant data-table data-counter data-count data-percent |
	grep -v ' variant ' | norm >"$tmp/got.td"
same "$(cat "$tmp/got.td")" "$(cat "$tmp/want.seg")" \
	"variants side by side: every cell equals the JSON report"
same "$(tags "$tmp/page.dom" td total data-variant data-total)" \
	"$(jq -r '.variants | to_entries[] | "\(.key) \(.value.total)"' "$tmp/report.json" | sort)" \
	"totals equal the JSON report's"
same "$(tags "$tmp/page.dom" td agree data-variant data-percent | norm)" \
	"$(jq -r '.variants | to_entries[] | "\(.key) \(.value.rseq_update.percent)"' \
		"$tmp/report.json" | norm)" \
	"agreement with rseq_update's mm_cid: every variant's cell equals the JSON report"
is "$(sed -n 's/^<p id="kernel">//p' "$tmp/page.dom")" "Kernel $(jq -r .kernel.note "$tmp/report.json")" \
	"the page names the traced kernel's own variant, as the JSON report"
want=$(jq -r '.variants["v3-opt"].sched_switch.transfer | "\(.percent) \(.count)"' "$tmp/report.json" |
	awk '{ printf "%.2f %% <span class=\"count\">(%d)</span>", $1, $2 }')
ok "$(tr -d '\n' <"$tmp/page.dom" | grep -qF "$want"; echo $?)" \
	"v3-opt transfer (the slides' dominant threaded path) is shown as text: $want"

# 2. Every sink's section (merged as rseqprof report merges them).
for s in schedstat cid migration numa; do
	babeltrace2 --plugin-path="$PLUGIN_DIR" "$SAMPLE_TRACE" -c "sink.rseqprof.$s" \
		-p 'format="json",cpu-to-node="0,0"' >"$tmp/$s.json" 2>"$tmp/$s.err" ||
		diag "$s: $(tail -3 "$tmp/$s.err")"
done
jq -s '.[0] + {cid: .[1], migration: .[2], numa: .[3]}' "$tmp/schedstat.json" \
	"$tmp/cid.json" "$tmp/migration.json" "$tmp/numa.json" >"$tmp/all.json"
ok $? "the four sinks' JSON reports merged"
"$RSEQPROF" html "$tmp/all.json" -o "$tmp/all.html" -t "all sections" 2>"$tmp/err"
ok $? "rseqprof html draws the merged report" || diag "$(cat "$tmp/err")"
dom "$tmp/all.html" "$tmp/all.dom"
is "$(grep -c '^<p class="missing"' "$tmp/all.dom")" 0 "no section says its data is missing"
same "$(tags "$tmp/all.dom" tr cid-proc data-proc)" \
	"$(jq -r '.cid.processes | keys[]' "$tmp/all.json" | sort)" "cid: one table row per process"
same "$(tags "$tmp/all.dom" rect occ data-t data-mm-cids data-cpu-ids data-reads)" \
	"$(jq -r '.cid.processes[] | .intervals | to_entries[]
		| "\(.key) \(.value.mm_cids) \(.value.cpu_ids) \(.value.reads)"' "$tmp/all.json" | sort)" \
	"cid occupancy: every interval of every process equals the JSON report"
same "$(tags "$tmp/all.dom" rect cell data-from data-to data-count)" \
	"$(jq -r '.migration.matrix | to_entries[] | "\(.key | sub("->"; " ")) \(.value)"' \
		"$tmp/all.json" | sort)" \
	"migration heat map: every from->to cell equals the JSON matrix"
same "$(tags "$tmp/all.dom" rect idnode data-mm data-variant data-id data-node)" \
	"$(jq -r '.numa.mms | to_entries[] | .key as $m | .value.variants | to_entries[]
		| .key as $v | .value.home_node | to_entries[] | "\($m) \($v) \(.key) \(.value)"' \
		"$tmp/all.json" | sort)" \
	"numa id->node chart: every id's node equals the JSON report"
same "$(tags "$tmp/all.dom" rect cpunode data-cpu data-node)" "0 0
1 0" "numa: the recorded CPU -> node topology"

# 3. A recording that lost events: the banner says so, with the count.
sample_recording "$tmp/lossy" 37
"$RSEQPROF" report "$tmp/lossy" --html "$tmp/lossy.html" 2>"$tmp/err"
dom "$tmp/lossy.html" "$tmp/lossy.dom"
is "$(tags "$tmp/lossy.dom" div 'banner lost' data-lost)" 37 \
	"37 discarded events: the lost-events banner is shown with the count"

# 4. Several reports side by side (as the slides put workloads): the same
# trace reported with all variants and with two of them and a 1-entry cache.
"$RSEQPROF" report "$tmp/rec" --variant v3-opt,v3-noopt --cache-size 1 --format json \
	-o "$tmp/small.json" 2>/dev/null
"$RSEQPROF" html "all variants=$tmp/report.json" "$tmp/small.json" -o "$tmp/many.html" 2>"$tmp/err"
ok $? "rseqprof html with two labelled reports" || diag "$(cat "$tmp/err")"
dom "$tmp/many.html" "$tmp/many.dom"
want_many() {
	jq -r --arg w "$2" '.variants | to_entries[] | .key as $v | .value | to_entries[]
		| select(.key == "sched_switch" or .key == "release_mm" or .key == "migration")
		| .key as $t | .value | to_entries[]
		| "\($w) \($v) \($t) \(.key) \(.value.count) \(.value.percent)"' "$1"
}
{ want_many "$tmp/report.json" "all variants"; want_many "$tmp/small.json" small; } |
	norm >"$tmp/want.many"
tags "$tmp/many.dom" rect seg data-workload data-variant data-table data-counter data-count data-percent |
	norm >"$tmp/got.many"
same "$(cat "$tmp/got.many")" "$(cat "$tmp/want.many")" \
	"side by side: every bar segment of both reports equals its JSON report ($(wc -l <"$tmp/want.many") segments)"
is "$(grep -c '^<div data-workload="[^"]*" class="banner nolost"' "$tmp/many.dom")" 2 \
	"one lost-events banner per report"

# 5. Absent sections say so; bad input is a one-line error.
"$RSEQPROF" report "$tmp/rec" --section schedstat --html "$tmp/only.html" 2>"$tmp/err"
dom "$tmp/only.html" "$tmp/only.dom"
is "$(awk '/^<section id=/ { sec = $0; sub(/.*id="/, "", sec); sub(/".*/, "", sec) }
	/^<p class="missing">/ { print sec }' "$tmp/only.dom" | tr '\n' ' ')" "cid timeline migration numa " \
	"a schedstat-only report: the cid, timeline, migration and numa sections say their data is missing"
head -c 300 "$tmp/report.json" >"$tmp/truncated.json"
status=0
"$RSEQPROF" html "$tmp/truncated.json" -o "$tmp/bad.html" 2>"$tmp/err" || status=$?
ok "$([ "$status" -ne 0 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
	grep -q 'is not JSON (line [0-9]*: ' "$tmp/err"; echo $?)" \
	"a truncated JSON report: one-line error, non-zero exit ($(cat "$tmp/err"))"
echo '{"report": "something else"}' >"$tmp/other.json"
status=0
"$RSEQPROF" html "$tmp/other.json" -o "$tmp/bad.html" 2>"$tmp/err" || status=$?
ok "$([ "$status" -ne 0 ] && grep -q 'holds no rseqprof report section' "$tmp/err"; echo $?)" \
	"JSON that is no rseqprof report: one-line error"
# Names come from the trace (comm, member names): markup in them stays text.
cat >"$tmp/markup.json" <<'EOF'
{"report": "numa", "mms": {"1/<b>": {"pid": 1, "comm": "<script>x</script>",
 "variants": {"v3-numa\"><i>": {"violations": 0, "home_node": {"0": 0}}}}},
 "cid": {"analysis": "cid", "processes": {"ust:1": {"source": "<img src=x>",
 "pid": 1, "intervals": {"0": {"reads": 1, "mm_cids": 1, "cpu_ids": 1}}}}}}
EOF
"$RSEQPROF" html "$tmp/markup.json" -o "$tmp/markup.html" 2>"$tmp/err"
ok "$(! grep -Eq '<(script|img|b>|i>)' "$tmp/markup.html" &&
	grep -q '&lt;script&gt;x&lt;/script&gt;' "$tmp/markup.html"; echo $?)" \
	"markup in process names and keys is escaped, never interpreted"

# 6. A screenshot, kept for people to look at.
browser --screenshot="$tmp/report.png" --window-size=1200,2600 "file://$tmp/all.html" >/dev/null
is "$(head -c 8 "$tmp/report.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" 89504e470d0a1a0a \
	"the screenshot is a PNG"
is "$(od -An -tu1 -j16 -N8 "$tmp/report.png" | awk '{ print $3 * 256 + $4 "x" $7 * 256 + $8 }')" \
	1200x2600 "the screenshot has the window's size"
mkdir -p "$RSEQPROF_BUILD/tests/html"
cp "$tmp/report.png" "$tmp/all.html" "$RSEQPROF_BUILD/tests/html/" 2>/dev/null
done_testing
