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

# lttng_tools_version: the lttng client's version ("2.16.0"), empty when
# it is missing.
lttng_tools_version() {
	lttng --version 2>/dev/null | sed -n '1s/^[^0-9]*\([0-9][0-9.]*\).*/\1/p'
}

# lttng_chooses_format [VERSION]: true when lttng-tools (2.15 and later)
# writes CTF 2 as well as CTF 1.8 and takes `lttng create --trace-format`;
# its session daemon's default is then CTF 2 (lttng-sessiond
# --default-trace-format).  Older ones write CTF 1.8 only.
lttng_chooses_format() {
	local ver=${1:-$(lttng_tools_version)}
	[ "$(printf '%s\n' 2.15 "${ver:-0}" | sort -V | head -n 1)" = 2.15 ]
}

# ctf_format DIR: "CTF 2" or "CTF 1.8", the format of the trace whose
# metadata file is DIR/metadata: CTF 2 metadata is a JSON text sequence
# (its first byte is the record separator 0x1e), CTF 1.8 metadata TSDL
# text or packets.
ctf_format() {
	if [ "$(head -c 1 "$1/metadata" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 1e ]; then
		echo "CTF 2"
	else
		echo "CTF 1.8"
	fi
}

# ctf_tracer DIR: the tracer that wrote the trace of DIR/metadata, from its
# environment ("lttng-ust 2.16", "lttng-modules 2.13", "perf 6.1.192"),
# empty when it names none.  The environment comes first in both formats:
# TSDL 'tracer_name = "lttng-ust";' (perf: its version as 'version'),
# JSON '"tracer_name": "lttng-ust"'; packetized metadata is read with -a.
ctf_tracer() {
	head -c 65536 "$1/metadata" 2>/dev/null | LC_ALL=C awk '
		function val(key,    r) {
			if (!match($0, "[\"]?" key "[\"]?[ \t]*[:=][ \t]*\"?[^\";,]*"))
				return ""
			r = substr($0, RSTART, RLENGTH)
			sub("^[\"]?" key "[\"]?[ \t]*[:=][ \t]*\"?", "", r)
			return r
		}
		/tracer_name/ && name == "" { name = val("tracer_name") }
		/tracer_major/ && major == "" { major = val("tracer_major") }
		/tracer_minor/ && minor == "" { minor = val("tracer_minor") }
		/^[ \t]*version[ \t]*=/ && version == "" { version = val("version") }
		END {
			if (name == "")
				exit
			if (major != "")
				version = major (minor != "" ? "." minor : "")
			print name (version != "" ? " " version : "")
		}'
}
