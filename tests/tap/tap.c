// SPDX-License-Identifier: MIT
/*
 * tap.c - minimal Test Anything Protocol producer.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

static int tap_planned = -1;
static int tap_run;
static int tap_failed;

void plan_tests(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
	fflush(stdout);
}

void plan_no_plan(void)
{
	tap_planned = -1;
}

void plan_skip_all(const char *fmt, ...)
{
	va_list ap;

	printf("1..0 # SKIP ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	exit(TAP_SKIP_EXIT);
}

static int tap_vresult(int pass, const char *fmt, va_list ap)
{
	tap_run++;
	if (!pass)
		tap_failed++;
	printf("%sok %d - ", pass ? "" : "not ", tap_run);
	vprintf(fmt, ap);
	printf("\n");
	fflush(stdout);
	return pass;
}

int ok(int pass, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vresult(pass, fmt, ap);
	va_end(ap);
	return pass;
}

int is_u64(uint64_t got, uint64_t want, const char *fmt, ...)
{
	va_list ap;
	int pass = got == want;

	va_start(ap, fmt);
	tap_vresult(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		diag("got %llu, expected %llu", (unsigned long long)got,
		     (unsigned long long)want);
	return pass;
}

int is_int(long long got, long long want, const char *fmt, ...)
{
	va_list ap;
	int pass = got == want;

	va_start(ap, fmt);
	tap_vresult(pass, fmt, ap);
	va_end(ap);
	if (!pass)
		diag("got %lld, expected %lld", got, want);
	return pass;
}

void skip(int n, const char *fmt, ...)
{
	va_list ap;

	while (n-- > 0) {
		tap_run++;
		printf("ok %d # skip ", tap_run);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
	}
	fflush(stdout);
}

void diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

int exit_status(void)
{
	if (tap_planned < 0)
		printf("1..%d\n", tap_run);
	else if (tap_planned != tap_run) {
		diag("planned %d tests but ran %d", tap_planned, tap_run);
		return EXIT_FAILURE;
	}
	fflush(stdout);
	return tap_failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
