/* rand: the POSIX example LCG, widened to 31 bits.  Not for secrets. */
#include <stdlib.h>

static unsigned long long state = 1;

static int step(unsigned long long *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)(*s >> 33);
}

int rand(void) { return step(&state); }
void srand(unsigned seed) { state = seed; }
long random(void) { return step(&state); }
void srandom(unsigned seed) { state = seed; }

int rand_r(unsigned *seed)
{
	unsigned long long s = *seed;
	int r = step(&s);

	*seed = (unsigned)s;
	return r;
}
