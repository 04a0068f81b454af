// SPDX-License-Identifier: MIT
/*
 * tp.c - creates the probes of provider rseqprof_ust, nothing else.
 * Whoever embeds it decides the visibility (the preload library builds it
 * with LTTNG_UST_TRACEPOINT_PROVIDER_HIDDEN_DEFINITION).
 */
#define LTTNG_UST_TRACEPOINT_CREATE_PROBES
#include "rseqprof_ust.h"
