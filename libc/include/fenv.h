/* fenv.h - the floating-point environment of x86_64: the SSE unit's
 * MXCSR (where double and float arithmetic happens) and the x87 unit
 * (long double) kept in step.  The constants and fenv_t are glibc's. */
#ifndef _FENV_H
#define _FENV_H

#include <features.h>

#define FE_INVALID	0x01
#define FE_DIVBYZERO	0x04
#define FE_OVERFLOW	0x08
#define FE_UNDERFLOW	0x10
#define FE_INEXACT	0x20
#define FE_ALL_EXCEPT	(FE_INEXACT | FE_DIVBYZERO | FE_UNDERFLOW | FE_OVERFLOW | FE_INVALID)

#define FE_TONEAREST	0
#define FE_DOWNWARD	0x400
#define FE_UPWARD	0x800
#define FE_TOWARDZERO	0xc00

typedef unsigned short fexcept_t;

/* fnstenv's 28 bytes, then MXCSR */
typedef struct {
	unsigned short __control_word, __reserved1;
	unsigned short __status_word, __reserved2;
	unsigned short __tags, __reserved3;
	unsigned int __eip;
	unsigned short __cs_selector;
	unsigned int __opcode : 11, __reserved4 : 5;
	unsigned int __data_offset;
	unsigned short __data_selector, __reserved5;
	unsigned int __mxcsr;
} fenv_t;

#define FE_DFL_ENV ((const fenv_t *)-1)

__BEGIN_DECLS
int feclearexcept(int e);
int fegetexceptflag(fexcept_t *f, int e);
int feraiseexcept(int e);
int fesetexceptflag(const fexcept_t *f, int e);
int fetestexcept(int e);
int fegetround(void);
int fesetround(int r);
int fegetenv(fenv_t *env);
int feholdexcept(fenv_t *env);
int fesetenv(const fenv_t *env);
int feupdateenv(const fenv_t *env);
__END_DECLS

#endif
