/*
 * randd - rand:, a ChaCha20 CSPRNG.  Its key comes from the 16 seed bytes
 * the core put in AT_RANDOM (from the HAL: getrandom hosted, RDSEED/RDRAND
 * natively) and the clocks; bytes written to rand: are mixed in.  The key
 * is replaced after every request (fast key erasure), so earlier output
 * cannot be recomputed from a later state.
 */
#include <string.h>
#include <sys/auxv.h>
#include <time.h>

#include "schemes/lib/chardev.h"

struct rng {
	uint32_t key[8];
	uint64_t counter;
};

#define ROTL(a, b) (((a) << (b)) | ((a) >> (32 - (b))))
#define QR(a, b, c, d) (a += b, d ^= a, d = ROTL(d, 16), c += d, b ^= c, b = ROTL(b, 12), \
	a += b, d ^= a, d = ROTL(d, 8), c += d, b ^= c, b = ROTL(b, 7))

static void
chacha_block(const uint32_t key[8], uint64_t counter, uint32_t out[16])
{
	uint32_t in[16] = { 0x61707865, 0x3320646e, 0x79622d32, 0x6b206574,
		key[0], key[1], key[2], key[3], key[4], key[5], key[6], key[7],
		(uint32_t)counter, (uint32_t)(counter >> 32), 0, 0 };
	uint32_t x[16];
	memcpy(x, in, sizeof x);
	for (int i = 0; i < 10; i++) {
		QR(x[0], x[4], x[8], x[12]);
		QR(x[1], x[5], x[9], x[13]);
		QR(x[2], x[6], x[10], x[14]);
		QR(x[3], x[7], x[11], x[15]);
		QR(x[0], x[5], x[10], x[15]);
		QR(x[1], x[6], x[11], x[12]);
		QR(x[2], x[7], x[8], x[13]);
		QR(x[3], x[4], x[9], x[14]);
	}
	for (int i = 0; i < 16; i++)
		out[i] = x[i] + in[i];
}

/* Fills buf, then takes a fresh key from the stream. */
static void
rng_fill(struct rng *r, void *buf, size_t len)
{
	uint32_t blk[16];
	unsigned char *p = buf;
	while (len > 0) {
		chacha_block(r->key, r->counter++, blk);
		size_t n = len < sizeof blk ? len : sizeof blk;
		memcpy(p, blk, n);
		p += n;
		len -= n;
	}
	chacha_block(r->key, r->counter++, blk);
	memcpy(r->key, blk, sizeof r->key);
	memset(blk, 0, sizeof blk);
}

/* Mixes bytes into the key: key = first half of ChaCha(key ^ data). */
static void
rng_mix(struct rng *r, const void *data, size_t len)
{
	const unsigned char *d = data;
	uint32_t blk[16];
	while (len > 0) {
		uint32_t w[8] = { 0 };
		size_t n = len < sizeof w ? len : sizeof w;
		memcpy(w, d, n);
		for (int i = 0; i < 8; i++)
			r->key[i] ^= w[i];
		chacha_block(r->key, r->counter++, blk);
		memcpy(r->key, blk, sizeof r->key);
		d += n;
		len -= n;
	}
}

static int64_t
handle(void *ctx, const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	struct rng *r = ctx;
	int64_t res;
	if (chardev_answer("rand", rq, out, out_len, &res))
		return res;
	switch (rq->op) {
	case SCHEME_READ: {
		size_t n = rq->c < cap ? rq->c : cap;
		rng_fill(r, out, n);
		*out_len = (uint32_t)n;
		return (int64_t)n;
	}
	case SCHEME_WRITE:
		rng_mix(r, in, rq->len);
		return rq->len;
	default:
		return scheme_op_missing(rq->op);
	}
}

int
main(void)
{
	static struct rng r;
	const void *seed = (const void *)getauxval(AT_RANDOM);
	if (seed)
		rng_mix(&r, seed, 16);
	struct timespec ts[2];
	clock_gettime(CLOCK_REALTIME, &ts[0]);
	clock_gettime(CLOCK_MONOTONIC, &ts[1]);
	rng_mix(&r, ts, sizeof ts);
	return serve("rand", handle, &r) == 0 ? 0 : 1;
}
