// SPDX-License-Identifier: MIT OR GPL-2.0-only
/*
 * rseqprof_trace.c - instantiate the tracepoints of rseqprof_trace.h
 */
#define CREATE_TRACE_POINTS
#include "rseqprof_trace.h"
