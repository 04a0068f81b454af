// SPDX-License-Identifier: MIT
/* rseqprof_bench_tp.c - creates the probes of provider rseqprof_bench. */
#define LTTNG_UST_TRACEPOINT_CREATE_PROBES
#define LTTNG_UST_TRACEPOINT_DEFINE
#include "rseqprof_bench_tp.h"
