#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# kmod-replay.sh - the module's live counters equal the offline replay of
# the same event stream.  In a QEMU guest, for each variant: rseqprof.ko is
# loaded, perf records the scheduler events and the module's own events
# system-wide while a script resets the counters, runs a messaging workload
# (processes, then threads) and stops them, then reads them.  On the host
# the perf data is converted to CTF and analysed by `rseqprof report` (the
# babeltrace2 sink sink.rseqprof.schedstat) between the module's
# rseqprof_reset and rseqprof_stop markers (emitted under stop_machine(),
# so every event is on one side of them): every counter must be equal, and
# perf must have recorded one rseqprof path event per counted path.
# The lazy variants depend on time (a cid unused for 100 ms is compacted)
# and the module timestamps events itself, microseconds away from perf's
# stamps: a cid at the edge of the delay can go either way, so for them the
# context switches counted (single_threaded + transfer + cache_hit + alloc:
# one per switch-in, whatever compaction did) must be equal and each path
# within 1 % of them.
set -u
# shellcheck source=tests/tap/tap.sh
. "$TAP_SH"
# shellcheck source=tests/guest/guest.sh
. "$RSEQPROF_SRC/tests/guest/guest.sh"
# shellcheck source=tests/guest/perf.sh
. "$RSEQPROF_SRC/tests/guest/perf.sh"
# shellcheck source=tests/kmod/kmod.sh
. "$RSEQPROF_SRC/tests/kmod/kmod.sh"

kmod_require
command -v babeltrace2 >/dev/null || plan_skip_all "babeltrace2 not installed"
[ -f "$RSEQPROF_BUILD/analyses/babeltrace-plugin-rseqprof.so" ] ||
	plan_skip_all "the rseqprof babeltrace2 plugin is not built"
variants=${RSEQPROF_KMOD_VARIANTS:-v3-noopt v3-opt lazy-6.4 lazy-6.13 owner-6.19 v3-numa}
# The eight schedstat counters, as "GROUP NAME" of the report and the
# module's path event name.
counters="sched_switch:single_threaded:single_threaded sched_switch:transfer:transfer
sched_switch:cache_hit:cache_hit sched_switch:cache_evict:cache_evict
sched_switch:cache_discard:cache_discard sched_switch:alloc:alloc
release_mm:remove:release_mm_remove migration:remove:migration_remove"
nv=$(wc -w <<<"$variants")
plan_tests $((4 + nv * (6 + 2 * 8)))

kmod_workdir kmod-replay

kmod_build modules
ok $? "rseqprof.ko builds for $(guest_kernel_release)" || done_testing

path_events=
for c in $counters; do
	path_events="$path_events rseqprof:rseqprof_${c##*:}"
done
cat >"$work/run.sh" <<SCRIPT
VARIANTS="$variants"
PATH_EVENTS="$path_events"
SCRIPT
cat >>"$work/run.sh" <<'SCRIPT'
. /guest/record.sh
# perf record runs a side-band thread for BPF events: the module, loaded
# first, sees perf become multi-threaded, while the replay's models only
# learn of that thread when it runs.  Without it no multi-threaded process
# predates the window, and both start from the same knowledge.
GUEST_PERF_OPTS=--no-bpf-event
GUEST_PERF_EVENTS="$GUEST_PERF_EVENTS rseqprof:rseqprof_reset rseqprof:rseqprof_stop $PATH_EVENTS"
cat >/tmp/window.sh <<'WINDOW'
echo reset >/proc/rseqprof_schedstat || exit 1
perf bench sched messaging -g 1 -l 10 >/dev/null || exit 1
perf bench sched messaging -t -g 1 -l 10 >/dev/null || exit 1
echo stop >/proc/rseqprof_schedstat || exit 1
cat /proc/rseqprof_schedstat >"$1"
WINDOW
for v in $VARIANTS; do
	insmod /guest/rseqprof.ko variant=$v || exit 10
	guest_perf_record rec.$v sh /tmp/window.sh /out/stat.$v || exit 11
	rmmod rseqprof || exit 12
done
exit 0
SCRIPT

GUEST_OUT_MB=256 kmod_boot_guest 420
is "$status" 0 "guest recorded every variant's window"
f=$work/boot/files

for v in $variants; do
	rec=$work/rec.$v
	guest_perf_recording "$f/rec.$v" "$rec"
	ok $? "$v: perf.data converted to a recording (CTF)"
	is "$(sed -n 's/^exit_status=//p' "$rec/rseqprof.info" 2>/dev/null)" 0 \
		"$v: the window script succeeded"
	is "$(sed -n 's/^discarded_events=//p' "$rec/rseqprof.info" 2>/dev/null)" 0 \
		"$v: perf lost no event"

	# The markers' times, as babeltrace2 prints them (s from the origin).
	babeltrace2 --clock-seconds "$rec/kernel" 2>/dev/null |
		grep 'rseqprof:rseqprof_' >"$rec/module-events.txt"
	begin=$(sed -n 's/^\[\([0-9.]*\)\].*rseqprof:rseqprof_reset:.*/\1/p' "$rec/module-events.txt")
	end=$(sed -n 's/^\[\([0-9.]*\)\].*rseqprof:rseqprof_stop:.*/\1/p' "$rec/module-events.txt")
	ok "$([ -n "$begin" ] && [ -n "$end" ] && echo 0 || echo 1)" \
		"$v: the trace has the reset ($begin) and stop ($end) markers"
	# The module sees a new thread at sched_process_fork: so does the replay.
	"$RSEQPROF_SRC/scripts/rseqprof" report "$rec" --variant "$v" --format csv \
		--fork-at sched_process_fork --begin "${begin:-0}" --end "${end:-0}" \
		-o "$rec/report.csv" 2>"$rec/report.err"
	ok $? "$v: rseqprof report on the window" || sed 's/^/# /' "$rec/report.err"

	kmod_stat "$f/stat.$v" >"$rec/stat.lines" 2>/dev/null
	awk '/rseqprof:rseqprof_reset:/ { on = 1; next } /rseqprof:rseqprof_stop:/ { on = 0 }
	     on { for (i = 1; i <= NF; i++) if ($i ~ /^rseqprof:rseqprof_.*:$/) {
		sub(/^rseqprof:rseqprof_/, "", $i); sub(/:$/, "", $i); n[$i]++ } }
	     END { for (k in n) print k, n[k] }' "$rec/module-events.txt" >"$rec/path-events"
	# One of these four paths per switch-in of a user task, in every
	# variant; cache_evict and cache_discard come on top of one of them
	# (and, in the lazy variants, from compaction, which depends on time;
	# owner-6.19's alloc also counts the ids given at fork, live and
	# offline alike).
	per_switch='^(single_threaded|transfer|cache_hit|alloc)$'
	sw_total=$(awk -F, -v v="$v" -v p="$per_switch" '$1 == "sched_switch" && $2 == v && $3 ~ p { s += $4 }
		END { print s + 0 }' "$rec/report.csv" 2>/dev/null)
	sw_live=$(awk -v p="$per_switch" '$1 == "total" && $2 == "sched_switch" && $3 ~ p { s += $4 }
		END { print s + 0 }' "$rec/stat.lines")
	is "$sw_live" "$sw_total" "$v: counted context switches: live $sw_live == offline $sw_total"
	for c in $counters; do
		IFS=: read -r group name event <<<"$c"
		live=$(kmod_count "$rec/stat.lines" total "$group" "$name")
		offline=$(awk -F, -v g="$group" -v v="$v" -v n="$name" \
			'$1 == g && $2 == v && $3 == n { print $4 }' "$rec/report.csv" 2>/dev/null)
		if [ "${v#lazy-}" != "$v" ] && [ "$group" = sched_switch ]; then
			d=$(( ${live//missing/0} - ${offline:-0} ))
			ok "$([ "${d#-}" -le $(( (sw_total + 99) / 100 )) ] && echo 0 || echo 1)" \
				"$v: $group $name: live $live, offline ${offline:-none} (within 1 % of $sw_total)"
		else
			# Known limit: a migration and a switch on another
			# CPU can be merged by perf in another order than the
			# module's lock saw them: a difference of 1 is TODO.
			d=$(( ${live//missing/0} - ${offline:-0} ))
			[ "${d#-}" -eq 1 ] &&
				todo_begin "known: perf's merged per-CPU order differs by one event from the module's (kmod/README.md)"
			is "$live" "${offline:-none}" "$v: $group $name: live $live == offline ${offline:-none}"
			[ "${d#-}" -eq 1 ] && todo_end
		fi
		# The same limit at the window's edges: a path event of
		# another CPU stamped across the reset or stop marker.
		traced=$(awk -v e="$event" '$1 == e { print $2 }' "$rec/path-events")
		d=$(( ${traced:-0} - ${live//missing/0} ))
		[ "${d#-}" -eq 1 ] &&
			todo_begin "known: a path event of another CPU is stamped across a window marker (kmod/README.md)"
		is "${traced:-0}" "$live" "$v: perf recorded ${traced:-0} rseqprof_$event events"
		[ "${d#-}" -eq 1 ] && todo_end
	done
done

guest_check_log "$work/boot/console.log"
ok $? "guest console log has no Oops/WARNING/BUG/panic"
done_testing
