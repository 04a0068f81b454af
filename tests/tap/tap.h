/* SPDX-License-Identifier: MIT */
/*
 * tap.h - minimal Test Anything Protocol producer, as the LTTng projects use.
 */
#ifndef RSEQPROF_TAP_H
#define RSEQPROF_TAP_H

#include <stdint.h>

#define TAP_SKIP_EXIT	77

void plan_tests(int n);
void plan_no_plan(void);
/* Prints "1..0 # SKIP reason" and exits TAP_SKIP_EXIT. */
void plan_skip_all(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
int ok(int pass, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int is_u64(uint64_t got, uint64_t want, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int is_int(long long got, long long want, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void skip(int n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Ends the run: prints the plan if none was given; returns the exit status. */
int exit_status(void);

#endif /* RSEQPROF_TAP_H */
