/*
 * xmmspin.h - for the preemption tests: loads pat into xmm8-15, spins
 * (long enough for ticks to land), and stores the registers to back.  A
 * switch that loses vector state makes back differ from pat.
 */
#ifndef XMMSPIN_H
#define XMMSPIN_H

#include <stdint.h>

static inline void
xmm_spin(const uint64_t pat[16], uint64_t back[16])
{
	__asm__ volatile(
	    "movdqu 0(%0), %%xmm8\n\tmovdqu 16(%0), %%xmm9\n\t"
	    "movdqu 32(%0), %%xmm10\n\tmovdqu 48(%0), %%xmm11\n\t"
	    "movdqu 64(%0), %%xmm12\n\tmovdqu 80(%0), %%xmm13\n\t"
	    "movdqu 96(%0), %%xmm14\n\tmovdqu 112(%0), %%xmm15\n\t"
	    "mov $200000, %%ecx\n1:\n\tdec %%ecx\n\tjnz 1b\n\t"
	    "movdqu %%xmm8, 0(%1)\n\tmovdqu %%xmm9, 16(%1)\n\t"
	    "movdqu %%xmm10, 32(%1)\n\tmovdqu %%xmm11, 48(%1)\n\t"
	    "movdqu %%xmm12, 64(%1)\n\tmovdqu %%xmm13, 80(%1)\n\t"
	    "movdqu %%xmm14, 96(%1)\n\tmovdqu %%xmm15, 112(%1)\n\t"
	    :: "r"(pat), "r"(back)
	    : "ecx", "memory", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12",
	      "xmm13", "xmm14", "xmm15");
}

#endif
