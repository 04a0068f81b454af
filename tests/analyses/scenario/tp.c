// SPDX-License-Identifier: MIT
/*
 * tp.c - creates the probes of the rseqprof_scenario provider, nothing else.
 */
#define LTTNG_UST_TRACEPOINT_CREATE_PROBES
#define LTTNG_UST_TRACEPOINT_DEFINE
#include "rseqprof_scenario_tp.h"
