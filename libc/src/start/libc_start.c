/*
 * __libc_start: from the initial stack to main().  Order matters: the
 * syscall entry comes first (every later step makes syscalls), then the
 * thread pointer (errno lives in the TCB), then constructors and main.
 */
#include <stdlib.h>
#include <string.h>
#include "../internal/libc.h"

uintptr_t __redox_syscall_entry;
struct __libc_info __libc;
char **environ;
char *program_invocation_name = "";
char *program_invocation_short_name = "";

int main(int argc, char **argv, char **envp);

/* The linker defines these around .init_array and .fini_array. */
extern void (*__init_array_start[])(void) __attribute__((visibility("hidden")));
extern void (*__init_array_end[])(void) __attribute__((visibility("hidden")));

/* The main thread's TCB and TLS; most programs' TLS fits here, so startup
 * needs no mmap.  Larger TLS images get a mapping. */
static _Alignas(64) unsigned char main_tls[1024];

static void set_names(char *argv0)
{
	char *slash;

	if (argv0 == NULL)
		return;
	program_invocation_name = argv0;
	slash = strrchr(argv0, '/');
	program_invocation_short_name = slash ? slash + 1 : argv0;
}

_Noreturn void __libc_start(uintptr_t *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	uintptr_t *auxv;
	struct __pthread *tp;
	size_t need;
	void *mem = main_tls;
	size_t i, n;

	for (auxv = (uintptr_t *)envp; *auxv != 0; auxv++)
		;
	__libc.auxv = ++auxv;
	for (; auxv[0] != AT_NULL; auxv += 2) {
		switch (auxv[0]) {
		case AT_REDOX_SYSCALL: __redox_syscall_entry = auxv[1]; break;
		case AT_PHDR: __libc.phdr = auxv[1]; break;
		case AT_PHNUM: __libc.phnum = auxv[1]; break;
		case AT_PHENT: __libc.phent = auxv[1]; break;
		case AT_PAGESZ: __libc.pagesz = auxv[1]; break;
		case AT_RANDOM: __libc.random = (const unsigned char *)auxv[1]; break;
		}
	}
	if (__libc.pagesz == 0)
		__libc.pagesz = 4096;

	need = __tls_area_size();
	if (need > sizeof(main_tls)) {
		long r = __syscall5(SYS_MMAP, 0, need,
		    PROT_READ | PROT_WRITE | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (r < 0 && r > -4096)
			__syscall1(SYS_EXIT, 127);
		mem = (void *)r;
	} else {
		need = sizeof(main_tls);
	}
	tp = __tls_init(mem, need);
	if (__libc.random != NULL)
		memcpy(&tp->canary, __libc.random, sizeof(tp->canary));
	tp->canary &= ~(uintptr_t)0xff;	/* a NUL byte stops string overreads */
	tp->state = THREAD_RUNNING;
	/* Without a TLS block, %fs reaches only the TCB's head (libc.h). */
	__syscall2(SYS_SET_TP, tp, __tls_block_size() == 0 ? SET_TP_HEAD : 0);
	tp->tid = (int)__syscall0(SYS_GETTID);

	environ = envp;
	set_names(argv[0]);

	n = (size_t)(__init_array_end - __init_array_start);
	for (i = 0; i < n; i++)
		__init_array_start[i]();

	exit(main(argc, argv, envp));
}
