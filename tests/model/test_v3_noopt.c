// SPDX-License-Identifier: MIT
/*
 * test_v3_noopt.c - hand-computed scenarios for the "v3-noopt" allocator:
 * every switch-in of a user thread sets the first zero bit ("alloc"), every
 * switch-out clears it (not counted), mm_release() of a thread holding an id
 * clears it ("remove" on release mm).
 */
#include "model_util.h"
#include "tap.h"

static void single_threaded(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init(&s, VCID_V3_NOOPT, 2);
	is_int(sim_switch(&s, 0, 0, 0, 100, 100), 0, "single: id 0");	/* alloc 1 */
	sim_switch(&s, 0, 100, 100, 0, 0);			/* bit-clear */
	sim_switch(&s, 0, 0, 0, 100, 100);			/* alloc 2 */
	sim_switch(&s, 0, 100, 100, 0, 0);
	sim_migrate(&s, 100, 100, 0, 1);			/* nothing */
	is_int(sim_switch(&s, 1, 0, 0, 100, 100), 0, "single: id 0 on cpu1"); /* alloc 3 */
	sim_exit(&s, 100, 100);			/* holds 0: release remove 1 */
	is_u64(vcid_model_bits_set(s.m), 0, "single: exit cleared the bit");
	want[VCID_SW_ALLOC] = 3;
	want[VCID_RELEASE_MM_REMOVE] = 1;
	sim_expect(&s, want, "single-threaded: 3 alloc, 1 release mm remove");
	sim_fini(&s);
}

static void two_threads(void)
{
	uint64_t want[VCID_NR_COUNTERS] = { 0 };
	struct sim s;

	sim_init(&s, VCID_V3_NOOPT, 2);
	sim_switch(&s, 0, 0, 0, 200, 200);			/* alloc 1: 0 */
	sim_fork(&s, 200, 200, 201, 200);			/* nothing */
	is_int(sim_switch(&s, 1, 0, 0, 201, 200), 1, "two cpus: 201 gets 1");	/* alloc 2 */
	is_u64(vcid_model_bits_set(s.m), 2, "two cpus: two bits while both run");
	sim_switch(&s, 1, 201, 200, 0, 0);			/* clears 1 */
	/* same mm on cpu0: 200 clears 0, 201 sets the first zero, 0: alloc 3 */
	is_int(sim_switch(&s, 0, 200, 200, 201, 200), 0, "ping-pong: no hand-over, 201 reallocates 0");
	sim_switch(&s, 0, 201, 200, 200, 200);			/* alloc 4 */
	/* exec of the running 200: clear 0 (release remove 1), alloc 5 */
	sim_exit(&s, 201, 200);
	is_int(sim_exec(&s, 200, 200), 0, "exec: id 0 in the new mm");
	want[VCID_SW_ALLOC] = 5;
	want[VCID_RELEASE_MM_REMOVE] = 1;
	sim_expect(&s, want, "two threads: 5 alloc, 1 release mm remove");
	sim_fini(&s);
}

int main(void)
{
	plan_tests(9);
	single_threaded();
	two_threads();
	return exit_status();
}
