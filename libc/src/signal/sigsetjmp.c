/* The signal-mask half of sigsetjmp/siglongjmp (registers: setjmp.S). */
#include <setjmp.h>
#include <signal.h>

void __sigsetjmp_save(sigjmp_buf env);

void __sigsetjmp_save(sigjmp_buf env)
{
	sigset_t old;

	sigprocmask(SIG_BLOCK, NULL, &old);
	env[8] = 1;
	env[9] = old;
}

_Noreturn void siglongjmp(sigjmp_buf env, int val)
{
	if (env[8]) {
		sigset_t set = env[9];
		sigprocmask(SIG_SETMASK, &set, NULL);
	}
	longjmp(env, val);
}
