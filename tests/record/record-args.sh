#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# record-args.sh - the workload's arguments reach it verbatim (spaces,
# quotes, $(...), ;, backquotes, globs, newlines, empty), nothing else
# runs, and cmdline= in rseqprof.info reads back as the same words.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
need_root
need_topology

plan_tests 7

cat >"$T/show-args" <<'SCRIPT'
#!/bin/sh
for a in "$@"; do
	printf '<%s>\n' "$a"
done >"$SHOW_ARGS_OUT"
SCRIPT
chmod +x "$T/show-args"

args=("a b" "it's" "\$(touch $T/pwned1)" "; touch $T/pwned2" "\`touch $T/pwned3\`"
      '"dq"' '*' "$(printf 'two\nlines')" '' '--' '-o' "|| touch $T/pwned4 &")
SHOW_ARGS_OUT=$T/got "$RSEQPROF" record -o "$T/rec" --linger 0 -- \
	"$T/show-args" "${args[@]}" 2>"$T/err"
is "$?" 0 "record runs the workload"
printf '<%s>\n' "${args[@]}" >"$T/want"
is_file "$T/got" "$T/want" "every argument reaches the workload verbatim"
! ls "$T"/pwned* >/dev/null 2>&1
ok $? "nothing in the arguments was executed"

cmdline=$(info "$T/rec/rseqprof.info" cmdline)
is "$(grep -c '^cmdline=' "$T/rec/rseqprof.info")" 1 "cmdline= is a single line"
# Read it back as a shell would; a quoting mistake would run a touch.
bash -c 'eval "set -- $1"; printf "<%s>\n" "$@"' sh "$cmdline" >"$T/back"
printf '<%s>\n' "$T/show-args" "${args[@]}" >"$T/want-back"
is_file "$T/back" "$T/want-back" "cmdline= reads back as the same words"
! ls "$T"/pwned* >/dev/null 2>&1
ok $? "reading cmdline= back executed nothing"
# Standard input reaches the workload too (an asynchronous command would
# read /dev/null unless redirected).
got=$(echo "from stdin" | "$RSEQPROF" record -o "$T/stdin" --linger 0 -- cat 2>/dev/null)
is "$got" "from stdin" "standard input reaches the workload"
done_testing
