// SPDX-License-Identifier: MIT
/*
 * fuzz_json.c - libFuzzer target over the report JSON parser (json_parse.c).
 * Built with -DRSEQPROF_FUZZ=ON and clang; run e.g.
 *   build-fuzz/analyses/compare/fuzz-json -max_total_time=60 CORPUS
 */
#include <stddef.h>
#include <stdint.h>

#include "json_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[128];
	struct jp_value *v = jp_parse((const char *)data, size, err, sizeof(err));

	if (v) {
		(void)jp_number(jp_get(jp_get(v, "variants"), "v3-opt"), 0);
		jp_free(v);
	}
	return 0;
}
