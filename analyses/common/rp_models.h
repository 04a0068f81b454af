/* SPDX-License-Identifier: MIT */
/*
 * rp_models.h - several allocator-model instances fed in one pass.
 *
 * Built from the common parameters (variants, cache-size, cpus,
 * cpu-to-node), rp_models_feed() replays one normalized event through every
 * selected variant and returns what each did.  Counters are the model's own;
 * events the sink does not count (outside the time range, filtered out) still
 * drive the models, so that their state stays right, and their contribution
 * is subtracted: rp_models_counter() only holds counted events.
 */
#ifndef RP_MODELS_H
#define RP_MODELS_H

#include <stdbool.h>
#include <stdint.h>

#include "vcid_model.h"
#include "rp_decoder.h"

/**
 * struct rp_model - one variant
 * @variant:	which allocator
 * @m:		the model, inside @mem
 * @mem:	owned, vcid_model_size() bytes
 * @excluded:	counter deltas of events that were not counted
 * @errors:	events the model refused (-EINVAL: CPU out of range)
 * @reads:	counted rseq_update events carrying an mm_cid
 * @agree:	those of @reads whose mm_cid the model gives the task too
 */
struct rp_model {
	enum vcid_variant variant;
	struct vcid_model *m;
	void *mem;
	uint64_t excluded[VCID_NR_COUNTERS];
	uint64_t errors;
	uint64_t reads;
	uint64_t agree;
	uint64_t reordered;
};

/**
 * struct rp_models - the selected variants, in the order the user gave them
 * @nr:		number of variants
 * @v:		the variants
 * @cfg:	the configuration shared by all (variant field aside)
 * @topology:	"cpu-to-node" (or "cpus") was given; otherwise nr_cpus is
 *		VCID_MAX_CPUS on one node
 * @kernel:	release of the traced kernel ("" when not given)
 * @kernel_variant:	the variant that follows @kernel
 *		(vcid_variant_of_kernel()), -EINVAL when @kernel is not
 *		"MAJOR.MINOR...", -ENODATA when not given
 */
struct rp_models {
	unsigned int nr;
	struct rp_model v[VCID_NR_VARIANTS];
	struct vcid_config cfg;
	bool topology;
	char kernel[64];
	int kernel_variant;
};

/**
 * struct rp_model_params - what the models are built from
 * @variants:	comma-separated names, NULL: all variants in enum order
 * @cache_size:	runqueue cache entries, 0: the model's default
 * @nr_cpus:	possible CPUs, 0: from @cpu_to_node, else VCID_MAX_CPUS
 * @cpu_to_node:	"0,0,1,1": node of each CPU, NULL: all on node 0
 * @kernel:	release of the traced kernel (uname -r), NULL: unknown
 */
struct rp_model_params {
	const char *variants;
	uint32_t cache_size;
	uint32_t nr_cpus;
	const char *cpu_to_node;
	const char *kernel;
};

/**
 * rp_models_init() - build the models
 * Return: 0, or -1 with a one-line message in @err (unknown variant, bad
 * topology, bad cache size, out of memory).
 */
int rp_models_init(struct rp_models *ms, const struct rp_model_params *p,
		   char *err, size_t errlen);
void rp_models_fini(struct rp_models *ms);

/**
 * rp_models_feed() - replay @ev through every variant
 * @ms:		the models
 * @ev:		the event; @ev->counted says whether its counts are kept
 * @res:	NULL, or @ms->nr results, in @ms->v order; for an event the
 *		models do not replay, no path and no node, and the cid is
 *		what the task holds (rseq_update: vcid_rseq_update()) or -1
 */
void rp_models_feed(struct rp_models *ms, const struct rp_kevent *ev,
		    struct vcid_result *res);

/**
 * rp_models_counter() - counter @c of variant @i over the counted events
 */
uint64_t rp_models_counter(const struct rp_models *ms, unsigned int i,
			   enum vcid_counter c);

/**
 * rp_models_schedstat_total() - the shared denominator of variant @i: the
 * sum of its VCID_NR_SCHEDSTAT counters
 */
uint64_t rp_models_schedstat_total(const struct rp_models *ms, unsigned int i);

/**
 * rp_models_kernel_note() - "RELEASE: ..." on the traced kernel and the
 * variant that follows it, into @buf ("" when the kernel is unknown);
 * @approx prefixes its percentage ("~" when events were lost)
 */
void rp_models_kernel_note(const struct rp_models *ms, const char *approx,
			   char *buf, size_t len);

/**
 * rp_models_own() - index in @ms of the kernel's own variant, -1 if absent
 */
int rp_models_own(const struct rp_models *ms);

/**
 * rp_parse_cpu_to_node() - parse "0,0,1,1" into @cfg (nr_cpus, nr_nodes,
 * cpu_to_node)
 * Return: 0, or -1 with @err set.
 */
int rp_parse_cpu_to_node(const char *s, struct vcid_config *cfg,
			 char *err, size_t errlen);

#endif /* RP_MODELS_H */
