// SPDX-License-Identifier: MIT
/*
 * rp_stream_files.c - bytes of the stream files read (rp_stream_files.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "rp_stream_files.h"

/* The counted file of device @dev and inode @ino, NULL when none. */
static struct rp_stream_file *rp_stream_files_find(struct rp_stream_files *sf,
						   dev_t dev, ino_t ino)
{
	size_t i;

	for (i = 0; i < sf->nr; i++)
		if (sf->v[i].dev == dev && sf->v[i].ino == ino)
			return &sf->v[i];
	return NULL;
}

int rp_stream_files_begin(struct rp_stream_files *sf, const char *path)
{
	struct rp_stream_file *f;
	struct stat st;

	if (!path || stat(path, &st) || !S_ISREG(st.st_mode) ||
	    rp_stream_files_find(sf, st.st_dev, st.st_ino))
		return 0;
	if (sf->nr == sf->cap) {
		size_t cap = sf->cap ? 2 * sf->cap : 16;

		f = realloc(sf->v, cap * sizeof(*f));
		if (!f)
			return -1;
		sf->v = f;
		sf->cap = cap;
	}
	sf->v[sf->nr++] = (struct rp_stream_file){
		.dev = st.st_dev, .ino = st.st_ino, .size = (uint64_t)st.st_size,
	};
	sf->total += (uint64_t)st.st_size;
	return 0;
}

void rp_stream_files_end(struct rp_stream_files *sf, const char *path)
{
	struct rp_stream_file *f;
	struct stat st;

	if (!path || stat(path, &st))
		return;
	f = rp_stream_files_find(sf, st.st_dev, st.st_ino);
	if (f)
		f->done = true;
}

/* The mapping on /proc/self/maps line @line moves its file's read mark. */
static void rp_stream_files_window(struct rp_stream_files *sf, const char *line)
{
	unsigned long long offset, inode;
	unsigned int major, minor;
	struct rp_stream_file *f;

	if (sscanf(line, "%*x-%*x %*s %llx %x:%x %llu", &offset, &major, &minor,
		   &inode) != 4 || !inode)
		return;
	f = rp_stream_files_find(sf, makedev(major, minor), (ino_t)inode);
	if (f && offset > f->read)
		f->read = offset < f->size ? offset : f->size;
}

/* The windows mapped by the process of /proc/@pid/maps. */
static void rp_stream_files_maps(struct rp_stream_files *sf, const char *pid)
{
	char line[4096];
	FILE *maps;

	snprintf(line, sizeof(line), "/proc/%s/maps", pid);
	maps = fopen(line, "r");
	if (!maps)
		return;
	while (fgets(line, sizeof(line), maps))
		rp_stream_files_window(sf, line);
	fclose(maps);
}

void rp_stream_files_watch(struct rp_stream_files *sf, const pid_t *pids, unsigned int nr)
{
	sf->pids = pids;
	sf->nr_pids = pids ? nr : 0;
}

uint64_t rp_stream_files_read(struct rp_stream_files *sf)
{
	uint64_t read = 0;
	char pid[16];
	unsigned int k;
	size_t i;

	if (!sf->nr)
		return 0;
	if (!sf->pids)
		rp_stream_files_maps(sf, "self");
	for (k = 0; k < sf->nr_pids; k++) {
		if (sf->pids[k] <= 0)
			continue;
		snprintf(pid, sizeof(pid), "%d", (int)sf->pids[k]);
		rp_stream_files_maps(sf, pid);
	}
	for (i = 0; i < sf->nr; i++)
		read += sf->v[i].done ? sf->v[i].size : sf->v[i].read;
	return read;
}

void rp_stream_files_fini(struct rp_stream_files *sf)
{
	free(sf->v);
	sf->v = NULL;
	sf->nr = sf->cap = 0;
	sf->total = 0;
}
