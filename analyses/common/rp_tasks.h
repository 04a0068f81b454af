/* SPDX-License-Identifier: MIT */
/*
 * rp_tasks.h - the task table: tid -> thread group, name, kernel thread.
 *
 * Filled by the decoder (rp_decoder.h) from process statedumps (LTTng
 * lttng_statedump_process_state, perf's perf_fork/perf_comm side band at
 * time 0), fork, exec and comm events, and from the perf_tid/perf_pid
 * context of every perf event.  Entries are never removed: a freed task is
 * marked dead and its slot is overwritten when its tid is reused by a fork.
 * Memory grows with the tasks seen, not with the events.
 *
 * Kernel threads (the model's mm 0): tid 0 (idle), tid 2 (kthreadd), every
 * task whose parent is 2, and tasks an LTTng statedump says are kernel
 * threads.  exec() makes a task a user task.
 */
#ifndef RP_TASKS_H
#define RP_TASKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RP_COMM_LEN	16
#define RP_TID_KTHREADD	2	/* its children are kernel threads */

enum rp_task_flags {
	RP_TASK_KTHREAD = 1 << 0,	/* kernel thread: model mm 0 */
	RP_TASK_GUESSED = 1 << 1,	/* tgid unknown, tid == tgid assumed */
	RP_TASK_DEAD = 1 << 2,		/* sched_process_free seen */
	RP_TASK_VFORK = 1 << 3,		/* CLONE_VM child, its own thread group
					 * (vfork, posix_spawn): it uses its
					 * parent's mm until it execs */
	RP_TASK_FORKED = 1 << 4,	/* a thread whose fork was replayed at
					 * perf_fork: its sched_process_fork
					 * only confirms it */
};

/**
 * struct rp_task - what is known about one task
 * @tid:	thread id (key)
 * @tgid:	thread-group id (process id): the model's mm
 * @ppid:	parent process id, 0 when unknown
 * @flags:	enum rp_task_flags
 * @comm:	task name, NUL-terminated, "" when unknown
 */
struct rp_task {
	uint32_t tid;
	uint32_t tgid;
	uint32_t ppid;
	uint32_t flags;
	char comm[RP_COMM_LEN];
};

/**
 * struct rp_tasks - open-addressing hash table of struct rp_task, keyed by tid
 * @slots:	owned array of @cap entries; tid 0 is stored apart (@idle)
 * @used:	@slots tid values in use (a slot is free when its tid is 0)
 * @cap:	power of two
 * @nr:		entries in use
 * @gen:	incremented when the table moves: entry pointers taken
 *		before are stale
 * @idle:	the idle task (tid 0), always present, a kernel thread
 * @guesses:	tasks whose tgid had to be guessed (tid == tgid fallback)
 * @corrections:	guesses later proved wrong by a real tgid or a statedump
 *		saying the task is a kernel thread (counted by rp_decoder.c)
 */
struct rp_tasks {
	struct rp_task *slots;
	size_t cap;
	size_t nr;
	uint64_t gen;
	struct rp_task idle;
	uint64_t guesses;
	uint64_t corrections;
};

int rp_tasks_init(struct rp_tasks *t);
void rp_tasks_fini(struct rp_tasks *t);

/**
 * rp_tasks_find() - the entry of @tid, NULL when unknown
 */
struct rp_task *rp_tasks_find(struct rp_tasks *t, uint32_t tid);

/**
 * rp_tasks_get() - the entry of @tid, created (tgid 0, no flags) when unknown
 *
 * Return: the entry, NULL when out of memory.  Pointers stay valid while
 * @gen does not change (it changes when the table grows).
 */
struct rp_task *rp_tasks_get(struct rp_tasks *t, uint32_t tid);

/**
 * rp_tasks_learn() - record that @tid belongs to thread group @tgid
 * @t:		the table
 * @tid:	thread
 * @tgid:	its real thread-group id (from a statedump, fork or perf_pid)
 *
 * A former guess that disagrees is counted in @corrections.
 * Return: the entry, NULL when out of memory.
 */
struct rp_task *rp_tasks_learn(struct rp_tasks *t, uint32_t tid, uint32_t tgid);

/**
 * rp_tasks_resolve() - the entry of @tid with a tgid, guessing when needed
 *
 * When the tgid of @tid was never learnt, tid == tgid is assumed (the task
 * is taken for a process leader), the entry is flagged RP_TASK_GUESSED and
 * @guesses is incremented once for that task.
 * Return: the entry, NULL when out of memory.
 */
struct rp_task *rp_tasks_resolve(struct rp_tasks *t, uint32_t tid);

/**
 * rp_task_mm() - the model's mm for @task: its tgid, 0 for kernel threads
 */
static inline uint32_t rp_task_mm(const struct rp_task *task)
{
	return (task->flags & RP_TASK_KTHREAD) ? 0 : task->tgid;
}

/**
 * rp_task_reset() - forget all but the tid (a dead task's tid is reused)
 */
void rp_task_reset(struct rp_task *task);

/**
 * rp_task_set_comm() - copy at most RP_COMM_LEN - 1 bytes of @comm
 */
void rp_task_set_comm(struct rp_task *task, const char *comm);

#endif /* RP_TASKS_H */
