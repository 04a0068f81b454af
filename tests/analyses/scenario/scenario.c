// SPDX-License-Identifier: MIT
/*
 * scenario.c - rseqprof-scenario: turn a small text scenario into real
 * LTTng-UST events of the rseqprof_scenario provider.
 *
 * usage: rseqprof-scenario FILE        ("-": standard input)
 *
 * One event per line, "directive key=value ...", '#' starts a comment.
 * A task is written TID or TID/TGID.  Every TID/TGID pair not created by a
 * fork line gets a process statedump before the first event (name "p<TGID>"
 * unless a statedump line names it), as LTTng's statedump at session start;
 * a bare TID gets none, so the analysis must guess its thread group.
 *
 *   switch    cpu=C prev=T[/P] next=T[/P] [prev_state=S]
 *   migrate   tid=T[/P] from=C to=C [cpu=C (default: from)]
 *   fork      cpu=C parent=T[/P] child=T/P   (P == parent's tgid: a thread)
 *   exec      cpu=C tid=T[/P] [file=PATH]
 *   exit      cpu=C tid=T[/P]
 *   free      cpu=C tid=T[/P]
 *   rseq      cpu=C tid=T[/P] [cpu_id=N (default C)] [node_id=N] [mm_cid=N]
 *   statedump tid=T pid=P [ppid=P] [name=N] [kernel=1]
 *   sleep     ms=N       (real time passes: for time-based model paths)
 *
 * The program pins itself to one CPU so that the events keep their order in
 * one stream.  Errors name the line; the exit status is 2 for a bad scenario.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "rseqprof_scenario_tp.h"

#define SC_MAX_ARGS	8
#define SC_MAX_TASKS	4096
#define SC_NAME_LEN	16

struct sc_task {
	int tid;
	int tgid;		/* 0: unknown */
	int forked;		/* created by a fork line */
	int dumped;		/* has an explicit statedump line */
	char name[SC_NAME_LEN];
};

static struct sc_task sc_tasks[SC_MAX_TASKS];
static int sc_nr_tasks;
static const char *sc_file;
static int sc_line;

static void __attribute__((noreturn, format(printf, 1, 2))) sc_die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "rseqprof-scenario: %s:%d: ", sc_file, sc_line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static struct sc_task *sc_task(int tid)
{
	int i;

	for (i = 0; i < sc_nr_tasks; i++)
		if (sc_tasks[i].tid == tid)
			return &sc_tasks[i];
	if (sc_nr_tasks == SC_MAX_TASKS)
		sc_die("more than %d tasks", SC_MAX_TASKS);
	sc_tasks[sc_nr_tasks].tid = tid;
	return &sc_tasks[sc_nr_tasks++];
}

struct sc_args {
	int n;
	char *key[SC_MAX_ARGS];
	char *val[SC_MAX_ARGS];
	int used[SC_MAX_ARGS];
};

static const char *sc_get(struct sc_args *a, const char *key, int required)
{
	int i;

	for (i = 0; i < a->n; i++) {
		if (!strcmp(a->key[i], key)) {
			a->used[i] = 1;
			return a->val[i];
		}
	}
	if (required)
		sc_die("missing %s=", key);
	return NULL;
}

static long sc_num(const char *s, const char *key)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end)
		sc_die("%s=%s is not a number", key, s);
	return v;
}

static long sc_int(struct sc_args *a, const char *key, int required, long def)
{
	const char *s = sc_get(a, key, required);

	return s ? sc_num(s, key) : def;
}

/* "T" or "T/P": the task, with its tgid learnt when given. */
static struct sc_task *sc_task_arg(struct sc_args *a, const char *key)
{
	const char *s = sc_get(a, key, 1);
	const char *slash = strchr(s, '/');
	struct sc_task *t;
	char buf[32];
	int tgid;

	if (!slash) {
		t = sc_task((int)sc_num(s, key));
		return t;
	}
	if ((size_t)(slash - s) >= sizeof(buf))
		sc_die("bad task %s=%s", key, s);
	memcpy(buf, s, (size_t)(slash - s));
	buf[slash - s] = '\0';
	t = sc_task((int)sc_num(buf, key));
	tgid = (int)sc_num(slash + 1, key);
	if (t->tgid && t->tgid != tgid && !t->forked)
		sc_die("task %d given tgid %d and %d", t->tid, t->tgid, tgid);
	t->tgid = tgid;
	return t;
}

static void sc_check_used(struct sc_args *a)
{
	int i;

	for (i = 0; i < a->n; i++)
		if (!a->used[i])
			sc_die("unknown argument '%s'", a->key[i]);
}

static const char *sc_name(const struct sc_task *t)
{
	return t->name;
}

static void sc_default_name(struct sc_task *t)
{
	if (!t->tid)
		snprintf(t->name, sizeof(t->name), "swapper");
	else if (!t->name[0])
		snprintf(t->name, sizeof(t->name), "p%d", t->tgid ? t->tgid : t->tid);
}

/* Directives: @pass 0 only learns tasks, pass 1 emits. */
static void sc_switch(struct sc_args *a, int emit)
{
	uint32_t cpu = (uint32_t)sc_int(a, "cpu", 1, 0);
	struct sc_task *prev = sc_task_arg(a, "prev");
	struct sc_task *next = sc_task_arg(a, "next");
	int64_t state = sc_int(a, "prev_state", 0, 0);

	if (emit)
		lttng_ust_tracepoint(rseqprof_scenario, sched_switch, cpu,
				     sc_name(prev), prev->tid, 120, state,
				     sc_name(next), next->tid, 120);
}

static void sc_migrate(struct sc_args *a, int emit)
{
	struct sc_task *t = sc_task_arg(a, "tid");
	int from = (int)sc_int(a, "from", 1, 0);
	int to = (int)sc_int(a, "to", 1, 0);
	uint32_t cpu = (uint32_t)sc_int(a, "cpu", 0, from);

	if (emit)
		lttng_ust_tracepoint(rseqprof_scenario, sched_migrate_task, cpu,
				     sc_name(t), t->tid, 120, from, to);
}

static void sc_fork(struct sc_args *a, int emit)
{
	uint32_t cpu = (uint32_t)sc_int(a, "cpu", 1, 0);
	struct sc_task *parent = sc_task_arg(a, "parent");
	struct sc_task *child;

	if (!emit) {
		const char *s = sc_get(a, "child", 1);

		if (!strchr(s, '/'))
			sc_die("fork needs child=TID/TGID");
		child = sc_task_arg(a, "child");
		child->forked = 1;
		return;
	}
	child = sc_task_arg(a, "child");
	if (!child->name[0])
		memcpy(child->name, parent->name, sizeof(child->name));
	lttng_ust_tracepoint(rseqprof_scenario, sched_process_fork, cpu,
			     sc_name(parent), parent->tid,
			     parent->tgid ? parent->tgid : parent->tid,
			     sc_name(child), child->tid, child->tgid);
}

static void sc_exec(struct sc_args *a, int emit)
{
	uint32_t cpu = (uint32_t)sc_int(a, "cpu", 1, 0);
	struct sc_task *t = sc_task_arg(a, "tid");
	const char *file = sc_get(a, "file", 0);

	if (!emit)
		return;
	if (file) {
		const char *base = strrchr(file, '/');

		snprintf(t->name, sizeof(t->name), "%s", base ? base + 1 : file);
	}
	lttng_ust_tracepoint(rseqprof_scenario, sched_process_exec, cpu,
			     file ? file : "", t->tid, t->tid);
}

static void sc_exit_free(struct sc_args *a, int emit, int is_free)
{
	uint32_t cpu = (uint32_t)sc_int(a, "cpu", 1, 0);
	struct sc_task *t = sc_task_arg(a, "tid");

	if (!emit)
		return;
	if (is_free)
		lttng_ust_tracepoint(rseqprof_scenario, sched_process_free, cpu,
				     sc_name(t), t->tid, 120);
	else
		lttng_ust_tracepoint(rseqprof_scenario, sched_process_exit, cpu,
				     sc_name(t), t->tid, 120);
}

static void sc_exit(struct sc_args *a, int emit)
{
	sc_exit_free(a, emit, 0);
}

static void sc_free(struct sc_args *a, int emit)
{
	sc_exit_free(a, emit, 1);
}

static void sc_rseq(struct sc_args *a, int emit)
{
	uint32_t cpu = (uint32_t)sc_int(a, "cpu", 1, 0);
	struct sc_task *t = sc_task_arg(a, "tid");
	int cpu_id = (int)sc_int(a, "cpu_id", 0, (long)cpu);
	int node_id = (int)sc_int(a, "node_id", 0, 0);
	int mm_cid = (int)sc_int(a, "mm_cid", 0, -1);

	if (emit)
		lttng_ust_tracepoint(rseqprof_scenario, rseq_update, cpu, t->tid,
				     cpu_id, node_id, mm_cid);
}

static void sc_statedump(struct sc_args *a, int emit)
{
	struct sc_task *t = sc_task((int)sc_int(a, "tid", 1, 0));
	int pid = (int)sc_int(a, "pid", 1, 0);
	int ppid = (int)sc_int(a, "ppid", 0, 1);
	int kernel = (int)sc_int(a, "kernel", 0, 0);
	const char *name = sc_get(a, "name", 0);

	t->tgid = pid;
	t->dumped = 1;
	if (name)
		snprintf(t->name, sizeof(t->name), "%s", name);
	if (emit) {
		sc_default_name(t);
		lttng_ust_tracepoint(rseqprof_scenario, lttng_statedump_process_state,
				     t->tid, pid, ppid, t->name, kernel ? 1 : 0);
	}
}

static void sc_sleep(struct sc_args *a, int emit)
{
	long ms = sc_int(a, "ms", 1, 0);
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };

	if (emit)
		while (nanosleep(&ts, &ts) && errno == EINTR)
			;
}

static const struct {
	const char *name;
	void (*fn)(struct sc_args *a, int emit);
} sc_directives[] = {
	{ "switch", sc_switch },
	{ "migrate", sc_migrate },
	{ "fork", sc_fork },
	{ "exec", sc_exec },
	{ "exit", sc_exit },
	{ "free", sc_free },
	{ "rseq", sc_rseq },
	{ "statedump", sc_statedump },
	{ "sleep", sc_sleep },
};

static void sc_run_line(char *line, int emit)
{
	struct sc_args a = { 0 };
	char *hash = strchr(line, '#'), *tok, *save = NULL, *dir;
	size_t i;

	if (hash)
		*hash = '\0';
	dir = strtok_r(line, " \t\r\n", &save);
	if (!dir)
		return;
	while ((tok = strtok_r(NULL, " \t\r\n", &save))) {
		char *eq = strchr(tok, '=');

		if (!eq || eq == tok)
			sc_die("'%s' is not key=value", tok);
		if (a.n == SC_MAX_ARGS)
			sc_die("too many arguments");
		*eq = '\0';
		a.key[a.n] = tok;
		a.val[a.n++] = eq + 1;
	}
	for (i = 0; i < sizeof(sc_directives) / sizeof(sc_directives[0]); i++) {
		if (!strcmp(sc_directives[i].name, dir)) {
			sc_directives[i].fn(&a, emit);
			sc_check_used(&a);
			return;
		}
	}
	sc_die("unknown directive '%s'", dir);
}

static void sc_pass(FILE *f, int emit)
{
	char line[1024];

	sc_line = 0;
	rewind(f);
	while (fgets(line, sizeof(line), f)) {
		sc_line++;
		sc_run_line(line, emit);
	}
}

int main(int argc, char **argv)
{
	cpu_set_t set;
	FILE *f;
	int i;

	if (argc != 2) {
		fprintf(stderr, "usage: rseqprof-scenario FILE\n");
		return 2;
	}
	sc_file = argv[1];
	f = fopen(sc_file, "r");
	if (!f) {
		fprintf(stderr, "rseqprof-scenario: cannot open %s: %s\n", sc_file,
			strerror(errno));
		return 2;
	}
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);

	/* Pass 0 checks the whole file and learns the tasks first. */
	sc_pass(f, 0);
	sc_line = 0;
	for (i = 0; i < sc_nr_tasks; i++) {
		struct sc_task *t = &sc_tasks[i];

		if (t->forked)
			continue;
		sc_default_name(t);
		if (t->tgid && !t->dumped)
			lttng_ust_tracepoint(rseqprof_scenario, lttng_statedump_process_state,
					     t->tid, t->tgid, 1, t->name, 0);
	}
	sc_pass(f, 1);
	fclose(f);
	return 0;
}
