/* SPDX-License-Identifier: MIT */
/*
 * arch-arm64.h - rseq critical sections for aarch64.  Include arch.h instead.
 *
 * Same layout as arch-x86.h: descriptor (label 3) in __rseq_cs for the
 * section [1, 2), abort handler (label 4) out of line in __rseq_failure,
 * preceded by the signature.  The signature is glibc's aarch64 RSEQ_SIG, a
 * "brk #0x45e0" instruction word, emitted with .inst so that it is stored
 * in instruction byte order on either endianness.  The descriptor address
 * is formed with adrp/add (PC-relative, works in shared objects).
 */
#ifndef RSEQPROF_ARCH_ARM64_H
#define RSEQPROF_ARCH_ARM64_H

#ifndef RSEQPROF_ARCH_H
#error "include <rseqprof/arch.h>, not arch-arm64.h"
#endif

#define RSEQPROF_SIG_CODE	0xd428bc00	/* brk #0x45e0 */
#ifdef __AARCH64EB__
#define RSEQPROF_SIG		0x00bc28d4	/* the word as data, big-endian */
#else
#define RSEQPROF_SIG		RSEQPROF_SIG_CODE
#endif
#define RSEQPROF_STR_(x)	#x
#define RSEQPROF_STR(x)		RSEQPROF_STR_(x)

#define RSEQPROF_ARM64_CS_DESC						\
	".pushsection __rseq_cs, \"aw\"\n\t"				\
	".balign 32\n\t"						\
	"3:\n\t"							\
	".long 0x0, 0x0\n\t"						\
	".quad 1f, (2f - 1f), 4f\n\t"					\
	".popsection\n\t"

/* rs->rseq_cs = &descriptor, through x9. */
#define RSEQPROF_ARM64_CS_ARM(rs)					\
	"adrp x9, 3b\n\t"						\
	"add x9, x9, :lo12:3b\n\t"					\
	"str x9, [%[" rs "], #" RSEQPROF_STR(RSEQPROF_RSEQ_CS_OFFSET) "]\n\t"

#define RSEQPROF_ARM64_CS_ABORT(label)					\
	".pushsection __rseq_failure, \"ax\"\n\t"			\
	".inst " RSEQPROF_STR(RSEQPROF_SIG_CODE) "\n\t"			\
	"4:\n\t"							\
	"b %l[" label "]\n\t"						\
	".popsection\n\t"

static inline int rseqprof_arch_snapshot(struct rseqprof_rseq_abi *rs,
					 uint32_t out[4])
{
	__asm__ __volatile__ goto(
		RSEQPROF_ARM64_CS_DESC
		RSEQPROF_ARM64_CS_ARM("rs")
		"1:\n\t"
		"ldr w10, [%[rs], #" RSEQPROF_STR(RSEQPROF_RSEQ_CPU_ID_OFFSET) "]\n\t"
		"str w10, [%[out], #0]\n\t"
		"ldr w10, [%[rs], #" RSEQPROF_STR(RSEQPROF_RSEQ_NODE_ID_OFFSET) "]\n\t"
		"str w10, [%[out], #4]\n\t"
		"ldr w10, [%[rs], #" RSEQPROF_STR(RSEQPROF_RSEQ_MM_CID_OFFSET) "]\n\t"
		"str w10, [%[out], #8]\n\t"
		"ldr w10, [%[rs]]\n\t"
		"str w10, [%[out], #12]\n\t"
		"2:\n\t"
		RSEQPROF_ARM64_CS_ABORT("abort")
		: /* no outputs in asm goto */
		: [rs] "r" (rs), [out] "r" (out)
		: "memory", "cc", "x9", "x10"
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
		RSEQPROF_ARM64_CS_DESC
		RSEQPROF_ARM64_CS_ARM("rs")
		"1:\n\t"
		"ldr w10, [%[index]]\n\t"
		"cmp w10, %w[nr]\n\t"
		"b.hs %l[out_of_range]\n\t"
		"lsl x10, x10, #" RSEQPROF_STR(RSEQPROF_SLOT_SHIFT) "\n\t"
		"ldr x11, [%[slots], x10]\n\t"
		"add x11, x11, #1\n\t"
		/* commit */
		"str x11, [%[slots], x10]\n\t"
		"2:\n\t"
		RSEQPROF_ARM64_CS_ABORT("abort")
		: /* no outputs in asm goto */
		: [rs] "r" (rs), [index] "r" (index), [slots] "r" (slots),
		  [nr] "r" (nr)
		: "memory", "cc", "x9", "x10", "x11"
		: abort, out_of_range);
	return 0;
abort:
	return -1;
out_of_range:
	return -2;
}

#endif /* RSEQPROF_ARCH_ARM64_H */
