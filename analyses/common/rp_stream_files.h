/* SPDX-License-Identifier: MIT */
/*
 * rp_stream_files.h - how many bytes of a trace's stream files the CTF
 * source has read, for the progress line (rp_progress.h).
 *
 * babeltrace2's API says nothing of bytes: the packet context fields that
 * hold sizes (packet_size, content_size) are not in its trace IR (a sink
 * sees cpu_id only).  What it does give: each stream's name, which
 * source.ctf.fs sets to the path of its data stream file.  The total is the
 * sum of those files' sizes.  The bytes read are where the source reads
 * each file: source.ctf.fs (2.0 and 2.1) reads a stream file through a
 * window it maps in turn along the file (2048 pages, 8 MiB), and this
 * process's /proc/self/maps shows each window's offset in its file: the
 * bytes before it are read.  A file whose stream ended is read whole.
 *
 * So the measure is real bytes, a lower bound at most one window (8 MiB)
 * per open stream below the truth; a trace of files under 8 MiB each reads
 * 0 % until its streams end (it is read in a second or so).  Streams whose
 * name is not a file (lttng-live) count for nothing: no total, no
 * percentage.
 */
#ifndef RP_STREAM_FILES_H
#define RP_STREAM_FILES_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/**
 * struct rp_stream_files - the stream files of a trace and how far each is read
 * @v:		owned: the files, @nr of @cap
 * @total:	sum of their sizes
 * @pids:	borrowed: the processes whose mappings show the reads (the
 *		decoding workers of report --jobs; entries 0 are skipped),
 *		NULL: this process
 * @nr_pids:	entries of @pids
 */
struct rp_stream_files {
	struct rp_stream_file {
		dev_t dev;
		ino_t ino;
		uint64_t size;
		uint64_t read;
		bool done;
	} *v;
	size_t nr, cap;
	uint64_t total;
	const pid_t *pids;
	unsigned int nr_pids;
};

/**
 * rp_stream_files_begin() - a stream began: count the file @path names
 * @sf:		the files
 * @path:	the stream's name (NULL, or not a regular file: ignored)
 *
 * Return: 0, or -1 out of memory.
 */
int rp_stream_files_begin(struct rp_stream_files *sf, const char *path);

/* A stream ended: its file @path (as given to the begin) is read whole. */
void rp_stream_files_end(struct rp_stream_files *sf, const char *path);

/**
 * rp_stream_files_read() - bytes of the files read so far
 * @sf:		the files
 *
 * Looks at /proc/self/maps for the windows the source has mapped.
 * Return: at most @sf->total; it never decreases.
 */
uint64_t rp_stream_files_read(struct rp_stream_files *sf);

/**
 * rp_stream_files_watch() - read the mappings of @pids instead of our own
 * @sf:		the files
 * @pids:	the processes (borrowed: call again with NULL before they go)
 * @nr:		entries of @pids
 */
void rp_stream_files_watch(struct rp_stream_files *sf, const pid_t *pids, unsigned int nr);

/* Forget the files (@sf is empty after, ready for use again). */
void rp_stream_files_fini(struct rp_stream_files *sf);

#endif /* RP_STREAM_FILES_H */
