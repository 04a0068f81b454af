#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# record-check.sh - rseqprof check: one line per capability, numbers that
# agree with the probes it runs, the non-root and no-rseq cases.
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
need_topology

plan_tests 14

"$RSEQPROF" check >"$T/out" 2>"$T/err"
st=$?
names=$(awk '{ print $2 }' "$T/out" | tr '\n' ' ')
is "$names" "rseq mm_cid root lttng-modules perf tracefs lttng babeltrace2 numa qemu recording " "one line per capability"
! grep -qvE '^(ok|warn|missing) ' "$T/out"
ok $? "each line starts with ok, warn or missing"
ok "$([ ! -s "$T/err" ]; echo $?)" "nothing on stderr"

facts=$("$RSEQPROF_BUILD/probes/topology/rseqprof-check")
size=$(echo "$facts" | sed -n 's/^rseq_size=//p')
if [ "$(echo "$facts" | sed -n 's/^rseq_registered=//p')" = 1 ]; then
	grep -q "^ok  *rseq  *registered by glibc: __rseq_size $size," "$T/out"
	ok $? "rseq line: registered by glibc, __rseq_size $size"
else
	grep -q "^warn  *rseq  *glibc did not register" "$T/out"
	ok $? "rseq line: glibc did not register"
fi
# babeltrace2 2.0.x reads CTF 1.8 only, 2.1 and later CTF 2 too.
case "$(babeltrace2 --version 2>/dev/null | sed -n '1s/^[^0-9]*\([0-9]*\.[0-9]*\).*/\1/p')" in
2.0) want="CTF 1.8 only (CTF 2 needs babeltrace2 2.1)" ;;
*) want="CTF 1.8 and CTF 2" ;;
esac
grep -q "^ok  *babeltrace2  *.*reads the recordings (rseqprof report), $want\$" "$T/out"
ok $? "babeltrace2 line says which trace formats it reads: $want"
# LTTng 2.15 and later write CTF 2 by default, older ones CTF 1.8 only.
case "$(lttng --version 2>/dev/null | sed -n '1s/^[^0-9]*\([0-9]*\.[0-9]*\).*/\1/p')" in
'') want= ;;
2.1[0-4]|2.[0-9]) want="writes CTF 1.8 only" ;;
*) want="writes CTF 2 by default (its session daemon's; record --trace-format ctf-1.8 for CTF 1.8)" ;;
esac
if [ -n "$want" ]; then
	grep -q "^ok  *lttng  *.*: user-space sessions (--ust, --preload), $want\$" "$T/out"
	ok $? "lttng line says which trace format it writes: $want"
else
	skip 1 "lttng not installed"
fi
topo=$("$RSEQPROF_BUILD/probes/topology/rseqprof-topology" 2>/dev/null)
grep -q "^ok  *numa  *$(echo "$topo" | sed -n 's/^nr_nodes=//p') node(s), .*cpu_to_node=$(echo "$topo" | sed -n 's/^cpu_to_node=//p')" "$T/out"
ok $? "numa line agrees with rseqprof-topology"

if [ "$(id -u)" -ne 0 ] || ! command -v perf >/dev/null; then
	skip 2 "not root or no perf: kernel recording is not possible here"
elif [ ! -e /proc/lttng ] && [ -n "$(perf_ctf_missing)" ]; then
	is "$st" 0 "exit 0: user space can be recorded"
	grep -q '^warn  *recording  *user space only' "$T/out"
	ok $? "last line: user space only ($(perf_ctf_missing))"
else
	is "$st" 0 "exit 0: recording is possible here"
	grep -q '^ok  *recording  *kernel events' "$T/out"
	ok $? "last line: kernel events can be recorded"
fi

GLIBC_TUNABLES=glibc.pthread.rseq=0 "$RSEQPROF" check >"$T/norseq"
grep -q '^warn  *rseq  *glibc did not register rseq (__rseq_size 0): unset GLIBC_TUNABLES' "$T/norseq"
ok $? "without glibc's rseq the line says so and what to do"

if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
   setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$RSEQPROF"; then
	setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/nonexistent \
		"$RSEQPROF" check >"$T/nobody"
	st=$?
	grep -q '^warn  *root  *not root: kernel events need root; run rseqprof record as root' "$T/nobody"
	ok $? "as nobody: the root line says what to do"
	if command -v lttng-sessiond >/dev/null; then
		is "$st" 0 "as nobody: exit 0, user space can be recorded"
		grep -q '^warn  *recording  *user space only' "$T/nobody"
		ok $? "as nobody: last line says user space only"
	else
		skip 2 "lttng-tools not installed"
	fi
else
	skip 3 "needs root and setpriv to run check as nobody"
fi
"$RSEQPROF" check extra 2>/dev/null
is "$?" 2 "an argument is a usage error"
done_testing
