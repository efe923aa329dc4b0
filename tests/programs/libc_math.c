/* libc_math: math.h (libc/src/math/).  Exact results where the library
 * promises them, special values, errno, and the rest within a tolerance;
 * the ulp-level comparison with glibc is libc/tests/math_glibc.c.  Inside
 * the OS this also checks that the x87 unit the functions use is set up. */
#define NAME "libc_math"
#include <errno.h>
#include <math.h>

#include "check.h"

/* Values through a volatile, so gcc cannot fold the calls. */
static volatile double v0 = 0.0, v1 = 1.0, v2 = 2.0, v3 = 3.0, v10 = 10.0;

#define NEAR(got, want, tol) CHECK(fabs((got) - (want)) <= (tol) * fabs(want))

int main(void)
{
	double ip;
	int e;

	/* classification */
	CHECK(isnan(NAN));
	CHECK(!isnan(v1));
	CHECK(isinf(INFINITY) && isinf(-HUGE_VAL));
	CHECK(!isinf(v1));
	CHECK(isfinite(v1) && !isfinite(INFINITY) && !isfinite(NAN));
	CHECK(signbit(-0.0) && !signbit(v0) && signbit(-v1));
	CHECK_INT(fpclassify(v0), FP_ZERO);
	CHECK_INT(fpclassify(v1), FP_NORMAL);
	CHECK_INT(fpclassify(4.9e-324 * v1), FP_SUBNORMAL);

	/* exact functions */
	CHECK(fabs(-v2) == 2.0);
	CHECK(floor(2.7 * v1) == 2.0 && floor(-2.2 * v1) == -3.0);
	CHECK(signbit(floor(-0.0 * v1)));
	CHECK(ceil(2.2 * v1) == 3.0 && ceil(-2.7 * v1) == -2.0);
	CHECK(signbit(ceil(-0.5 * v1)));
	CHECK(trunc(-2.7 * v1) == -2.0 && trunc(1e300 * v1) == 1e300);
	CHECK(round(2.5 * v1) == 3.0 && round(-2.5 * v1) == -3.0 && round(0.49999999999999994 * v1) == 0.0);
	CHECK_INT(lround(-3.5 * v1), -4);
	CHECK(fmod(7.5 * v1, v2) == 1.5 && fmod(-7.5 * v1, v2) == -1.5);
	CHECK(fmod(1e300 * v1, 7 * v1) == 1.0);	/* the double 1e300 is 7k + 1 */
	errno = 0;
	CHECK(isnan(fmod(v1, v0)) && errno == EDOM);
	CHECK(sqrt(16 * v1) == 4.0 && sqrt(v2) * sqrt(v2) == 2.0000000000000004);
	CHECK(sqrt(144 * v1) == 12.0 && sqrt(0x1p-1000 * v1) == 0x1p-500);
	errno = 0;
	CHECK(isnan(sqrt(-v1)) && errno == EDOM);
	CHECK(ldexp(v3, 4) == 48.0 && ldexp(v1, -1074) == 4.9e-324);
	CHECK(frexp(48 * v1, &e) == 0.75 && e == 6);
	CHECK(modf(-3.25 * v1, &ip) == -0.25 && ip == -3.0);
	CHECK(copysign(v3, -v0) == -3.0);
	CHECK(fmin(v1, v2) == 1.0 && fmax(v1, NAN) == 1.0);
	CHECK(hypot(v3, 4 * v1) == 5.0);

	/* pow: exact for the easy cases */
	CHECK(pow(v2, 10) == 1024.0);
	CHECK(pow(v10, 15) == 1e15);
	CHECK(pow(v2, -3) == 0.125);
	CHECK(pow(-v2, 3) == -8.0 && pow(-v2, 4) == 16.0);
	CHECK(pow(v3, 0) == 1.0 && pow(NAN, 0) == 1.0 && pow(v1, NAN) == 1.0);
	CHECK(pow(16 * v1, 0.5) == 4.0);
	CHECK(pow(v2, 1000) == 0x1p1000);
	CHECK(pow(v0, -1) == INFINITY && pow(-0.0 * v1, -1) == -INFINITY);
	errno = 0;
	CHECK(isnan(pow(-v2, 0.5)) && errno == EDOM);
	errno = 0;
	CHECK(pow(v10, 400) == HUGE_VAL && errno == ERANGE);
	NEAR(pow(v2, 0.5 * v1 + 1e-9 * v0), M_SQRT2, 1e-15);
	NEAR(pow(v10, 2.5), 316.22776601683796, 1e-15);

	/* exp and logs */
	CHECK(exp(v0) == 1.0);
	NEAR(exp(v1), M_E, 1e-15);
	NEAR(exp(-v10), 4.5399929762484854e-05, 1e-15);
	errno = 0;
	CHECK(exp(1000 * v1) == HUGE_VAL && errno == ERANGE);
	CHECK(exp(-INFINITY) == 0.0);
	CHECK(log(v1) == 0.0);
	NEAR(log(M_E * v1), 1.0, 1e-15);
	NEAR(log(v10), M_LN10, 1e-15);
	errno = 0;
	CHECK(log(v0) == -HUGE_VAL && errno == ERANGE);
	errno = 0;
	CHECK(isnan(log(-v1)) && errno == EDOM);
	CHECK(log2(1024 * v1) == 10.0 && log2(0.125 * v1) == -3.0);
	CHECK(log10(1000 * v1) == 3.0 && log10(1e22 * v1) == 22.0);
	NEAR(log10(v2), 0.3010299956639812, 1e-15);
	CHECK(exp2(v10) == 1024.0);

	/* trigonometry */
	CHECK(sin(v0) == 0.0 && cos(v0) == 1.0 && tan(v0) == 0.0);
	CHECK(signbit(sin(-0.0 * v1)));
	NEAR(sin(M_PI_2 * v1), 1.0, 1e-16);
	NEAR(sin(M_PI / 6 * v1), 0.5, 1e-15);
	NEAR(cos(M_PI / 3 * v1), 0.5, 1e-15);
	CHECK(fabs(sin(M_PI * v1)) < 1.3e-16);
	NEAR(cos(M_PI * v1), -1.0, 1e-16);
	NEAR(tan(M_PI_4 * v1), 1.0, 1e-15);
	NEAR(sin(100 * v1), -0.50636564110975879, 1e-15);
	NEAR(cos(1e6 * v1), 0.93675212753314474, 1e-14);
	errno = 0;
	CHECK(isnan(sin(INFINITY)) && errno == EDOM);
	CHECK(atan(v1) == M_PI_4);
	CHECK(atan(INFINITY) == M_PI_2);
	NEAR(atan(v10), 1.4711276743037347, 1e-15);
	CHECK(atan2(v0, -v1) == M_PI && atan2(-v1, v0) == -M_PI_2);
	NEAR(atan2(v1, v1), M_PI_4, 1e-16);
	NEAR(atan2(-v1, -v1), -3 * M_PI_4, 1e-16);
	NEAR(asin(0.5 * v1), M_PI / 6, 1e-15);
	NEAR(acos(0.5 * v1), M_PI / 3, 1e-15);
	CHECK(acos(v1) == 0.0 && asin(v1) == M_PI_2);
	errno = 0;
	CHECK(isnan(asin(v2)) && errno == EDOM);
	return finish();
}
