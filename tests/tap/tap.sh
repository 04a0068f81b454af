# SPDX-License-Identifier: MIT
# tap.sh - TAP producer for shell tests; source it, then call the functions.
# shellcheck shell=bash

TAP_RUN=0
TAP_FAILED=0
TAP_PLANNED=-1
TAP_TODO=

plan_tests() {
	TAP_PLANNED=$1
	echo "1..$1"
}

# plan_skip_all REASON: the whole test cannot run here.
plan_skip_all() {
	echo "1..0 # SKIP $*"
	exit 77
}

# ok STATUS DESCRIPTION: STATUS is 0 for a pass (a command's exit status).
ok() {
	local status=$1
	shift
	TAP_RUN=$((TAP_RUN + 1))
	if [ "$status" -eq 0 ]; then
		echo "ok $TAP_RUN - $*${TAP_TODO:+ # TODO $TAP_TODO}"
	elif [ -n "$TAP_TODO" ]; then
		echo "not ok $TAP_RUN - $* # TODO $TAP_TODO"
	else
		TAP_FAILED=$((TAP_FAILED + 1))
		echo "not ok $TAP_RUN - $*"
	fi
	return "$status"
}

# todo_begin REASON / todo_end: the results between them are TAP TODO: a
# known bug, reported with REASON, that does not fail the run.
todo_begin() {
	TAP_TODO=$*
}

todo_end() {
	TAP_TODO=
}

# is GOT WANT DESCRIPTION
is() {
	local got=$1 want=$2
	shift 2
	if [ "$got" = "$want" ]; then
		ok 0 "$@"
	else
		ok 1 "$@"
		diag "got '$got', expected '$want'"
	fi
}

# is_file GOT_FILE WANT_FILE DESCRIPTION: files equal, diff shown otherwise.
is_file() {
	local got=$1 want=$2
	shift 2
	if diff -u "$want" "$got" >/tmp/tap-diff.$$ 2>&1; then
		ok 0 "$@"
	else
		ok 1 "$@"
		sed 's/^/# /' /tmp/tap-diff.$$
	fi
	rm -f /tmp/tap-diff.$$
}

skip() {
	local n=$1
	shift
	while [ "$n" -gt 0 ]; do
		TAP_RUN=$((TAP_RUN + 1))
		echo "ok $TAP_RUN # skip $*"
		n=$((n - 1))
	done
}

diag() {
	echo "# $*"
}

# done_testing: prints the plan when none was given; exits with the result.
done_testing() {
	if [ "$TAP_PLANNED" -lt 0 ]; then
		echo "1..$TAP_RUN"
	elif [ "$TAP_PLANNED" -ne "$TAP_RUN" ]; then
		diag "planned $TAP_PLANNED tests but ran $TAP_RUN"
		exit 1
	fi
	[ "$TAP_FAILED" -eq 0 ]
	exit $?
}
