// SPDX-License-Identifier: MIT OR GPL-2.0-only
/*
 * rseqprof_stat.c - /proc/rseqprof_schedstat: live counters
 *
 * Root only (mode 0400).  Reading prints the counters of the whole system,
 * then of each CPU, in the format of the LPC 2022 "Schedstats Counter
 * Profiling" slides: one line per path, "label:<TAB>percent<TAB>%<TAB>count",
 * the percentages of a block sharing one denominator (the eight schedstat
 * counters of that block), grouped under "On sched-switch:", "On release
 * mm:" and "On migration:", then the variant's own counters ("Variant
 * only:") and the model's health counters ("Model health:"): the titles of
 * the model's names table (vcid_group_title()), as the text reports print
 * them.  Format version 2 (version 1 titled the last two "Variant paths:"
 * and "Model table overflow:").  Writing "reset" (or "0") zeroes the counters
 * (the model keeps its tasks and ids), "stop" freezes them (until "reset"); both
 * fire a marker tracepoint from stop_machine() (see rseqprof_trace.h).
 */
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "rseqprof.h"

#define RSEQPROF_STAT_NAME	"rseqprof_schedstat"
#define RSEQPROF_STAT_VERSION	2

static void rseqprof_show_block(struct seq_file *m, const char *title,
				enum vcid_variant v, const u64 *cnt)
{
	int group = -1;
	u64 denom = 0;
	int c;

	for (c = 0; c < VCID_NR_SCHEDSTAT; c++)
		denom += cnt[c];
	seq_printf(m, "%s\n", title);
	for (c = 0; c < VCID_NR_COUNTERS; c++) {
		enum vcid_counter_group g = vcid_counter_group(c);
		u64 hundredths = 0;

		if (!vcid_counter_applies(v, c))
			continue;
		if (g != group) {
			seq_printf(m, "%s%s\n", group < 0 ? "" : "\n",
				   vcid_group_title(g));
			group = g;
		}
		if (g == VCID_GROUP_HEALTH) {
			seq_printf(m, "%s:\t%llu\n", vcid_counter_name(c), cnt[c]);
			continue;
		}
		if (denom)
			hundredths = div64_u64(cnt[c] * 10000 + denom / 2, denom);
		seq_printf(m, "%s:\t%llu.%02llu\t%%\t%llu\n",
			   vcid_counter_label(c), div_u64(hundredths, 100),
			   hundredths % 100, cnt[c]);
	}
	seq_puts(m, "\n");
}

static int rseqprof_stat_show(struct seq_file *m, void *unused)
{
	u32 nr_cpus = rseqprof.cfg.nr_cpus;
	struct rseqprof_counters *s;
	enum vcid_variant variant;
	unsigned long flags;
	u64 generation;
	bool running;
	char title[32];
	u32 cpu;

	/* Allocate first: nothing may allocate under the lock. */
	s = kvzalloc(struct_size(s, pcpu, nr_cpus), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	raw_spin_lock_irqsave(&rseqprof.lock, flags);
	variant = rseqprof.cfg.variant;
	running = rseqprof.running;
	generation = rseqprof.generation;
	if (running)
		rseqprof_counters_copy_locked(s);
	else
		memcpy(s, rseqprof.frozen, struct_size(s, pcpu, nr_cpus));
	raw_spin_unlock_irqrestore(&rseqprof.lock, flags);

	seq_printf(m, "version %d\nvariant %s\nstate %s\ngeneration %llu\ncpus %u\nevents %llu\ndropped %llu\n\n",
		   RSEQPROF_STAT_VERSION, vcid_variant_name(variant),
		   running ? "running" : "stopped", generation, nr_cpus,
		   s->events, s->dropped);
	rseqprof_show_block(m, "total", variant, s->total);
	for (cpu = 0; cpu < nr_cpus; cpu++) {
		snprintf(title, sizeof(title), "cpu%u", cpu);
		rseqprof_show_block(m, title, variant, s->pcpu[cpu]);
	}
	kvfree(s);
	return 0;
}

static int rseqprof_stat_open(struct inode *inode, struct file *file)
{
	/* The whole text at once: a 256-CPU report is well under 1 MiB. */
	return single_open_size(file, rseqprof_stat_show, NULL,
				4096 + 2048 * rseqprof.cfg.nr_cpus);
}

static ssize_t rseqprof_stat_write(struct file *file, const char __user *ubuf,
				   size_t count, loff_t *ppos)
{
	char buf[16];
	size_t len = min(count, sizeof(buf) - 1);
	int ret;

	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sysfs_streq(buf, "reset") || sysfs_streq(buf, "0"))
		ret = rseqprof_reset();
	else if (sysfs_streq(buf, "stop"))
		ret = rseqprof_stop();
	else
		ret = -EINVAL;
	return ret ? ret : count;
}

static const struct proc_ops rseqprof_stat_ops = {
	.proc_open = rseqprof_stat_open,
	.proc_read = seq_read,
	.proc_write = rseqprof_stat_write,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static struct proc_dir_entry *rseqprof_stat_entry;

/**
 * rseqprof_stat_init() - create /proc/rseqprof_schedstat (mode 0400)
 *
 * Return: 0 or -ENOMEM.
 */
int rseqprof_stat_init(void)
{
	rseqprof_stat_entry = proc_create(RSEQPROF_STAT_NAME, 0400, NULL,
					  &rseqprof_stat_ops);
	return rseqprof_stat_entry ? 0 : -ENOMEM;
}

/**
 * rseqprof_stat_exit() - remove the file, waiting for its readers
 */
void rseqprof_stat_exit(void)
{
	proc_remove(rseqprof_stat_entry);
}
