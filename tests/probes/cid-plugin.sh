# SPDX-License-Identifier: MIT
# cid-plugin.sh - find the babeltrace2 plugin holding sink.rseqprof.cid,
# sourced by the probes tests.
# shellcheck shell=bash

CID_PLUGIN_DIR=$RSEQPROF_BUILD/analyses

# cid_plugin_check: returns 1, with the reason on stdout, when the plugin or
# its cid component is not built.
cid_plugin_check() {
	command -v babeltrace2 >/dev/null || { echo "babeltrace2 not installed"; return 1; }
	babeltrace2 --plugin-path="$CID_PLUGIN_DIR" help sink.rseqprof.cid >/dev/null 2>&1 ||
		{ echo "sink.rseqprof.cid not built in $CID_PLUGIN_DIR (analyses/plugin.c lacks the cid descriptor?)"; return 1; }
}

# cid_report TRACE [PARAMS]: run the cid sink on TRACE
cid_report() {
	local params=()
	[ -n "${2:-}" ] && params=(-p "$2")
	babeltrace2 --plugin-path="$CID_PLUGIN_DIR" "$1" -c sink.rseqprof.cid "${params[@]}"
}
