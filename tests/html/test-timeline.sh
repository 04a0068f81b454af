#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The timeline of the HTML report in a real browser: the kept 7.2 lab
# recording (tests/data/traces/lab-7.2-thread-churn) is reported to JSON
# (the cid section's timeline) and drawn (rseqprof report --html), then
# rendered by headless Chromium.  For the process with the most reads, the
# lanes drawn, each lane's reads and each model's runs with a mismatch must
# be those of the JSON, every read of a lane must be drawn in its kernel
# row, migrations and mode switches must be there, owner-6.19 (7.2's own
# variant, 741 of 741 reads) must show no mismatch while v3-noopt does; the
# page stays small and a screenshot is kept (tests/html/timeline.png).
set -uo pipefail
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"

RSEQPROF=$RSEQPROF_SRC/scripts/rseqprof
rec=$RSEQPROF_SRC/tests/data/traces/lab-7.2-thread-churn
for t in babeltrace2 python3; do
	command -v "$t" >/dev/null || plan_skip_all "$t not installed"
done
CHROMIUM=$(command -v chromium || command -v chromium-browser) ||
	plan_skip_all "chromium not installed (apt-get install chromium)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

plan_tests 12

"$RSEQPROF" report "$rec" --html "$tmp/page.html" -o "$tmp/report.json" 2>"$tmp/err"
ok $? "report --html of the 7.2 recording" || sed 's/^/# /' "$tmp/err"
browser() {
	timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$(mktemp -d "$tmp/profile.XXXXXX")" "$@" \
		2>>"$tmp/chromium.log"
}
browser --dump-dom "file://$tmp/page.html" >"$tmp/dom.html"
ok "$([ -s "$tmp/dom.html" ]; echo $?)" "Chromium rendered the page"
size=$(stat -c %s "$tmp/page.html")
ok "$([ "$size" -le 3000000 ]; echo $?)" "the page is at most 3 MB ($size bytes)"

# The checks, in Python: the DOM's attributes against the JSON.
python3 - "$tmp/dom.html" "$tmp/report.json" >"$tmp/checks" 2>&1 <<'PYEOF'
import json, sys
from html.parser import HTMLParser

dom, report = sys.argv[1], json.load(open(sys.argv[2]))
cid = report["cid"] if "cid" in report else report
procs = {k: p for k, p in cid["processes"].items() if "timeline" in p}
top = max(procs, key=lambda k: (procs[k]["reads"], -int(k.split(":")[1])))
tl = procs[top]["timeline"]
models = tl["models"]

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.svg = None; self.lane = None; self.model = None
        self.lanes = {}; self.runs = {}; self.mis = {}; self.migs = 0; self.modes = 0
        self.timeline = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class", "")
        if tag == "section" and a.get("id") == "timeline":
            self.timeline = True
        if tag == "svg" and cls == "timeline":
            self.svg = a.get("data-proc")
        if self.svg != top:
            return
        if tag == "g" and cls == "tl-lane":
            self.lane = a["data-lane"]; self.lanes[self.lane] = int(a["data-reads"])
            self.runs[self.lane] = 0; self.mis[self.lane] = {}
        elif tag == "g" and cls == "tl-model":
            self.model = a["data-variant"]
            self.mis[self.lane][self.model] = [int(a["data-mismatch-runs"]), 0]
        elif tag == "rect" and cls == "tl-run" and a["data-row"] == "kernel":
            self.runs[self.lane] += int(a["data-reads"])
        elif tag == "rect" and cls == "tl-mis":
            self.mis[self.lane][self.model][1] += 1
        elif tag == "path" and cls == "tl-mig":
            self.migs += 1
        elif tag == "line" and cls == "tl-mode":
            self.modes += 1
    def handle_endtag(self, tag):
        if tag == "svg":
            self.svg = None
        if tag == "g" and self.model:
            self.model = None

page = Page()
page.feed(open(dom).read())

def lanes(kind, key, cap):
    ls = {f"{kind}:{i}": runs for i, runs in tl[key].items()}
    if kind == "thread":
        order = sorted(ls, key=lambda l: -sum(r[2] for r in ls[l]))
        ls = {l: ls[l] for l in order[:cap]}
    return ls

want = {**lanes("cpu", "cpus", 16), **lanes("thread", "threads", 8)}
print(f"timeline section {page.timeline}")
print(f"process {top}: lanes drawn {sorted(page.lanes) == sorted(want)} ({len(page.lanes)})")
print("lane reads as in the JSON",
      all(page.lanes.get(l) == sum(r[2] for r in runs) for l, runs in want.items()))
print("every read drawn in the kernel row", all(page.runs[l] == page.lanes[l] for l in page.lanes))
print("mismatch runs as in the JSON", all(
    page.mis[l][v][0] == sum(1 for r in runs if r[3] >> i & 1)
    for l, runs in want.items() for v, i in models.items()))
own = sum(page.mis[l]["owner-6.19"][0] + page.mis[l]["owner-6.19"][1] for l in page.lanes)
noopt = sum(page.mis[l]["v3-noopt"][1] for l in page.lanes)
print(f"owner-6.19 no mismatch drawn {own == 0}")
print(f"v3-noopt mismatches drawn {noopt > 0} ({noopt})")
threads = {l.split(":")[1] for l in want if l.startswith("thread:")}
print("migrations drawn", page.migs == sum(1 for m in tl["migrations"] if str(m[1]) in threads),
      f"({page.migs})")
print("mode switches drawn", page.modes == len(tl["modes"]) > 0, f"({page.modes})")
PYEOF
check() {
	grep -q "^$1 True" "$tmp/checks"
	ok $? "$1" || sed 's/^/# /' "$tmp/checks"
}
grep -q "^timeline section True" "$tmp/checks"
ok $? "the page has the timeline section" || sed 's/^/# /' "$tmp/checks"
grep -q "^process kernel:773: lanes drawn True" "$tmp/checks"
ok $? "process 773 (the most reads): its CPU lanes and busiest thread lanes are drawn" ||
	sed 's/^/# /' "$tmp/checks"
check "lane reads as in the JSON"
check "every read drawn in the kernel row"
check "mismatch runs as in the JSON"
check "owner-6.19 no mismatch drawn"
check "v3-noopt mismatches drawn"
check "migrations drawn"
check "mode switches drawn"
browser --window-size=1100,1400 --screenshot="$RSEQPROF_BUILD/tests/html/timeline.png" \
	"file://$tmp/page.html#timeline" >/dev/null
diag "screenshot: $RSEQPROF_BUILD/tests/html/timeline.png"
