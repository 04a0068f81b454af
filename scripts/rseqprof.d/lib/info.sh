# SPDX-License-Identifier: MIT
# info.sh - DIR/rseqprof.info, the key=value description of a recording
# (format=1; the layout is in TEAM.md and README).
# shellcheck shell=bash

# shell_quote ARGS...: ARGS as one line a POSIX shell reads back into the
# same words: plain words as they are, others in single quotes, words with
# control characters (newlines...) in bash's $'...' form.
shell_quote() {
	local a out='' sep=''
	for a in "$@"; do
		case "$a" in
		'')
			a="''"
			;;
		*[![:alnum:]_@%+=:,./-]*)
			case "$a" in
			*[[:cntrl:]]*)
				printf -v a '%q' "$a"
				;;
			*)
				a="'${a//\'/\'\\\'\'}'"
				;;
			esac
			;;
		esac
		out+="$sep$a"
		sep=' '
	done
	printf '%s\n' "$out"
}

# info_write FILE KEY=VALUE...: write FILE, format line first.
info_write() {
	local file=$1
	shift
	{
		echo format=1
		printf '%s\n' "$@"
	} >"$file"
}

# info_read VAR FILE KEY: set VAR to the value of KEY in FILE, a key=value
# file (never sourced), empty when absent; no subshell (a report's own cost
# counts).
info_read() {
	local _ir_key _ir_val
	printf -v "$1" '%s' ''
	while IFS='=' read -r _ir_key _ir_val; do
		if [ "$_ir_key" = "$3" ]; then
			printf -v "$1" '%s' "$_ir_val"
			return 0
		fi
	done <"$2"
	return 0
}

# info_get FILE KEY: the value of KEY in FILE (empty when absent).
info_get() {
	local value
	info_read value "$1" "$2"
	printf '%s\n' "$value"
}
