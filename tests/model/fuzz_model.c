// SPDX-License-Identifier: MIT
/*
 * fuzz_model.c - libFuzzer target for the allocator model.
 *
 * Byte 0 picks the mode, byte 1 the variant, byte 2 the CPUs, byte 3 the
 * nodes and cache size; the rest drives the events:
 * - even mode: kernel-like streams from model_gen.c, whose choices come
 *   from the bytes; every invariant of the randomized test is checked.
 * - odd mode: raw events (any tid, mm, CPU, order) on tiny tables, so lost
 *   events, bad CPUs and full tables are exercised; the return codes, the
 *   ids' range and vcid_model_check() are checked.
 * A broken invariant aborts, which libFuzzer reports with the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_gen.h"

struct bytes {
	const uint8_t *data;
	size_t size, pos;
};

static unsigned int byte_pick(void *ctx, unsigned int n)
{
	struct bytes *b = ctx;
	unsigned int v;

	if (b->pos + 2 > b->size) {
		b->pos = b->size;
		return 0;
	}
	v = (unsigned int)b->data[b->pos] | (unsigned int)b->data[b->pos + 1] << 8;
	b->pos += 2;
	return n ? v % n : 0;
}

static void fail(const char *what, int v)
{
	fprintf(stderr, "fuzz_model: %s (variant %d)\n", what, v);
	abort();
}

static void raw_events(struct vcid_model *m, struct bytes *b, int v,
		       unsigned int nr_cpus)
{
	uint64_t ts = 0;

	while (b->pos < b->size) {
		unsigned int op = byte_pick(b, 6);
		unsigned int cpu = byte_pick(b, nr_cpus + 1);	/* may be bad */
		unsigned int cpu2 = byte_pick(b, nr_cpus + 1);
		unsigned int t1 = byte_pick(b, 24), t2 = byte_pick(b, 24);
		unsigned int m1 = byte_pick(b, 3) ? t1 / 3 : 0;
		unsigned int m2 = byte_pick(b, 3) ? t2 / 3 : 0;
		struct vcid_result res;
		int ret, c;

		ts += byte_pick(b, 4) * 40000000ULL;
		ret = gen_raw_event(m, ts, op, cpu, cpu2, t1, m1, t2, m2, &res);
		if (ret && ret != -EINVAL && ret != -ENOSPC)
			fail("unexpected return code", v);
		if (ret == -EINVAL && cpu < nr_cpus && (op != 1 || cpu2 < nr_cpus))
			fail("-EINVAL for valid CPUs", v);
		if (vcid_model_check(m))
			fail("vcid_model_check() failed", v);
		for (c = 0; c < 24; c++) {
			int cid = vcid_task_cid(m, (unsigned int)c);

			if (cid >= (int)nr_cpus || (cid < -1 && cid != -ENOENT))
				fail("id out of range", v);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t mem[4 << 20] __attribute__((aligned(8)));
	static struct gen g;
	struct bytes b = { data, size, 4 };
	struct vcid_config cfg;
	struct vcid_model *m;
	unsigned int cpu, steps;
	int v, raw;

	if (size < 4)
		return 0;
	raw = data[0] & 1;
	v = data[1] % VCID_NR_VARIANTS;
	vcid_config_default(&cfg, v, 1 + data[2] % 8);
	cfg.cache_size = 1 + (data[3] >> 4) % 8;
	cfg.compact_period_ns = 1000000ULL * (1 + data[3] % 16);
	if (v == VCID_V3_NUMA) {
		cfg.nr_nodes = 1 + data[3] % 3;
		for (cpu = 0; cpu < cfg.nr_cpus; cpu++)
			cfg.cpu_to_node[cpu] = (uint8_t)((data[2] >> 3) + cpu * 7 +
							 (cpu >> 1)) % cfg.nr_nodes;
	}
	cfg.max_tasks = raw ? 6 : 128;
	cfg.max_mms = raw ? 4 : 256;
	if (vcid_model_size(&cfg) > sizeof(mem) ||
	    vcid_model_init(&m, mem, sizeof(mem), &cfg))
		fail("init", v);
	if (raw) {
		raw_events(m, &b, v, cfg.nr_cpus);
		return 0;
	}
	gen_init(&g, m, v, cfg.nr_cpus, cfg.cpu_to_node, byte_pick, &b);
	for (steps = 0; b.pos < b.size && steps < 4096; steps++) {
		if (gen_step(&g)) {
			fprintf(stderr, "fuzz_model: %s\n", g.failure);
			fail("invariant broken", v);
		}
	}
	return 0;
}
