/* libc_complex: complex.h against correctly rounded values (gcc's MPC
 * folding the same calls on the host), within 4 ulps of the result's
 * magnitude (these follow the textbook identities: cpow(i, 2) has an
 * imaginary part of 1e-16, not 0); gcc's complex multiplication and
 * division through libgcc; the special cases csqrt and cpow take care
 * of. */
#define NAME "libc_complex"
#include <complex.h>
#include <math.h>

#include "check.h"

/* |got - want| within 4 ulps of |want|, the pair measured together */
static int near(double complex got, double complex want)
{
	return cabs(got - want) <= 4 * 2.220446049250313e-16 * fmax(cabs(want), 1e-300);
}

#define NEAR(what, re, im) do {						\
		double complex r_ = (what##_v);				\
		checks++;						\
		if (!near(r_, CMPLX((re), (im)))) {			\
			failures++;					\
			printf("%s: FAIL %s is %.17g%+.17gi, want %.17g%+.17gi\n", NAME, \
			    what, creal(r_), cimag(r_), (double)(re), (double)(im)); \
		}							\
	} while (0)

int main(void)
{
	volatile double a = 1, b = 2;
	double complex z = a + b * I, w = 3 + 4 * I;
	double complex
	    cexp_v = cexp(1 + 2 * I), clog1_v = clog(-1), clog2_v = clog(1 + I),
	    csqrt1_v = csqrt(-4), csqrt2_v = csqrt(3 + 4 * I), csqrt3_v = csqrt(-3 - 4 * I),
	    cpow1_v = cpow(I, 2), cpow2_v = cpow(2 + I, 0.5 - I), csin_v = csin(1 + I),
	    ccos_v = ccos(1 + I), ctan_v = ctan(0.5 - 0.25 * I), csinh_v = csinh(1 - 2 * I),
	    ccosh_v = ccosh(1 - 2 * I), ctanh_v = ctanh(0.5 + 0.5 * I),
	    mul_v = z * w, div_v = w / z;
	const char *cexp = "cexp(1+2i)", *clog1 = "clog(-1)", *clog2 = "clog(1+i)",
	    *csqrt1 = "csqrt(-4)", *csqrt2 = "csqrt(3+4i)", *csqrt3 = "csqrt(-3-4i)",
	    *cpow1 = "cpow(i,2)", *cpow2 = "cpow(2+i,0.5-i)", *csin = "csin(1+i)",
	    *ccos = "ccos(1+i)", *ctan = "ctan(0.5-0.25i)", *csinh = "csinh(1-2i)",
	    *ccosh = "ccosh(1-2i)", *ctanh = "ctanh(0.5+0.5i)", *mul = "(1+2i)(3+4i)",
	    *div = "(3+4i)/(1+2i)";

	NEAR(cexp, -1.1312043837568135, 2.4717266720048188);
	NEAR(clog1, 0, 3.1415926535897931);
	NEAR(clog2, 0.34657359027997264, 0.78539816339744828);
	NEAR(csqrt1, 0, 2);
	NEAR(csqrt2, 2, 1);
	NEAR(csqrt3, 1, -2);
	NEAR(cpow1, -1, 0);
	NEAR(cpow2, 1.9978120114897204, -1.2887101242399013);
	NEAR(csin, 1.2984575814159773, 0.63496391478473613);
	NEAR(ccos, 0.83373002513114902, -0.98889770576286506);
	NEAR(ctan, 0.50450070269856395, -0.3124206925025888);
	NEAR(csinh, -0.48905625904129368, -1.4031192506220407);
	NEAR(ccosh, -0.64214812471551996, -1.0686074213827783);
	NEAR(ctanh, 0.56408314126749848, 0.40389645531602575);
	NEAR(mul, -5, 10);
	NEAR(div, 2.2, -0.4);
	CHECK(cabs(3 + 4 * I) == 5);
	CHECK(carg(-1 + 0 * I) == 3.1415926535897931);
	CHECK(creal(conj(z)) == 1 && cimag(conj(z)) == -2);
	CHECK(isinf(creal(cproj(INFINITY - 3 * I))) && signbit(cimag(cproj(INFINITY - 3 * I))));
	CHECK(creal(cpow(0, 0)) == 1 && cimag(cpow(0, 0)) == 0);
	CHECK(cabsf(3.0f + 4.0f * I) == 5.0f);
	return finish();
}
