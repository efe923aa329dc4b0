/*
 * kt_fpsum - a long floating-point sum in the rounding mode named by
 * argv[1] (near or zero), printed as its exact bits.  Several copies run
 * at once and are preempted many times; copies in the same mode must
 * print the same bits, and the two modes different ones.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	uint32_t mxcsr = (argc > 1 && !strcmp(argv[1], "zero")) ? 0x7f80 : 0x1f80;
	__asm__ volatile("ldmxcsr %0" ::"m"(mxcsr));
	double sum = 0;
	for (long i = 1; i <= 20000000; i++) {
		double x = (double)i;
		sum += 1.0 / (x * x) + x * 1e-12;
	}
	uint64_t bits;
	memcpy(&bits, &sum, sizeof bits);
	uint32_t now;
	__asm__ volatile("stmxcsr %0" : "=m"(now));
	/* The low six bits are sticky exception flags; compare the controls. */
	int kept = (now & ~0x3fu) == (mxcsr & ~0x3fu);
	printf("kt_fpsum %s: %016llx mxcsr %s\n", argc > 1 ? argv[1] : "near",
	    (unsigned long long)bits, kept ? "kept" : "LOST");
	return !kept;
}
