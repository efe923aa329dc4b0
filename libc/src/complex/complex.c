/*
 * complex.c - the complex functions of complex.h from the real ones in
 * math.h, by the textbook identities (C11 annex G's special cases for
 * infinities and NaNs are not all followed):
 *   exp(x+iy) = e^x (cos y + i sin y)      log z = log|z| + i arg z
 *   sqrt z: from |z|, without cancellation  z^w = exp(w log z)
 *   sin(x+iy) = sin x cosh y + i cos x sinh y, and so on.
 */
#include <complex.h>
#include <math.h>

double creal(double complex z)
{
	return __real__ z;
}

double cimag(double complex z)
{
	return __imag__ z;
}

double cabs(double complex z)
{
	return hypot(__real__ z, __imag__ z);
}

double carg(double complex z)
{
	return atan2(__imag__ z, __real__ z);
}

double complex conj(double complex z)
{
	return CMPLX(__real__ z, -__imag__ z);
}

/* The Riemann sphere's projection: every infinity is +inf + i(+-0). */
double complex cproj(double complex z)
{
	if (isinf(__real__ z) || isinf(__imag__ z))
		return CMPLX(INFINITY, copysign(0.0, __imag__ z));
	return z;
}

double complex cexp(double complex z)
{
	double x = __real__ z, y = __imag__ z, r;

	if (y == 0)
		return CMPLX(exp(x), y);	/* keeps real inputs real */
	r = exp(x);
	return CMPLX(r * cos(y), r * sin(y));
}

double complex clog(double complex z)
{
	return CMPLX(log(cabs(z)), carg(z));
}

/* Kahan's way: t = sqrt((|x| + |z|) / 2) has no cancellation; the other
 * part is y / 2t, and the signs follow the principal branch. */
double complex csqrt(double complex z)
{
	double x = __real__ z, y = __imag__ z, t;

	if (x == 0 && y == 0)
		return CMPLX(0.0, y);
	if (isinf(y))
		return CMPLX(INFINITY, y);
	t = sqrt((fabs(x) + cabs(z)) / 2);
	if (x >= 0)
		return CMPLX(t, y / (2 * t));
	return CMPLX(fabs(y) / (2 * t), copysign(t, y));
}

double complex cpow(double complex z, double complex w)
{
	if (__real__ z == 0 && __imag__ z == 0) {
		if (__real__ w == 0 && __imag__ w == 0)
			return CMPLX(1.0, 0.0);
		if (__real__ w > 0 && __imag__ w == 0)
			return CMPLX(0.0, 0.0);
	}
	return cexp(w * clog(z));
}

double complex csin(double complex z)
{
	double x = __real__ z, y = __imag__ z;

	return CMPLX(sin(x) * cosh(y), cos(x) * sinh(y));
}

double complex ccos(double complex z)
{
	double x = __real__ z, y = __imag__ z;

	return CMPLX(cos(x) * cosh(y), -sin(x) * sinh(y));
}

double complex ctan(double complex z)
{
	return csin(z) / ccos(z);
}

double complex csinh(double complex z)
{
	double x = __real__ z, y = __imag__ z;

	return CMPLX(sinh(x) * cos(y), cosh(x) * sin(y));
}

double complex ccosh(double complex z)
{
	double x = __real__ z, y = __imag__ z;

	return CMPLX(cosh(x) * cos(y), sinh(x) * sin(y));
}

double complex ctanh(double complex z)
{
	return csinh(z) / ccosh(z);
}

float crealf(float complex z) { return __real__ z; }
float cimagf(float complex z) { return __imag__ z; }
float cabsf(float complex z) { return (float)cabs(z); }
float cargf(float complex z) { return (float)carg(z); }
float complex conjf(float complex z) { return CMPLXF(__real__ z, -__imag__ z); }
float complex cexpf(float complex z) { return (float complex)cexp(z); }
float complex clogf(float complex z) { return (float complex)clog(z); }
float complex csqrtf(float complex z) { return (float complex)csqrt(z); }
float complex cpowf(float complex z, float complex w) { return (float complex)cpow(z, w); }
