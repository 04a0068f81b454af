#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# record-perf-noctf.sh - a perf that cannot write CTF (Debian unstable's
# linux-perf 7.2 is built without babeltrace: "The babeltrace2 ctf support
# is not compiled in") is no kernel tracer: without lttng-modules,
# `rseqprof record` refuses before it starts anything, in one line that
# says why and what to do, and `rseqprof check` says so too.  Runs where
# such a perf is installed (scripts/test-compat); skipped elsewhere.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || plan_skip_all "needs root (kernel events)"
command -v perf >/dev/null || plan_skip_all "perf not installed"
[ ! -e /proc/lttng ] || plan_skip_all "lttng-modules is loaded: perf is not needed"
why=$(perf_ctf_missing)
[ -n "$why" ] || plan_skip_all "$(perf version 2>/dev/null | head -n 1) converts to CTF: nothing to refuse here"

plan_tests 5
diag "$why"
"$RSEQPROF" record -o "$T/rec" --linger 0 -- true 2>"$T/err"
is "$?" 1 "record fails with status 1"
[ "$(wc -l <"$T/err")" -eq 1 ] &&
	grep -q "^rseqprof: error: no kernel tracer: .*cannot convert to CTF.*lttng-modules.*--no-kernel" "$T/err"
ok $? "one line names the cause and the ways out" || sed 's/^/# /' "$T/err"
ok "$([ ! -e "$T/rec/kernel" ] && [ ! -e "$T/rec/rseqprof.info" ]; echo $?)" "nothing was recorded"
ok "$(! pgrep -f "$T/rec" >/dev/null; echo $?)" "no tracer was started for it"
"$RSEQPROF" check >"$T/check" 2>&1
grep -q "^missing  *perf  *.*cannot convert to CTF" "$T/check"
ok $? "check says perf cannot be the fallback" || sed 's/^/# /' "$T/check"
