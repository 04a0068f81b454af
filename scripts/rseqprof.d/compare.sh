# SPDX-License-Identifier: MIT
# summary: put two schedstat reports (JSON files or recording dirs) side by side
# shellcheck shell=bash

usage_compare() {
	cat <<'USAGE'
usage: rseqprof compare A B [--variant V[,V...]] [--format text|json]

Put two schedstat reports side by side, per variant and counter: counts and
percentages of A and B, the difference B - A of the counts (absolute and
relative to A) and of the percentages (percentage points).  Use it for a
baseline vs a patched kernel, or for two workloads.

A and B are each a JSON report ('rseqprof report DIR --format json -o F')
or a recording directory, which is reported first (with --variant).

options:
  --variant V[,V...]   variants to report when A or B is a recording directory
  --format F           text (default) or json
  -h, --help           this help
USAGE
}

# compare_bin: the rseqprof-compare tool (RSEQPROF_COMPARE_BIN, the build
# tree's or the installed one: lib/tools.sh).
compare_bin() {
	local bin=${RSEQPROF_COMPARE_BIN:-}
	if [ -z "$bin" ]; then
		# shellcheck source=SCRIPTDIR/lib/tools.sh
		. "$RSEQPROF_LIBEXEC/lib/tools.sh"
		bin=$(rseqprof_tool rseqprof-compare analyses/compare) ||
			die "rseqprof-compare not found: build first (scripts/build)"
	fi
	[ -x "$bin" ] || die "rseqprof-compare not found ($bin): build first (scripts/build)"
	echo "$bin"
}

# compare_input PATH TMPFILE VARIANT: a JSON report for PATH.
compare_input() {
	local path=$1 tmp=$2 variant=$3
	if [ -d "$path" ]; then
		local args=("$path" --format json -o "$tmp")
		[ -z "$variant" ] || args+=(--variant "$variant")
		# A subshell: report's die() and traps stay there.
		( cmd_report "${args[@]}" ) || exit 1
		echo "$tmp"
	elif [ -f "$path" ]; then
		echo "$path"
	else
		die "no such report or recording directory: $path"
	fi
}

cmd_compare() {
	local format=text variant="" files=() opt
	while [ $# -gt 0 ]; do
		opt=$1
		case "$opt" in
		--variant|--format)
			[ $# -ge 2 ] || usage_error compare "$opt needs a value"
			if [ "$opt" = --variant ]; then variant=$2; else format=$2; fi
			shift 2
			;;
		-h|--help)
			usage_compare
			return 0
			;;
		-*)
			usage_error compare "unknown option '$opt'"
			;;
		*)
			files+=("$opt")
			shift
			;;
		esac
	done
	[ ${#files[@]} -eq 2 ] || usage_error compare "want two reports, got ${#files[@]}"
	case "$format" in
	text|json) ;;
	*) usage_error compare "unknown format '$format' (text or json)" ;;
	esac
	# shellcheck source=SCRIPTDIR/report.sh
	. "$RSEQPROF_LIBEXEC/report.sh"
	local bin tmp a b
	bin=$(compare_bin)
	tmp=$(mktemp -d)
	# shellcheck disable=SC2064
	trap "rm -rf '$tmp'" EXIT
	a=$(compare_input "${files[0]}" "$tmp/a.json" "$variant")
	b=$(compare_input "${files[1]}" "$tmp/b.json" "$variant")
	"$bin" --format "$format" --names "${files[0]}" "${files[1]}" "$a" "$b" 2>"$tmp/err" || {
		local msg
		msg=$(head -1 "$tmp/err")
		die "${msg#rseqprof-compare: }"
	}
}
