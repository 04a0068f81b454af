# SPDX-License-Identifier: MIT
# guest.sh - boot Debian's kernel in QEMU (TCG) with a busybox initramfs,
# run one script in the guest and bring its files back to the host.
#
# Source it from bash; see tests/guest/README.md for the API.  Nothing here
# calls exit except guest_require (a TAP skip).
# shellcheck shell=bash

GUEST_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# guest_kernel: path of the kernel image to boot ($GUEST_KERNEL, else the
# newest /boot/vmlinuz-6.1*); prints nothing when there is none.
guest_kernel() {
	local k
	if [ -n "${GUEST_KERNEL:-}" ]; then
		echo "$GUEST_KERNEL"
		return
	fi
	for k in /boot/vmlinuz-6.1*; do
		[ -f "$k" ] && echo "$k"
	done | sort -V | tail -n 1
}

# guest_kernel_release: the kernel's release ("6.1.0-56-amd64"), whose
# modules are under /lib/modules/<release>.
guest_kernel_release() {
	local k
	k=$(guest_kernel)
	[ -n "$k" ] || return 1
	basename "$k" | sed 's/^vmlinuz-//'
}

# guest_skip_reason: prints why a guest cannot boot here and returns 0, or
# returns 1 (prints nothing) when it can.
guest_skip_reason() {
	local k
	if ! command -v qemu-system-x86_64 >/dev/null 2>&1; then
		echo "qemu-system-x86_64 not installed (apt-get install qemu-system-x86)"
		return 0
	fi
	k=$(guest_kernel)
	if [ -z "$k" ] || [ ! -r "$k" ]; then
		echo "no readable guest kernel /boot/vmlinuz-6.1* (apt-get install linux-image-amd64)"
		return 0
	fi
	return 1
}

# guest_require: TAP skip (exit 77) with the reason when no guest can boot.
guest_require() {
	local why
	if why=$(guest_skip_reason); then
		echo "1..0 # SKIP $why"
		exit 77
	fi
}

# _guest_copy_file SRC DST ROOT: copy SRC (following links) to ROOT/DST.
_guest_copy_file() {
	mkdir -p "$3/$(dirname "$2")" && cp -L "$1" "$3/$2"
}

# _guest_copy_prog PROG ROOT: the program (a name in PATH or a path) goes to
# ROOT/usr/bin/<name>, each shared library ldd lists to its own path.
_guest_copy_prog() {
	local prog=$1 root=$2 path lib
	path=$(command -v "$prog") || {
		echo "guest: program '$prog' not found" >&2
		return 1
	}
	_guest_copy_file "$path" "/usr/bin/$(basename "$path")" "$root" || return 1
	# "name => /path (addr)", "/lib64/ld-linux-x86-64.so.2 (addr)", or
	# "statically linked"/"not a dynamic executable" (nothing to copy).
	for lib in $(ldd "$path" 2>/dev/null |
		     sed -n 's/.*=> \(\/[^ ]*\).*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) .*/\1/p'); do
		[ -e "$root/$lib" ] || _guest_copy_file "$lib" "$lib" "$root" || return 1
	done
}

# guest_modules_dir: the modules of the guest kernel: lib/modules/RELEASE
# beside a kernel of the lab (scripts/fetch-kernels), else
# /lib/modules/RELEASE.
guest_modules_dir() {
	local rel dir
	rel=$(guest_kernel_release) || return 1
	dir=$(dirname "$(guest_kernel)")/lib/modules/$rel
	[ -f "$dir/modules.dep" ] || dir=/lib/modules/$rel
	echo "$dir"
}

# _guest_module_paths RELEASE NAME: paths (relative to guest_modules_dir)
# of NAME's dependencies then NAME, dependencies first, from modules.dep.
_guest_module_paths() {
	local dir name=${2//-/_} line dep
	dir=$(guest_modules_dir) || return 1
	line=$(awk -v n="$name" -F: '{
			b = $1; sub(/.*\//, "", b); sub(/\.ko.*$/, "", b);
			gsub(/-/, "_", b);
			if (b == n) { print; exit }
		}' "$dir/modules.dep")
	if [ -z "$line" ]; then
		echo "guest: module '$2' not in $dir/modules.dep" >&2
		return 1
	fi
	for dep in ${line#*:}; do
		dep=$(basename "$dep")
		_guest_module_paths "$1" "${dep%%.ko*}" || return 1
	done
	echo "${line%%:*}"
}

# _guest_copy_module RELEASE NAME ROOT: NAME and its dependencies to
# ROOT/lib/modules/RELEASE (decompressed), appended once each to the list
# ROOT/etc/guest/modules that init loads in order.
_guest_copy_module() {
	local rel=$1 root=$3 list=$3/etc/guest/modules mod paths dst src
	paths=$(_guest_module_paths "$rel" "$2") || return 1
	src=$(guest_modules_dir) || return 1
	for mod in $paths; do
		dst=/lib/modules/$rel/${mod%.ko*}.ko
		grep -qxF "$dst" "$list" 2>/dev/null && continue
		mkdir -p "$root/$(dirname "$dst")"
		case $mod in
		*.ko) cp "$src/$mod" "$root/$dst" ;;
		*.ko.xz) xz -dc "$src/$mod" >"$root/$dst" ;;
		*.ko.zst) zstd -qdc "$src/$mod" >"$root/$dst" ;;
		*.ko.gz) gzip -dc "$src/$mod" >"$root/$dst" ;;
		*) echo "guest: unknown module format $mod" >&2; return 1 ;;
		esac || return 1
		echo "$dst" >>"$list"
	done
}

# guest_build_initramfs OUT SCRIPT [-p PROG]... [-m MODULE]... [-f SRC:DST]...
#   OUT     the cpio archive written (uncompressed newc)
#   SCRIPT  shell script run by the guest's init as /guest/run.sh, in /out
#   -p      program (name in PATH or path) copied to /usr/bin with its libraries
#   -m      module of the guest kernel loaded at boot, with its dependencies
#   -f      file copied to DST (absolute path in the guest)
# The virtio block modules (the output disk) are always included.
guest_build_initramfs() {
	local out=$1 script=$2 rel root ret
	shift 2 || return 1
	rel=$(guest_kernel_release) || {
		echo "guest: no guest kernel" >&2
		return 1
	}
	root=$(mktemp -d "${TMPDIR:-/tmp}/guest-root.XXXXXX") || return 1
	_guest_fill_root "$root" "$rel" "$script" "$@" &&
		(cd "$root" && find . -print0 | LC_ALL=C sort -z |
		 cpio --null -o -H newc --quiet) >"$out"
	ret=$?
	rm -rf "$root"
	return $ret
}

# _guest_fill_root ROOT RELEASE SCRIPT [OPTION VALUE]...: the initramfs tree
# (see guest_build_initramfs); stops at the first failure.
_guest_fill_root() {
	local root=$1 rel=$2 script=$3 applet m
	shift 3
	command -v busybox >/dev/null || {
		echo "guest: busybox not installed (apt-get install busybox-static)" >&2
		return 1
	}
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc/guest,proc,sys,dev,tmp,run,out,guest,var/tmp} &&
		cp "$(command -v busybox)" "$root/bin/busybox" || return 1
	for applet in $(busybox --list); do
		[ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet" || return 1
	done
	: >"$root/etc/guest/modules" &&
		echo "root:x:0:0:root:/:/bin/sh" >"$root/etc/passwd" &&
		echo "root:x:0:" >"$root/etc/group" || return 1
	# Built into the kernel when modules.dep lacks them (Debian >= 6.12:
	# virtio_pci).
	for m in virtio_pci virtio_blk; do
		_guest_module_paths "$rel" "$m" >/dev/null 2>&1 || continue
		_guest_copy_module "$rel" "$m" "$root" || return 1
	done
	while [ $# -gt 0 ]; do
		if [ $# -lt 2 ]; then
			echo "guest: option '$1' needs a value" >&2
			return 1
		fi
		case $1 in
		-p) _guest_copy_prog "$2" "$root" ;;
		-m) _guest_copy_module "$rel" "$2" "$root" ;;
		-f) _guest_copy_file "${2%%:*}" "${2#*:}" "$root" ;;
		*) echo "guest: unknown option '$1'" >&2; false ;;
		esac || return 1
		shift 2
	done
	cp "$GUEST_LIB_DIR/init.sh" "$root/init" &&
		cp "$GUEST_LIB_DIR/record.sh" "$GUEST_LIB_DIR/stall-watch.sh" "$root/guest/" &&
		cp "$script" "$root/guest/run.sh" &&
		chmod 755 "$root/init" "$root/guest/run.sh"
}

# _guest_numa_args NODES SMP MEM_MB: QEMU options splitting SMP CPUs and
# MEM_MB of memory evenly over NODES nodes (node n: CPUs n*SMP/NODES...),
# one socket a node: CPUs of two nodes sharing a socket's cache make the
# kernel warn (topology_sane) at boot.
_guest_numa_args() {
	local nodes=$1 smp=$2 mem=$3 n per=$(($2 / $1))
	printf -- '-smp %d,sockets=%d,cores=%d ' "$smp" "$nodes" "$per"
	for ((n = 0; n < nodes; n++)); do
		printf -- '-object memory-backend-ram,id=mem%d,size=%dM ' \
			"$n" $((mem / nodes))
		printf -- '-numa node,nodeid=%d,cpus=%d-%d,memdev=mem%d ' \
			"$n" $((n * per)) $((n * per + per - 1)) "$n"
	done
}

# GUEST_CMDLINE: the kernel command line of every guest.  Every message
# reaches the console (ignore_loglevel: backtraces are printed below the
# default level), a soft lockup panics the guest at once (with its
# backtrace) rather than running into the host's time limit, and an NMI the
# guest does not expect panics it with the interrupted CPU's backtrace:
# that is how _guest_stall_dump gets a stuck guest to speak.  no_timer_check:
# on a busy host the boot-time test of the IO-APIC timer sees too few
# ticks under TCG and panics ("IO-APIC + timer doesn't work!"), as virtual
# machines commonly boot with.
GUEST_CMDLINE="console=ttyS0 panic=-1 ignore_loglevel softlockup_panic=1 unknown_nmi_panic no_timer_check"

# _guest_monitor_sock DIR: the path of DIR's guest's monitor socket:
# DIR/monitor.sock, or one under /tmp named after DIR's inode when that
# path is longer than a unix socket's (108 bytes).
_guest_monitor_sock() {
	local sock=$1/monitor.sock
	[ ${#sock} -lt 100 ] || sock=/tmp/rseqprof-monitor.$(stat -c %i "$1")
	echo "$sock"
}

# _guest_monitor DIR COMMAND...: runs QEMU monitor commands on DIR's guest.
_guest_monitor() {
	local sock
	sock=$(_guest_monitor_sock "$1")
	shift
	python3 "$GUEST_LIB_DIR/qemu-monitor.py" "$sock" "$@"
}

# _guest_wait PID SECONDS: waits for PID to end; returns 1 when it still
# runs after SECONDS.
_guest_wait() {
	local deadline=$((SECONDS + $2))
	while kill -0 "$1" 2>/dev/null; do
		[ $SECONDS -lt "$deadline" ] || return 1
		sleep 0.2
	done
}

# _guest_stall_dump DIR PID: the guest ran out of time.  Writes
# DIR/stall.txt: every vCPU's registers from QEMU's monitor (RIP says where
# each CPU is, RFL's IF bit whether it takes interrupts), then injects an
# NMI into every vCPU: the guest panics (unknown_nmi_panic) and prints a
# backtrace of the CPU that took it first on the console, and QEMU exits
# (panic=-1, -no-reboot).  QEMU is killed when it has not exited 20 s later.
_guest_stall_dump() {
	local dir=$1 pid=$2
	_guest_monitor "$dir" "info registers -a" >"$dir/stall.txt" 2>&1
	_guest_monitor "$dir" nmi >/dev/null 2>&1
	if ! _guest_wait "$pid" 20; then
		_guest_monitor "$dir" quit >/dev/null 2>&1
		_guest_wait "$pid" 5 || kill -9 "$pid" 2>/dev/null
	fi
	wait "$pid" 2>/dev/null
}

# guest_evidence DIR: prints (as TAP comments) what a failed guest left on
# the host: the steps it went through with their guest uptime (the last
# 10), each vCPU's instruction pointer and flags when it had to be stopped,
# and the console's last 60 lines (the NMI's backtrace among them).
guest_evidence() {
	local dir=$1
	{
		if [ -s "$dir/steps.log" ]; then
			echo "guest: last steps (step, guest uptime in s):"
			tr -d '\r' <"$dir/steps.log" | tail -n 10
		fi
		if [ -s "$dir/stall.txt" ]; then
			echo "guest: vCPU state when stopped (QEMU monitor):"
			awk '/^CPU#/ { cpu = $1 } /^RIP=/ { print cpu, $1, $2, $3 }' "$dir/stall.txt"
		fi
		echo "guest: console, last 60 lines:"
		tr -d '\r' <"$dir/console.log" | tail -n 60
	} | sed 's/^/# /' >&2
}

# guest_boot INITRAMFS DIR [QEMU_ARG]...
#   Boots the guest kernel with INITRAMFS under a time limit and waits for
#   it to power off.  Writes DIR/console.log (the serial console),
#   DIR/steps.log (what guest_step wrote on the second serial port, ttyS1)
#   and extracts what the guest script left in /out into DIR/files/.  A
#   guest still running at the limit has its vCPUs' state dumped
#   (DIR/stall.txt) and is made to print a backtrace (_guest_stall_dump).
#   Environment: GUEST_SMP (CPUs, 2), GUEST_MEM (MiB, 512), GUEST_NODES
#   (NUMA nodes, 1; SMP and MEM must divide evenly), GUEST_TIMEOUT (s, 120),
#   GUEST_OUT_MB (size of the output disk, 64), GUEST_APPEND (more kernel
#   command line).
#   Returns the guest script's exit status; 124 when the guest timed out,
#   125 when it died without reporting a status.  Whenever it is not 0 the
#   evidence (guest_evidence) is printed on standard error.
guest_boot() {
	local initrd=$1 dir=$2 kernel img smp=${GUEST_SMP:-2} mem=${GUEST_MEM:-512}
	local nodes=${GUEST_NODES:-1} status cpus pid sock
	shift 2 || return 1
	kernel=$(guest_kernel)
	mkdir -p "$dir/files" || return 1
	img=$dir/out.img
	sock=$(_guest_monitor_sock "$dir")
	rm -f "$img" "$sock" "$dir/stall.txt"
	: >"$dir/steps.log"
	truncate -s "${GUEST_OUT_MB:-64}M" "$img" || return 1
	cpus=(-smp "$smp")
	if [ "$nodes" -gt 1 ]; then
		read -r -a cpus <<<"$(_guest_numa_args "$nodes" "$smp" "$mem")"
	fi
	# QEMU option values: a comma in a path is written twice.
	qemu-system-x86_64 -kernel "$kernel" -initrd "$initrd" \
		-append "$GUEST_CMDLINE ${GUEST_APPEND:-}" \
		-accel tcg,thread=single \
		-nographic -no-reboot -nic none -m "$mem" "${cpus[@]}" \
		-drive "file=${img//,/,,},format=raw,if=virtio" \
		-chardev "file,id=steps,path=${dir//,/,,}/steps.log" \
		-serial stdio -serial chardev:steps \
		-monitor "unix:${sock//,/,,},server=on,wait=off" \
		"$@" </dev/null >"$dir/console.log" 2>&1 &
	pid=$!
	if ! _guest_wait "$pid" "${GUEST_TIMEOUT:-120}"; then
		_guest_stall_dump "$dir" "$pid"
		echo "guest: timed out after ${GUEST_TIMEOUT:-120} s (log: $dir/console.log)" >&2
		guest_evidence "$dir"
		rm -f "$img" "$sock"
		return 124
	fi
	wait "$pid"
	tar xf "$img" -C "$dir/files" 2>/dev/null
	rm -f "$img" "$sock"
	status=$(tr -d '\r' <"$dir/console.log" | sed -n 's/.*GUEST-STATUS=\([0-9]*\)$/\1/p' | tail -n 1)
	if [ -z "$status" ]; then
		echo "guest: no status reported (log: $dir/console.log)" >&2
		status=125
	fi
	[ "$status" -eq 0 ] || guest_evidence "$dir"
	return "$status"
}

# guest_check_log LOG: fails (printing the lines) when the console log
# shows a kernel Oops, WARNING, BUG, panic, soft/hard lockup or RCU stall.
guest_check_log() {
	local bad
	bad=$(grep -aE 'Oops|WARNING:|BUG:|Kernel panic|kernel BUG|general protection fault|Call Trace:|soft lockup|hard LOCKUP|blocked for more than|self-detected stall|detected stalls on CPUs|RCU stall' "$1")
	if [ -n "$bad" ]; then
		printf '%s\n' "$bad" >&2
		return 1
	fi
	return 0
}
