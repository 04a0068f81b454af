#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# record.sh NAME -- CMD...: how the perf traces of this folder were made
# (as root): the scheduler tracepoints and rseq_update, system wide, then
# 'perf data convert --all --to-ctf' (with the perf_fork/perf_comm side band
# and its statedump), into NAME/.  Keep each trace under 2 MB.  Recording is
# system wide: the script refuses to keep a trace when another perf bench or
# hackbench ran at the same time on this machine.
set -euo pipefail

name=${1:?usage: record.sh NAME -- CMD...}
shift
[ "${1:-}" = -- ] && shift
cd "$(dirname "$0")"
others() {
	pgrep -f -x 'perf bench .*|hackbench.*' | grep -v -x -e "$$" || true
}
[ -z "$(others)" ] || { echo "another benchmark runs now: try later" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
perf record -q -a -k CLOCK_MONOTONIC -m 1024 -o "$tmp/perf.data" \
	-e sched:sched_switch -e sched:sched_migrate_task \
	-e sched:sched_process_fork -e sched:sched_process_exec \
	-e sched:sched_process_exit -e sched:sched_process_free \
	-e rseq:rseq_update -- "$@" >/dev/null
[ -z "$(others)" ] || { echo "another benchmark ran meanwhile: try later" >&2; exit 1; }
rm -rf "$name"
perf data convert -i "$tmp/perf.data" --all --to-ctf "$name" >/dev/null 2>&1
du -sh "$name"
