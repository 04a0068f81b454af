#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every shell script of the project passes `shellcheck -x`
# (TEAM.md: "Scripts pass shellcheck -x"), one TAP line per script.
# Scripts: tracked files named *.sh or starting with a sh/bash shebang.
set -u
# shellcheck source=tests/tap/tap.sh
. "${TAP_SH:?}"

command -v shellcheck >/dev/null || plan_skip_all "shellcheck not installed"
cd "${RSEQPROF_SRC:?}" || exit 1

list_files() {
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files --cached --others --exclude-standard
	else
		find . -path ./build -prune -o -path './build-*' -prune -o \
			-type f -print | sed 's|^\./||'
	fi
}

scripts=()
while IFS= read -r f; do
	[ -f "$f" ] || continue
	case "$f" in
	*.sh) scripts+=("$f"); continue ;;
	esac
	if head -c 64 "$f" 2>/dev/null | head -1 |
		grep -Eq '^#! */(usr/)?bin/(env +)?(ba)?sh( |$)'; then
		scripts+=("$f")
	fi
done < <(list_files | sort)

[ ${#scripts[@]} -gt 0 ] || plan_skip_all "no shell script found under $RSEQPROF_SRC"
plan_tests ${#scripts[@]}
for f in "${scripts[@]}"; do
	if out=$(shellcheck -x "$f" 2>&1); then
		ok 0 "shellcheck -x $f"
	else
		ok 1 "shellcheck -x $f"
		printf '%s\n' "$out" | head -20 | sed 's/^/# /'
	fi
done
done_testing
