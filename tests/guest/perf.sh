# SPDX-License-Identifier: MIT
# perf.sh - host side of a perf recording made in the guest: source it
# after guest.sh.  The guest script sources /guest/record.sh (always in the
# initramfs) and calls guest_perf_record; the initramfs needs perf, and
# rseqprof-topology for a libnuma topology:
#   guest_build_initramfs "$w/initrd" run.sh -p perf -p "$topology_tool" ...
# shellcheck shell=bash

# guest_perf_recording FILES DIR: turns what guest_perf_record left in
# FILES (perf.data, rseqprof.info) into a recording directory DIR of the
# team's layout: DIR/kernel (CTF from `perf data convert --all --to-ctf`)
# and DIR/rseqprof.info with discarded_events (PERF_RECORD_LOST totals).
guest_perf_recording() {
	local files=$1 dir=$2 lost
	if [ ! -s "$files/perf.data" ] || [ ! -s "$files/rseqprof.info" ]; then
		echo "guest: no perf.data/rseqprof.info in $files" >&2
		return 1
	fi
	mkdir -p "$dir" || return 1
	rm -rf "$dir/kernel"
	perf data convert --all --to-ctf "$dir/kernel" -i "$files/perf.data" \
		>"$dir/convert.log" 2>&1 || {
		echo "guest: perf data convert failed (see $dir/convert.log)" >&2
		return 1
	}
	lost=$(perf report -D -i "$files/perf.data" 2>/dev/null |
	       awk '/PERF_RECORD_LOST/ { for (i = 1; i < NF; i++)
					 if ($i == "lost") n += $(i + 1) }
		    END { print n + 0 }')
	{
		cat "$files/rseqprof.info"
		echo "discarded_events=$lost"
	} >"$dir/rseqprof.info"
}
