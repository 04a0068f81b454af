# SPDX-License-Identifier: MIT
# summary: draw a JSON report as one self-contained HTML page (inline SVG)
# html.sh - `rseqprof html REPORT.json -o OUT.html`; `rseqprof report DIR
# --html OUT.html` calls html_render() from here.
# shellcheck shell=bash

# shellcheck source=SCRIPTDIR/lib/tools.sh
. "$RSEQPROF_LIBEXEC/lib/tools.sh"

usage_html() {
	cat <<'USAGE'
usage: rseqprof html [LABEL=]REPORT.json... [-o OUT.html] [-t TITLE]

Draw a JSON report ('rseqprof report DIR --format json -o REPORT.json') as
one self-contained HTML page: inline CSS and SVG, no script, no network, so
that it opens anywhere and can be mailed.  The page shows:
  - a banner when the tracer lost events (the numbers are then approximate)
  - the schedstat breakdown: one stacked bar per allocator variant
  - the variants side by side, with differences to the first one
  - the vcpu-id occupancy over time of each process (cid section)
  - the from -> to CPU migration heat map (migration section)
  - the CPU -> node topology and each mm's vcpu-id -> node chart (numa)
A section the report lacks says so on the page.  Every number shown is
copied from the JSON report, and also carried by a data-* attribute.
With several reports (workloads, kernels, each labelled LABEL or by its
file name), the page puts their schedstat breakdowns side by side instead:
one group of stacked bars per report, and one table per variant with a
column per report, as the LPC 2022 slides show processes, threads and pipe.
'rseqprof report DIR --html OUT.html' reports and draws in one step.

options:
  -o FILE      write the page to FILE (default: standard output)
  -t TITLE     the page title (default: "rseqprof report")
  -h, --help   this help
USAGE
}

# html_render OUT TITLE JSON...: draw the JSON reports into OUT (several:
# side by side, each [LABEL=]FILE).
html_render() {
	local bin out=$1 title=$2
	shift 2
	bin=$(rseqprof_tool rseqprof-html analyses/html) ||
		die "rseqprof-html not found: build rseqprof first (scripts/build)"
	"$bin" -t "$title" -o "$out" -- "$@" || exit 1
}

cmd_html() {
	local in=() out=- title='rseqprof report'
	while [ $# -gt 0 ]; do
		case "$1" in
		-o|-t)
			[ $# -ge 2 ] || usage_error html "$1 needs a value"
			if [ "$1" = -o ]; then out=$2; else title=$2; fi
			shift 2
			continue
			;;
		-*) usage_error html "unknown option '$1'" ;;
		*)
			in+=("$1")
			;;
		esac
		shift
	done
	local r
	[ ${#in[@]} -gt 0 ] || usage_error html "missing the JSON report"
	for r in "${in[@]}"; do
		[ -f "${r#*=}" ] || [ -f "$r" ] ||
			die "no such JSON report: ${r#*=} (make one with 'rseqprof report DIR --format json -o FILE')"
	done
	html_render "$out" "$title" "${in[@]}"
}
