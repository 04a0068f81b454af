// SPDX-License-Identifier: MIT
/*
 * rp_tasks.c - the task table: open addressing, linear probing, keyed by tid.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "rp_hash.h"
#include "rp_tasks.h"

#define RP_TASKS_INIT_CAP	1024

int rp_tasks_init(struct rp_tasks *t)
{
	memset(t, 0, sizeof(*t));
	t->slots = calloc(RP_TASKS_INIT_CAP, sizeof(*t->slots));
	if (!t->slots)
		return -ENOMEM;
	t->cap = RP_TASKS_INIT_CAP;
	t->idle.flags = RP_TASK_KTHREAD;
	strcpy(t->idle.comm, "swapper");
	return 0;
}

void rp_tasks_fini(struct rp_tasks *t)
{
	free(t->slots);
	t->slots = NULL;
}

struct rp_task *rp_tasks_find(struct rp_tasks *t, uint32_t tid)
{
	size_t i;

	if (!tid)
		return &t->idle;
	for (i = rp_id_hash(tid, t->cap);; i = (i + 1) & (t->cap - 1)) {
		if (t->slots[i].tid == tid)
			return &t->slots[i];
		if (!t->slots[i].tid)
			return NULL;
	}
}

static int rp_tasks_grow(struct rp_tasks *t)
{
	struct rp_task *old = t->slots;
	size_t oldcap = t->cap, i, j;

	t->slots = calloc(oldcap * 2, sizeof(*t->slots));
	if (!t->slots) {
		t->slots = old;
		return -ENOMEM;
	}
	t->cap = oldcap * 2;
	t->gen++;
	for (i = 0; i < oldcap; i++) {
		if (!old[i].tid)
			continue;
		for (j = rp_id_hash(old[i].tid, t->cap); t->slots[j].tid;
		     j = (j + 1) & (t->cap - 1))
			;
		t->slots[j] = old[i];
	}
	free(old);
	return 0;
}

struct rp_task *rp_tasks_get(struct rp_tasks *t, uint32_t tid)
{
	struct rp_task *task = rp_tasks_find(t, tid);
	size_t i;

	if (task)
		return task;
	if ((t->nr + 1) * 2 > t->cap && rp_tasks_grow(t))
		return NULL;
	for (i = rp_id_hash(tid, t->cap); t->slots[i].tid;
	     i = (i + 1) & (t->cap - 1))
		;
	task = &t->slots[i];
	task->tid = tid;
	rp_task_reset(task);
	t->nr++;
	return task;
}

struct rp_task *rp_tasks_learn(struct rp_tasks *t, uint32_t tid, uint32_t tgid)
{
	struct rp_task *task = rp_tasks_get(t, tid);

	if (!task || !tid)
		return task;
	if (task->flags & RP_TASK_GUESSED) {
		if (task->tgid != tgid)
			t->corrections++;
		task->flags &= ~RP_TASK_GUESSED;
	}
	task->tgid = tgid;
	return task;
}

struct rp_task *rp_tasks_resolve(struct rp_tasks *t, uint32_t tid)
{
	struct rp_task *task = rp_tasks_get(t, tid);

	if (task && !task->tgid && tid) {
		task->tgid = tid;
		task->flags |= RP_TASK_GUESSED;
		t->guesses++;
	}
	return task;
}

void rp_task_reset(struct rp_task *task)
{
	uint32_t tid = task->tid;

	memset(task, 0, sizeof(*task));
	task->tid = tid;
	if (tid == RP_TID_KTHREADD) {
		task->tgid = tid;
		task->flags = RP_TASK_KTHREAD;
	}
}

void rp_task_set_comm(struct rp_task *task, const char *comm)
{
	size_t n = strnlen(comm, RP_COMM_LEN - 1);

	memcpy(task->comm, comm, n);
	task->comm[n] = '\0';
}
