/* libc_fenv: fenv.h: exception flags raised by real arithmetic (double
 * on SSE, long double on x87), rounding modes that change results, and
 * saving/restoring the environment.  The flags and mode must also
 * survive the kernel's context switches (a sleep in between). */
#define NAME "libc_fenv"
#include <fenv.h>
#include <float.h>
#include <time.h>

#include "check.h"

static volatile double zero = 0.0, one = 1.0, three = 3.0, big = DBL_MAX, tiny = 1e-310;
static volatile long double lone = 1.0L, lthree = 3.0L;
static volatile double sink;

static void test_flags(void)
{
	fexcept_t saved;

	CHECK_INT(feclearexcept(FE_ALL_EXCEPT), 0);
	CHECK_INT(fetestexcept(FE_ALL_EXCEPT), 0);
	sink = one / zero;
	CHECK_INT(fetestexcept(FE_ALL_EXCEPT), FE_DIVBYZERO);
	feclearexcept(FE_DIVBYZERO);
	CHECK_INT(fetestexcept(FE_ALL_EXCEPT), 0);
	sink = one / three;
	CHECK_INT(fetestexcept(FE_ALL_EXCEPT), FE_INEXACT);
	feclearexcept(FE_ALL_EXCEPT);
	sink = zero / zero;
	CHECK_INT(fetestexcept(FE_INVALID), FE_INVALID);
	feclearexcept(FE_ALL_EXCEPT);
	sink = big * 2;
	CHECK_INT(fetestexcept(FE_OVERFLOW | FE_INEXACT), FE_OVERFLOW | FE_INEXACT);
	feclearexcept(FE_ALL_EXCEPT);
	sink = tiny * 1e-10;
	CHECK_INT(fetestexcept(FE_UNDERFLOW), FE_UNDERFLOW);
	/* the x87 unit's flags count too */
	feclearexcept(FE_ALL_EXCEPT);
	{
		volatile long double q = lone / lthree;
		(void)q;
	}
	CHECK_INT(fetestexcept(FE_INEXACT), FE_INEXACT);
	feclearexcept(FE_ALL_EXCEPT);
	CHECK_INT(fetestexcept(FE_ALL_EXCEPT), 0);
	CHECK_INT(feraiseexcept(FE_OVERFLOW), 0);
	CHECK_INT(fetestexcept(FE_ALL_EXCEPT), FE_OVERFLOW);
	CHECK_INT(fegetexceptflag(&saved, FE_ALL_EXCEPT), 0);
	feclearexcept(FE_ALL_EXCEPT);
	CHECK_INT(fesetexceptflag(&saved, FE_OVERFLOW | FE_INVALID), 0);
	CHECK_INT(fetestexcept(FE_ALL_EXCEPT), FE_OVERFLOW);
	feclearexcept(FE_ALL_EXCEPT);
}

static void test_rounding(void)
{
	/* volatile: each result is stored before the mode changes again
	 * (gcc assumes one rounding mode and could move the divisions) */
	volatile double nearest = one / three, up, down, zero_m;
	volatile long double lup, ldown;
	struct timespec ts = { 0, 20 * 1000000 };

	CHECK_INT(fegetround(), FE_TONEAREST);
	CHECK_INT(fesetround(FE_UPWARD), 0);
	CHECK_INT(fegetround(), FE_UPWARD);
	nanosleep(&ts, NULL);	/* the mode survives a context switch */
	up = one / three;
	lup = lone / lthree;
	CHECK_INT(fesetround(FE_DOWNWARD), 0);
	down = one / three;
	ldown = lone / lthree;
	CHECK_INT(fesetround(FE_TOWARDZERO), 0);
	zero_m = -one / three;
	CHECK_INT(fesetround(FE_TONEAREST), 0);
	/* 1/3 is not a double: up and down are neighbours, nearest is one
	 * of them (down), toward zero of -1/3 is -down */
	CHECK(up > down);
	CHECK(nearest == down);
	CHECK(zero_m == -down);
	CHECK(lup > ldown);
	CHECK(fesetround(12345) != 0);
	CHECK_INT(fegetround(), FE_TONEAREST);
}

static void test_env(void)
{
	fenv_t env, held;
	struct timespec ts = { 0, 20 * 1000000 };

	feclearexcept(FE_ALL_EXCEPT);
	fesetround(FE_UPWARD);
	feraiseexcept(FE_INEXACT);
	CHECK_INT(fegetenv(&env), 0);
	CHECK_INT(fesetenv(FE_DFL_ENV), 0);
	CHECK_INT(fegetround(), FE_TONEAREST);
	CHECK_INT(fetestexcept(FE_ALL_EXCEPT), 0);
	CHECK_INT(fesetenv(&env), 0);
	nanosleep(&ts, NULL);
	CHECK_INT(fegetround(), FE_UPWARD);
	CHECK_INT(fetestexcept(FE_ALL_EXCEPT), FE_INEXACT);
	fesetenv(FE_DFL_ENV);

	feraiseexcept(FE_OVERFLOW);
	CHECK_INT(feholdexcept(&held), 0);
	CHECK_INT(fetestexcept(FE_ALL_EXCEPT), 0);
	sink = one / zero;
	CHECK_INT(feupdateenv(&held), 0);
	CHECK_INT(fetestexcept(FE_ALL_EXCEPT), FE_OVERFLOW | FE_DIVBYZERO);
	fesetenv(FE_DFL_ENV);
}

int main(void)
{
	test_flags();
	test_rounding();
	test_env();
	return finish();
}
