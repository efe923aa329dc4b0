/* setjmp.h - non-local jumps.  The signal mask is saved only by sigsetjmp
 * with a non-zero savemask. */
#ifndef _SETJMP_H
#define _SETJMP_H

#include <features.h>

typedef unsigned long jmp_buf[8];
typedef unsigned long sigjmp_buf[10];

__BEGIN_DECLS
int setjmp(jmp_buf env) __attribute__((returns_twice));
__noreturn void longjmp(jmp_buf env, int val);
int _setjmp(jmp_buf env) __attribute__((returns_twice));
__noreturn void _longjmp(jmp_buf env, int val);
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((returns_twice));
__noreturn void siglongjmp(sigjmp_buf env, int val);
__END_DECLS

#endif
