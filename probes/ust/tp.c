// SPDX-License-Identifier: MIT
/*
 * tp.c - creates the probes of provider rseqprof_ust and defines its
 * tracepoints, nothing else (as liblttng-ust-libc-wrapper does), with
 * hidden symbols (LTTNG_UST_TRACEPOINT_HIDDEN_DEFINITION and
 * LTTNG_UST_TRACEPOINT_PROVIDER_HIDDEN_DEFINITION, set by CMake) so that a
 * library embedding it exports nothing of lttng-ust's.  Linked first: its
 * constructors (probe and tracepoint registration) must run before those of
 * the code that fires the events.
 */
#define LTTNG_UST_TRACEPOINT_CREATE_PROBES
#define LTTNG_UST_TRACEPOINT_DEFINE
#include "rseqprof_ust.h"
