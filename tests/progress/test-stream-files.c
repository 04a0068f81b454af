// SPDX-License-Identifier: MIT
/*
 * test-stream-files.c - the byte measure of the progress line
 * (analyses/common/rp_stream_files.h): the total is the stream files'
 * sizes; the bytes read are the offset of the window mapped in each file,
 * as source.ctf.fs maps them (found in /proc/self/maps), never going back;
 * a file whose stream ended counts whole; names that are not files count
 * for nothing.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "rp_stream_files.h"
#include "tap.h"

#define MIB	(1024 * 1024)

/* A file of @size bytes in @dir; its path in @path. */
static int make_file(const char *dir, const char *name, off_t size, char *path, size_t len)
{
	int fd;

	snprintf(path, len, "%s/%s", dir, name);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || ftruncate(fd, size)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

int main(void)
{
	char dir[] = "/tmp/rp-stream-files-XXXXXX", a[512], b[512];
	struct rp_stream_files sf = { 0 };
	void *win_a, *win_b;
	int fa, fb;

	plan_tests(10);
	if (!mkdtemp(dir))
		plan_skip_all("no temporary folder");
	fa = make_file(dir, "stream_0", 24 * MIB, a, sizeof(a));
	fb = make_file(dir, "stream_1", 12 * MIB, b, sizeof(b));
	if (fa < 0 || fb < 0)
		plan_skip_all("cannot make the stream files");

	ok(!rp_stream_files_begin(&sf, a) && !rp_stream_files_begin(&sf, b),
	   "two streams begin");
	ok(!rp_stream_files_begin(&sf, a), "a stream of the same file again");
	ok(!rp_stream_files_begin(&sf, "channel0_0") && !rp_stream_files_begin(&sf, NULL) &&
	   !rp_stream_files_begin(&sf, dir), "names that are no file (live, none, a folder)");
	is_u64(sf.total, 36 * MIB, "total: the two files' sizes, each once");
	is_u64(rp_stream_files_read(&sf), 0, "nothing mapped: 0 bytes read");

	win_a = mmap(NULL, 8 * MIB, PROT_READ, MAP_PRIVATE, fa, 16 * MIB);
	win_b = mmap(NULL, 4 * MIB, PROT_READ, MAP_PRIVATE, fb, 8 * MIB);
	if (win_a == MAP_FAILED || win_b == MAP_FAILED)
		plan_skip_all("cannot map the stream files");
	is_u64(rp_stream_files_read(&sf), 24 * MIB,
	       "windows at 16 MiB and 8 MiB: the bytes before them are read");
	munmap(win_a, 8 * MIB);
	win_a = mmap(NULL, 8 * MIB, PROT_READ, MAP_PRIVATE, fa, 8 * MIB);
	is_u64(rp_stream_files_read(&sf), 24 * MIB, "a window further back: no step back");
	munmap(win_a, 8 * MIB);
	munmap(win_b, 4 * MIB);
	is_u64(rp_stream_files_read(&sf), 24 * MIB, "windows unmapped: what was read stays read");
	rp_stream_files_end(&sf, b);
	is_u64(rp_stream_files_read(&sf), 28 * MIB, "the second stream ended: its file read whole");
	rp_stream_files_end(&sf, a);
	is_u64(rp_stream_files_read(&sf), 36 * MIB, "both ended: everything read");

	rp_stream_files_fini(&sf);
	close(fa);
	close(fb);
	unlink(a);
	unlink(b);
	rmdir(dir);
	return exit_status();
}
