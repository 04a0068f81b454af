# SPDX-License-Identifier: MIT
# summary: run a workload and record its kernel scheduler events and rseqprof probes
# record.sh - `rseqprof record [options] [--] CMD [ARGS...]`: the layout it
# writes is the contract with `rseqprof report` (TEAM.md, README).
# shellcheck shell=bash

# shellcheck source=SCRIPTDIR/lib/info.sh
. "$RSEQPROF_LIBEXEC/lib/info.sh"
# shellcheck source=SCRIPTDIR/lib/kernel-events.sh
. "$RSEQPROF_LIBEXEC/lib/kernel-events.sh"
# shellcheck source=SCRIPTDIR/lib/lttng.sh
. "$RSEQPROF_LIBEXEC/lib/lttng.sh"
# shellcheck source=SCRIPTDIR/lib/perf.sh
. "$RSEQPROF_LIBEXEC/lib/perf.sh"
# shellcheck source=SCRIPTDIR/lib/tools.sh
. "$RSEQPROF_LIBEXEC/lib/tools.sh"

usage_record() {
	cat <<'USAGE'
usage: rseqprof record [options] [--] CMD [ARGS...]

Run CMD (ARGS reach it verbatim, never through a shell) and record into DIR:
  DIR/kernel/        CTF of the kernel events sched_switch, sched_migrate_task,
                     sched_process_{fork,exec,exit,free} and rseq_update
                     (cpu_id, node_id, mm_cid), those the kernel has: with the
                     LTTng kernel tracer when lttng-modules is usable (plus its
                     statedump), else system-wide `perf record` converted by
                     `perf data convert --all --to-ctf`.  Needs root.
  DIR/ust/           LTTng user-space trace (per-user buffers: ust/uid/UID/
                     64-bit/): rseqprof_ust:* events (or --ust-events) with
                     vpid, vtid and procname contexts.  Recorded with --ust,
                     --preload or --relay, and whenever kernel events are
                     not; absent when no application emitted any.
  DIR/rseqprof.info  key=value: tracer, command line, kernel release, CPU to
                     NUMA node map (libnuma), exit status, discarded events.
rseqprof exits with CMD's exit status (128+N when signal N ended it).
Ctrl-C or SIGTERM stops CMD and the recording; what was recorded is kept.
As non-root, kernel events are skipped (with a warning) and only user space
is recorded.

options:
  -o, --output DIR  where to write; default ./rseqprof-YYYYmmdd-HHMMSS.  DIR
                    must not exist or be empty
  -f, --force       write into a non-empty DIR: replaces its kernel/, ust/
                    and rseqprof.info
  --tracer T        kernel tracer: auto (default: LTTng when usable, else
                    perf), lttng or perf
  --kernel          fail unless kernel events can be recorded
  --no-kernel       record no kernel events (user space only)
  --ust             record LTTng user-space events too
  --ust-events LIST user-space events to enable, comma-separated patterns
                    (default rseqprof_ust:*); implies --ust
  --preload         run CMD with LD_PRELOAD=librseqprof-preload.so (the
                    probes' rseq reader; RSEQPROF_PRELOAD_LIB overrides its
                    path); implies --ust
  --mmap-pages N    perf ring buffer pages per CPU (default 1024; fewer
                    pages lose events under load, which rseqprof counts)
  --relay URL       stream the LTTng sessions (user space; kernel with
                    lttng-modules) live to lttng-relayd at URL
                    (net://HOST[:CTRL_PORT[:DATA_PORT]]) instead of DIR;
                    implies --ust.  perf's kernel trace and rseqprof.info
                    stay in DIR, which names the sessions (relay_sessions=)
  --session NAME    name of the LTTng sessions: NAME (user space) and
                    NAME-kernel (default rseqprof-PID-RANDOM); with --relay,
                    a live reader can attach to a name known beforehand
  --linger SEC      keep tracing SEC seconds after CMD ends, for the events the
                    kernel sends later (sched_process_free); default 1
  --trace-format F  format of the LTTng traces (user space; kernel with
                    lttng-modules): ctf-1.8 or ctf-2 (LTTng 2.15 and later
                    write both; older ones CTF 1.8 only).  Default: LTTng's,
                    that of its session daemon (lttng-sessiond
                    --default-trace-format): CTF 2 from LTTng 2.15 on.
                    babeltrace2 reads CTF 2 from 2.1 on.  perf's kernel
                    trace is CTF 1.8 whatever F
  -h, --help        this help
USAGE
}

# State shared with the signal and exit handlers, and between the steps.
REC_DIR=	# the recording folder (absolute)
REC_TMP=	# REC_DIR/.rseqprof-tmp: FIFOs, logs, perf.data
REC_WPID=	# the workload while it runs
REC_SIGNAL=	# INT or TERM once one arrived
REC_NSIG=0	# signals received so far
REC_TRACER=	# kernel tracer in use: lttng-kernel, perf or none
REC_KEVENTS=	# kernel events recorded, space-separated
REC_KSESSION=	# LTTng kernel session name
REC_USESSION=	# LTTng user-space session name
REC_STATUS=	# the workload's exit status
REC_WORKLOAD_PID=	# the workload's pid, kept after it ended
REC_LOST=0	# events the tracer stopped last had lost
REC_RELAY=	# lttng-relayd URL the LTTng sessions stream to, if any
REC_SESSION_BASE=	# LTTng session names: this (user space), this-kernel
REC_TRACE_FORMAT=	# lttng create --trace-format, empty: LTTng's default

record_on_signal() {
	REC_SIGNAL=$1
	REC_NSIG=$((REC_NSIG + 1))
	if [ -n "$REC_WPID" ]; then
		kill -s "$1" "$REC_WPID" 2>/dev/null || true
	fi
}

# record_cleanup: on any exit, nothing this process started is left behind.
record_cleanup() {
	local log=/dev/null
	if [ -n "$REC_TMP" ] && [ -d "$REC_TMP" ]; then
		log=$REC_TMP/lttng.log
	fi
	if [ -n "$REC_WPID" ]; then
		kill -TERM "$REC_WPID" 2>/dev/null || true
	fi
	perf_stop
	lttng_cleanup "$log"
	if [ -n "$REC_TMP" ]; then
		rm -rf "$REC_TMP"
	fi
}

# record_log_line FILE: the last meaningful line a tool wrote, for errors.
record_log_line() {
	grep -v '^[[:space:]]*$' "$1" 2>/dev/null | tail -n 1 || true
}

# record_find_workload CMD: CMD is an executable file or a command in PATH.
record_find_workload() {
	case "$1" in
	*/*)
		[ -f "$1" ] && [ -x "$1" ]
		;;
	*)
		type -P -- "$1" >/dev/null
		;;
	esac
}

# record_choose_tracer KERNEL TRACER: set REC_TRACER to the kernel tracer
# to use (lttng-kernel, perf or none) for KERNEL (auto|yes|no) and TRACER
# (auto|lttng|perf); dies when kernel events are wanted but impossible.
record_choose_tracer() {
	local kernel=$1 tracer=$2 why

	REC_TRACER=none
	[ "$kernel" != no ] || return 0
	if [ "$(id -u)" -ne 0 ]; then
		[ "$kernel" != yes ] ||
			die "kernel events need root: run rseqprof record as root, or use --no-kernel for user space only"
		return 0
	fi
	if [ "$tracer" != perf ] && lttng_installed && lttng_kernel_tracer_installed; then
		REC_TRACER=lttng-kernel
		return 0
	fi
	[ "$tracer" != lttng ] ||
		die "LTTng kernel tracer not available (lttng-modules not loaded): load lttng-modules, or use --tracer perf"
	perf_usable ||
		die "no kernel tracer: lttng-modules is not loaded and perf does not run; install linux-perf (apt-get install linux-perf), load lttng-modules, or use --no-kernel"
	why=$(perf_ctf_missing)
	[ -z "$why" ] ||
		die "no kernel tracer: lttng-modules is not loaded and $why; load lttng-modules (the LTTng kernel tracer), install a perf built with babeltrace, or use --no-kernel"
	tracefs_find ||
		die "tracefs is not mounted and cannot be mounted: mount -t tracefs nodev /sys/kernel/tracing"
	tracefs_has_event sched:sched_switch ||
		die "this kernel has no sched:sched_switch tracepoint (CONFIG_TRACEPOINTS?): cannot record scheduler events"
	REC_TRACER=perf
}

# record_prepare_dir DIR FORCE: create DIR, refusing a non-empty one unless
# FORCE, which replaces what a previous recording wrote there.
record_prepare_dir() {
	local dir=$1 force=$2

	if [ -e "$dir" ] && [ ! -d "$dir" ]; then
		die "output '$dir' exists and is not a folder: choose another -o DIR"
	fi
	if [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ]; then
		[ "$force" -eq 1 ] ||
			die "output folder '$dir' exists and is not empty: choose another -o DIR or add --force"
		rm -rf "${dir:?}/kernel" "$dir/ust" "$dir/rseqprof.info" "$dir/.rseqprof-tmp"
	fi
	mkdir -p "$dir" || die "cannot create output folder '$dir': check its parent's permissions"
}

# record_sessiond KERNEL: a session daemon answers (with the kernel tracer
# when KERNEL is 1, for a daemon started here), or die.
record_sessiond() {
	lttng_sessiond_ensure "$1" "$REC_TMP/sessiond.log" ||
		die "lttng-sessiond does not start ($(record_log_line "$REC_TMP/sessiond.log")): LTTNG_HOME (or HOME) must be writable; 'lttng-sessiond -vvv' tells more"
}

# record_lttng_session NAME DOMAIN OUTDIR ARGS...: create session NAME
# writing into OUTDIR (or live to the relay daemon at REC_RELAY) with
# channel rseqprof in DOMAIN (-k or -u); ARGS are groups "enable-event
# EVENTS" / "add-context -t CTX..." separated by ';'.
record_lttng_session() {
	local s=$1 d=$2 out=$3 log=$REC_TMP/lttng.log cmd=() a where
	shift 3
	where=(--output="$out")
	[ -z "$REC_RELAY" ] || where=(--live --set-url="$REC_RELAY")
	[ -z "$REC_TRACE_FORMAT" ] || where+=(--trace-format="$REC_TRACE_FORMAT")
	lttng_session_create "$s" "$log" "${where[@]}" || return 1
	lttng_ctl enable-channel "$d" -s "$s" --subbuf-size=8M --num-subbuf=8 \
		rseqprof >>"$log" 2>&1 || return 1
	for a in "$@" ';'; do
		if [ "$a" != ';' ]; then
			cmd+=("$a")
			continue
		fi
		lttng_ctl "${cmd[0]}" "$d" -s "$s" -c rseqprof "${cmd[@]:1}" \
			>>"$log" 2>&1 || return 1
		cmd=()
	done
	lttng_ctl start "$s" >>"$log" 2>&1
}

# record_kernel_start_lttng: LTTng kernel session into REC_TMP/lttng-kernel.
record_kernel_start_lttng() {
	local s events
	s=$REC_SESSION_BASE-kernel
	events=$(IFS=,; echo "${KERNEL_SCHED_EVENTS[*]}")
	record_lttng_session "$s" -k "$REC_TMP/lttng-kernel" \
		enable-event "$events" ';' enable-event 'lttng_statedump_*' ';' \
		add-context -t pid -t tid -t ppid -t procname ||
		die "LTTng kernel session does not start ($(record_log_line "$REC_TMP/lttng.log")): use --tracer perf"
	REC_KSESSION=$s
	REC_KEVENTS="${KERNEL_SCHED_EVENTS[*]}"
	warn "lttng-modules has no rseq_update event: mm_cid values are not recorded (the analyses replay the model without them)"
}

# record_kernel_start_perf PAGES: perf into REC_TMP/perf.data, with PAGES
# ring buffer pages per CPU.
record_kernel_start_perf() {
	local events=() e missing=()
	mapfile -t events <<<"$(kernel_events_available)"
	for e in "${KERNEL_SCHED_EVENTS[@]/#/sched:}" "rseq:$KERNEL_RSEQ_EVENT"; do
		tracefs_has_event "$e" || missing+=("$e")
	done
	[ ${#missing[@]} -eq 0 ] ||
		warn "this kernel lacks ${missing[*]}: recording without them"
	perf_start "$REC_TMP" "$1" "${events[@]}" ||
		die "perf record does not start ($(record_log_line "$REC_TMP/perf.log")): run 'rseqprof check'"
	REC_KEVENTS="${events[*]#*:}"
}

# record_ust_start EVENTS: LTTng user-space session into REC_TMP/lttng-ust
# with EVENTS (comma-separated event name patterns).
record_ust_start() {
	local s
	s=$REC_SESSION_BASE
	record_lttng_session "$s" -u "$REC_TMP/lttng-ust" \
		enable-event "$1" ';' \
		add-context -t vpid -t vtid -t procname ||
		die "LTTng user-space session does not start ($(record_log_line "$REC_TMP/lttng.log")): run 'rseqprof check'"
	REC_USESSION=$s
}

# record_run PRELOAD CMD...: run the workload (SIGINT back to its default:
# an asynchronous command would ignore it), wait for it through signals,
# and set REC_STATUS to its exit status.
record_run() {
	local preload=$1 n
	shift
	(
		trap - INT QUIT TERM
		if [ -n "$preload" ]; then
			export LD_PRELOAD="$preload${LD_PRELOAD:+:$LD_PRELOAD}"
		fi
		exec "$@"
	) <&0 &
	REC_WPID=$!
	REC_WORKLOAD_PID=$REC_WPID
	while :; do
		n=$REC_NSIG
		REC_STATUS=0
		wait "$REC_WPID" || REC_STATUS=$?
		[ "$n" != "$REC_NSIG" ] || break
	done
	REC_WPID=
}

# record_linger SEC: let late kernel events in, unless interrupted.
record_linger() {
	local pid
	[ -z "$REC_SIGNAL" ] || return 0
	sleep "$1" &
	pid=$!
	wait "$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
}

# record_kernel_stop: stop kernel tracing, put the CTF in REC_DIR/kernel;
# REC_LOST gets the events the tracer lost.
record_kernel_stop() {
	REC_LOST=0
	case "$REC_TRACER" in
	perf)
		perf_stop
		[ -s "$REC_TMP/perf.data" ] ||
			die "perf wrote no data ($(record_log_line "$REC_TMP/perf.log"))"
		REC_LOST=$(perf_lost_samples "$REC_TMP/perf.data")
		if ! perf_convert "$REC_TMP/perf.data" "$REC_DIR/kernel" "$REC_TMP/perf.log"; then
			mv "$REC_TMP/perf.data" "$REC_DIR/perf.data"
			die "perf data convert failed ($(record_log_line "$REC_TMP/perf.log")); the raw recording is kept: perf data convert --all --to-ctf $REC_DIR/kernel -i $REC_DIR/perf.data"
		fi
		;;
	lttng-kernel)
		lttng_ctl stop "$REC_KSESSION" >>"$REC_TMP/lttng.log" 2>&1 || true
		REC_LOST=$(lttng_session_discarded "$REC_KSESSION")
		lttng_session_destroy "$REC_KSESSION" "$REC_TMP/lttng.log"
		[ -z "$REC_RELAY" ] || return 0
		mv "$REC_TMP/lttng-kernel/kernel" "$REC_DIR/kernel" ||
			die "the LTTng kernel session wrote no trace ($(record_log_line "$REC_TMP/lttng.log"))"
		;;
	esac
}

# record_ust_stop: stop the user-space session, put its trace (if an
# application registered) in REC_DIR/ust; REC_LOST gets the events it lost.
record_ust_stop() {
	lttng_ctl stop "$REC_USESSION" >>"$REC_TMP/lttng.log" 2>&1 || true
	REC_LOST=$(lttng_session_discarded "$REC_USESSION")
	lttng_session_destroy "$REC_USESSION" "$REC_TMP/lttng.log"
	# LTTng creates ust/ even when no application registered: keep it
	# only when it holds a trace.
	if [ -n "$(find "$REC_TMP/lttng-ust" -name metadata -print -quit 2>/dev/null)" ]; then
		mv "$REC_TMP/lttng-ust/ust" "$REC_DIR/ust"
	fi
}

# record_relay_sessions: the LTTng sessions sent to the relay daemon (the
# last part of their lttng-live URL net://HOST/host/HOSTNAME/SESSION).
record_relay_sessions() {
	local s=$REC_USESSION
	[ -z "$REC_KSESSION" ] || s=$REC_KSESSION,$s
	echo "$s"
}

# record_live_urls: the lttng-live URLs of the relayed sessions (the relay
# daemon's default live port; the host of REC_RELAY).
record_live_urls() {
	local host=${REC_RELAY#*://} s urls=()
	host=${host%%/*}
	host=${host%%:*}
	for s in ${REC_KSESSION:+"$REC_KSESSION"} "$REC_USESSION"; do
		urls+=("net://$host/host/$(hostname)/$s")
	done
	echo "${urls[*]}"
}

cmd_record() {
	local dir='' force=0 tracer=auto kernel=auto ust=0 preload=0 linger=1 pages=1024
	local ust_events='rseqprof_ust:*' format='' ver
	local preload_lib='' topology klost=0 ulost=0 ust_state=off skipped=''

	while [ $# -gt 0 ]; do
		case "$1" in
		-o|--output|--tracer|--linger|--mmap-pages|--relay|--ust-events|--session|--trace-format)
			[ $# -ge 2 ] || usage_error record "$1 needs a value"
			case "$1" in
			-o|--output) dir=$2 ;;
			--tracer) tracer=$2 ;;
			--linger) linger=$2 ;;
			--mmap-pages) pages=$2 ;;
			--relay) REC_RELAY=$2 ;;
			--session) REC_SESSION_BASE=$2 ;;
			--trace-format) format=$2 ;;
			--ust-events) ust_events=$2; ust=1 ;;
			esac
			shift 2
			continue
			;;
		--output=*) dir=${1#*=} ;;
		--tracer=*) tracer=${1#*=} ;;
		--linger=*) linger=${1#*=} ;;
		--mmap-pages=*) pages=${1#*=} ;;
		--relay=*) REC_RELAY=${1#*=} ;;
		--session=*) REC_SESSION_BASE=${1#*=} ;;
		--trace-format=*) format=${1#*=} ;;
		--ust-events=*) ust_events=${1#*=}; ust=1 ;;
		-f|--force) force=1 ;;
		--kernel) kernel=yes ;;
		--no-kernel) kernel=no ;;
		--ust) ust=1 ;;
		--preload) preload=1; ust=1 ;;
		--) shift; break ;;
		-*) usage_error record "unknown option '$1'" ;;
		*) break ;;
		esac
		shift
	done
	[ $# -ge 1 ] || usage_error record "no command to record"
	case "$tracer" in
	auto|lttng|perf) ;;
	*) usage_error record "--tracer must be auto, lttng or perf, not '$tracer'" ;;
	esac
	[[ "$linger" =~ ^[0-9]+(\.[0-9]+)?$ ]] ||
		usage_error record "--linger needs seconds (e.g. 1 or 0.5), not '$linger'"
	[[ "$pages" =~ ^[1-9][0-9]*$ ]] ||
		usage_error record "--mmap-pages needs a number of pages, not '$pages'"
	case "$REC_RELAY" in
	''|net://?*|net6://?*) ;;
	*) usage_error record "--relay needs an lttng-relayd URL net://HOST[:CTRL_PORT[:DATA_PORT]], not '$REC_RELAY'" ;;
	esac
	[ -z "$REC_RELAY" ] || ust=1
	[ -n "$REC_SESSION_BASE" ] || REC_SESSION_BASE=rseqprof-$$-$RANDOM
	[[ "$REC_SESSION_BASE" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]*$ ]] ||
		usage_error record "--session needs a name of letters, digits, '_', '.', '-', not '$REC_SESSION_BASE'"
	case "$format" in
	'') ;;
	ctf-2)
		ver=$(lttng_tools_version)
		ver=${ver:+lttng-tools $ver writes CTF 1.8 only}
		lttng_chooses_format ||
			usage_error record "--trace-format ctf-2 needs LTTng 2.15 or later (${ver:-lttng-tools is not installed})"
		REC_TRACE_FORMAT=$format
		;;
	ctf-1.8)
		# older LTTng writes nothing else and has no --trace-format
		! lttng_chooses_format || REC_TRACE_FORMAT=$format
		;;
	*) usage_error record "--trace-format must be ctf-1.8 or ctf-2, not '$format'" ;;
	esac
	[ -n "$dir" ] || dir=rseqprof-$(date +%Y%m%d-%H%M%S)

	# Everything that can fail is checked before any tracer starts.
	record_find_workload "$1" ||
		die "workload not found: '$1' is neither an executable file nor a command in PATH"
	topology=$(rseqprof_tool rseqprof-topology probes/topology) ||
		die "rseqprof-topology not found: build rseqprof first (scripts/build)"
	if [ "$preload" -eq 1 ]; then
		preload_lib=$(rseqprof_preload_lib) ||
			die "librseqprof-preload.so not found: build rseqprof first (scripts/build) or set RSEQPROF_PRELOAD_LIB"
	fi
	record_choose_tracer "$kernel" "$tracer"
	if [ "$REC_TRACER" = none ] && [ "$kernel" != no ]; then
		skipped="kernel events (not root)"
		warn "not root: kernel events (${KERNEL_SCHED_EVENTS[*]} $KERNEL_RSEQ_EVENT) skipped, recording user space only; run as root to record them"
	fi
	[ "$REC_TRACER" != none ] || ust=1
	if [ "$ust" -eq 1 ] && ! lttng_installed; then
		die "LTTng is not installed (lttng, lttng-sessiond): apt-get install lttng-tools${skipped:+; as non-root only user space can be recorded}"
	fi

	REC_DIR=$(realpath -m -- "$dir")
	record_prepare_dir "$REC_DIR" "$force"
	REC_TMP=$REC_DIR/.rseqprof-tmp
	mkdir "$REC_TMP"
	trap record_cleanup EXIT
	trap 'record_on_signal INT' INT
	trap 'record_on_signal TERM' TERM

	if [ "$REC_TRACER" = lttng-kernel ]; then
		record_sessiond 1
		if ! lttng_kernel_tracer_usable; then
			[ "$tracer" != lttng ] ||
				die "the LTTng session daemon has no kernel tracer (started with --no-kernel?): use --tracer perf"
			warn "the LTTng session daemon has no kernel tracer: using perf"
			record_choose_tracer "$kernel" perf
		fi
	fi
	if [ "$ust" -eq 1 ]; then
		record_sessiond "$([ "$REC_TRACER" = lttng-kernel ] && echo 1 || echo 0)"
	fi
	case "$REC_TRACER" in
	perf) record_kernel_start_perf "$pages" ;;
	lttng-kernel) record_kernel_start_lttng ;;
	esac
	if [ "$ust" -eq 1 ]; then
		record_ust_start "$ust_events"
	fi
	if [ -n "$REC_RELAY" ]; then
		echo "rseqprof: streaming to $REC_RELAY; lttng-live: $(record_live_urls)" >&2
	fi

	if [ -z "$REC_SIGNAL" ]; then
		record_run "$preload_lib" "$@"
	else
		REC_STATUS=$((128 + $(kill -l "$REC_SIGNAL")))
	fi
	record_linger "$linger"

	if [ "$ust" -eq 1 ]; then
		record_ust_stop
		ulost=$REC_LOST
		ust_state=empty
		[ ! -d "$REC_DIR/ust" ] || ust_state=recorded
		[ -z "$REC_RELAY" ] || ust_state=relayed
	fi
	if [ "$REC_TRACER" != none ]; then
		record_kernel_stop
		klost=$REC_LOST
	fi

	info_write "$REC_DIR/rseqprof.info" \
		"tracer=$REC_TRACER" \
		"cmdline=$(shell_quote "$@")" \
		"kernel_release=$(uname -r)" \
		"$("$topology")" \
		"workload_pid=$REC_WORKLOAD_PID" \
		"exit_status=$REC_STATUS" \
		"discarded_events=$((klost + ulost))" \
		"kernel_discarded_events=$klost" \
		"ust_discarded_events=$ulost" \
		"kernel_events=${REC_KEVENTS// /,}" \
		"ust=$ust_state" \
		"ust_events=$([ "$ust" -eq 1 ] && echo "$ust_events")" \
		"skipped=$skipped" \
		"interrupted=${REC_SIGNAL:+SIG$REC_SIGNAL}" \
		"linger_s=$linger" \
		"relay=$REC_RELAY" \
		"relay_sessions=${REC_RELAY:+$(record_relay_sessions)}" \
		"hostname=$(hostname)"
	[ "$((klost + ulost))" -eq 0 ] ||
		warn "$((klost + ulost)) events were discarded (kernel $klost, user space $ulost): the reports are approximate; record a shorter run or raise --mmap-pages"
	[ -z "$REC_SIGNAL" ] ||
		warn "interrupted by SIG$REC_SIGNAL: kept what was recorded"
	echo "rseqprof: recorded into $REC_DIR (kernel: $REC_TRACER, user space: $ust_state, exit status $REC_STATUS)" >&2
	exit "$REC_STATUS"
}
