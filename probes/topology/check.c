// SPDX-License-Identifier: MIT
/*
 * rseqprof-check - what this process learns about rseq from glibc and the
 * kernel, as key=value lines for `rseqprof check`:
 *
 *	rseq_registered=1|0	glibc registered an rseq area (cpu_id >= 0)
 *	rseq_size=N		glibc's __rseq_size (20 on glibc 2.36)
 *	rseq_offset=N		glibc's __rseq_offset from the thread pointer
 *	rseq_feature_size=N	getauxval(AT_RSEQ_FEATURE_SIZE), 0 if unknown
 *	rseq_align=N		getauxval(AT_RSEQ_ALIGN), 0 if unknown
 *	mm_cid=1|0		the kernel fills mm_cid in glibc's area
 *	cpu_id=N node_id=N mm_cid_value=N   what the area holds now (-1: none)
 *
 * The kernel writes node_id and mm_cid (the layout and the auxv constants:
 * rseqprof/rseq-abi.h) when AT_RSEQ_FEATURE_SIZE covers them (kernel >= 6.3).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/rseq.h>

#include "rseqprof/rseq-abi.h"

#define RSEQ_NODE_ID_OFFSET	offsetof(struct rseqprof_rseq_abi, node_id)
#define RSEQ_MM_CID_OFFSET	offsetof(struct rseqprof_rseq_abi, mm_cid)

/* rseq_field - the 32-bit field at @offset of this thread's rseq area. */
static int32_t rseq_field(size_t offset)
{
	const char *area = (const char *)__builtin_thread_pointer() + __rseq_offset;

	return *(const volatile int32_t *)(area + offset);
}

int main(int argc, char **argv)
{
	unsigned long feature_size = getauxval(AT_RSEQ_FEATURE_SIZE);
	unsigned long align = getauxval(AT_RSEQ_ALIGN);
	int32_t cpu_id = -1, node_id = -1, mm_cid_value = -1;
	int registered, has_node_id, has_mm_cid;

	if (argc > 1) {
		fprintf(stderr, "usage: %s (no arguments): prints rseq facts as key=value lines\n",
			argv[0]);
		return 2;
	}

	registered = __rseq_size > 0 &&
		     rseq_field(offsetof(struct rseq, cpu_id)) >= 0;
	has_node_id = registered &&
		      feature_size >= RSEQ_NODE_ID_OFFSET + sizeof(int32_t);
	has_mm_cid = registered &&
		     feature_size >= RSEQ_MM_CID_OFFSET + sizeof(int32_t);
	if (registered)
		cpu_id = rseq_field(offsetof(struct rseq, cpu_id));
	if (has_node_id)
		node_id = rseq_field(RSEQ_NODE_ID_OFFSET);
	if (has_mm_cid)
		mm_cid_value = rseq_field(RSEQ_MM_CID_OFFSET);

	printf("rseq_registered=%d\n", registered);
	printf("rseq_size=%u\n", __rseq_size);
	printf("rseq_offset=%td\n", __rseq_offset);
	printf("rseq_feature_size=%lu\n", feature_size);
	printf("rseq_align=%lu\n", align);
	printf("mm_cid=%d\n", has_mm_cid);
	printf("cpu_id=%d\nnode_id=%d\nmm_cid_value=%d\n",
	       cpu_id, node_id, mm_cid_value);
	return fflush(stdout) ? EXIT_FAILURE : EXIT_SUCCESS;
}
