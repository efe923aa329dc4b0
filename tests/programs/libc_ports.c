/* libc_ports: what the ports needed that libc lacked (libc/src/math/
 * mathx.c: log1p, expm1, asinh, acosh, atanh; the C99 strftime
 * conversions in libc/src/time/gmtime.c).  The reference values are
 * glibc's (x86_64, bookworm): log1p, expm1 and asinh within an ulp of
 * them, acosh and atanh within two (glibc's own bound for those). */
#define NAME "libc_ports"
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <time.h>

#include "check.h"

/* x, log1p(x), expm1(x), asinh(x), acosh(1 + x), atanh(x); 0 where the
 * function is not checked at x (expm1 overflows, atanh is out of domain). */
static const double rows[][6] = {
	{ 0x1.56e1fc2f8f359p-997, 0x1.56e1fc2f8f359p-997, 0x1.56e1fc2f8f359p-997, 0x1.56e1fc2f8f359p-997, 0x0p+0, 0x1.56e1fc2f8f359p-997 },
	{ 0x1.79ca10c924223p-67, 0x1.79ca10c924223p-67, 0x1.79ca10c924223p-67, 0x1.79ca10c924223p-67, 0x0p+0, 0x1.79ca10c924223p-67 },
	{ 0x1.9c511dc3a41dfp-29, 0x1.9c511db943c93p-29, 0x1.9c511dce0472bp-29, 0x1.9c511dc3a41dfp-29, 0x1.44e3af344a3cfp-14, 0x1.9c511dc3a41dfp-29 },
	{ 0x1.4f8b588e368f1p-17, 0x1.4f8aea9ae7317p-17, 0x1.4f8bc681cdfb6p-17, 0x1.4f8b588e1e8a2p-17, 0x1.2515eda9e793p-8, 0x1.4f8b588e6698fp-17 },
	{ 0x1.0624dd2f1a9fcp-10, 0x1.060354f8c3ebfp-10, 0x1.06466dfb8cf3ap-10, 0x1.0624da5218b95p-10, 0x1.6e53acbcdeba2p-5, 0x1.0624e2e91ed17p-10 },
	{ 0x1.999999999999ap-4, 0x1.8663f793c46c7p-4, 0x1.aec7b35a00d3ap-4, 0x1.98eb9e7e5fc3fp-4, 0x1.c636c1a882f2cp-2, 0x1.9af93cd234412p-4 },
	{ 0x1p-2, 0x1.c8ff7c79a9a22p-3, 0x1.22d78f0fa061ap-2, 0x1.facfb2399e637p-3, 0x1.62e42fefa39efp-1, 0x1.058aefa811452p-2 },
	{ 0x1p-1, 0x1.9f323ecbf984cp-2, 0x1.4c2531c3c0d38p-1, 0x1.ecc2caec5160ap-2, 0x1.ecc2caec5160ap-1, 0x1.193ea7aad030ap-1 },
	{ 0x1.8p-1, 0x1.1e85f5e7040dp-1, 0x1.1df3b68cfb9fp+0, 0x1.62e42fefa39efp-1, 0x1.28a7cbb850063p+0, 0x1.f2272ae325a57p-1 },
	{ 0x1.ff7ced916872bp-1, 0x1.62a2a2863e471p-1, 0x1.b72f42fa82325p+0, 0x1.c2e6b197dc715p-1, 0x1.50fe4d89ff034p+0, 0x1.e66cfde9c7c2dp+1 },
	{ 0x1.8p+0, 0x1.d5240f0e0e078p-1, 0x1.bda7fcc9f8a83p+1, 0x1.31dc0090b63d9p+0, 0x1.9119c13a31bbp+0, 0x0p+0 },
	{ 0x1p+1, 0x1.193ea7aad030ap+0, 0x1.98e64b8d4ddaep+2, 0x1.719218313d087p+0, 0x1.c34366179d427p+0, 0x0p+0 },
	{ 0x1.ep+1, 0x1.8ee290d0f2c6ap+0, 0x1.4c2b2d0a266e7p+5, 0x1.041fefb7ce8dfp+1, 0x1.1eb90fcb34cfap+1, 0x0p+0 },
	{ 0x1.4p+3, 0x1.32ee3b77f374cp+1, 0x1.5825dcf95056p+14, 0x1.7fc5c506d2bdbp+1, 0x1.8b635da7d161fp+1, 0x0p+0 },
	{ 0x1.edd2f1a9fbe77p+6, 0x1.34bba22cd5df5p+2, 0x1.1428e1cbc0143p+178, 0x1.60943fbdae50bp+2, 0x1.6117e477fc72dp+2, 0x0p+0 },
	{ 0x1.86ap+16, 0x1.7069f7a2d94f6p+3, 0x0p+0, 0x1.869825a9284f4p+3, 0x1.86983aa1d019bp+3, 0x0p+0 },
	{ 0x1.2a05f2p+33, 0x1.7069e2aa3184ep+4, 0x0p+0, 0x1.7b810429a7c2ap+4, 0x1.7b810429aea1dp+4, 0x0p+0 },
	{ 0x1.6345785d8ap+56, 0x1.3926cd770aa67p+5, 0x0p+0, 0x1.3eb25e36c934fp+5, 0x1.3eb25e36c934fp+5, 0x0p+0 },
	{ 0x1.7e43c8800759cp+996, 0x1.5963447f87fb5p+9, 0x0p+0, 0x1.59bbfd8b83e43p+9, 0x1.59bbfd8b83e43p+9, 0x0p+0 },
};

static const struct { long t; const char *want; } days[] = {
	{ 0, "19 70 1970 01 00 00 01/01/70 00:00:00 12:00:00 AM 00:00 70 01" },
	{ 951782400, "20 00 2000 09 09 09 02/29/00 00:00:00 12:00:00 AM 00:00 00 29" },
	{ 1230681600, "20 09 2009 01 52 52 12/31/08 00:00:00 12:00:00 AM 00:00 08 31" },
	{ 1700000000, "20 23 2023 46 46 46 11/14/23 22:13:20 10:13:20 PM 22:13 23 14" },
	{ 1704067199, "20 23 2023 52 53 52 12/31/23 23:59:59 11:59:59 PM 23:59 23 31" },
	{ 4102444800, "21 99 2099 53 00 00 01/01/00 00:00:00 12:00:00 AM 00:00 00 01" },
};

static int64_t ulps(double a, double b)
{
	int64_t ia, ib;

	if (a == b)
		return 0;
	memcpy(&ia, &a, 8);
	memcpy(&ib, &b, 8);
	return ia > ib ? ia - ib : ib - ia;
}

#define ULPS(got, want, n) do {						\
		double g_ = (got), w_ = (want);				\
		checks++;						\
		if (ulps(g_, w_) > (n)) {				\
			failures++;					\
			printf("%s: FAIL %s:%d: %s is %.17g, want %.17g\n", NAME, \
			    __FILE__, __LINE__, #got, g_, w_);		\
		}							\
	} while (0)

/* Through a volatile, so gcc cannot fold the calls. */
static volatile double vone = 1.0;

int main(void)
{
	char buf[128];
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		double x = rows[i][0] * vone;
		ULPS(log1p(x), rows[i][1], 1);
		if (rows[i][2] != 0)
			ULPS(expm1(x), rows[i][2], 1);
		ULPS(asinh(x), rows[i][3], 1);
		ULPS(asinh(-x), -rows[i][3], 1);
		ULPS(acosh(1 + x), rows[i][4], 2);
		if (rows[i][5] != 0) {
			ULPS(atanh(x), rows[i][5], 2);
			ULPS(atanh(-x), -rows[i][5], 2);
		}
		if (x <= 1)	/* log1p(-x/(1+x)) = -log1p(x) */
			ULPS(log1p(-x / (1 + x)), -rows[i][1], 2);
	}
	/* special values, errno */
	CHECK(expm1(-1e-300 * vone) == -1e-300);
	CHECK(signbit(expm1(-0.0 * vone)) && signbit(log1p(-0.0 * vone)));
	CHECK(signbit(asinh(-0.0 * vone)) && signbit(atanh(-0.0 * vone)));
	CHECK(expm1(-INFINITY) == -1 && expm1(INFINITY) == INFINITY && expm1(-800 * vone) == -1);
	CHECK(log1p(INFINITY) == INFINITY && asinh(-INFINITY) == -INFINITY && acosh(INFINITY) == INFINITY);
	CHECK(isnan(log1p(NAN)) && isnan(expm1(NAN)) && isnan(asinh(NAN)) && isnan(acosh(NAN)) && isnan(atanh(NAN)));
	CHECK(acosh(vone) == 0);
	ULPS(log1p(-0.5 * vone), -0x1.62e42fefa39efp-1, 1);
	ULPS(expm1(-0.5 * vone), -0x1.92e9a0720d3ecp-2, 1);
	errno = 0;
	CHECK(log1p(-vone) == -HUGE_VAL && errno == ERANGE);
	errno = 0;
	CHECK(isnan(log1p(-2 * vone)) && errno == EDOM);
	errno = 0;
	CHECK(expm1(1000 * vone) == HUGE_VAL && errno == ERANGE);
	errno = 0;
	CHECK(isnan(acosh(0.5 * vone)) && errno == EDOM);
	errno = 0;
	CHECK(atanh(vone) == HUGE_VAL && errno == ERANGE);
	errno = 0;
	CHECK(atanh(-vone) == -HUGE_VAL && errno == ERANGE);
	errno = 0;
	CHECK(isnan(atanh(2 * vone)) && errno == EDOM);

	/* strftime: C99's conversions, as glibc gives them in the C locale */
	for (i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		time_t t = (time_t)days[i].t;
		size_t n = strftime(buf, sizeof(buf), "%C %g %G %V %U %W %x %X %r %R %Ey %Od", gmtime(&t));
		CHECK(n == strlen(days[i].want));
		CHECK_STR(buf, days[i].want);
	}
	CHECK(strftime(buf, 4, "%x", gmtime(&(time_t){0})) == 0);	/* too small */
	return finish();
}
