// SPDX-License-Identifier: MIT
/*
 * rseq.c - find or register the calling thread's rseq area and read it.
 *
 * glibc's area is preferred: registering a second one for the same thread
 * is refused by the kernel (EBUSY).  Only when glibc did not register
 * (__rseq_size == 0, e.g. GLIBC_TUNABLES=glibc.pthread.rseq=0) does this
 * library register its own initial-exec TLS area.  That area is not
 * unregistered at thread exit: the kernel stops writing to it when the
 * thread exits, and glibc re-initialises TLS for the next thread that
 * reuses the memory.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/auxv.h>
#include <sys/rseq.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rseqprof/arch.h"
#include "rseqprof/rseq.h"

#define TLS_IE	__thread __attribute__((tls_model("initial-exec")))

/* Per thread: 0 not looked up yet, else the owner (and the error if NONE). */
static TLS_IE struct rseqprof_rseq_abi self_area;
static TLS_IE struct rseqprof_rseq_abi *thread_area;
static TLS_IE enum rseqprof_rseq_owner thread_owner;
static TLS_IE int thread_error;
static TLS_IE int thread_looked_up;

unsigned int rseqprof_rseq_features(unsigned long feature_size)
{
	unsigned int mask = 0;

	if (feature_size >= RSEQPROF_RSEQ_NODE_ID_OFFSET + sizeof(uint32_t))
		mask |= RSEQPROF_RSEQ_HAS_NODE_ID;
	if (feature_size >= RSEQPROF_RSEQ_MM_CID_OFFSET + sizeof(uint32_t))
		mask |= RSEQPROF_RSEQ_HAS_MM_CID;
	return mask;
}

/* getauxval() reads the saved auxv: async-signal-safe, cheap enough. */
static unsigned int kernel_features(void)
{
	return rseqprof_rseq_features(getauxval(AT_RSEQ_FEATURE_SIZE));
}

static struct rseqprof_rseq_abi *glibc_area(void)
{
	return (struct rseqprof_rseq_abi *)((char *)__builtin_thread_pointer() +
					    __rseq_offset);
}

static int register_self(void)
{
	int saved_errno = errno;
	long ret;

	self_area.cpu_id = (uint32_t)RSEQPROF_CPU_ID_UNINITIALIZED;
	ret = syscall(__NR_rseq, &self_area, sizeof(self_area), 0, RSEQPROF_SIG);
	if (ret) {
		ret = errno == ENOSYS ? -RSEQPROF_RSEQ_E_NO_RSEQ :
					-RSEQPROF_RSEQ_E_REGISTER;
		self_area.cpu_id = (uint32_t)RSEQPROF_CPU_ID_REGISTRATION_FAILED;
	}
	errno = saved_errno;
	return (int)ret;
}

int rseqprof_rseq_thread_init(void)
{
	int ret;

	if (thread_looked_up)
		return thread_error;
	if (__rseq_size > 0 && (int32_t)glibc_area()->cpu_id >= 0) {
		thread_area = glibc_area();
		thread_owner = RSEQPROF_RSEQ_OWNER_GLIBC;
		ret = 0;
	} else {
		ret = register_self();
		if (!ret) {
			thread_area = &self_area;
			thread_owner = RSEQPROF_RSEQ_OWNER_SELF;
		}
	}
	thread_error = ret;
	thread_looked_up = 1;
	return ret;
}

struct rseqprof_rseq_abi *rseqprof_rseq_thread_area(void)
{
	rseqprof_rseq_thread_init();
	return thread_area;
}

enum rseqprof_rseq_owner rseqprof_rseq_owner(void)
{
	rseqprof_rseq_thread_init();
	return thread_owner;
}

int rseqprof_rseq_read(struct rseqprof_rseq_sample *s)
{
	struct rseqprof_rseq_abi *rs;
	unsigned int features;
	uint32_t v[4];
	int ret;

	if (!s)
		return -RSEQPROF_RSEQ_E_INVAL;
	s->cpu_id = RSEQPROF_CPU_ID_REGISTRATION_FAILED;
	s->cpu_id_start = 0;
	s->node_id = -1;
	s->mm_cid = -1;
	ret = rseqprof_rseq_thread_init();
	if (ret)
		return ret;
	rs = thread_area;
	while (rseqprof_arch_snapshot(rs, v))
		;
	s->cpu_id = (int32_t)v[0];
	s->cpu_id_start = v[3];
	features = kernel_features();
	if (features & RSEQPROF_RSEQ_HAS_NODE_ID)
		s->node_id = (int32_t)v[1];
	if (features & RSEQPROF_RSEQ_HAS_MM_CID)
		s->mm_cid = (int32_t)v[2];
	if (!(features & RSEQPROF_RSEQ_HAS_NODE_ID))
		return -RSEQPROF_RSEQ_E_NO_NODE_ID;
	if (!(features & RSEQPROF_RSEQ_HAS_MM_CID))
		return -RSEQPROF_RSEQ_E_NO_MM_CID;
	return 0;
}

static const char *const error_text[RSEQPROF_RSEQ_NR_ERRORS] = {
	[RSEQPROF_RSEQ_OK] = "rseq area registered: cpu_id, node_id and mm_cid are valid",
	[RSEQPROF_RSEQ_E_NO_RSEQ] = "the kernel has no rseq(2) system call (ENOSYS): use Linux >= 4.18 built with CONFIG_RSEQ=y",
	[RSEQPROF_RSEQ_E_REGISTER] = "rseq(2) refused to register an area for this thread: another library registered a different one, or seccomp denies rseq",
	[RSEQPROF_RSEQ_E_NO_NODE_ID] = "the kernel fills cpu_id only (AT_RSEQ_FEATURE_SIZE < 24): node_id and mm_cid need Linux >= 6.3",
	[RSEQPROF_RSEQ_E_NO_MM_CID] = "the kernel fills no mm_cid (AT_RSEQ_FEATURE_SIZE < 28): mm_cid needs Linux >= 6.3",
	[RSEQPROF_RSEQ_E_INVAL] = "invalid argument to the rseq reader",
};

const char *rseqprof_rseq_strerror(int err)
{
	if (err < 0)
		err = -err;
	if (err >= RSEQPROF_RSEQ_NR_ERRORS)
		return "unknown rseq reader error";
	return error_text[err];
}

const char *rseqprof_rseq_owner_name(enum rseqprof_rseq_owner owner)
{
	switch (owner) {
	case RSEQPROF_RSEQ_OWNER_GLIBC:
		return "glibc";
	case RSEQPROF_RSEQ_OWNER_SELF:
		return "self";
	default:
		return "none";
	}
}
