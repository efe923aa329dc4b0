/*
 * fenv.c - the floating-point environment: exception flags and rounding
 * mode in both MXCSR (SSE: float and double) and the x87 unit (long
 * double).  Flags are tested as the union of both units' flags and
 * cleared in both; raising sets them in MXCSR (no trap: exceptions stay
 * masked unless a program unmasks them itself).
 */
#include <fenv.h>

static unsigned get_mxcsr(void)
{
	unsigned m;

	__asm__ volatile ("stmxcsr %0" : "=m"(m));
	return m;
}

static void set_mxcsr(unsigned m)
{
	__asm__ volatile ("ldmxcsr %0" : : "m"(m));
}

static unsigned short get_x87_status(void)
{
	unsigned short sw;

	__asm__ volatile ("fnstsw %0" : "=m"(sw));
	return sw;
}

static unsigned short get_x87_control(void)
{
	unsigned short cw;

	__asm__ volatile ("fnstcw %0" : "=m"(cw));
	return cw;
}

static void set_x87_control(unsigned short cw)
{
	__asm__ volatile ("fldcw %0" : : "m"(cw));
}

int feclearexcept(int e)
{
	fenv_t env;

	e &= FE_ALL_EXCEPT;
	/* x87: edit the status word in the saved environment */
	__asm__ volatile ("fnstenv %0" : "=m"(env));
	env.__status_word &= (unsigned short)~e;
	__asm__ volatile ("fldenv %0" : : "m"(env));
	set_mxcsr(get_mxcsr() & ~(unsigned)e);
	return 0;
}

int fetestexcept(int e)
{
	return (int)((get_x87_status() | get_mxcsr()) & (unsigned)(e & FE_ALL_EXCEPT));
}

int feraiseexcept(int e)
{
	set_mxcsr(get_mxcsr() | (unsigned)(e & FE_ALL_EXCEPT));
	return 0;
}

int fegetexceptflag(fexcept_t *f, int e)
{
	*f = (fexcept_t)fetestexcept(e);
	return 0;
}

int fesetexceptflag(const fexcept_t *f, int e)
{
	e &= FE_ALL_EXCEPT;
	feclearexcept(e);
	return feraiseexcept(*f & e);
}

int fegetround(void)
{
	return get_x87_control() & 0xc00;
}

int fesetround(int r)
{
	if (r & ~0xc00)
		return -1;
	set_x87_control((unsigned short)((get_x87_control() & ~0xc00) | r));
	set_mxcsr((get_mxcsr() & ~0x6000u) | ((unsigned)r << 3));
	return 0;
}

int fegetenv(fenv_t *env)
{
	/* fnstenv masks every x87 exception: load the state straight back */
	__asm__ volatile ("fnstenv %0\n\tfldenv %0" : "+m"(*env));
	env->__mxcsr = get_mxcsr();
	return 0;
}

int fesetenv(const fenv_t *env)
{
	fenv_t cur;

	if (env == FE_DFL_ENV) {
		/* all exceptions masked, no flags, round to nearest */
		__asm__ volatile ("fnstenv %0" : "=m"(cur));
		cur.__control_word = 0x037f;
		cur.__status_word = 0;
		__asm__ volatile ("fldenv %0" : : "m"(cur));
		set_mxcsr(0x1f80);
		return 0;
	}
	__asm__ volatile ("fldenv %0" : : "m"(*env));
	set_mxcsr(env->__mxcsr);
	return 0;
}

int feholdexcept(fenv_t *env)
{
	fegetenv(env);
	feclearexcept(FE_ALL_EXCEPT);
	set_x87_control((unsigned short)(get_x87_control() | 0x3f));
	set_mxcsr(get_mxcsr() | 0x1f80);	/* every exception masked */
	return 0;
}

int feupdateenv(const fenv_t *env)
{
	int raised = fetestexcept(FE_ALL_EXCEPT);

	fesetenv(env);
	return feraiseexcept(raised);
}
