# SPDX-License-Identifier: MIT
# trace-inputs.sh - the babeltrace2 inputs of a recording: DIR/kernel and,
# when present, DIR/ust, in one graph.
#
# perf's CTF clock (perf_clock, CLOCK_MONOTONIC with -k CLOCK_MONOTONIC,
# origin unknown) and LTTng's ("monotonic", offset from the Epoch in its
# metadata) cannot be muxed as they are.  Both count CLOCK_MONOTONIC
# nanoseconds, so the perf source is given LTTng's offset and told that its
# origin is the Epoch (source.ctf.fs parameters
# force-clock-class-origin-unix-epoch, clock-class-offset-s/-ns); an LTTng
# kernel trace already shares LTTng's clock.
# shellcheck shell=bash

# trace_ust_clock_offset UST_DIR: "SECONDS NANOSECONDS" of the first LTTng
# metadata's "monotonic" clock offset, nothing when not found.
trace_ust_clock_offset() {
	local meta fields sec cyc
	meta=$(find "$1" -name metadata -type f 2>/dev/null | head -n 1)
	[ -n "$meta" ] || return 0
	# awk only picks the fields (as strings), bash does the 64-bit
	# arithmetic.
	if [ "$(ctf_format "${meta%/metadata}")" = "CTF 2" ]; then
		# A JSON text sequence: one record (after 0x1e) per object; the
		# clock class "monotonic" has "frequency" and
		# "offset-from-origin": {"cycles": C, "seconds": S}.
		fields=$(awk 'BEGIN { RS = "\036" }
			function num(key,    r) {
				if (!match($0, "\"" key "\"[ \t\n]*:[ \t\n]*-?[0-9]+"))
					return ""
				r = substr($0, RSTART, RLENGTH)
				sub(/^[^:]*:[ \t\n]*/, "", r)
				return r
			}
			/"type"[ \t\n]*:[ \t\n]*"clock-class"/ &&
			/"name"[ \t\n]*:[ \t\n]*"monotonic"/ {
				if (num("frequency") == "1000000000") {
					s = num("seconds"); c = num("cycles")
					print (s == "" ? 0 : s), (c == "" ? 0 : c)
				}
				exit
			}' "$meta")
	else
		# TSDL; the metadata stream is packetized: read it as text with -a.
		fields=$(grep -a -A 12 '^clock {' "$meta" | awk '
			/name = "?monotonic"?;/ { mono = 1 }
			mono && /^[ \t]*freq = / { gsub(/[^0-9]/, "", $3); freq = $3 }
			mono && /^[ \t]*offset_s = / { gsub(/[^0-9-]/, "", $3); s = $3 }
			mono && /^[ \t]*offset = / { gsub(/[^0-9-]/, "", $3); c = $3 }
			/^};/ && mono { exit }
			END { if (mono && freq == "1000000000") print (s == "" ? 0 : s), (c == "" ? 0 : c) }')
	fi
	[ -n "$fields" ] || return 0
	read -r sec cyc <<<"$fields"
	echo "$((sec + cyc / 1000000000)) $((cyc % 1000000000))"
}

# trace_inputs DIR: set TRACE_INPUTS to the babeltrace2 arguments reading
# DIR/kernel and DIR/ust (those that exist) in one graph.
trace_inputs() {
	local dir=$1 off
	TRACE_INPUTS=()
	if [ -d "$dir/kernel" ]; then
		TRACE_INPUTS+=("$dir/kernel")
		if [ -d "$dir/ust" ] && grep -aq 'name = perf_clock' "$dir/kernel/metadata" 2>/dev/null; then
			off=$(trace_ust_clock_offset "$dir/ust")
			if [ -n "$off" ]; then
				TRACE_INPUTS+=(--params="force-clock-class-origin-unix-epoch=yes,clock-class-offset-s=${off% *},clock-class-offset-ns=${off#* }")
			fi
		fi
	fi
	[ -d "$dir/ust" ] && TRACE_INPUTS+=("$dir/ust")
	return 0
}

# trace_has_rseq DIR: whether the recording holds rseq reads: a user-space
# trace (--preload), or kernel rseq_update events (rseqprof.info's
# kernel_events names them).
trace_has_rseq() {
	[ -d "$1/ust" ] && return 0
	grep -q '^kernel_events=.*rseq_update' "$1/rseqprof.info" 2>/dev/null
}
