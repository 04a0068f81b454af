/* SPDX-License-Identifier: MIT */
/*
 * arch-x86.h - rseq critical sections for x86_64.  Include arch.h instead.
 *
 * Layout of each section (the kernel's contract, Documentation of rseq(2)):
 * a struct rseq_cs descriptor in section __rseq_cs; the code stores its
 * address into rs->rseq_cs, then runs from label 1 to label 2, the last
 * instruction being the commit; the abort handler sits out of line in
 * __rseq_failure, preceded by the 4-byte signature.  The signature is the
 * displacement of a "ud1" instruction so that a stray jump to it traps
 * instead of decoding garbage.  rs->rseq_cs is left set after the section:
 * the kernel ignores a descriptor whose range does not hold the IP.
 */
#ifndef RSEQPROF_ARCH_X86_H
#define RSEQPROF_ARCH_X86_H

#ifndef RSEQPROF_ARCH_H
#error "include <rseqprof/arch.h>, not arch-x86.h"
#endif

#define RSEQPROF_SIG		0x53053053
#define RSEQPROF_STR_(x)	#x
#define RSEQPROF_STR(x)		RSEQPROF_STR_(x)

/* Descriptor (label 3) for the section [1, 2) aborting to 4. */
#define RSEQPROF_X86_CS_DESC						\
	".pushsection __rseq_cs, \"aw\"\n\t"				\
	".balign 32\n\t"						\
	"3:\n\t"							\
	".long 0x0, 0x0\n\t"						\
	".quad 1f, (2f - 1f), 4f\n\t"					\
	".popsection\n\t"

/* Arm the section: rs->rseq_cs = &descriptor. */
#define RSEQPROF_X86_CS_ARM(rs)						\
	"leaq 3b(%%rip), %%rax\n\t"					\
	"movq %%rax, " RSEQPROF_STR(RSEQPROF_RSEQ_CS_OFFSET) "(%[" rs "])\n\t"

/* Out-of-line abort handler, label 4, jumping to the C label @label. */
#define RSEQPROF_X86_CS_ABORT(label)					\
	".pushsection __rseq_failure, \"ax\"\n\t"			\
	".byte 0x0f, 0xb9, 0x3d\n\t"					\
	".long " RSEQPROF_STR(RSEQPROF_SIG) "\n\t"			\
	"4:\n\t"							\
	"jmp %l[" label "]\n\t"						\
	".popsection\n\t"

static inline int rseqprof_arch_snapshot(struct rseqprof_rseq_abi *rs,
					 uint32_t out[4])
{
	__asm__ __volatile__ goto(
		RSEQPROF_X86_CS_DESC
		RSEQPROF_X86_CS_ARM("rs")
		"1:\n\t"
		"movl " RSEQPROF_STR(RSEQPROF_RSEQ_CPU_ID_OFFSET) "(%[rs]), %%eax\n\t"
		"movl %%eax, 0(%[out])\n\t"
		"movl " RSEQPROF_STR(RSEQPROF_RSEQ_NODE_ID_OFFSET) "(%[rs]), %%eax\n\t"
		"movl %%eax, 4(%[out])\n\t"
		"movl " RSEQPROF_STR(RSEQPROF_RSEQ_MM_CID_OFFSET) "(%[rs]), %%eax\n\t"
		"movl %%eax, 8(%[out])\n\t"
		"movl (%[rs]), %%eax\n\t"
		"movl %%eax, 12(%[out])\n\t"
		"2:\n\t"
		RSEQPROF_X86_CS_ABORT("abort")
		: /* no outputs in asm goto */
		: [rs] "r" (rs), [out] "r" (out)
		: "memory", "cc", "rax"
		: abort);
	return 0;
abort:
	return -1;
}

static inline int rseqprof_arch_inc_slot(struct rseqprof_rseq_abi *rs,
					 const uint32_t *index,
					 uint64_t *slots, uint32_t nr)
{
	__asm__ __volatile__ goto(
		RSEQPROF_X86_CS_DESC
		RSEQPROF_X86_CS_ARM("rs")
		"1:\n\t"
		"movl (%[index]), %%eax\n\t"
		"cmpl %[nr], %%eax\n\t"
		"jae %l[out_of_range]\n\t"
		"shlq $" RSEQPROF_STR(RSEQPROF_SLOT_SHIFT) ", %%rax\n\t"
		/* commit */
		"addq $1, (%[slots], %%rax)\n\t"
		"2:\n\t"
		RSEQPROF_X86_CS_ABORT("abort")
		: /* no outputs in asm goto */
		: [rs] "r" (rs), [index] "r" (index), [slots] "r" (slots),
		  [nr] "r" (nr)
		: "memory", "cc", "rax"
		: abort, out_of_range);
	return 0;
abort:
	return -1;
out_of_range:
	return -2;
}

#endif /* RSEQPROF_ARCH_X86_H */
