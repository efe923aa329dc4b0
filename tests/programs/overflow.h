/*
 * overflow.h - for the fault tests: recurses with 1 KiB frames and no
 * syscalls until the stack runs out (SIGSEGV).
 */
#ifndef OVERFLOW_H
#define OVERFLOW_H

static volatile int overflow_forever = 1;

static int
overflow_stack(int n)
{
	volatile char frame[1024];

	frame[0] = (char)n;
	return overflow_forever ? overflow_stack(n + 1) + frame[0] : 0;
}

#endif
