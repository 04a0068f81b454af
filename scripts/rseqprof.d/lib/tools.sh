# SPDX-License-Identifier: MIT
# tools.sh - find rseqprof's own programs: the build tree of a checkout
# first, then beside rseqprof.d (an install putting rseqprof.d and the
# programs in PREFIX/libexec/rseqprof), then PATH.
# shellcheck shell=bash

# rseqprof_tool NAME SUBDIR: print the path of program NAME (built in
# build/SUBDIR); returns 1 when there is none.
rseqprof_tool() {
	local name=$1 sub=$2 p
	for p in "$RSEQPROF_BUILD/$sub/$name" "$RSEQPROF_LIBEXEC/../$name"; do
		[ -x "$p" ] && { echo "$p"; return 0; }
	done
	command -v "$name"
}

# rseqprof_preload_lib: the probes' LD_PRELOAD library (RSEQPROF_PRELOAD_LIB
# overrides); returns 1 when it is not built.
rseqprof_preload_lib() {
	local p
	for p in ${RSEQPROF_PRELOAD_LIB:+"$RSEQPROF_PRELOAD_LIB"} \
		 "$RSEQPROF_BUILD/probes/preload/librseqprof-preload.so" \
		 "$RSEQPROF_LIBEXEC/../librseqprof-preload.so"; do
		[ -f "$p" ] && { readlink -f "$p"; return 0; }
	done
	return 1
}
