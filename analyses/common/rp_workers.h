/* SPDX-License-Identifier: MIT */
/*
 * rp_workers.h - decoding a trace's streams in parallel (report --jobs N).
 *
 * The stream files of the trace folders are shared out among N worker
 * processes (largest first, each to the least loaded worker).  Each worker
 * is a fork of the host running its own babeltrace2 graph: one
 * source.ctf.fs per trace folder, over a view of the folder (a temporary
 * folder of symbolic links: the metadata, the worker's stream files and
 * their index/ files), filter.utils.muxer, and a sink that makes a
 * struct rp_rec of every message (rp_record.h) and writes them, in its
 * muxer's order, to a pipe.  rp_merge.h replays them in the global order.
 *
 * A worker's error causes come back as RP_REC_ERROR records, the paths of
 * its views replaced with the trace's own.  Workers end with the host:
 * killed at rp_workers_stop(), on SIGINT (its default action), when the
 * host dies (PR_SET_PDEATHSIG) or its pipe closes (SIGPIPE).
 */
#ifndef RP_WORKERS_H
#define RP_WORKERS_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

#define RP_MAX_JOBS	64
#define RP_MAX_TRACES	16

/**
 * struct rp_workers - the running workers
 * @nr:		workers started (at most the number of stream files)
 * @pid:	their process ids (0: reaped)
 * @fd:		read end of each one's pipe (-1: closed)
 * @views:	the folder of every view (removed at rp_workers_stop())
 * @traces:	the trace folders, as given
 * @nr_traces:	entries of @traces
 * @files:	owned: the paths of every stream file (in @traces)
 * @nr_files:	entries of @files
 */
struct rp_workers {
	unsigned int nr;
	pid_t pid[RP_MAX_JOBS];
	int fd[RP_MAX_JOBS];
	char views[PATH_MAX];
	char traces[RP_MAX_TRACES][PATH_MAX];
	unsigned int nr_traces;
	char **files;
	size_t nr_files;
};

/**
 * rp_workers_start() - share the streams out and start the workers
 * @w:		the workers (initialized here)
 * @traces:	trace folders (each holding a metadata file)
 * @nr_traces:	entries of @traces, 1 to RP_MAX_TRACES
 * @jobs:	workers wanted, 1 to RP_MAX_JOBS
 * @tmp:	folder for the views (NULL: $TMPDIR or /tmp)
 * @err:	receives the reason of a failure
 * @len:	size of @err
 *
 * Return: 0, or -1 with nothing left running nor on disk.
 */
int rp_workers_start(struct rp_workers *w, const char *const *traces,
		     unsigned int nr_traces, unsigned int jobs, const char *tmp,
		     char *err, size_t len);

/**
 * rp_workers_wait() - reap worker @i
 * @w:		the workers
 * @i:		which one
 * @buf:	receives how it ended, when not well
 * @len:	size of @buf
 *
 * Return: 0 when it exited with status 0 (or was reaped before), else -1.
 */
int rp_workers_wait(struct rp_workers *w, unsigned int i, char *buf, size_t len);

/**
 * rp_workers_stop() - kill the workers still running, reap them, remove the views
 * @w:		the workers (started or not: a zeroed set with fds at -1 is fine)
 */
void rp_workers_stop(struct rp_workers *w);

/**
 * rp_workers_unview() - the paths of the views, in @s, back to the traces'
 * @w:		the workers
 * @s:		a message (a worker's error cause)
 * @len:	size of @s
 */
void rp_workers_unview(const struct rp_workers *w, char *s, size_t len);

#endif /* RP_WORKERS_H */
