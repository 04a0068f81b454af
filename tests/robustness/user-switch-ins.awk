# SPDX-License-Identifier: MIT
# user-switch-ins.awk -v comm=NAME - from `babeltrace2` text of a perf
# recording, count independently of the analyses what the tasks named NAME
# did: the context switches that switch one in while it holds its mm (it
# has not passed sched_process_exit: exit_mm() ran, no mm any more), its
# exits after a recorded switch-in (perf sometimes records a new thread's
# exit but not its first switch-in: the model never gave it an id) and the
# execs of a program named NAME.  A record the recorder wrote twice (the
# same line, but for the delta, right after itself on its CPU: perf does,
# about once in 20 recordings of spawn-waves) counts once.  Prints
# "switch_ins N", "exits N", "execs N", "repeats N" (records dropped as
# written twice) and the count of every event type in the trace, repeats
# left out.

function num(name) {
	if (!match($0, " " name " = [0-9]+"))
		return -1
	return substr($0, RSTART + length(name) + 4, RLENGTH - length(name) - 4) + 0
}

function str(name) {
	if (!match($0, " " name " = \"[^\"]*\""))
		return ""
	return substr($0, RSTART + length(name) + 5, RLENGTH - length(name) - 6)
}

{
	key = $0
	sub(/ \(\+[^)]*\)/, "", key)
	cpu = num("cpu_id")
	if (last[cpu] == key) {
		repeats++
		next
	}
	last[cpu] = key
	seen[$3]++
}
$3 == "perf_fork:" { t = num("tid"); delete dead[t]; delete ran[t]; next }
$3 == "sched:sched_process_fork:" { t = num("child_pid"); delete dead[t]; delete ran[t]; next }
$3 == "sched:sched_process_exec:" {
	f = str("filename")
	sub(/.*\//, "", f)
	if (f == comm)
		execs++
	next
}
$3 == "sched:sched_process_exit:" {
	t = num("pid")
	if (str("comm") == comm && (t in ran))
		exits++
	dead[t] = 1
	next
}
$3 == "sched:sched_switch:" {
	n = num("next_pid")
	if (str("next_comm") == comm && !(n in dead))
		switch_ins++
	ran[n] = 1
}
END {
	print "switch_ins", switch_ins + 0
	print "exits", exits + 0
	print "execs", execs + 0
	print "repeats", repeats + 0
	for (e in seen) {
		name = e
		sub(/^sched:/, "", name)
		sub(/^rseq:/, "", name)
		sub(/:$/, "", name)
		print name, seen[e]
	}
}
