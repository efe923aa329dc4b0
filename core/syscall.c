/* syscall.c - the syscall dispatcher: numbers from core/abi.h to handlers. */
#include "core/abi.h"
#include "core/log.h"
#include "hal/hal.h"

long
core_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
	(void)nr; (void)a0; (void)a1; (void)a2; (void)a3; (void)a4; (void)a5;
	return -ENOSYS;
}

void
core_interrupt(void)
{
}

void
core_fault(int sig, uintptr_t addr, uintptr_t ip)
{
	log_panic("user fault %d at %p (ip %p) with no process model yet",
	    sig, (void *)addr, (void *)ip);
}
