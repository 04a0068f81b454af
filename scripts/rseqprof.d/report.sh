# SPDX-License-Identifier: MIT
# summary: analyse a recorded session: schedstat breakdowns of every allocator variant
# shellcheck shell=bash

# Report sections, in order: "NAME [PREDICATE]", each a section of
# sink.rseqprof.report (analyses/report/report.c).  A section with a
# PREDICATE (a shell function given DIR) is left out when it returns false
# (the recording holds none of its events; the help says when each section
# appears).
REPORT_SECTIONS=(
	"schedstat"
	"migration"
	"numa"
	"cid trace_has_rseq"
)

# shellcheck source=SCRIPTDIR/lib/info.sh
. "$RSEQPROF_LIBEXEC/lib/info.sh"

usage_report() {
	cat <<'USAGE'
usage: rseqprof report DIR [options]
       rseqprof report --live URL [options]

Analyse the kernel scheduler trace of a session recorded by 'rseqprof record'
(DIR/kernel, topology and losses from DIR/rseqprof.info) with the babeltrace2
plugin rseqprof, and print every report section.

The text report is short by default (at most 200 lines, whatever the
recording): the header (kernel, its own variant and its agreement with
mm_cid, losses), the schedstat tables with every variant side by side, each
section's summary, and the top 10 entries of each listing (processes,
threads, mms), ranked by events, migrations or reads, each listing followed
by a line counting the entries left out.  --top N shows N entries, --full
everything (histograms, intervals over time, per-mm blocks too).  CSV and
JSON always hold everything.

sections: schedstat (the LPC 2022 schedstat breakdown of each allocator variant),
          migration (migrations per process/thread, CPU matrix, cross-node
          share, vcpu-ids released or changed by migrations),
          numa (vcpu-id -> node mapping, violations of "an id keeps its node
          for the life of the mm", v3-numa node counters, kernel NUMA events),
          cid (per process: mm_cids / cpu_ids really used, per-vcpu vs
          per-CPU array sizes, model validation against rseq_update; reads
          DIR/ust too when recorded with --preload; only when the recording
          holds rseq reads: --preload, or kernel rseq_update events)

options:
  --variant V[,V...]   allocator variants, side by side (default: all of
                       v3-noopt, v3-opt, lazy-6.4, lazy-6.13, owner-6.19,
                       v3-numa); the variant of the recording's kernel
                       (kernel_release in rseqprof.info) is marked *, with
                       its agreement with rseq_update's mm_cid
  --format F           text (default), csv or json
  --top N              text: the first N entries of each listing (default
                       10), most events / migrations / reads first
  --full               text: every entry of every listing, and the detail
                       tables the default leaves out (mm_cid and cpu_id
                       histograms, intervals over time, each mm's ids and
                       home nodes, the whole CPU matrix); overrides --top
  --cache-size N       runqueue cache entries of v3-opt and v3-numa (default 8)
  --pid P              only count events about process P
  --tid T              only count events about thread T
  --procname N         only count events about tasks named N (or whose
                       process leader is named N)
  --begin T, --end T   only count events in this range: nanoseconds from
                       the trace clock's origin (the Epoch for LTTng traces
                       and --preload recordings, boot for perf alone), or
                       [HH:MM:]SS[.fraction] as babeltrace2 --clock-gmt
                       prints times (HH:MM:SS: UTC, on the first day).
                       Earlier events still feed the task table and the
                       models (the statedump and allocator state stay right).
  --topology MAP       the traced machine's CPU -> node map ("0,0,1,1"),
                       for a recording whose rseqprof.info lacks cpu_to_node
  --fork-at EVENT      when the models see a new thread of a perf recording:
                       perf_fork (default; written where the kernel gives
                       the thread its id) or sched_process_fork (later when
                       the parent is preempted in between; where
                       rseqprof.ko's live counters see it)
  -o FILE              write the report to FILE instead of standard output
  --html FILE          also draw the report as one self-contained HTML page
                       (inline SVG; see 'rseqprof html --help'); the JSON
                       report then goes to -o FILE only
  --jobs N             decode the kernel trace's stream files in N worker
                       processes (default: the number of CPUs, at most 64;
                       at most one per stream file), merged in the order
                       one babeltrace2 graph gives: the report is the
                       same.  --jobs 1: one graph.  A recording with
                       DIR/ust or more than 16 trace folders, and --live,
                       are read by one graph
  --section S[,S...]   only these sections (a recording without DIR/kernel
                       is accepted then: the cid section reads DIR/ust)
  --live URL           instead of DIR: analyse the session 'rseqprof record
                       --relay' streams to lttng-relayd, as it arrives
                       (URL net://HOST[:LIVE-PORT]/host/HOSTNAME/SESSION; without
                       the /host/... part, list the sessions).  Streams carry
                       user-space events, and kernel events only when they
                       come from lttng-modules (perf cannot stream): one
                       section (default cid), topology from --topology
  -h, --help           this help

Every report states the events the tracer lost (trace + recorder); when any
were lost, percentages are marked approximate.  It states the format of the
traces read (CTF 1.8 or CTF 2, and the tracer that wrote them) and the
babeltrace2 version reading them; CTF 2 needs babeltrace2 2.1 or later.
On a terminal, a progress line shows the events read, the share of the
stream files' bytes read and the time left (README.md, "Progress").  The
JSON form is described in README.md.
USAGE
}

# report_select_sections NAMES: keep only the sections NAMES ("a,b") in
# REPORT_SECTIONS, in their usual order; an unknown name is a usage error.
report_select_sections() {
	local want=",$1," entry kept=() name
	for entry in "${REPORT_SECTIONS[@]}"; do
		name=${entry%% *}
		if [[ "$want" == *",$name,"* ]]; then
			kept+=("$entry")
			want=${want/",$name,"/,}
		fi
	done
	[ "$want" = , ] ||
		usage_error report "unknown section(s) '${want:1:-1}' (schedstat, cid, migration, numa)"
	REPORT_SECTIONS=("${kept[@]}")
}

# report_bt_quote VAR VALUE: set VAR to VALUE as a babeltrace2 --params
# double-quoted string (no subshell: the script's own cost counts in the
# time of a report).
report_bt_quote() {
	local v=${2//\\/\\\\}
	printf -v "$1" '"%s"' "${v//\"/\\\"}"
}

# report_bt_error FILE: the innermost cause of a babeltrace2 error, one line.
report_bt_error() {
	awk '
		/^(ERROR|CAUSED BY) / { msg = ""; inmsg = 1; next }
		inmsg && /^  / { sub(/^ +/, ""); msg = msg (msg == "" ? "" : " ") $0; next }
		{ inmsg = 0 }
		END { print msg }
	' "$1" | sed -e 's/[0-9][0-9]-[0-9][0-9] [0-9:.]* .*$//' \
		-e 's/:* *[a-z-]*-addr=0x.*$//'
}

# report_trace_format VAR DIR: set VAR to the format of the trace of
# DIR/metadata and its tracer ("CTF 2 (lttng-ust 2.16)"), for the header
# (parameter trace-format); dies, in one line, when it is CTF 2 and
# babeltrace2 is older than 2.1, which reads CTF 1.8 only and would fail
# deep in its decoder.
report_trace_format() {
	local format tracer ver
	format=$(ctf_format "$2")
	if [ "$format" = "CTF 2" ]; then
		ver=$(bt2_version)
		bt2_reads_ctf2 "$ver" ||
			die "$2: the metadata is CTF 2 (LTTng 2.15 and later can write it); babeltrace2 ${ver:-?} reads CTF 1.8 only: install babeltrace2 2.1 or later, or record this trace in CTF 1.8 (rseqprof record --trace-format ctf-1.8)"
	fi
	tracer=$(ctf_tracer "$2")
	printf -v "$1" '%s' "$format${tracer:+ (${tracer//,/ })}"
}

# report_trace_dir VAR MDIR: check the trace folder MDIR, add its format to
# report_run's formats, set VAR to MDIR quoted for babeltrace2 --params.
report_trace_dir() {
	local fmt

	# babeltrace2 2.1.2 aborts on an empty metadata file.
	[ -s "$2/metadata" ] ||
		die "$2/metadata is empty: not a readable CTF trace (the recording is incomplete: record again)"
	report_trace_format fmt "$2"
	report_bt_quote fmt "$fmt"
	formats+=${formats:+,}$fmt
	report_bt_quote "$1" "$2"
}

# report_params_args ARGS_NAME: append REPORT_PARAMS to the array ARGS_NAME
# as babeltrace2 --params arguments.
report_params_args() {
	local -n _args=$1
	local i

	for ((i = 1; i < ${#REPORT_PARAMS[@]}; i += 2)); do
		_args+=(--params="${REPORT_PARAMS[$i]}")
	done
}

# report_jobs_inputs: true when the workers of --jobs can read TRACE_INPUTS
# (trace folders without --params: the kernel trace alone).
report_jobs_inputs() {
	local input n=0
	[ "${REPORT_JOBS:-1}" -gt 1 ] || return 1
	for input in "${TRACE_INPUTS[@]}"; do
		case "$input" in
		--params=*) return 1 ;;
		*/ust) return 1 ;;
		esac
		n=$((n + $(find -L "$input" -name metadata -type f | wc -l)))
	done
	# The workers take at most 16 trace folders (RP_MAX_TRACES, rp_workers.h).
	[ "$n" -le 16 ]
}

# report_run OUTPUT SECTIONS: run sink.rseqprof.report on TRACE_INPUTS,
# reading the trace once, with the sections SECTIONS ("a,b"); it writes the
# whole report to OUTPUT.  Files: one source.ctf.fs per trace folder (with
# its --params), then the muxer; --jobs N: the sink's N workers read the
# trace folders (source.rseqprof.empty feeds its port); live: the
# lttng-live source.
report_run() {
	local out=$1 sections=$2 n=0 i=0 input extra mdir q err msg formats='' traces=''
	local args=(--plugin-path="$REPORT_PLUGIN_DIR")

	if report_jobs_inputs; then
		for input in "${TRACE_INPUTS[@]}"; do
			while IFS= read -r mdir; do
				report_trace_dir q "$mdir"
				traces+="${traces:+,}$q"
			done < <(find -L "$input" -name metadata -type f -printf '%h\n' | sort)
		done
		report_bt_quote q "${out%/*}"
		args+=(run --component=src:source.rseqprof.empty
		       --component=report:sink.rseqprof.report
		       --params="jobs=$REPORT_JOBS,traces=[$traces],tmp-dir=$q"
		       --connect=src:report)
	elif [ -n "$REPORT_LIVE" ]; then
		args+=("${TRACE_INPUTS[@]}" --component=sink.rseqprof.report)
		formats='"lttng-live stream (CTF version not seen by rseqprof)"'
	else
		args+=(run --component=mux:filter.utils.muxer)
		while [ "$i" -lt "${#TRACE_INPUTS[@]}" ]; do
			input=${TRACE_INPUTS[$i]}
			extra=
			i=$((i + 1))
			case "${TRACE_INPUTS[$i]:-}" in
			--params=*)
				extra=${TRACE_INPUTS[$i]#--params=}
				i=$((i + 1))
				;;
			esac
			while IFS= read -r mdir; do
				report_trace_dir q "$mdir"
				args+=(--component="src$n:source.ctf.fs" --params="inputs=[$q]")
				[ -z "$extra" ] || args+=(--params="$extra")
				args+=(--connect="src$n:mux")
				n=$((n + 1))
			done < <(find -L "$input" -name metadata -type f -printf '%h\n' | sort)
		done
		args+=(--component=report:sink.rseqprof.report --connect=mux:report)
	fi
	report_params_args args
	args+=(--params="trace-format=[$formats]")
	report_bt_quote q "$sections"
	args+=(--params="sections=$q")
	report_bt_quote q "$out"
	args+=(--params="output=$q")
	err=$out.err
	if ! babeltrace2 "${args[@]}" >/dev/null 2>"$err"; then
		msg=$(report_bt_error "$err")
		case "$msg" in
		*'"query" method failed'*|*'Cannot create trace for'*|*'metadata'*)
			msg="not a readable CTF trace (bad or empty metadata?): $msg" ;;
		*'unexpected state'*|*'Failed to index CTF stream'*)
			msg="a stream file is truncated or corrupt (record again, or remove the damaged stream): $msg" ;;
		esac
		die "${REPORT_LIVE:+live }report failed on $REPORT_TRACE: ${msg:-babeltrace2 could not read it}"
	fi
}

cmd_report() {
	local dir="" format=text outfile="" html="" topology="" live="" section="" opt val jobs_given=""
	REPORT_PARAMS=()
	REPORT_JOBS=$(nproc 2>/dev/null || echo 1)
	[ "$REPORT_JOBS" -le 64 ] 2>/dev/null || REPORT_JOBS=64
	while [ $# -gt 0 ]; do
		opt=$1
		case "$opt" in
		--variant|--format|--top|--cache-size|--pid|--tid|--procname|--begin|--end|--topology|--fork-at|-o|--html|--live|--section|--jobs)
			[ $# -ge 2 ] || usage_error report "$opt needs a value"
			val=$2
			shift 2
			;;
		-h|--help)
			usage_report
			return 0
			;;
		--full)
			REPORT_PARAMS+=(-p "full=true")
			shift
			continue
			;;
		-*)
			usage_error report "unknown option '$opt'"
			;;
		*)
			[ -z "$dir" ] || usage_error report "one recording directory only"
			dir=$opt
			shift
			continue
			;;
		esac
		case "$opt" in
		--variant)
			report_bt_quote val "$val"
			REPORT_PARAMS+=(-p "variants=$val") ;;
		--format)
			case "$val" in
			text|csv|json) format=$val ;;
			*) usage_error report "unknown format '$val' (text, csv or json)" ;;
			esac
			;;
		--top)
			case "$val" in
			''|*[!0-9]*) usage_error report "--top wants a number of entries, not '$val'" ;;
			esac
			if [ ${#val} -gt 10 ] || [ $((10#$val)) -gt 4294967295 ]; then
				usage_error report "--top $val is out of range (at most 4294967295)"
			fi
			[ $((10#$val)) -gt 0 ] ||
				usage_error report "--top wants at least 1 entry (--full shows them all)"
			REPORT_PARAMS+=(-p "top=$((10#$val))")
			;;
		--cache-size|--pid|--tid)
			case "$val" in
			''|*[!0-9]*) usage_error report "$opt wants a number, not '$val'" ;;
			esac
			if [ ${#val} -gt 10 ] || [ $((10#$val)) -gt 4294967295 ]; then
				usage_error report "$opt $val is out of range (at most 4294967295)"
			fi
			REPORT_PARAMS+=(-p "${opt#--}=$((10#$val))")
			;;
		--jobs)
			case "$val" in
			''|*[!0-9]*) usage_error report "--jobs wants a number of workers, not '$val'" ;;
			esac
			if [ ${#val} -gt 2 ] || [ $((10#$val)) -gt 64 ]; then
				usage_error report "--jobs $val is out of range (at most 64 workers)"
			fi
			[ $((10#$val)) -gt 0 ] || usage_error report "--jobs wants at least 1 worker"
			REPORT_JOBS=$((10#$val))
			jobs_given=1
			;;
		--procname)
			report_bt_quote val "$val"
			REPORT_PARAMS+=(-p "procname=$val") ;;
		--begin|--end)
			case "$val" in
			''|*[!0-9:.]*) usage_error report "$opt wants nanoseconds or [HH:MM:]SS[.fraction], not '$val'" ;;
			*[:.]*)
				report_bt_quote val "$val"
				REPORT_PARAMS+=(-p "${opt#--}=$val")
				;;
			*)
				# babeltrace2 parameters are signed 64-bit integers.
				local digits=${val#"${val%%[!0]*}"}
				if [ ${#digits} -gt 19 ] ||
				   { [ ${#digits} -eq 19 ] &&
				     (( ${digits:0:18} > 922337203685477580 ||
					(${digits:0:18} == 922337203685477580 && ${digits:18} > 7) )); }; then
					usage_error report "$opt $val is out of range (at most 9223372036854775807 ns)"
				fi
				REPORT_PARAMS+=(-p "${opt#--}=${digits:-0}")
				;;
			esac
			;;
		--topology)
			topology=$val ;;
		--fork-at)
			case "$val" in
			perf_fork|sched_process_fork) REPORT_PARAMS+=(-p "fork-at=\"$val\"") ;;
			*) usage_error report "--fork-at wants perf_fork or sched_process_fork, not '$val'" ;;
			esac
			;;
		-o)
			outfile=$val ;;
		--html)
			html=$val ;;
		--live)
			live=$val ;;
		--section)
			section=$val ;;
		esac
	done
	local info=/dev/null
	if [ -n "$live" ]; then
		[ -z "$dir" ] || usage_error report "give a recording directory or --live URL, not both"
		[ -z "$jobs_given" ] || usage_error report "--jobs does not apply to --live (one graph reads the live session)"
		# shellcheck source=SCRIPTDIR/lib/live.sh
		. "$RSEQPROF_LIBEXEC/lib/live.sh"
		live_check "$live"
		section=${section:-$LIVE_DEFAULT_SECTION}
		[ "${section#*,}" = "$section" ] ||
			usage_error report "--live runs one section (the relay daemon takes one viewer per session)"
		[ -n "$topology" ] || warn "live session: no topology; give --topology MAP for the traced machine"
	else
		[ -n "$dir" ] || usage_error report "missing the recording directory"
		[ -d "$dir" ] || die "no such recording directory: $dir"
		{ [ -r "$dir" ] && [ -x "$dir" ]; } || die "cannot read the recording $dir: permission denied (run as its owner or root)"
		info=$dir/rseqprof.info
		[ -f "$info" ] || die "$dir is not a recording ($info missing): record with 'rseqprof record'"
		[ -r "$info" ] || die "cannot read $info: permission denied (run as its owner or root)"
		[ -d "$dir/kernel" ] || [ -n "$section" ] || die "$dir has no kernel trace ($dir/kernel): record as root with perf or lttng-modules"
		[ ! -d "$dir/kernel" ] ||
			find -L "$dir/kernel" -name metadata -type f -print -quit | grep -q . ||
			die "no CTF trace in $dir/kernel (no metadata file): the recording is incomplete"
		command -v babeltrace2 >/dev/null || die "babeltrace2 not installed: run scripts/install-deps"
	fi
	[ -z "$section" ] || report_select_sections "$section"

	local cpu_to_node lost release
	info_read cpu_to_node "$info" cpu_to_node
	[ -z "$topology" ] || cpu_to_node=$topology
	info_read lost "$info" discarded_events
	info_read release "$info" kernel_release
	if [ -n "$release" ]; then
		report_bt_quote release "$release"
		REPORT_PARAMS+=(-p "kernel-release=$release")
	fi
	# Without it, the reports say which topology the models assumed.
	if [ -n "$cpu_to_node" ]; then
		report_bt_quote cpu_to_node "$cpu_to_node"
		REPORT_PARAMS+=(-p "cpu-to-node=$cpu_to_node")
	fi
	case "$lost" in
	''|0) ;;
	*[!0-9]*) warn "$info: discarded_events='$lost' is not a number, ignored" ;;
	*) REPORT_PARAMS+=(-p "lost-events=$lost") ;;
	esac
	[ -z "$html" ] || format=json
	# Progress of long analyses on the terminal; stderr is kept for errors.
	if [ -t 2 ] && { : >/dev/tty; } 2>/dev/null; then
		REPORT_PARAMS+=(-p 'progress="yes"' -p 'progress-file="/dev/tty"')
	fi
	REPORT_PARAMS+=(-p "format=$format")
	REPORT_PLUGIN_DIR=$(rseqprof_plugin_dir)
	REPORT_LIVE=$live
	if [ -n "$live" ]; then
		REPORT_TRACE=$live
		live_inputs "$live"
	else
		REPORT_TRACE=$dir/kernel
		# shellcheck source=scripts/rseqprof.d/lib/trace-inputs.sh
		. "$RSEQPROF_LIBEXEC/lib/trace-inputs.sh"
		trace_inputs "$dir"
	fi

	local tmp entry sections="" skipped=""
	tmp=$(mktemp -d)
	# shellcheck disable=SC2064
	trap "rm -rf '$tmp'" EXIT
	for entry in "${REPORT_SECTIONS[@]}"; do
		# shellcheck disable=SC2086
		set -- $entry
		if [ -z "$live" ] && [ -n "${2:-}" ] && ! "$2" "$dir"; then
			skipped+="${skipped:+,}$1"
			continue
		fi
		sections+="${sections:+,}$1"
	done
	[ -n "$sections" ] ||
		die "$dir holds no rseq reads for the $skipped section: record with 'rseqprof record --preload', or where the kernel has the rseq:rseq_update tracepoint"
	report_run "$tmp/report" "$sections"
	if [ -n "$outfile" ]; then
		cp "$tmp/report" "$outfile" 2>/dev/null || die "cannot write $outfile"
	elif [ -z "$html" ]; then
		cat "$tmp/report"
	fi
	if [ -n "$html" ]; then
		# shellcheck source=SCRIPTDIR/html.sh
		. "$RSEQPROF_LIBEXEC/html.sh"
		local cmdline
		info_read cmdline "$info" cmdline
		html_render "$html" "rseqprof report: ${live:-$cmdline}" "$tmp/report"
	fi
}
