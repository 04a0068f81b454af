// SPDX-License-Identifier: MIT
/*
 * rp_sink.c - the base of a section (an analysis run by a host).
 */
#include <stdarg.h>
#include <stdlib.h>

#include "rp_host.h"
#include "rp_sink.h"

void *rp_sink_alloc(struct rp_host *host, size_t size, const char *name,
		    const struct rp_sink_ops *ops)
{
	struct rp_sink *s = calloc(1, size);

	if (!s) {
		rp_host_error(host, "%s: out of memory", name);
		return NULL;
	}
	s->host = host;
	s->name = name;
	s->ops = ops;
	s->params = host->params;
	s->dec = host->dec;
	s->models = &host->models;
	s->out = &host->out;
	s->filter = &host->filter;
	return s;
}

void rp_sink_error(struct rp_sink *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rp_host_verror(s->host, s->name, fmt, ap);
	va_end(ap);
}

uint64_t rp_sink_begin(const struct rp_sink *s)
{
	return s->host->begin;
}

uint64_t rp_sink_end(const struct rp_sink *s)
{
	return s->host->end;
}
