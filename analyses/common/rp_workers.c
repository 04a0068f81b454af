// SPDX-License-Identifier: MIT
/*
 * rp_workers.c - the decoding workers (rp_workers.h): sharing the stream
 * files out, the views, the processes.  The graph a worker runs is
 * rp_worker_graph.c.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "rp_worker_graph.h"
#include "rp_workers.h"

/* Bytes of a worker's pipe: 8192 records. */
#define RP_WORKER_PIPE	(1 << 20)

/* One stream file: its trace, name, size, rank in its folder's sorted list. */
struct rp_wfile_info {
	unsigned int trace;
	char name[256];
	off_t size;
	unsigned int rank;
	unsigned int worker;
};

static int rp_cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct rp_wfile_info *)a)->name,
		      ((const struct rp_wfile_info *)b)->name);
}

static int rp_cmp_size(const void *a, const void *b)
{
	const struct rp_wfile_info *x = a, *y = b;

	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	if (x->trace != y->trace)
		return x->trace < y->trace ? -1 : 1;
	return (int)x->rank - (int)y->rank;
}

/*
 * The stream files of folder @dir, as source.ctf.fs takes them: regular
 * (links followed), not empty, neither hidden nor the metadata; sorted by
 * name, which is the order of the streams' automatic ids.  Appends to
 * *@v (*@nr entries); -1 with @err set on failure.
 */
static int rp_list_streams(const char *dir, unsigned int trace,
			   struct rp_wfile_info **v, size_t *nr,
			   char *err, size_t len)
{
	size_t first = *nr, i;
	struct dirent *de;
	char path[PATH_MAX];
	struct stat st;
	DIR *d = opendir(dir);

	if (!d) {
		snprintf(err, len, "cannot open %s: %s", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		struct rp_wfile_info *n;

		if (de->d_name[0] == '.' || !strcmp(de->d_name, "metadata") ||
		    strlen(de->d_name) >= sizeof((*v)->name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (stat(path, &st) || !S_ISREG(st.st_mode) || !st.st_size)
			continue;
		n = realloc(*v, (*nr + 1) * sizeof(**v));
		if (!n) {
			closedir(d);
			snprintf(err, len, "out of memory");
			return -1;
		}
		*v = n;
		memset(&n[*nr], 0, sizeof(n[0]));
		n[*nr].trace = trace;
		snprintf(n[*nr].name, sizeof(n[0].name), "%s", de->d_name);
		n[*nr].size = st.st_size;
		(*nr)++;
	}
	closedir(d);
	qsort(*v + first, *nr - first, sizeof(**v), rp_cmp_name);
	for (i = first; i < *nr; i++)
		(*v)[i].rank = (unsigned int)(i - first);
	return 0;
}

/*
 * True when the streams of @dir have their ids from the packets
 * (stream_instance_id in the packet header): without it, source.ctf.fs
 * numbers them in name order, which a view must not change.
 */
static bool rp_has_instance_ids(const char *dir)
{
	static const char key[] = "stream_instance_id";
	char path[PATH_MAX], buf[65536 + sizeof(key)];
	size_t keep = 0, n;
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "%s/metadata", dir);
	f = fopen(path, "rb");
	if (!f)
		return false;
	while (!found && (n = fread(buf + keep, 1, sizeof(buf) - keep, f)) > 0) {
		n += keep;
		found = memmem(buf, n, key, sizeof(key) - 1) != NULL;
		keep = n < sizeof(key) ? n : sizeof(key) - 1;
		memmove(buf, buf + n - keep, keep);
	}
	fclose(f);
	return found;
}

static int rp_rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Link @dst to the absolute path of @dir/@name; 0 or -1. */
static int rp_link(const char *dir, const char *name, const char *dst)
{
	char path[PATH_MAX], abs[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!realpath(path, abs))
		return -1;
	return symlink(abs, dst);
}

/* The view of trace @t for worker @job: metadata, its files, their indexes. */
static int rp_make_view(struct rp_workers *w, struct rp_worker_job *job, unsigned int t,
			const struct rp_wfile_info *files, size_t nr)
{
	char *view = job->traces[t].view, dst[PATH_MAX + 300], idx[PATH_MAX];
	struct stat st;
	size_t i;

	snprintf(view, PATH_MAX, "%.*s/w%u/t%u", PATH_MAX - 32, w->views, job->index, t);
	snprintf(dst, sizeof(dst), "%s/w%u", w->views, job->index);
	if ((mkdir(dst, 0700) && errno != EEXIST) || mkdir(view, 0700))
		return -1;
	snprintf(dst, sizeof(dst), "%s/metadata", view);
	if (rp_link(w->traces[t], "metadata", dst))
		return -1;
	snprintf(idx, sizeof(idx), "%s/index", w->traces[t]);
	if (!stat(idx, &st) && S_ISDIR(st.st_mode)) {
		snprintf(dst, sizeof(dst), "%s/index", view);
		if (mkdir(dst, 0700))
			return -1;
	}
	for (i = 0; i < nr; i++) {
		if (files[i].trace != t || files[i].worker != job->index)
			continue;
		snprintf(dst, sizeof(dst), "%s/%s", view, files[i].name);
		if (rp_link(w->traces[t], files[i].name, dst))
			return -1;
		snprintf(dst, sizeof(dst), "%s/%s.idx", idx, files[i].name);
		if (!stat(dst, &st)) {
			char name[300];

			snprintf(name, sizeof(name), "index/%s.idx", files[i].name);
			snprintf(dst, sizeof(dst), "%s/index/%s.idx", view, files[i].name);
			if (rp_link(w->traces[t], name, dst))
				return -1;
		}
	}
	job->traces[t].used = true;
	return 0;
}

/* Fill @job with the files of worker @i, and make its views; 0 or -1. */
static int rp_prepare_job(struct rp_workers *w, struct rp_worker_job *job, unsigned int i,
			  const struct rp_wfile_info *files, size_t nr, const bool *instance_ids)
{
	unsigned int t;
	size_t k;

	memset(job, 0, sizeof(*job));
	job->index = i;
	job->nr_traces = w->nr_traces;
	for (t = 0; t < w->nr_traces; t++)
		job->traces[t].auto_ids = !instance_ids[t];
	for (k = 0; k < nr; k++) {
		struct rp_worker_file *f;

		if (files[k].worker != i)
			continue;
		if (!job->traces[files[k].trace].used &&
		    rp_make_view(w, job, files[k].trace, files, nr))
			return -1;
		f = realloc(job->files, (job->nr_files + 1) * sizeof(*f));
		if (!f)
			return -1;
		job->files = f;
		f = &job->files[job->nr_files++];
		f->trace = files[k].trace;
		f->rank = files[k].rank;
		snprintf(f->name, sizeof(f->name), "%s", files[k].name);
	}
	return 0;
}

/* In the child: the worker's life. */
static void __attribute__((noreturn)) rp_worker_main(struct rp_workers *w,
						      struct rp_worker_job *job, int fd)
{
	unsigned int i;

	/* The host's SIGINT handler interrupts the host's graph, not this one. */
	signal(SIGINT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		_exit(1);
	for (i = 0; i < w->nr; i++)
		if (w->fd[i] >= 0)
			close(w->fd[i]);
	_exit(rp_worker_graph_run(job, fd) ? 1 : 0);
}

int rp_workers_start(struct rp_workers *w, const char *const *traces,
		     unsigned int nr_traces, unsigned int jobs, const char *tmp,
		     char *err, size_t len)
{
	bool instance_ids[RP_MAX_TRACES];
	struct rp_wfile_info *files = NULL;
	off_t load[RP_MAX_JOBS] = { 0 };
	struct rp_worker_job job;
	size_t nr = 0, k;
	unsigned int i, t;

	memset(w, 0, sizeof(*w));
	for (i = 0; i < RP_MAX_JOBS; i++)
		w->fd[i] = -1;
	if (!nr_traces || nr_traces > RP_MAX_TRACES || !jobs || jobs > RP_MAX_JOBS) {
		snprintf(err, len, "jobs: 1 to %d workers over 1 to %d trace folders",
			 RP_MAX_JOBS, RP_MAX_TRACES);
		return -1;
	}
	w->nr_traces = nr_traces;
	for (t = 0; t < nr_traces; t++) {
		snprintf(w->traces[t], sizeof(w->traces[t]), "%s", traces[t]);
		instance_ids[t] = rp_has_instance_ids(traces[t]);
		if (rp_list_streams(traces[t], t, &files, &nr, err, len))
			goto error;
	}
	if (!nr) {
		snprintf(err, len, "no stream file in %s", traces[0]);
		goto error;
	}
	w->files = calloc(nr, sizeof(*w->files));
	if (!w->files) {
		snprintf(err, len, "out of memory");
		goto error;
	}
	for (k = 0; k < nr; k++) {
		if (asprintf(&w->files[k], "%s/%s", traces[files[k].trace], files[k].name) < 0) {
			w->files[k] = NULL;
			snprintf(err, len, "out of memory");
			goto error;
		}
		w->nr_files++;
	}
	/* Largest first, each to the least loaded worker. */
	qsort(files, nr, sizeof(*files), rp_cmp_size);
	w->nr = jobs < nr ? jobs : (unsigned int)nr;
	for (k = 0; k < nr; k++) {
		unsigned int best = 0;

		for (i = 1; i < w->nr; i++)
			if (load[i] < load[best])
				best = i;
		files[k].worker = best;
		load[best] += files[k].size;
	}
	snprintf(w->views, sizeof(w->views), "%s/rseqprof-jobs.XXXXXX",
		 tmp && *tmp ? tmp : getenv("TMPDIR") && *getenv("TMPDIR") ?
		 getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(w->views)) {
		snprintf(err, len, "cannot make a folder in %s: %s",
			 tmp && *tmp ? tmp : "the temporary folder", strerror(errno));
		w->views[0] = '\0';
		goto error;
	}
	for (i = 0; i < w->nr; i++) {
		int p[2];

		if (rp_prepare_job(w, &job, i, files, nr, instance_ids)) {
			snprintf(err, len, "cannot make the view of worker %u in %s: %s",
				 i, w->views, strerror(errno));
			free(job.files);
			goto error;
		}
		if (pipe2(p, O_CLOEXEC)) {
			snprintf(err, len, "cannot make a pipe: %s", strerror(errno));
			free(job.files);
			goto error;
		}
		/* Room for a worker to run ahead of the merger (best effort). */
		fcntl(p[1], F_SETPIPE_SZ, RP_WORKER_PIPE);
		w->pid[i] = fork();
		if (w->pid[i] == 0) {
			close(p[0]);
			rp_worker_main(w, &job, p[1]);
		}
		close(p[1]);
		free(job.files);
		if (w->pid[i] < 0) {
			w->pid[i] = 0;
			close(p[0]);
			snprintf(err, len, "cannot start a worker: %s", strerror(errno));
			goto error;
		}
		w->fd[i] = p[0];
	}
	free(files);
	return 0;
error:
	free(files);
	rp_workers_stop(w);
	return -1;
}

int rp_workers_wait(struct rp_workers *w, unsigned int i, char *buf, size_t len)
{
	int status;

	if (!w->pid[i])
		return 0;
	while (waitpid(w->pid[i], &status, 0) < 0)
		if (errno != EINTR) {
			w->pid[i] = 0;
			snprintf(buf, len, "worker %u: %s", i, strerror(errno));
			return -1;
		}
	w->pid[i] = 0;
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return 0;
	if (WIFSIGNALED(status))
		snprintf(buf, len, "decoding worker %u was killed by signal %d (%s)",
			 i, WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		snprintf(buf, len, "decoding worker %u exited with status %d",
			 i, WEXITSTATUS(status));
	return -1;
}

void rp_workers_stop(struct rp_workers *w)
{
	char buf[128];
	unsigned int i;

	for (i = 0; i < RP_MAX_JOBS; i++) {
		if (w->fd[i] >= 0)
			close(w->fd[i]);
		w->fd[i] = -1;
		if (w->pid[i] > 0)
			kill(w->pid[i], SIGKILL);
	}
	for (i = 0; i < RP_MAX_JOBS; i++)
		if (w->pid[i] > 0)
			rp_workers_wait(w, i, buf, sizeof(buf));
	if (w->views[0])
		nftw(w->views, rp_rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	w->views[0] = '\0';
	for (i = 0; i < w->nr_files; i++)
		free(w->files[i]);
	free(w->files);
	w->files = NULL;
	w->nr_files = 0;
}

void rp_workers_unview(const struct rp_workers *w, char *s, size_t len)
{
	char prefix[PATH_MAX + 32], out[2048];
	unsigned int i, t;
	char *p;

	if (!w->views[0])
		return;
	for (i = 0; i < w->nr; i++) {
		for (t = 0; t < w->nr_traces; t++) {
			snprintf(prefix, sizeof(prefix), "%s/w%u/t%u", w->views, i, t);
			while ((p = strstr(s, prefix))) {
				snprintf(out, sizeof(out), "%.*s%s%s", (int)(p - s), s,
					 w->traces[t], p + strlen(prefix));
				snprintf(s, len, "%s", out);
			}
		}
	}
}
