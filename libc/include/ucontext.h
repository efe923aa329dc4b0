/* ucontext.h - what an SA_SIGINFO handler's third argument points at:
 * the interrupted registers (struct redox_ucontext's layout).  Reading
 * them is supported; getcontext/setcontext/makecontext are not here. */
#ifndef _UCONTEXT_H
#define _UCONTEXT_H

#include <sys/ucontext.h>

#endif
