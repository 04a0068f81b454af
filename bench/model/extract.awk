# SPDX-License-Identifier: MIT
# extract.awk - turn `babeltrace2` text output of a perf recording
# (perf data convert --all --to-ctf) into the model bench's event list, one
# event a line, with the thread group (mm) of every task resolved from the
# perf_fork side-band (its statedump at time 0 included):
#   s TS CPU PREV_TID PREV_MM NEXT_TID NEXT_MM   sched_switch
#   m TS TID MM FROM TO                         sched_migrate_task
#   f TS PARENT_TID PARENT_MM CHILD_TID CHILD_MM perf_fork (thread or process)
#   x TS TID MM                                 sched_process_exec
#   e TS TID MM                                 sched_process_exit
#   r TS TID                                    sched_process_free
# Kernel threads (kthreadd, pid 2, and its children) and idle have mm 0.

function field(name,    re, v) {
	re = " " name " = [^,}]*"
	if (!match($0, re))
		return ""
	v = substr($0, RSTART + length(name) + 4, RLENGTH - length(name) - 4)
	gsub(/"/, "", v)
	return v
}

function ts(    t, h, m, s) {
	t = substr($1, 2, 18)
	h = substr(t, 1, 2); m = substr(t, 4, 2); s = substr(t, 7, 2)
	return sprintf("%d%09d", (h * 3600 + m * 60 + s), substr(t, 10, 9))
}

function mm(tid) {
	if (tid == 0 || (tid in kernel))
		return 0
	return (tid in tgid) ? tgid[tid] : tid
}

function cpu(    v) {
	match($0, /\{ cpu_id = [0-9]+ \}/)
	v = substr($0, RSTART + 11, RLENGTH - 13)
	return v
}

$3 == "perf_fork:" {
	pid = field("pid"); tid = field("tid"); ppid = field("ppid"); ptid = field("ptid")
	tgid[tid] = pid
	if (pid == 2 || ppid == 2 || (pid in kernel))
		kernel[tid] = 1
	print "f", ts(), ptid, mm(ptid), tid, mm(tid)
	next
}
$3 == "sched:sched_switch:" {
	p = field("prev_pid"); n = field("next_pid")
	if (!(p in tgid) && !(p in kernel))
		tgid[p] = field("perf_pid")
	print "s", ts(), cpu(), p, mm(p), n, mm(n)
	next
}
$3 == "sched:sched_migrate_task:" {
	t = field("pid")
	print "m", ts(), t, mm(t), field("orig_cpu"), field("dest_cpu")
	next
}
$3 == "sched:sched_process_exec:" {
	t = field("pid")
	print "x", ts(), t, mm(t)
	next
}
$3 == "sched:sched_process_exit:" {
	t = field("pid")
	print "e", ts(), t, mm(t)
	next
}
$3 == "sched:sched_process_free:" {
	print "r", ts(), field("pid")
	next
}
