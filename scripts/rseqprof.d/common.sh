# SPDX-License-Identifier: MIT
# common.sh - what every rseqprof subcommand shares.  die() lives here, in
# the command layer, and nowhere else.
# shellcheck shell=bash

RSEQPROF_PROG=rseqprof

# die MESSAGE: one line on stderr, exit 1.
die() {
	echo "$RSEQPROF_PROG: error: $*" >&2
	exit 1
}

warn() {
	echo "$RSEQPROF_PROG: warning: $*" >&2
}

# usage_error SUBCOMMAND MESSAGE: bad arguments, exit 2.
usage_error() {
	echo "$RSEQPROF_PROG $1: $2 (see 'rseqprof $1 --help')" >&2
	exit 2
}

# The source tree and build tree when run from a checkout, else the
# installed locations.
RSEQPROF_SRC=$(cd "$RSEQPROF_LIBEXEC/../.." && pwd)
RSEQPROF_BUILD=${RSEQPROF_BUILD:-$RSEQPROF_SRC/${BUILD_DIR:-build}}

# An installed copy (cmake --install) has rseqprof.d/installed-paths,
# which sets RSEQPROF_INSTALLED_PLUGIN_DIR (scripts/CMakeLists.txt).
RSEQPROF_INSTALLED_PLUGIN_DIR=
if [ -f "$RSEQPROF_LIBEXEC/installed-paths" ]; then
	# shellcheck source=/dev/null
	. "$RSEQPROF_LIBEXEC/installed-paths"
fi

# rseqprof_plugin_dir: folder holding the babeltrace2 plugin rseqprof:
# RSEQPROF_PLUGIN_DIR, else the installed one, else the build tree's.
rseqprof_plugin_dir() {
	if [ -n "${RSEQPROF_PLUGIN_DIR:-}" ]; then
		echo "$RSEQPROF_PLUGIN_DIR"
	elif [ -n "$RSEQPROF_INSTALLED_PLUGIN_DIR" ]; then
		echo "$RSEQPROF_INSTALLED_PLUGIN_DIR"
	elif [ -d "$RSEQPROF_BUILD/analyses" ]; then
		echo "$RSEQPROF_BUILD/analyses"
	else
		die "babeltrace2 plugin not found: build first (scripts/build) or set RSEQPROF_PLUGIN_DIR"
	fi
}

# bt2_version: babeltrace2's version ("2.0.4"), empty when it is missing.
bt2_version() {
	babeltrace2 --version 2>/dev/null | sed -n '1s/^[^0-9]*\([0-9][0-9.]*\).*/\1/p'
}

# bt2_reads_ctf2 [VERSION]: true when babeltrace2 (2.1 and later) reads
# CTF 2 traces as well as CTF 1.8.
bt2_reads_ctf2() {
	local ver=${1:-$(bt2_version)}
	[ "$(printf '%s\n' 2.1 "${ver:-0}" | sort -V | head -n 1)" = 2.1 ]
}
