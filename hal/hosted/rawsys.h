/*
 * rawsys.h - Linux system calls without glibc, for the HAL calls the core
 * makes without a thunk (thunks.S says which).  They run on whatever FS
 * base is installed, often a program's, so they may not read TLS: no
 * errno (a failure is the negative errno the kernel returns), no stack
 * protector (mk/hosted.mk builds their files without one).
 */
#ifndef HAL_HOSTED_RAWSYS_H
#define HAL_HOSTED_RAWSYS_H

static inline long
hosted_rawsys(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	register long r10 __asm__("r10") = a3;
	register long r8 __asm__("r8") = a4;
	register long r9 __asm__("r9") = a5;
	long r;
	__asm__ volatile("syscall" : "=a"(r)
	    : "0"(nr), "D"(a0), "S"(a1), "d"(a2), "r"(r10), "r"(r8), "r"(r9)
	    : "rcx", "r11", "memory");
	return r;
}

#define hosted_rawsys3(nr, a, b, c) \
	hosted_rawsys((nr), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define hosted_rawsys4(nr, a, b, c, d) \
	hosted_rawsys((nr), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

#endif
