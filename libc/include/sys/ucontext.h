/* sys/ucontext.h - ucontext_t and mcontext_t as on Linux/x86_64: gregs in
 * Linux's order (uc_mcontext.gregs[REG_RIP]), laid out as the kernel's
 * struct redox_ucontext (redox/abi.h). */
#ifndef _SYS_UCONTEXT_H
#define _SYS_UCONTEXT_H

#include <signal.h>

#define NGREG 23
typedef long long greg_t;
typedef greg_t gregset_t[NGREG];

enum {
	REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
	REG_RDI, REG_RSI, REG_RBP, REG_RBX, REG_RDX, REG_RAX, REG_RCX, REG_RSP,
	REG_RIP, REG_EFL, REG_CSGSFS, REG_ERR, REG_TRAPNO, REG_OLDMASK, REG_CR2
};

typedef struct {
	gregset_t gregs;
	void *fpregs;		/* the fxsave image, or NULL */
	unsigned long long __reserved1[8];
} mcontext_t;

typedef struct ucontext_t {
	unsigned long uc_flags;
	struct ucontext_t *uc_link;
	stack_t uc_stack;
	mcontext_t uc_mcontext;
	sigset_t uc_sigmask;
} ucontext_t;

_Static_assert(sizeof(ucontext_t) == sizeof(struct redox_ucontext), "ucontext_t");

#endif
