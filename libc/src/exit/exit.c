/* exit, atexit, quick_exit, _Exit, _exit, abort, and assert's failure
 * path. */
#include <stdlib.h>
#include <stdio.h>
#include <signal.h>
#include <errno.h>
#include <unistd.h>
#include "../internal/libc.h"

#define ATEXIT_MAX 64

static void (*handlers[ATEXIT_MAX])(void);
static int nhandlers;
static volatile uint32_t lock;

extern void (*__fini_array_start[])(void) __attribute__((visibility("hidden")));
extern void (*__fini_array_end[])(void) __attribute__((visibility("hidden")));

int atexit(void (*fn)(void))
{
	int r = -1;

	__lock(&lock);
	if (nhandlers < ATEXIT_MAX) {
		handlers[nhandlers++] = fn;
		r = 0;
	}
	__unlock(&lock);
	return r;
}

_Noreturn void __exit_process(int status)
{
	for (;;)
		__syscall1(SYS_EXIT, status);
}

_Noreturn void exit(int status)
{
	size_t n;

	/* handlers may call atexit themselves; take them one at a time */
	for (;;) {
		void (*fn)(void) = NULL;
		__lock(&lock);
		if (nhandlers > 0)
			fn = handlers[--nhandlers];
		__unlock(&lock);
		if (fn == NULL)
			break;
		fn();
	}
	n = (size_t)(__fini_array_end - __fini_array_start);
	while (n-- > 0)
		__fini_array_start[n]();
	__stdio_flush_all();
	__exit_process(status);
}

/* quick_exit: its own handlers, in reverse order, and no stdio flush. */
static void (*quick[ATEXIT_MAX])(void);
static int nquick;

int at_quick_exit(void (*fn)(void))
{
	int r = -1;

	__lock(&lock);
	if (nquick < ATEXIT_MAX) {
		quick[nquick++] = fn;
		r = 0;
	}
	__unlock(&lock);
	return r;
}

_Noreturn void quick_exit(int status)
{
	for (;;) {
		void (*fn)(void) = NULL;
		__lock(&lock);
		if (nquick > 0)
			fn = quick[--nquick];
		__unlock(&lock);
		if (fn == NULL)
			break;
		fn();
	}
	__exit_process(status);
}

_Noreturn void _Exit(int status)
{
	__exit_process(status);
}

_Noreturn void _exit(int status)
{
	__exit_process(status);
}

/* abort: raise SIGABRT with the default action; if something caught or
 * blocked it, force the default and try again. */
_Noreturn void abort(void)
{
	sigset_t set;
	struct sigaction sa = { .sa_handler = SIG_DFL };

	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	raise(SIGABRT);
	sigaction(SIGABRT, &sa, NULL);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	__exit_process(128 + SIGABRT);
}

_Noreturn void __assert_fail(const char *expr, const char *file, int line,
    const char *func)
{
	fprintf(stderr, "%s: %s:%d: %s: assertion '%s' failed\n",
	    program_invocation_short_name, file, line, func, expr);
	abort();
}
