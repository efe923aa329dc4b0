/* drand48.c - the 48-bit linear congruential generators of POSIX:
 * X(n+1) = (a X(n) + c) mod 2^48 with a = 0x5DEECE66D, c = 0xB unless
 * lcong48 changed them.  The state is one module-wide seed for the
 * functions without an argument. */
#include <stdlib.h>
#include <stdint.h>

static unsigned short seed[3] = { 0x330e, 0xabcd, 0x1234 };
static uint64_t mult = 0x5deece66dULL;
static unsigned short add = 0xb;

static uint64_t next(unsigned short x[3])
{
	uint64_t v = (uint64_t)x[0] | (uint64_t)x[1] << 16 | (uint64_t)x[2] << 32;

	v = (v * mult + add) & ((1ULL << 48) - 1);
	x[0] = (unsigned short)v;
	x[1] = (unsigned short)(v >> 16);
	x[2] = (unsigned short)(v >> 32);
	return v;
}

double erand48(unsigned short x[3])
{
	return (double)next(x) / 281474976710656.0;	/* 2^48 */
}

double drand48(void)
{
	return erand48(seed);
}

long nrand48(unsigned short x[3])
{
	return (long)(next(x) >> 17);
}

long lrand48(void)
{
	return nrand48(seed);
}

long jrand48(unsigned short x[3])
{
	return (long)(int32_t)(uint32_t)(next(x) >> 16);
}

long mrand48(void)
{
	return jrand48(seed);
}

void srand48(long s)
{
	seed[0] = 0x330e;
	seed[1] = (unsigned short)s;
	seed[2] = (unsigned short)((unsigned long)s >> 16);
	mult = 0x5deece66dULL;
	add = 0xb;
}

unsigned short *seed48(unsigned short s[3])
{
	static unsigned short old[3];

	old[0] = seed[0];
	old[1] = seed[1];
	old[2] = seed[2];
	seed[0] = s[0];
	seed[1] = s[1];
	seed[2] = s[2];
	mult = 0x5deece66dULL;
	add = 0xb;
	return old;
}

void lcong48(unsigned short p[7])
{
	seed[0] = p[0];
	seed[1] = p[1];
	seed[2] = p[2];
	mult = (uint64_t)p[3] | (uint64_t)p[4] << 16 | (uint64_t)p[5] << 32;
	add = p[6];
}
