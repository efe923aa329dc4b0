/* redox.h - Redox-specific helpers for programs. */
#ifndef _REDOX_H
#define _REDOX_H

#include <features.h>
#include <stddef.h>
#include <sys/types.h>
#include <redox/abi.h>

__BEGIN_DECLS
/* A daemon started by init with `notify` calls this once it serves
 * requests: it writes one byte to the fd named by $INIT_NOTIFY and closes
 * it.  Without INIT_NOTIFY it does nothing.  Returns 0 or -1 (errno). */
int daemon_ready(void);

/* The URL of an open fd (SYS_FPATH); returns its length or -1. */
ssize_t redox_fpath(int fd, char *buf, size_t n);

/* The raw syscall: returns the kernel's result (negative errno on failure)
 * and never touches errno. */
long __syscall6(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
__END_DECLS

#endif
