// SPDX-License-Identifier: MIT
/*
 * cid-scenario - turn a small text scenario into real rseqprof_ust events,
 * for hand-built cid sink tests (record it with an LTTng session).
 *
 * Embeds the rseqprof_ust provider (probes/ust/tp.c).  One event per line,
 * fields separated by blanks, '#' starts a comment:
 *
 *   read PID TID CPU_ID NODE_ID MM_CID CALLER
 *        CALLER: thread_begin | thread_end | sched_getcpu | sample | api
 *   topology CPU NODE NR_CPUS NR_NODES
 *
 * Exit status 1 with a line number on a malformed line.
 *
 * usage: cid-scenario FILE
 */
#include <stdio.h>
#include <string.h>

#include "rseqprof_ust.h"

static const char *const callers[] = {
	[RSEQPROF_CALLER_THREAD_BEGIN] = "thread_begin",
	[RSEQPROF_CALLER_THREAD_END] = "thread_end",
	[RSEQPROF_CALLER_SCHED_GETCPU] = "sched_getcpu",
	[RSEQPROF_CALLER_SAMPLE] = "sample",
	[RSEQPROF_CALLER_API] = "api",
};

static int emit(const char *line)
{
	struct rseqprof_rseq_sample s;
	unsigned int pid, tid, cpu, nr_cpus, nr_nodes, i;
	char caller[32];
	int node;

	if (sscanf(line, " read %u %u %d %d %d %31s", &pid, &tid, &s.cpu_id,
		   &s.node_id, &s.mm_cid, caller) == 6) {
		for (i = 0; i < sizeof(callers) / sizeof(callers[0]); i++)
			if (!strcmp(caller, callers[i]))
				break;
		if (i == sizeof(callers) / sizeof(callers[0]))
			return -1;
		s.cpu_id_start = s.cpu_id < 0 ? 0 : (uint32_t)s.cpu_id;
		lttng_ust_tracepoint(rseqprof_ust, rseq_read, pid, tid, &s,
				     (enum rseqprof_caller)i);
		return 0;
	}
	if (sscanf(line, " topology %u %d %u %u", &cpu, &node, &nr_cpus, &nr_nodes) == 4) {
		lttng_ust_tracepoint(rseqprof_ust, cpu_topology, cpu, node,
				     nr_cpus, nr_nodes);
		return 0;
	}
	return -1;
}

int main(int argc, char **argv)
{
	char line[256], *hash;
	unsigned int nr = 0;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: cid-scenario FILE\n");
		return 2;
	}
	f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		nr++;
		hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		if (strspn(line, " \t\n") == strlen(line))
			continue;
		if (emit(line)) {
			fprintf(stderr, "cid-scenario: %s:%u: malformed line\n", argv[1], nr);
			fclose(f);
			return 1;
		}
	}
	fclose(f);
	return 0;
}
