/* SPDX-License-Identifier: MIT */
/*
 * rp_worker_graph.h - what one decoding worker runs (rp_workers.h): a
 * babeltrace2 graph over its views, whose sink writes a struct rp_rec of
 * every message to a pipe, then RP_REC_END, or RP_REC_ERROR records.
 */
#ifndef RP_WORKER_GRAPH_H
#define RP_WORKER_GRAPH_H

#include <limits.h>
#include <stdbool.h>

#include "rp_workers.h"

/* A stream file of the worker: its trace, name, rank in its folder. */
struct rp_worker_file {
	unsigned int trace;
	unsigned int rank;
	char name[256];
};

/**
 * struct rp_worker_job - one worker's share
 * @index:	the worker's number
 * @traces:	per trace folder: its view, whether its streams are numbered
 *		in name order (no stream_instance_id), whether it has files here
 * @nr_traces:	entries of @traces
 * @files:	owned: the worker's stream files
 * @nr_files:	entries of @files
 */
struct rp_worker_job {
	unsigned int index;
	struct {
		char view[PATH_MAX];
		bool auto_ids;
		bool used;
	} traces[RP_MAX_TRACES];
	unsigned int nr_traces;
	struct rp_worker_file *files;
	unsigned int nr_files;
};

/**
 * rp_worker_graph_run() - run @job's graph, in the worker process
 * @job:	the worker's share
 * @fd:		the pipe its records go to
 *
 * Return: 0 after RP_REC_END, or -1 after the RP_REC_ERROR records of the
 * error's causes (innermost first).
 */
int rp_worker_graph_run(const struct rp_worker_job *job, int fd);

#endif /* RP_WORKER_GRAPH_H */
