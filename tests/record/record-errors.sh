#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# record-errors.sh - exit status propagation and the one-line errors of
# rseqprof record: workload not found, non-empty output folder, bad
# options; and --help lists exactly the options the parser takes.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
need_root
need_topology

plan_tests 31

# one_line_error FILE TEXT: FILE is one line, an rseqprof error with TEXT.
one_line_error() {
	[ "$(wc -l <"$1")" -eq 1 ] && grep -q "^rseqprof.*$2" "$1"
}

"$RSEQPROF" record -o "$T/exit3" --linger 0 -- sh -c 'exit 3' 2>"$T/err"
is "$?" 3 "the workload's exit status 3 is rseqprof's"
is "$(info "$T/exit3/rseqprof.info" exit_status)" 3 "exit_status=3 in rseqprof.info"
"$RSEQPROF" record -o "$T/term" --linger 0 -- sh -c 'kill -TERM $$' 2>"$T/err"
is "$?" 143 "a workload killed by SIGTERM gives 128+15"
is "$(info "$T/term/rseqprof.info" exit_status)" 143 "exit_status=143 in rseqprof.info"

"$RSEQPROF" record -o "$T/nf1" -- /nonexistent/program arg 2>"$T/err"
is "$?" 1 "a missing workload path fails with status 1"
one_line_error "$T/err" "workload not found: '/nonexistent/program'"
ok $? "one line names the missing workload"
ok "$([ ! -e "$T/nf1" ]; echo $?)" "no output folder is created for it"
"$RSEQPROF" record -o "$T/nf2" -- rseqprof-no-such-command 2>"$T/err"
is "$?" 1 "a command not in PATH fails with status 1"
one_line_error "$T/err" "workload not found"
ok $? "one line says the workload is not found"
echo true >"$T/noexec"
chmod 644 "$T/noexec"
"$RSEQPROF" record -o "$T/nf3" -- "$T/noexec" 2>"$T/err"
is "$?" 1 "a file that is not executable fails"
one_line_error "$T/err" "workload not found"
ok $? "one line says so"
ok "$(no_perf_left "$T/nf"; echo $?)" "no tracer was started for them"

mkdir "$T/full"
echo keep >"$T/full/mine"
"$RSEQPROF" record -o "$T/full" --linger 0 -- true 2>"$T/err"
is "$?" 1 "a non-empty output folder is refused"
one_line_error "$T/err" "exists and is not empty.*--force"
ok $? "one line says so and names --force"
ok "$([ ! -e "$T/full/rseqprof.info" ] && [ "$(cat "$T/full/mine")" = keep ]; echo $?)" "the folder is left as it was"
"$RSEQPROF" record -o "$T/full" --linger 0 -- true 2>/dev/null
"$RSEQPROF" record -o "$T/full" --force --linger 0 -- sh -c 'exit 4' 2>"$T/err"
is "$?" 4 "--force records into it"
ok "$([ -f "$T/full/kernel/metadata" ] && [ "$(cat "$T/full/mine")" = keep ]; echo $?)" "a new trace, other files kept"
is "$(info "$T/full/rseqprof.info" exit_status)" 4 "rseqprof.info is the new one"

"$RSEQPROF" record --bogus -- true 2>"$T/err"
is "$?" 2 "an unknown option is a usage error (2)"
one_line_error "$T/err" "unknown option '--bogus'"
ok $? "one line names the unknown option"
"$RSEQPROF" record --tracer dtrace -- true 2>/dev/null
is "$?" 2 "--tracer accepts only auto, lttng, perf"
"$RSEQPROF" record -o "$T/none" 2>/dev/null
is "$?" 2 "a missing command is a usage error"

if [ -e /proc/lttng ]; then
	skip 2 "lttng-modules is loaded here"
else
	"$RSEQPROF" record -o "$T/lt" --tracer lttng -- true 2>"$T/err"
	is "$?" 1 "--tracer lttng without lttng-modules fails"
	one_line_error "$T/err" "LTTng kernel tracer not available.*--tracer perf"
	ok $? "one line says what to do"
fi

# A perf that cannot run for this kernel (as Debian's wrapper without a
# matching binary) and one that fails to start recording: hand-built perfs
# first in PATH.
mkdir "$T/noperf" "$T/badperf"
printf '#!/bin/sh\necho "perf not found for kernel" >&2\nexit 1\n' >"$T/noperf/perf"
# shellcheck disable=SC2016 # $1 is the fake perf's
printf '#!/bin/sh\n[ "$1" = version ] && exec echo "perf version 0"\necho "failed to mmap: Cannot allocate memory" >&2\nexit 1\n' >"$T/badperf/perf"
chmod +x "$T/noperf/perf" "$T/badperf/perf"
if [ -e /proc/lttng ]; then
	skip 4 "lttng-modules is loaded here: perf is not needed"
else
	PATH=$T/noperf:$PATH "$RSEQPROF" record -o "$T/np" -- touch "$T/np-ran" 2>"$T/err"
	is "$?" 1 "no kernel tracer and no working perf: status 1"
	one_line_error "$T/err" "no kernel tracer: .*apt-get install linux-perf"
	ok $? "one line says to install linux-perf or load lttng-modules"
	PATH=$T/badperf:$PATH "$RSEQPROF" record -o "$T/bp" -- touch "$T/bp-ran" 2>"$T/err"
	is "$?" 1 "perf failing to start: status 1, no hang"
	ok "$(one_line_error "$T/err" "perf record does not start (failed to mmap: Cannot allocate memory)" &&
	      [ ! -e "$T/np-ran" ] && [ ! -e "$T/bp-ran" ]; echo $?)" "one line with perf's words; the workload never ran"
fi

# --help tells the truth: the options it lists are those the parser takes.
"$RSEQPROF" record --help >"$T/help"
is "$?" 0 "--help exits 0"
grep -oE -- '^  (-[a-z], )?--[a-z-]+' "$T/help" | grep -oE -- '--[a-z-]+' |
	sort -u >"$T/help-opts"
{
	echo --help	# handled by the dispatcher
	sed -n '/^cmd_record/,/^\tdone/p' "$RSEQPROF_SRC/scripts/rseqprof.d/record.sh" |
		grep -P '^\t\t\t?-' | grep -oE -- '--[a-z][a-z-]+'
} | sort -u >"$T/parser-opts"
ok "$([ -s "$T/help-opts" ]; echo $?)" "--help lists options"
is_file "$T/help-opts" "$T/parser-opts" "--help lists exactly the options the parser handles"
done_testing
