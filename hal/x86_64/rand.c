/*
 * rand.c - hal_random_seed(): RDSEED, else RDRAND, else a weak seed from
 * the RTC and TSC jitter (timing of port reads), with a warning.  The
 * core's CSPRNG stretches whatever it gets; this only has to be
 * unpredictable, and the fallback is said to be weak where it is used.
 */
#include "hal/hal.h"
#include "hal/x86_64/cpu.h"
#include "hal/x86_64/io.h"
#include "hal/x86_64/lib.h"
#include "hal/x86_64/rand.h"
#include "hal/x86_64/time.h"

static int
hw_word(uint64_t *v)
{
	for (int tries = 0; tries < 100; tries++) {
		uint8_t ok;
		if (x86_cpu.rdseed)
			__asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
		else
			__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
		if (ok)
			return 1;
		__asm__ volatile("pause");
	}
	return 0;
}

static uint64_t
mix(uint64_t x)
{
	/* splitmix64's finaliser: every input bit reaches every output bit. */
	x ^= x >> 30; x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27; x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static uint64_t
jitter_word(uint64_t state)
{
	for (int i = 0; i < 64; i++) {
		uint64_t t0 = rdtsc();
		(void)inb(0x61);	/* an I/O read takes a varying time */
		(void)inb(0x71);
		state = mix(state ^ (rdtsc() - t0) ^ ((uint64_t)i << 56));
	}
	return state;
}

void
hal_random_seed(void *buf, size_t len)
{
	static int warned;
	uint8_t *p = buf;
	int hw = x86_cpu.rdseed || x86_cpu.rdrand;
	uint64_t state = mix(rtc_read_unix() ^ rdtsc());

	if (!hw && !warned) {
		x86_printf("x86: warning: no RDRAND/RDSEED; random seed from RTC and TSC jitter (weak)\n");
		warned = 1;
	}
	while (len > 0) {
		uint64_t w;
		if (!hw || !hw_word(&w))
			w = state = jitter_word(state);
		size_t n = len < 8 ? len : 8;
		memcpy(p, &w, n);
		p += n;
		len -= n;
	}
}
