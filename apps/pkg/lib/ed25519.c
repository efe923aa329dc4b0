/*
 * Ed25519 over GF(2^255 - 19).  Field elements are five 51-bit limbs
 * (products fit unsigned __int128); points are extended twisted Edwards
 * coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z, added with the
 * complete formula for a = -1, which also doubles.  Scalars mod L are
 * reduced by binary long division with masked subtraction: slow next to
 * Barrett, but short and obviously right, and we sign a package at a time.
 */
#include <errno.h>
#include <string.h>

#include "apps/pkg/lib/ed25519.h"
#include "apps/pkg/lib/sha512.h"

typedef struct { uint64_t v[5]; } fe;
typedef struct { fe x, y, z, t; } ge;

#define M51 ((1ULL << 51) - 1)

static const uint8_t D_BYTES[32] = {
	0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41, 0x41,
	0x4d, 0x0a, 0x70, 0x00, 0x98, 0xe8, 0x79, 0x77, 0x79, 0x40, 0xc7, 0x8c,
	0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c, 0x03, 0x52,
};
static const uint8_t D2_BYTES[32] = {
	0x59, 0xf1, 0xb2, 0x26, 0x94, 0x9b, 0xd6, 0xeb, 0x56, 0xb1, 0x83, 0x82,
	0x9a, 0x14, 0xe0, 0x00, 0x30, 0xd1, 0xf3, 0xee, 0xf2, 0x80, 0x8e, 0x19,
	0xe7, 0xfc, 0xdf, 0x56, 0xdc, 0xd9, 0x06, 0x24,
};
/* sqrt(-1) = 2^((p-1)/4) */
static const uint8_t SQRTM1_BYTES[32] = {
	0xb0, 0xa0, 0x0e, 0x4a, 0x27, 0x1b, 0xee, 0xc4, 0x78, 0xe4, 0x2f, 0xad,
	0x06, 0x18, 0x43, 0x2f, 0xa7, 0xd7, 0xfb, 0x3d, 0x99, 0x00, 0x4d, 0x2b,
	0x0b, 0xdf, 0xc1, 0x4f, 0x80, 0x24, 0x83, 0x2b,
};
/* The group order L = 2^252 + 27742317777372353535851937790883648493. */
static const uint8_t L_BYTES[32] = {
	0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2,
	0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0x10,
};
/* The base point: y = 4/5, x even. */
static const uint8_t B_BYTES[32] = {
	0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
	0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
	0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
};

/* ---- the field ---- */

static uint64_t
load64(const uint8_t *p)
{
	uint64_t x = 0;
	int i;

	for (i = 7; i >= 0; i--)
		x = (x << 8) | p[i];
	return x;
}

static void
fe_frombytes(fe *h, const uint8_t s[32])
{
	h->v[0] = load64(s) & M51;
	h->v[1] = (load64(s + 6) >> 3) & M51;
	h->v[2] = (load64(s + 12) >> 6) & M51;
	h->v[3] = (load64(s + 19) >> 1) & M51;
	h->v[4] = (load64(s + 24) >> 12) & M51;	/* bit 255 dropped */
}

/* Brings every limb under 2^51 (limb 0 under 2^51 + 2^18 or so). */
static void
fe_carry(fe *h)
{
	uint64_t c;
	int i;

	for (i = 0; i < 4; i++) {
		c = h->v[i] >> 51;
		h->v[i] &= M51;
		h->v[i + 1] += c;
	}
	c = h->v[4] >> 51;
	h->v[4] &= M51;
	h->v[0] += 19 * c;
	c = h->v[0] >> 51;
	h->v[0] &= M51;
	h->v[1] += c;
}

static void
fe_tobytes(uint8_t s[32], const fe *f)
{
	fe h = *f;
	uint64_t q;
	int i, bit;

	fe_carry(&h);
	/* q = 1 iff h >= p, i.e. h + 19 reaches 2^255. */
	q = (h.v[0] + 19) >> 51;
	for (i = 1; i < 5; i++)
		q = (h.v[i] + q) >> 51;
	h.v[0] += 19 * q;
	for (i = 0; i < 4; i++) {
		h.v[i + 1] += h.v[i] >> 51;
		h.v[i] &= M51;
	}
	h.v[4] &= M51;
	memset(s, 0, 32);
	for (i = 0, bit = 0; i < 5; i++, bit += 51) {
		unsigned __int128 w = (unsigned __int128)h.v[i] << (bit % 8);
		int b = bit / 8, k;
		for (k = 0; k < 8 && b + k < 32; k++)
			s[b + k] |= (uint8_t)(w >> (8 * k));
	}
}

static void
fe_set(fe *h, uint64_t x)
{
	memset(h, 0, sizeof *h);
	h->v[0] = x;
}

static void
fe_add(fe *h, const fe *f, const fe *g)
{
	int i;

	for (i = 0; i < 5; i++)
		h->v[i] = f->v[i] + g->v[i];
	fe_carry(h);
}

/* f - g + 4p keeps every limb positive for carried inputs. */
static void
fe_sub(fe *h, const fe *f, const fe *g)
{
	int i;

	h->v[0] = f->v[0] + 4 * (M51 - 18) - g->v[0];
	for (i = 1; i < 5; i++)
		h->v[i] = f->v[i] + 4 * M51 - g->v[i];
	fe_carry(h);
}

static void
fe_neg(fe *h, const fe *f)
{
	fe z;

	fe_set(&z, 0);
	fe_sub(h, &z, f);
}

static void
fe_mul(fe *h, const fe *f, const fe *g)
{
	unsigned __int128 r[5];
	uint64_t g19[5];
	int i, j;

	for (i = 0; i < 5; i++)
		g19[i] = 19 * g->v[i];
	/* Limb i*j lands at i+j; past 4 it wraps with 2^255 = 19. */
	for (i = 0; i < 5; i++) {
		r[i] = 0;
		for (j = 0; j < 5; j++) {
			int k = (i - j + 5) % 5;
			uint64_t gv = j <= i ? g->v[k] : g19[k];
			r[i] += (unsigned __int128)f->v[j] * gv;
		}
	}
	for (i = 0; i < 4; i++) {
		r[i + 1] += r[i] >> 51;
		r[i] &= M51;
	}
	r[0] += (r[4] >> 51) * 19;
	r[4] &= M51;
	r[1] += r[0] >> 51;
	r[0] &= M51;
	for (i = 0; i < 5; i++)
		h->v[i] = (uint64_t)r[i];
	fe_carry(h);
}

/* f^e for a public exponent e (32 bytes, little-endian). */
static void
fe_pow(fe *h, const fe *f, const uint8_t e[32])
{
	fe r;
	int i;

	fe_set(&r, 1);
	for (i = 255; i >= 0; i--) {
		fe_mul(&r, &r, &r);
		if ((e[i / 8] >> (i % 8)) & 1)
			fe_mul(&r, &r, f);
	}
	*h = r;
}

static void
fe_invert(fe *h, const fe *f)
{
	uint8_t e[32];

	memset(e, 0xff, sizeof e);	/* p - 2 = 2^255 - 21 */
	e[0] = 0xeb;
	e[31] = 0x7f;
	fe_pow(h, f, e);
}

static int
fe_iszero(const fe *f)
{
	uint8_t s[32], acc = 0;
	int i;

	fe_tobytes(s, f);
	for (i = 0; i < 32; i++)
		acc |= s[i];
	return acc == 0;
}

static int
fe_eq(const fe *f, const fe *g)
{
	fe d;

	fe_sub(&d, f, g);
	return fe_iszero(&d);
}

static int
fe_isodd(const fe *f)
{
	uint8_t s[32];

	fe_tobytes(s, f);
	return s[0] & 1;
}

/* Swaps f and g when b is 1, without a branch. */
static void
fe_cswap(fe *f, fe *g, uint64_t b)
{
	uint64_t m = 0 - b, t;
	int i;

	for (i = 0; i < 5; i++) {
		t = m & (f->v[i] ^ g->v[i]);
		f->v[i] ^= t;
		g->v[i] ^= t;
	}
}

/* ---- the group ---- */

static void
ge_identity(ge *p)
{
	fe_set(&p->x, 0);
	fe_set(&p->y, 1);
	fe_set(&p->z, 1);
	fe_set(&p->t, 0);
}

static void
ge_add(ge *r, const ge *p, const ge *q)
{
	fe a, b, c, d, e, f, g, h, t, d2;

	fe_frombytes(&d2, D2_BYTES);
	fe_sub(&a, &p->y, &p->x);
	fe_sub(&t, &q->y, &q->x);
	fe_mul(&a, &a, &t);
	fe_add(&b, &p->y, &p->x);
	fe_add(&t, &q->y, &q->x);
	fe_mul(&b, &b, &t);
	fe_mul(&c, &p->t, &q->t);
	fe_mul(&c, &c, &d2);
	fe_mul(&d, &p->z, &q->z);
	fe_add(&d, &d, &d);
	fe_sub(&e, &b, &a);
	fe_sub(&f, &d, &c);
	fe_add(&g, &d, &c);
	fe_add(&h, &b, &a);
	fe_mul(&r->x, &e, &f);
	fe_mul(&r->y, &g, &h);
	fe_mul(&r->t, &e, &h);
	fe_mul(&r->z, &f, &g);
}

static void
ge_cswap(ge *p, ge *q, uint64_t b)
{
	fe_cswap(&p->x, &q->x, b);
	fe_cswap(&p->y, &q->y, b);
	fe_cswap(&p->z, &q->z, b);
	fe_cswap(&p->t, &q->t, b);
}

/* r = [k]p, k 32 bytes little-endian: a ladder, the same work per bit. */
static void
ge_scalarmult(ge *r, const ge *p, const uint8_t k[32])
{
	ge r0, r1;
	int i;

	ge_identity(&r0);
	r1 = *p;
	for (i = 255; i >= 0; i--) {
		uint64_t b = (k[i / 8] >> (i % 8)) & 1;
		ge_cswap(&r0, &r1, b);
		ge_add(&r1, &r0, &r1);
		ge_add(&r0, &r0, &r0);
		ge_cswap(&r0, &r1, b);
	}
	*r = r0;
}

static void
ge_tobytes(uint8_t s[32], const ge *p)
{
	fe zi, x, y;

	fe_invert(&zi, &p->z);
	fe_mul(&x, &p->x, &zi);
	fe_mul(&y, &p->y, &zi);
	fe_tobytes(s, &y);
	s[31] |= (uint8_t)(fe_isodd(&x) << 7);
}

/* RFC 8032 5.1.3; non-canonical y and x = 0 with the sign bit refused. */
static int
ge_frombytes(ge *p, const uint8_t s[32])
{
	uint8_t chk[32], e[32];
	fe u, v, v3, t, x, d, one;
	int sign = s[31] >> 7;

	fe_frombytes(&p->y, s);
	fe_tobytes(chk, &p->y);
	chk[31] |= (uint8_t)(sign << 7);
	if (memcmp(chk, s, 32) != 0)
		return -EINVAL;
	fe_frombytes(&d, D_BYTES);
	fe_set(&one, 1);
	fe_mul(&u, &p->y, &p->y);
	fe_mul(&v, &u, &d);
	fe_sub(&u, &u, &one);		/* u = y^2 - 1 */
	fe_add(&v, &v, &one);		/* v = d y^2 + 1 */
	/* x = u v^3 (u v^7)^((p-5)/8) */
	fe_mul(&v3, &v, &v);
	fe_mul(&v3, &v3, &v);
	fe_mul(&t, &v3, &v3);
	fe_mul(&t, &t, &v);
	fe_mul(&t, &t, &u);
	memset(e, 0xff, sizeof e);	/* 2^252 - 3 */
	e[0] = 0xfd;
	e[31] = 0x0f;
	fe_pow(&t, &t, e);
	fe_mul(&x, &t, &v3);
	fe_mul(&x, &x, &u);
	fe_mul(&t, &x, &x);
	fe_mul(&t, &t, &v);		/* v x^2 */
	if (!fe_eq(&t, &u)) {
		fe nu, i;
		fe_neg(&nu, &u);
		if (!fe_eq(&t, &nu))
			return -EINVAL;
		fe_frombytes(&i, SQRTM1_BYTES);
		fe_mul(&x, &x, &i);
	}
	if (fe_iszero(&x) && sign)
		return -EINVAL;
	if (fe_isodd(&x) != sign)
		fe_neg(&x, &x);
	p->x = x;
	fe_set(&p->z, 1);
	fe_mul(&p->t, &p->x, &p->y);
	return 0;
}

/* ---- scalars mod L, as eight 32-bit words ---- */

static void
sc_load(uint32_t w[], const uint8_t *s, int nwords)
{
	int i;

	for (i = 0; i < nwords; i++)
		w[i] = (uint32_t)s[4 * i] | (uint32_t)s[4 * i + 1] << 8 |
		    (uint32_t)s[4 * i + 2] << 16 | (uint32_t)s[4 * i + 3] << 24;
}

/* out = (the nwords-word number x) mod L, a bit at a time. */
static void
sc_reduce(uint8_t out[32], const uint32_t *x, int nwords)
{
	uint32_t l[8], r[8] = {0}, t[8];
	int i, j;

	sc_load(l, L_BYTES, 8);
	for (i = nwords * 32 - 1; i >= 0; i--) {
		uint64_t borrow = 0;
		uint32_t m;
		/* r < L < 2^253, so 2r + 1 fits eight words. */
		for (j = 7; j > 0; j--)
			r[j] = r[j] << 1 | r[j - 1] >> 31;
		r[0] = r[0] << 1 | ((x[i / 32] >> (i % 32)) & 1);
		for (j = 0; j < 8; j++) {
			uint64_t d = (uint64_t)r[j] - l[j] - borrow;
			t[j] = (uint32_t)d;
			borrow = (d >> 63) & 1;
		}
		m = (uint32_t)borrow - 1;	/* all ones when r >= L */
		for (j = 0; j < 8; j++)
			r[j] = (t[j] & m) | (r[j] & ~m);
	}
	for (i = 0; i < 32; i++)
		out[i] = (uint8_t)(r[i / 4] >> (8 * (i % 4)));
}

/* out = (a b + c) mod L */
static void
sc_muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32],
    const uint8_t c[32])
{
	uint32_t aw[8], bw[8], cw[8], p[16] = {0};
	uint64_t carry;
	int i, j;

	sc_load(aw, a, 8);
	sc_load(bw, b, 8);
	sc_load(cw, c, 8);
	for (i = 0; i < 8; i++) {
		carry = 0;
		for (j = 0; j < 8; j++) {
			uint64_t v = (uint64_t)aw[i] * bw[j] + p[i + j] + carry;
			p[i + j] = (uint32_t)v;
			carry = v >> 32;
		}
		p[i + 8] = (uint32_t)carry;
	}
	carry = 0;
	for (i = 0; i < 16; i++) {
		uint64_t v = (uint64_t)p[i] + (i < 8 ? cw[i] : 0) + carry;
		p[i] = (uint32_t)v;
		carry = v >> 32;
	}
	sc_reduce(out, p, 16);
}

static void
sc_from_hash(uint8_t out[32], const uint8_t h[64])
{
	uint32_t w[16];

	sc_load(w, h, 16);
	sc_reduce(out, w, 16);
}

/* s < L, compared from the top byte down (public data). */
static int
sc_canonical(const uint8_t s[32])
{
	int i;

	for (i = 31; i >= 0; i--) {
		if (s[i] < L_BYTES[i])
			return 1;
		if (s[i] > L_BYTES[i])
			return 0;
	}
	return 0;
}

/* ---- the signature scheme ---- */

static void
expand(const uint8_t seed[32], uint8_t a[32], uint8_t prefix[32])
{
	uint8_t h[64];

	sha512(seed, 32, h);
	memcpy(a, h, 32);
	a[0] &= 248;
	a[31] &= 127;
	a[31] |= 64;
	memcpy(prefix, h + 32, 32);
	memset(h, 0, sizeof h);
}

void
ed25519_pubkey(uint8_t pub[32], const uint8_t seed[32])
{
	uint8_t a[32], prefix[32];
	ge b, p;

	expand(seed, a, prefix);
	(void)ge_frombytes(&b, B_BYTES);
	ge_scalarmult(&p, &b, a);
	ge_tobytes(pub, &p);
	memset(a, 0, sizeof a);
	memset(prefix, 0, sizeof prefix);
}

static void
hram(uint8_t k[32], const uint8_t r[32], const uint8_t pub[32],
    const void *msg, size_t len)
{
	struct sha512 s;
	uint8_t h[64];

	sha512_init(&s);
	sha512_update(&s, r, 32);
	sha512_update(&s, pub, 32);
	sha512_update(&s, msg, len);
	sha512_final(&s, h);
	sc_from_hash(k, h);
}

void
ed25519_sign(uint8_t sig[64], const void *msg, size_t len,
    const uint8_t seed[32], const uint8_t pub[32])
{
	uint8_t a[32], prefix[32], h[64], r[32], k[32];
	struct sha512 s;
	ge b, rp;

	expand(seed, a, prefix);
	sha512_init(&s);
	sha512_update(&s, prefix, 32);
	sha512_update(&s, msg, len);
	sha512_final(&s, h);
	sc_from_hash(r, h);
	(void)ge_frombytes(&b, B_BYTES);
	ge_scalarmult(&rp, &b, r);
	ge_tobytes(sig, &rp);
	hram(k, sig, pub, msg, len);
	sc_muladd(sig + 32, k, a, r);
	memset(a, 0, sizeof a);
	memset(prefix, 0, sizeof prefix);
	memset(r, 0, sizeof r);
	memset(h, 0, sizeof h);
}

int
ed25519_verify(const uint8_t sig[64], const void *msg, size_t len,
    const uint8_t pub[32])
{
	uint8_t k[32], chk[32];
	ge a, b, sb, ka;

	if (!sc_canonical(sig + 32) || ge_frombytes(&a, pub) != 0)
		return -EINVAL;
	hram(k, sig, pub, msg, len);
	/* [S]B - [k]A must encode to R. */
	(void)ge_frombytes(&b, B_BYTES);
	ge_scalarmult(&sb, &b, sig + 32);
	fe_neg(&a.x, &a.x);
	fe_neg(&a.t, &a.t);
	ge_scalarmult(&ka, &a, k);
	ge_add(&sb, &sb, &ka);
	ge_tobytes(chk, &sb);
	return memcmp(chk, sig, 32) == 0 ? 0 : -EINVAL;
}
