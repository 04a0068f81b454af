#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# `cmake --install` into a temporary prefix, then rseqprof used from there,
# outside the source tree, with no build tree in sight: the command and
# each subcommand's --help, the plugin babeltrace2 loads from the prefix,
# and a report (text, JSON, HTML, compare) whose numbers equal those of the
# source tree's command on the same trace.
set -uo pipefail
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"
# shellcheck source=tests/html/sample.sh
. "$RSEQPROF_SRC/tests/html/sample.sh"

command -v babeltrace2 >/dev/null || plan_skip_all "babeltrace2 not installed"
command -v cmake >/dev/null || plan_skip_all "cmake not installed"
command -v jq >/dev/null || plan_skip_all "jq not installed"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
P=$tmp/prefix

# installed ARGS...: the installed command, from $tmp, with a clean
# environment (no RSEQPROF_BUILD, no plugin path).
installed() {
	(cd "$tmp" && env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$tmp" \
		"$P/bin/rseqprof" "$@")
}

plan_tests 18

cmake --install "$RSEQPROF_BUILD" --prefix "$P" >"$tmp/install.log" 2>&1
ok $? "cmake --install --prefix $P" || diag "$(tail -3 "$tmp/install.log")"

plugin=$(find "$P" -name babeltrace-plugin-rseqprof.so)
missing=
for f in bin/rseqprof libexec/rseqprof/rseqprof libexec/rseqprof/rseqprof.d/common.sh \
	 libexec/rseqprof/rseqprof.d/report.sh libexec/rseqprof/rseqprof.d/lib/tools.sh \
	 libexec/rseqprof/rseqprof.d/installed-paths libexec/rseqprof/rseqprof-html \
	 libexec/rseqprof/rseqprof-compare libexec/rseqprof/rseqprof-topology \
	 libexec/rseqprof/librseqprof-preload.so \
	 include/rseqprof/rseq.h share/man/man1/rseqprof.1; do
	[ -e "$P/$f" ] || missing="$missing $f"
done
is "$missing" "" "command, subcommands, helper programs, preload library, headers, man page installed"
case "${plugin#"$P"/}" in
lib*/babeltrace2/plugins/babeltrace-plugin-rseqprof.so) where=0 ;;
*) where=1 ;;
esac
ok "$where" "the plugin is in LIBDIR/babeltrace2/plugins under the prefix (${plugin#"$P"/})"
babeltrace2 --plugin-path="$(dirname "$plugin")" help sink.rseqprof.schedstat >"$tmp/bt-help" 2>&1
ok $? "babeltrace2 loads the installed plugin" || diag "$(tail -3 "$tmp/bt-help")"

installed --help >"$tmp/help" 2>&1
ok $? "rseqprof --help"
subs=$(find "$P/libexec/rseqprof/rseqprof.d" -maxdepth 1 -name '*.sh' ! -name common.sh -printf '%f\n' |
	sed 's/\.sh$//' | sort | tr '\n' ' ')
is "$(awk '/^commands:/ { on = 1; next } on && NF { print $1 }' "$tmp/help" | grep -v "^'" | tr '\n' ' ')" \
	"$subs" "--help lists every installed subcommand: $subs"
bad=
for sub in $subs; do
	installed "$sub" --help >"$tmp/$sub.help" 2>&1 &&
		grep -q "^usage: rseqprof $sub" "$tmp/$sub.help" || bad="$bad $sub"
done
is "$bad" "" "every subcommand has --help"

if command -v man >/dev/null; then
	man -l "$P/share/man/man1/rseqprof.1" 2>/dev/null | grep "^ *usage: rseqprof" | awk '{ print $3 }' |
		LC_ALL=C sort -u | tr '\n' ' ' >"$tmp/man"
	is "$(cat "$tmp/man")" "<command> $subs" "rseqprof(1) holds the --help of the command and of every subcommand"
else
	skip 1 "man not installed"
fi

# A recording directory outside the source tree (its own copy of the trace).
sample_recording "$tmp/rec" 0 copy
installed report rec --format json -o installed.json 2>"$tmp/err"
ok $? "the installed rseqprof reports a recording" || diag "$(cat "$tmp/err")"
"$RSEQPROF_SRC/scripts/rseqprof" report "$tmp/rec" --format json -o "$tmp/source.json" 2>/dev/null
ok "$(cmp -s "$tmp/installed.json" "$tmp/source.json"; echo $?)" \
	"same JSON report as the source tree's command"
is "$(grep -c '"report": "\(schedstat\|cid\|migration\|numa\)"\|"analysis": "cid"' "$tmp/installed.json")" 4 \
	"all four sections are in it"
is "$(installed report rec --variant v3-opt 2>/dev/null |
	awk '/transfer between threads/ { print $(NF - 2), $NF; exit }')" \
	"$(jq -r '.variants["v3-opt"].sched_switch.transfer | "\(.percent) (\(.count))"' \
		"$tmp/source.json")" \
	"text report: v3-opt transfer share equals the JSON's"
installed report rec --html page.html 2>"$tmp/err"
ok $? "the installed rseqprof draws the HTML page (libexec/rseqprof/rseqprof-html)" ||
	diag "$(cat "$tmp/err")"
ok "$(grep -q '<section id="schedstat">' "$tmp/page.html"; echo $?)" "the page holds the schedstat section"
installed compare installed.json installed.json >"$tmp/compare.out" 2>"$tmp/err"
ok $? "the installed rseqprof compares two reports (libexec/rseqprof/rseqprof-compare)" ||
	diag "$(cat "$tmp/err")"
is "$(readlink "$P/bin/rseqprof")" ../libexec/rseqprof/rseqprof \
	"bin/rseqprof is a relative link to libexec/rseqprof/rseqprof"
mv "$P" "$tmp/moved"
P=$tmp/moved
installed report rec --section schedstat --format json -o moved.json 2>"$tmp/err"
ok "$([ -s "$tmp/moved.json" ] && jq -e '.variants' "$tmp/moved.json" >/dev/null; echo $?)" \
	"the installed tree still works once moved elsewhere (relocatable)" || diag "$(cat "$tmp/err")"
status=0
env -i PATH=/usr/bin:/bin "$P/bin/rseqprof" nosuch >/dev/null 2>"$tmp/err" || status=$?
ok "$([ "$status" -ne 0 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
	grep -q "unknown command 'nosuch'" "$tmp/err"; echo $?)" "an unknown subcommand is a one-line error"
done_testing
