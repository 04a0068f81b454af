// SPDX-License-Identifier: MIT OR GPL-2.0-only
/*
 * guest_hang.c - hangs the test guest on purpose, so that tests/guest's
 * stall evidence can be checked (tests/guest/guest-stall.sh).
 *
 * mode=irqoff (default): every CPU spins with interrupts off.  No timer
 * runs, so no kernel detector can speak (the guests have no NMI watchdog
 * under TCG): only the host can, through QEMU's monitor.
 * mode=softlockup: the loading CPU spins with interrupts on and preemption
 * off, which the kernel's soft lockup detector reports (and, with
 * softlockup_panic, panics on).
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/preempt.h>
#include <linux/smp.h>
#include <linux/string.h>

static char *mode = "irqoff";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "irqoff (every CPU, interrupts off) or softlockup (one CPU, interrupts on)");

static void __noreturn guest_hang_irqoff_spin(void *unused)
{
	local_irq_disable();
	for (;;)
		cpu_relax();
}

static noinline void __noreturn guest_hang_softlockup_spin(void)
{
	preempt_disable();
	for (;;)
		cpu_relax();
}

static int __init guest_hang_init(void)
{
	if (!strcmp(mode, "softlockup"))
		guest_hang_softlockup_spin();
	if (strcmp(mode, "irqoff"))
		return -EINVAL;
	/* The other CPUs spin in their IPI handler, this one in the call. */
	on_each_cpu(guest_hang_irqoff_spin, NULL, 0);
	return 0;
}

module_init(guest_hang_init);

MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("Hangs the test guest on purpose (tests/guest/guest-stall.sh)");
